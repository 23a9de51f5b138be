/**
 * Plan → ReportModel: every string the PDF shows, built in one place from the Plan. Layout code
 * only places these strings; a sentence, a table and a chart that show one figure take it from
 * the same field here, so they cannot disagree.
 */
import {
  ASSET_TYPES,
  EMPLOYMENT_TYPES,
  INCOME_TYPES,
  LIABILITY_TYPES,
  MEMBER_ROLES,
  PENSION_SCHEMES,
  REPAYMENT_METHODS,
  RETIREMENT_CATEGORIES,
  RISK_LEVELS,
  SPENDING_CATEGORIES,
} from '../../domain/codes.js';
import { dec } from '../../domain/money.js';
import type { AssetGroup, LifeStage, Plan, Verdict } from '../../engine/plan-types.js';
import type { Theme } from '../brand/theme.js';
import {
  ageYearsMonths,
  dateText,
  deductionNumber,
  monthText,
  percent,
  ratio,
  spoken,
  wanNumber,
  columnUnit,
  inColumnUnit,
  type ColumnUnit,
  yearText,
  yuanNumber,
} from '../format.js';
import type { TemplateSet } from '../narrative/templates.js';
import type { TableRow } from '../pdf/writer.js';
import { buildAppendix } from './appendix.js';
import {
  buildActions,
  buildAssumptions,
  buildEducation,
  buildGoals,
  buildHousing,
  buildInsurance,
  buildInvestment,
  buildOtherGoals,
  buildRetirement,
  buildRisk,
  buildTax,
  findingSentences,
} from './sections.js';
import { buildFunding } from './funding.js';
import { buildSummary, type SummaryModel } from './summary.js';

export const LIFE_STAGE_LABELS: Record<LifeStage, string> = {
  single: '单身期',
  formation: '家庭形成期',
  growth: '家庭成长期',
  maturity: '家庭成熟期',
  retirement: '家庭衰老期（退休期）',
};

/** What the textbook puts first in each stage (the note under the stage on 客户基本情况). */
export const LIFE_STAGE_FOCUS: Record<LifeStage, string> = {
  single: '重点：积累应急准备金与职业保障，开始储蓄投资',
  formation: '重点：建立家庭保障，准备购房与子女教育',
  growth: '重点：子女教育金与家庭经济支柱的保障',
  maturity: '重点：加快养老储备，减少负债',
  retirement: '重点：资产稳健、医疗与长寿风险',
};

export const VERDICT_LABELS: Record<Verdict, string> = {
  good: '良好',
  watch: '关注',
  poor: '需改善',
  na: '不适用',
};

/**
 * Why a ratio has no value: printed in its verdict cell instead of a verdict, so "—" never stands
 * unexplained and a ratio over a zero or negative base is never judged (short: the cell is narrow).
 */
export const RATIO_NULL_REASONS: Record<NonNullable<Plan['ratios'][number]['reason']>, string> = {
  zero_denominator: '分母为零',
  negative_denominator: '分母为负',
  net_assets_not_positive: '净资产≤0',
  no_liabilities: '无负债',
};

export const ASSET_GROUP_LABELS: Record<AssetGroup, string> = {
  liquid: '流动性资产',
  investment: '投资性资产',
  retirement: '养老金融资产',
  realEstate: '房产',
  other: '其他资产',
};

export interface ReportModel {
  documentTitle: string;
  clientTitle: string;
  cover: {
    institution: string;
    tagline: string;
    title: string;
    familyLine: string;
    reportNumber: string;
    dateLine: string;
    plannerLine: string;
    /** "2026 秋季理财沙龙 · 2026年12月6日", or '' when the report is for no event. */
    eventLine: string;
    confidentiality: string;
  };
  letter: {
    clientTitle: string;
    institution: string;
    valuationMonthText: string;
    rulesAsOfText: string;
    disclaimer: string;
    contact: string;
    /** The sign-off: the planner ("雷亚莉（AFP）", '' when neither profile nor brand names one). */
    plannerSignature: string;
    /** "联系电话：138 0000 0000", from the profile or the brand; '' when neither has one. */
    plannerPhone: string;
    dateLine: string;
  };
  /** 客户确认: what the client signs, with the risk assessment and its date. */
  confirmation: {
    clientTitle: string;
    reportNumber: string;
    valuationMonthText: string;
    riskLevel: string;
    riskSource: string;
    /** "2026年10月15日", or '' when the profile does not give the date (a line to fill in). */
    riskAssessedOn: string;
    institution: string;
    plannerSignature: string;
  };
  client: {
    memberRows: TableRow[];
    lifeStage: string;
    lifeStageFocus: string;
    riskLevel: string;
    riskSource: string;
    retirementRows: TableRow[];
  };
  position: {
    netWorth: string;
    totalAssets: string;
    totalLiabilities: string;
    financialAssets: string;
    assetRows: TableRow[];
    liabilityRows: TableRow[];
    incomeRows: TableRow[];
    spendingRows: TableRow[];
    surplus: string;
    netIncome: string;
    ratioRows: TableRow[];
  };
  emergency: {
    targetMin: string;
    targetMax: string;
    unstable: boolean;
    liquid: string;
    gap: string;
    monthsText: string;
    monthsCovered: string;
    monthlyEssential: string;
    gapPositive: boolean;
  };
  summary: SummaryModel;
  goals: ReturnType<typeof buildGoals>;
  assumptions: ReturnType<typeof buildAssumptions>;
  insurance: ReturnType<typeof buildInsurance>;
  education: ReturnType<typeof buildEducation>;
  housing: ReturnType<typeof buildHousing>;
  retirement: ReturnType<typeof buildRetirement>;
  investment: ReturnType<typeof buildInvestment>;
  tax: ReturnType<typeof buildTax>;
  otherGoals: ReturnType<typeof buildOtherGoals>;
  risk: ReturnType<typeof buildRisk>;
  actions: ReturnType<typeof buildActions>;
  funding: ReturnType<typeof buildFunding>;
  appendix: ReturnType<typeof buildAppendix>;
  householdFindings: string[];
  forecast: {
    rows: TableRow[];
    chart: { labels: string[]; netWorthNominal: number[]; netWorthReal: number[] };
    flows: { labels: string[]; income: number[]; spending: number[] };
    firstYear: number;
    lastYear: number;
    conventions: string[];
    netWorthAtEnd: string;
    inflationText: string;
    /** The unit of each amount column (税后收入 … 年末净资产（今日价值）). */
    units: ColumnUnit[];
  };
}

function toWanNumber(s: string): number {
  // Chart values in 万元 with two decimals: the same rounding the tables use.
  return Number(wanNumber(s).replace(/,/g, ''));
}

export function buildReportModel(plan: Plan, theme: Theme, templates: TemplateSet): ReportModel {
  const clientTitle = plan.household.clientTitle;
  // "程先生" + "家庭理财规划书"; a title without 家庭 gets it: "王女士家庭" + "财富规划书".
  const documentTitle = `${clientTitle}${theme.reportTitle.startsWith('家庭') ? '' : '家庭'}${theme.reportTitle}`;
  const planner = [
    plan.report.plannerName ?? theme.planner?.name,
    plan.report.plannerCertificate ?? theme.planner?.certificate,
  ]
    .filter(Boolean)
    .join(' ');
  const plannerName = plan.report.plannerName ?? theme.planner?.name;
  const plannerCertificate = plan.report.plannerCertificate ?? theme.planner?.certificate;
  const plannerSignature = plannerName
    ? `${plannerName}${plannerCertificate ? `（${plannerCertificate}）` : ''}`
    : '';
  const plannerPhone = plan.report.plannerPhone ?? theme.planner?.phone;
  const members = new Map(plan.members.map((m) => [m.id, m]));
  const t = plan.balanceSheet.totals;
  const c = plan.cashFlow.totals;

  // --- client ------------------------------------------------------------------------------------
  const memberRows: TableRow[] = plan.members.map((m) => ({
    cells: [
      m.name,
      MEMBER_ROLES.labels[m.role],
      `${m.ageAtValuation}`,
      m.occupation ?? (m.employment ? EMPLOYMENT_TYPES.labels[m.employment] : '—'),
      m.pensionScheme ? PENSION_SCHEMES.labels[m.pensionScheme] : '—',
      m.healthNotes ?? '—',
    ],
  }));
  const retirementRows: TableRow[] = plan.members
    .filter((m) => m.retirement)
    .map((m) => {
      const r = m.retirement!;
      return {
        cells: [
          m.name,
          RETIREMENT_CATEGORIES.labels[r.category] +
            (r.categorySource === 'defaulted' ? '（按性别推定）' : ''),
          r.alreadyRetired ? '已退休' : monthText(r.statutoryMonth),
          r.alreadyRetired ? '—' : ageYearsMonths(r.statutoryAgeYears, r.statutoryAgeMonths),
          r.alreadyRetired ? '—' : monthText(r.plannedMonth),
        ],
      };
    });

  // --- financial position ------------------------------------------------------------------------
  const groups: AssetGroup[] = ['liquid', 'investment', 'retirement', 'realEstate', 'other'];
  const assetRows: TableRow[] = [];
  for (const g of groups) {
    const items = plan.balanceSheet.assets.filter((a) => a.group === g);
    if (items.length === 0) continue;
    for (const a of items)
      assetRows.push({
        cells: [ASSET_GROUP_LABELS[g], a.label || ASSET_TYPES.labels[a.type], yuanNumber(a.value)],
      });
    assetRows.push({ cells: [`${ASSET_GROUP_LABELS[g]}小计`, '', yuanNumber(t[g])], style: 'subtotal' });
  }
  assetRows.push({ cells: ['资产合计', '', yuanNumber(t.totalAssets)], style: 'total' });

  const liabilityRows: TableRow[] = plan.balanceSheet.liabilities.map((l) => ({
    cells: [
      l.label || LIABILITY_TYPES.labels[l.type],
      REPAYMENT_METHODS.labels[l.method],
      percent(l.annualRate, 3),
      `${l.monthsLeft}`,
      yuanNumber(l.monthlyPayment),
      yuanNumber(l.balance),
    ],
  }));
  liabilityRows.push({ cells: ['负债合计', '', '', '', '', yuanNumber(t.totalLiabilities)], style: 'total' });
  liabilityRows.push({
    cells: ['净资产', '', '', '', '', yuanNumber(t.netWorth)],
    style: 'total',
    negative: [false, false, false, false, false, dec(t.netWorth).isNeg()],
  });

  const incomeRows: TableRow[] = plan.cashFlow.incomes.map((i) => ({
    cells: [members.get(i.memberId)?.name ?? '', i.label || INCOME_TYPES.labels[i.type], yuanNumber(i.gross)],
  }));
  incomeRows.push({ cells: ['税前收入合计', '', yuanNumber(c.grossIncome)], style: 'subtotal' });
  incomeRows.push({ cells: ['减：个人所得税', '', deductionNumber(c.incomeTax)] });
  incomeRows.push({ cells: ['减：社会保险（个人）', '', deductionNumber(c.socialInsurance)] });
  incomeRows.push({ cells: ['减：住房公积金（个人）', '', deductionNumber(c.housingFund)] });
  incomeRows.push({ cells: ['税后收入合计', '', yuanNumber(c.netIncome)], style: 'total' });

  const spendingRows: TableRow[] = plan.cashFlow.spending.map((s) => ({
    cells: [
      s.label || SPENDING_CATEGORIES.labels[s.category],
      s.essential ? '必要' : '可选',
      yuanNumber(s.annual),
    ],
  }));
  spendingRows.push({ cells: ['生活支出小计', '', yuanNumber(c.livingSpending)], style: 'subtotal' });
  spendingRows.push({ cells: ['贷款还本付息', '', yuanNumber(c.debtService)] });
  spendingRows.push({ cells: ['保险保费', '', yuanNumber(c.insurancePremiums)] });
  spendingRows.push({ cells: ['支出合计', '', yuanNumber(c.totalOutflow)], style: 'total' });
  spendingRows.push({
    cells: ['年结余', '', yuanNumber(c.surplus)],
    style: 'total',
    negative: [false, false, dec(c.surplus).isNeg()],
  });

  const ratioRows: TableRow[] = plan.ratios.map((r) => {
    const value =
      r.value === null ? '—' : r.code === 'liquidityRatio' ? `${ratio(r.value, 1)} 个月` : ratio(r.value, 2);
    const verdict = r.value === null && r.reason ? RATIO_NULL_REASONS[r.reason] : VERDICT_LABELS[r.verdict];
    return { cells: [r.name, r.formula, value, r.reference, verdict] };
  });

  // --- emergency fund ------------------------------------------------------------------------------
  const e = plan.emergencyFund;
  const emergency = {
    targetMin: spoken(e.targetMin),
    targetMax: spoken(e.targetMax),
    liquid: spoken(e.liquid),
    gap: spoken(e.gap),
    monthsText: `${e.monthsMin}–${e.monthsMax} 个月`,
    monthsCovered: e.monthsCovered === null ? '—' : ratio(e.monthsCovered, 1),
    monthlyEssential: spoken(e.monthlyEssential),
    gapPositive: dec(e.gap).gt(0),
    unstable: e.incomeStability === 'unstable',
  };

  // --- forecast ------------------------------------------------------------------------------------
  const self = plan.members.find((m) => m.role === 'self');
  // The amount columns of the yearly table, each in one unit: 万元, or 亿元 for a column that
  // reaches 100 亿 (a very wealthy household's asset columns).
  const amountColumns = plan.projection.years.map((y) => [
    y.netIncomeNominal,
    y.livingSpendingNominal,
    dec(y.debtServiceNominal).plus(y.insurancePremiumsNominal).plus(y.goalSpendingNominal).toString(),
    y.netCashFlowNominal,
    y.shortfallNominal,
    y.financialAssetsEndNominal,
    y.netWorthEndNominal,
    y.netWorthEndReal,
  ]);
  const units: ColumnUnit[] = [0, 1, 2, 3, 4, 5, 6, 7].map((i) =>
    columnUnit(amountColumns.map((a) => a[i]!)),
  );
  const rows: TableRow[] = plan.projection.years.map((y, r) => ({
    cells: [
      yearText(y.year),
      self ? `${y.ages[self.id] ?? ''}` : '',
      ...amountColumns[r]!.map((v, i) =>
        // 资金缺口 (column 4): what was due and could not be paid: living costs, loan payments, goals.
        i === 4 && !dec(v).gt(0) ? '—' : inColumnUnit(v, units[i]!),
      ),
    ],
    negative: [
      false,
      false,
      false,
      false,
      false,
      dec(y.netCashFlowNominal).isNeg(),
      dec(y.shortfallNominal).gt(0),
      false,
      dec(y.netWorthEndNominal).isNeg(),
      dec(y.netWorthEndReal).isNeg(),
    ],
  }));
  const years = plan.projection.years;
  const last = years[years.length - 1];

  return {
    documentTitle,
    clientTitle,
    summary: buildSummary(plan, templates),
    goals: buildGoals(plan),
    assumptions: buildAssumptions(plan),
    insurance: buildInsurance(plan, templates),
    education: buildEducation(plan),
    housing: buildHousing(plan, templates),
    retirement: buildRetirement(plan, templates),
    investment: buildInvestment(plan, templates),
    tax: buildTax(plan, templates),
    otherGoals: buildOtherGoals(plan),
    risk: buildRisk(plan, templates),
    actions: buildActions(plan, templates),
    funding: buildFunding(plan, templates),
    appendix: buildAppendix(plan),
    householdFindings: findingSentences(plan, templates, undefined),
    cover: {
      institution: theme.institution,
      tagline: theme.tagline ?? '',
      title: theme.reportTitle,
      // The client's own title ("程先生", "王女士", "林志远先生"), as the page headers use it.
      familyLine: `${clientTitle}家庭`,
      reportNumber: plan.report.reportNumber,
      dateLine: dateText(plan.reportDate),
      plannerLine: planner,
      eventLine: plan.report.event ? `${plan.report.event.name} · ${dateText(plan.report.event.date)}` : '',
      confidentiality: '机密 · 仅供客户本人及其家庭参阅',
    },
    letter: {
      clientTitle,
      institution: theme.institution,
      valuationMonthText: monthText(plan.valuationMonth),
      rulesAsOfText: dateText(plan.rulesAsOf),
      disclaimer: theme.disclaimer,
      contact: theme.contact ?? '',
      plannerSignature,
      plannerPhone: plannerPhone ? `联系电话：${plannerPhone}` : '',
      dateLine: dateText(plan.reportDate),
    },
    confirmation: {
      clientTitle,
      reportNumber: plan.report.reportNumber,
      valuationMonthText: monthText(plan.valuationMonth),
      riskLevel: `${plan.household.riskLevel}（${RISK_LEVELS.labels[plan.household.riskLevel]}）`,
      riskSource:
        plan.household.riskLevelSource === 'questionnaire'
          ? `风险测评问卷得分 ${plan.household.questionnaireScore} 分`
          : '客户已有的风险测评结果',
      riskAssessedOn: plan.household.riskAssessedOn ? dateText(plan.household.riskAssessedOn) : '',
      institution: theme.institution,
      plannerSignature,
    },
    client: {
      memberRows,
      lifeStage: LIFE_STAGE_LABELS[plan.household.lifeStage],
      lifeStageFocus: LIFE_STAGE_FOCUS[plan.household.lifeStage],
      riskLevel: `${plan.household.riskLevel}（${RISK_LEVELS.labels[plan.household.riskLevel]}）`,
      riskSource:
        plan.household.riskLevelSource === 'questionnaire'
          ? `根据风险测评问卷得分 ${plan.household.questionnaireScore} 分评定`
          : '客户已有的风险测评结果',
      retirementRows,
    },
    position: {
      netWorth: spoken(t.netWorth),
      totalAssets: spoken(t.totalAssets),
      totalLiabilities: spoken(t.totalLiabilities),
      financialAssets: spoken(t.financialAssets),
      assetRows,
      liabilityRows,
      incomeRows,
      spendingRows,
      surplus: spoken(c.surplus),
      netIncome: spoken(c.netIncome),
      ratioRows,
    },
    emergency,
    forecast: {
      rows,
      chart: {
        labels: years.map((y) => `${y.year}`),
        netWorthNominal: years.map((y) => toWanNumber(y.netWorthEndNominal)),
        netWorthReal: years.map((y) => toWanNumber(y.netWorthEndReal)),
      },
      flows: {
        labels: years.map((y) => `${y.year}`),
        income: years.map((y) => toWanNumber(y.netIncomeNominal)),
        spending: years.map((y) =>
          toWanNumber(
            dec(y.livingSpendingNominal)
              .plus(y.debtServiceNominal)
              .plus(y.insurancePremiumsNominal)
              .plus(y.goalSpendingNominal)
              .toFixed(2),
          ),
        ),
      },
      firstYear: plan.projection.firstYear,
      lastYear: plan.projection.lastYear,
      conventions: plan.projection.conventions,
      netWorthAtEnd: last ? spoken(last.netWorthEndReal) : '',
      inflationText: percent(plan.assumptions.inflation.value),
      units,
    },
  };
}
