/**
 * Report models of the sections after 家庭财务状况: goals, assumptions, one per planning module,
 * the risk analysis, the action plan, the legacy checklist and the appendix. Each returns table
 * rows, sentences (through templates) and chart data — all strings formatted here.
 */
import {
  EDUCATION_LOCATIONS,
  EDUCATION_STAGES,
  GOAL_PRIORITIES,
  GOAL_TYPES,
  RISK_LEVELS,
} from '../../domain/codes.js';
import { dec, type Dec } from '../../domain/money.js';
import { clientSource, clientText } from './sources.js';
import type { FindingCode } from '../../engine/findings.js';
import type { Finding, Plan } from '../../engine/plan-types.js';
import { RULE_SET } from '../../engine/rules/ruleset.js';
import {
  deductionNumber,
  monthText,
  percent,
  signedWan,
  spoken,
  wanNumber,
  yearText,
  yuanFen,
  yuanNumber,
} from '../format.js';
import type { TemplateSet } from '../narrative/templates.js';
import type { TableRow } from '../pdf/writer.js';
import { actionView, COVER_LABELS, dueText, findingView, namesOf, type Names } from './findings.js';
import { GOAL_STATUS_LABELS } from './summary.js';

const toWan = (s: string | Dec) => Number(wanNumber(s).replace(/,/g, ''));
const neg = (s: string) => dec(s).isNeg();

export function findingSentences(
  plan: Plan,
  templates: TemplateSet,
  module: Finding['module'] | 'all',
): string[] {
  const names = namesOf(plan);
  return plan.findings
    .filter((f) => module === 'all' || f.module === module)
    .map((f) => templates.render(`findings/${f.code}`, findingView(f.code as FindingCode, f.data, names)));
}

function sentence(plan: Plan, templates: TemplateSet, names: Names, code: FindingCode): string | null {
  const f = plan.findings.find((x) => x.code === code);
  return f ? templates.render(`findings/${code}`, findingView(code, f.data, names)) : null;
}

// ---------------------------------------------------------------------------------------------
// 理财目标

export function buildGoals(plan: Plan) {
  const names = namesOf(plan);
  const rows: TableRow[] = plan.goals.map((g) => ({
    cells: [
      g.label || GOAL_TYPES.labels[g.type],
      GOAL_PRIORITIES.labels[g.priority],
      g.startYear === g.endYear ? yearText(g.startYear) : `${g.startYear}–${g.endYear}`,
      yuanNumber(g.todayCost) + (g.type === 'home' ? '（首付）' : g.startYear !== g.endYear ? '/年' : ''),
      yuanNumber(g.totalNominalCost),
      percent(g.growth, 1),
      GOAL_STATUS_LABELS[g.status],
      dec(g.shortfallNominal).gt(0) ? yuanNumber(g.shortfallNominal) : '—',
    ],
    negative: [false, false, false, false, false, false, g.status === 'short', dec(g.shortfallNominal).gt(0)],
  }));
  const chart = {
    labels: plan.goals.map((g) => names.goal(g.goalId)),
    paid: plan.goals.map((g) => toWan(g.paidNominal)),
    short: plan.goals.map((g) => toWan(g.shortfallNominal)),
  };
  const retirementGoal = plan.members.find((m) => m.role === 'self')?.retirement;
  return {
    rows,
    chart,
    retirementNote:
      retirementGoal && !retirementGoal.alreadyRetired ? monthText(retirementGoal.plannedMonth) : null,
  };
}

// ---------------------------------------------------------------------------------------------
// 假设

export function buildAssumptions(plan: Plan) {
  const a = plan.assumptions;
  const row = (name: string, v: { value: string; origin: string; note: string }): TableRow => ({
    cells: [
      name,
      percent(v.value, 2),
      v.origin === 'profile' ? '客户指定' : '规划默认值',
      clientText(v.note),
    ],
  });
  const rows: TableRow[] = [
    row('通货膨胀率', a.inflation),
    row('工资收入增长率', a.incomeGrowth),
    row('国内教育费用增长率', a.educationInflation),
    row('海外教育费用增长率', a.educationInflationAbroad),
    row('医疗费用增长率', a.medicalInflation),
    row('房价增长率', a.housePriceGrowth),
    row('养老金调整率', a.pensionGrowth),
    row('社会平均工资增长率', a.averageWageGrowth),
    {
      cells: [
        '退休后支出比例',
        percent(a.retirementSpendingRatio.value, 0),
        a.retirementSpendingRatio.origin === 'profile' ? '客户指定' : '规划默认值',
        a.retirementSpendingRatio.note,
      ],
    },
    row('现金/货币基金收益率', a.returns.cash!),
    row('定期存款利率', a.returns.deposit!),
    row('债券类收益率', a.returns.bond!),
    row('股票类收益率', a.returns.equity!),
    row('养老金账户收益率', a.returns.pensionAccount!),
    row('公积金账户利率', a.returns.housingFund!),
    {
      cells: [
        '规划寿命',
        `男 ${a.lifeExpectancyMale} 岁 / 女 ${a.lifeExpectancyFemale} 岁`,
        '规划默认值',
        clientText(RULE_SET.assumptions.lifeExpectancy.note ?? ''),
      ],
    },
  ];
  const lpr = RULE_SET.loans.lpr.at(-1)!;
  const hf = RULE_SET.loans.housingFundLoanRates.at(-1)!;
  const rateRows: TableRow[] = [
    { cells: ['1 年期 LPR', percent(lpr.value.oneYear, 2), `${lpr.effectiveFrom} 起`, clientSource(lpr)] },
    {
      cells: ['5 年期以上 LPR', percent(lpr.value.fiveYear, 2), `${lpr.effectiveFrom} 起`, clientSource(lpr)],
    },
    {
      cells: [
        '公积金贷款（首套，5 年以上）',
        percent(hf.value.firstHome.over5Years, 3),
        `${hf.effectiveFrom} 起`,
        clientSource(hf),
      ],
    },
    {
      cells: [
        '公积金贷款（首套，5 年以下）',
        percent(hf.value.firstHome.upTo5Years, 3),
        `${hf.effectiveFrom} 起`,
        clientSource(hf),
      ],
    },
  ];
  return { rows, rateRows, rulesAsOf: plan.rulesAsOf, ruleSetId: plan.ruleSetId };
}

// ---------------------------------------------------------------------------------------------
// 保险规划

export function buildInsurance(plan: Plan, templates: TemplateSet) {
  const names = namesOf(plan);
  const ins = plan.planning.insurance;
  const members = ins.members.map((m) => ({
    name: names.member(m.memberId),
    income: spoken(m.annualIncome),
    rows: [...m.lines]
      .sort((a, b) => a.order - b.order)
      .map((l): TableRow => ({
        cells: [
          COVER_LABELS[l.kind]!,
          l.need === null ? '应配置' : yuanNumber(l.need),
          l.kind === 'medical' || l.kind === 'accident'
            ? l.covered
              ? yuanNumber(l.existing)
              : '无'
            : yuanNumber(l.existing),
          l.covered ? '已覆盖' : l.gap === null ? '待配置' : yuanNumber(l.gap),
        ],
        negative: [false, false, false, !l.covered],
      })),
    methods: m.life
      ? ([
          { cells: ['双十原则', yuanNumber(m.life.doubleTen), '10 × 年收入（仅作参考）'] },
          {
            cells: [
              '生命价值法',
              m.life.humanLifeValue ? yuanNumber(m.life.humanLifeValue) : '—',
              '未来收入扣除自身消费后的现值（仅作参考）',
            ],
          },
          {
            cells: [
              '需求分析法',
              m.life.needsAnalysis ? yuanNumber(m.life.needsAnalysis) : '—',
              m.life.method === 'none'
                ? '无人依靠其收入，不测算'
                : `负债 + 教育金 + 遗属生活费（${m.life.survivorsYears} 年）+ 应急金 + 丧葬 − 遗属收入 ${spoken(m.life.lessSurvivorsIncome)} − 可用资产`,
            ],
          },
        ] as TableRow[])
      : [],
    method: m.life?.method ?? null,
    recommended: m.life ? spoken(m.life.recommended) : null,
    needsNothing: m.life !== null && m.life.method !== 'none' && dec(m.life.recommended).isZero(),
    dependants: m.life ? m.life.dependants.map((id) => names.member(id)).join('、') : '',
    healthNotes: m.healthDisclosure
      ? (plan.members.find((x) => x.id === m.memberId)?.healthNotes ?? null)
      : null,
  }));
  const chartLines = ins.members.flatMap((m) =>
    m.lines
      .filter((l) => l.kind === 'life' || l.kind === 'criticalIllness')
      .sort((a, b) => b.order - a.order)
      .map((l) => ({ member: m.memberId, line: l })),
  );
  const chart = {
    labels: chartLines.map((x) => `${names.member(x.member)} ${x.line.kind === 'life' ? '寿险' : '重疾'}`),
    need: chartLines.map((x) => toWan(x.line.need ?? '0')),
    existing: chartLines.map((x) => toWan(x.line.existing)),
  };
  return {
    members,
    chart,
    budget: spoken(ins.premiumBudget),
    budgetLeft: spoken(ins.premiumBudgetLeft),
    currentPremiums: spoken(ins.currentPremiums),
    premiumShare: ins.premiumShare ? percent(ins.premiumShare, 1) : '—',
    newPremiums: spoken(ins.newPremiums),
    hasNewPremiums: dec(ins.newPremiums).gt(0),
    premiumShareAfter: ins.premiumShareAfter ? percent(ins.premiumShareAfter, 1) : '—',
    withinBudget: ins.premiumShareAfter === null || dec(ins.premiumShareAfter).lte('0.1'),
    findings: findingSentences(plan, templates, 'insurance'),
  };
}

// ---------------------------------------------------------------------------------------------
// 子女教育

export function buildEducation(plan: Plan) {
  const names = namesOf(plan);
  const ed = plan.planning.education;
  const rows: TableRow[] = ed.goals.map((g) => ({
    cells: [
      names.goal(g.goalId),
      g.stage ? EDUCATION_STAGES.labels[g.stage] : '—',
      g.location ? EDUCATION_LOCATIONS.labels[g.location] : '—',
      `${g.startYear} 起 ${g.years} 年`,
      yuanNumber(g.annualCostToday),
      yuanNumber(g.totalNominal),
      yuanNumber(g.lumpSumToday),
      yuanNumber(g.earmarked),
      g.monthlySaving ? yuanNumber(g.monthlySaving) : '—',
    ],
  }));
  // Build-up of the first goal with a monthly saving: the fund saved month by month (end of month,
  // return ÷ 12) plus the earmarked asset growing at the same return, to the stage's start.
  const first = ed.goals.find((g) => g.monthlySaving) ?? ed.goals[0];
  let buildUp: { labels: string[]; fund: number[]; target: number[]; title: string } | null = null;
  if (first) {
    const r = Number(first.returnAssumption);
    const saving = first.monthlySaving ? Number(first.monthlySaving) : 0;
    const labels: string[] = [];
    const fund: number[] = [];
    const target: number[] = [];
    let value = Number(first.earmarked);
    const lumpAtStart =
      Number(first.lumpSumToday) * (1 + r) ** Math.max(0, first.startYear - plan.projection.firstYear);
    for (let y = plan.projection.firstYear; y <= first.startYear; y++) {
      labels.push(String(y));
      fund.push(Math.round(value / 100) / 100);
      target.push(Math.round(lumpAtStart / 100) / 100);
      const months = y === plan.projection.firstYear ? plan.projection.firstYearMonths : 12;
      for (let m = 0; m < months; m++) value = value * (1 + r / 12) + saving;
    }
    buildUp = { labels, fund, target, title: names.goal(first.goalId) };
  }
  return {
    rows,
    totalLumpSum: spoken(ed.totalLumpSumToday),
    totalMonthly: spoken(ed.totalMonthlySaving),
    returnAssumption: ed.goals[0] ? percent(ed.goals[0].returnAssumption, 1) : '',
    buildUp,
  };
}

// ---------------------------------------------------------------------------------------------
// 住房规划

export function buildHousing(plan: Plan, templates: TemplateSet) {
  const names = namesOf(plan);
  const h = plan.planning.housing;
  const loans: TableRow[] = h.existingLoans.map((l) =>
    l.highInterest
      ? {
          cells: [
            l.label,
            yuanNumber(l.balance),
            percent(l.annualRate, 3),
            yuanNumber(l.amount),
            yuanNumber(l.shortenTermInterestSaved),
            '—',
            '优先偿还',
          ],
        }
      : {
          cells: [
            l.label,
            yuanNumber(l.balance),
            percent(l.annualRate, 3),
            yuanNumber(l.amount),
            `${yuanNumber(l.shortenTermInterestSaved)}（缩短 ${l.shortenTermMonthsSaved} 期）`,
            `${yuanNumber(l.lowerPaymentInterestSaved)}（月供降至 ${yuanFen(l.lowerPaymentNewPayment)}）`,
            '暂不建议',
          ],
        },
  );
  const purchases = h.purchases.map((p) => ({
    title: names.goal(p.goalId),
    rows: [
      { cells: ['购房年份', yearText(p.year)] },
      { cells: ['预计房价（名义）', `${yuanNumber(p.priceNominal)} 元`] },
      {
        cells: [
          '首付比例 / 最低要求',
          `${percent(p.downPaymentRatio, 0)} / ${percent(p.minimumDownPaymentRatio, 0)}`,
        ],
      },
      { cells: ['首付款', `${yuanNumber(p.downPayment)} 元`] },
      {
        cells: [
          '商业贷款',
          `${yuanNumber(p.loan)} 元，${p.loanMonths / 12} 年，年利率 ${percent(p.loanRate, 2)}`,
        ],
      },
      {
        cells: [
          '等额本息',
          `月供 ${yuanFen(p.equalPaymentMonthly)} 元，总利息 ${yuanNumber(p.equalPaymentTotalInterest)} 元`,
        ],
      },
      {
        cells: [
          '等额本金',
          `首月 ${yuanFen(p.equalPrincipalFirstMonthly)} 元，总利息 ${yuanNumber(p.equalPrincipalTotalInterest)} 元`,
        ],
      },
      ...(p.housingFundRate
        ? [
            {
              cells: [
                '改用公积金贷款',
                `公积金首套利率 ${percent(p.housingFundRate, 2)}，每 10 万元贷款可少付利息约 ${yuanNumber(p.housingFundSavingPer100k ?? '0')} 元（组合贷）`,
              ],
            },
          ]
        : []),
      {
        cells: [
          '月供占税后收入',
          `${p.paymentToIncome ? percent(p.paymentToIncome, 1) : '—'}（理财规划建议不超过 ${percent(p.plannerMax, 0)}；银行审批上限 ${percent(p.bankMax, 0)}，实务多按约 ${percent(p.bankPracticeMax, 0)}）`,
        ],
      },
      { cells: ['可负担房价', `${yuanNumber(p.affordablePrice)} 元`] },
    ] as TableRow[],
    affordable: p.affordable,
    aboveBank: p.affordability === 'above_bank',
    downPaymentFunded: p.downPaymentFunded,
  }));
  const chart = {
    labels: plan.projection.years.map((y) => String(y.year)),
    balance: plan.projection.years.map((y) => toWan(y.liabilitiesEndNominal)),
  };
  return {
    loans,
    purchases,
    chart: chart.balance.some((x) => x > 0) ? chart : null,
    findings: findingSentences(plan, templates, 'housing'),
  };
}

// ---------------------------------------------------------------------------------------------
// 退休规划

export function buildRetirement(plan: Plan, templates: TemplateSet) {
  const names = namesOf(plan);
  const r = plan.planning.retirement;
  const gap = dec(r.gap);
  const members: TableRow[] = r.members.map((m) => ({
    cells: [
      names.member(m.memberId),
      monthText(m.retirementMonth),
      m.contributionYears ? `${Number(m.contributionYears).toFixed(1)} 年` : '—',
      m.monthlyPension ? yuanNumber(m.monthlyPension) : '未估算',
      m.replacementRatio ? percent(m.replacementRatio, 1) : '—',
      percent(m.marginalRate, 0),
      dec(m.privatePensionTaxSaving).gt(0) ? yuanNumber(m.privatePensionTaxSaving) : '—',
    ],
  }));
  const rows: TableRow[] = [
    { cells: ['退休后每年生活支出（今日价格）', yuanNumber(r.spendingToday)] },
    {
      cells: [
        `退休首年生活支出（${r.retirementYear ? yearText(r.retirementYear) : '今年'}，名义）`,
        yuanNumber(r.spendingAtRetirement),
      ],
    },
    { cells: [`退休生活所需资金（${r.yearsInRetirement} 年，实际利率法）`, yuanNumber(r.needReal)] },
    { cells: ['退休后目标所需资金', yuanNumber(r.goalsAfterRetirementPv)] },
    { cells: ['减：基本养老金现值', deductionNumber(r.pensionPv)] },
    { cells: ['减：退休时可用资产', deductionNumber(r.assetsAtRetirement)] },
    {
      cells: [gap.gt(0) ? '退休资金缺口' : '退休资金盈余', yuanNumber(gap.abs())],
      style: 'total',
      negative: [false, gap.gt(0)],
    },
  ];
  const retirementFunding = plan.funding.items.find((i) => i.code === 'RETIREMENT_SAVING');
  return {
    members,
    rows,
    gapPositive: gap.gt(0),
    gap: spoken(gap.abs()),
    monthlySaving: r.monthlySaving ? spoken(r.monthlySaving) : null,
    // What the funding pass could give retirement saving from the surplus, and what it could not.
    fundedSaving: spoken(retirementFunding?.fundedMonthly ?? '0'),
    unfundedSaving: dec(retirementFunding?.unfundedMonthly ?? '0').gt(0)
      ? spoken(retirementFunding!.unfundedMonthly)
      : null,
    returnBefore: percent(r.returnBefore, 1),
    returnAfter: percent(r.returnAfter, 1),
    nominalNeed: yuanNumber(r.needNominal),
    findings: findingSentences(plan, templates, 'retirement').filter((s) => !s.startsWith('若')),
    retirementYear: r.retirementYear,
  };
}

// ---------------------------------------------------------------------------------------------
// 投资规划

export function buildInvestment(plan: Plan, templates: TemplateSet) {
  const inv = plan.planning.investment;
  const pct = (x: string) => percent(x, 1);
  const classes = [
    ['cash', '现金及货币基金'],
    ['deposit', '定期存款'],
    ['bond', '债券及债券基金'],
    ['equity', '股票及权益基金'],
  ] as const;
  const rows: TableRow[] = [
    ...classes.map(([cls, label]) => ({
      cells: [label, pct(inv.current[cls]), pct(inv.recommended[cls]), yuanNumber(inv.moves[cls])],
      negative: [false, false, false, neg(inv.moves[cls])],
    })),
    {
      cells: ['预期年收益率', pct(inv.current.expectedReturn), pct(inv.recommended.expectedReturn), ''],
      style: 'subtotal',
    },
    {
      cells: ['预期波动率', pct(inv.current.volatility), pct(inv.recommended.volatility), ''],
      style: 'subtotal',
    },
  ];
  const w = (x: string) => Math.round(Number(x) * 1000) / 10;
  return {
    rows,
    level: `${inv.riskLevel}（${RISK_LEVELS.labels[inv.riskLevel]}）`,
    model: inv.modelName,
    products: inv.suitableProducts.join('、'),
    badYear: percent(dec(inv.badYear).abs(), 1), // the template says 下跌约
    investable: spoken(inv.investable),
    chart: {
      labels: ['现金', '定期存款', '债券', '股票'],
      current: [w(inv.current.cash), w(inv.current.deposit), w(inv.current.bond), w(inv.current.equity)],
      recommended: [
        w(inv.recommended.cash),
        w(inv.recommended.deposit),
        w(inv.recommended.bond),
        w(inv.recommended.equity),
      ],
    },
    findings: findingSentences(plan, templates, 'investment'),
  };
}

// ---------------------------------------------------------------------------------------------
// 税务筹划

const DEDUCTION_LABELS: Record<string, string> = {
  infantCare: '3 岁以下婴幼儿照护',
  childEducation: '子女教育',
  elderlySupport: '赡养老人',
  housingLoanInterest: '住房贷款利息',
  housingRent: '住房租金',
  continuingEducationDegree: '继续教育（学历）',
  continuingEducationCertificate: '继续教育（职业资格）',
  seriousIllness: '大病医疗',
  total: '专项附加扣除',
};
const POSSIBLE_LABELS: Record<string, string> = {
  elderlySupport: '赡养老人（父母年满 60 岁）',
  housingLoanOrRent: '住房贷款利息或住房租金',
  continuingEducation: '继续教育',
  seriousIllness: '大病医疗（年度汇算时申报）',
  privatePension: '个人养老金（每年最多 12,000 元）',
  commercialHealthInsurance: '商业健康保险（每年最多 2,400 元）',
};

export function buildTax(plan: Plan, templates: TemplateSet) {
  const names = namesOf(plan);
  const t = plan.planning.tax;
  const rows: TableRow[] = t.members.map((m) => ({
    cells: [
      names.member(m.memberId),
      yuanNumber(m.annualTax),
      percent(m.marginalRate, 0),
      m.bonusMethod === 'separate' ? '单独计税' : m.bonusMethod === 'merged' ? '并入综合所得' : '—',
      dec(m.bonusSaving).gt(0) ? yuanNumber(m.bonusSaving) : '—',
      m.claimedDeductions
        .map((d) => `${DEDUCTION_LABELS[d.code] ?? d.code} ${yuanNumber(d.amount)}`)
        .join('；') || '—',
    ],
  }));
  const possible = t.members.map((m) => ({
    name: names.member(m.memberId),
    items: m.possibleDeductions.map((c) => POSSIBLE_LABELS[c] ?? c),
    privatePension: dec(m.privatePensionTaxSaving).gt(0) ? spoken(m.privatePensionTaxSaving) : null,
  }));
  return {
    rows,
    possible,
    bonusUntil: t.bonusSeparateUntil,
    findings: findingSentences(plan, templates, 'tax'),
  };
}

// ---------------------------------------------------------------------------------------------
// 其他目标

export function buildOtherGoals(plan: Plan) {
  const names = namesOf(plan);
  const rows: TableRow[] = plan.goals
    .filter((g) => g.type !== 'education')
    .map((g) => {
      const saving = plan.planning.otherGoals.goals.find((x) => x.goalId === g.goalId)?.monthlySaving ?? null;
      return {
        cells: [
          names.goal(g.goalId),
          GOAL_TYPES.labels[g.type],
          g.startYear === g.endYear ? yearText(g.startYear) : `${g.startYear}–${g.endYear}`,
          yuanNumber(g.totalNominalCost),
          GOAL_STATUS_LABELS[g.status],
          g.firstShortYear ? `${yearText(g.firstShortYear)}起，首年 ${yuanNumber(g.firstShortAmount)}` : '—',
          saving ? yuanNumber(saving) : '—',
        ],
        negative: [false, false, false, false, g.status === 'short', g.firstShortYear !== null, false],
      };
    });
  return { rows };
}

// ---------------------------------------------------------------------------------------------
// 敏感性分析与压力测试

const SENSITIVITY_LABELS: Record<string, string> = {
  return_minus_2: '投资收益率 −2 个百分点',
  return_minus_1: '投资收益率 −1 个百分点',
  return_plus_1: '投资收益率 +1 个百分点',
  return_plus_2: '投资收益率 +2 个百分点',
  inflation_plus_1: '通货膨胀率 +1 个百分点',
  inflation_minus_1: '通货膨胀率 −1 个百分点',
  income_growth_plus_1: '收入增长率 +1 个百分点',
  income_growth_minus_1: '收入增长率 −1 个百分点',
  retire_earlier_2y: '提前 2 年退休',
  retire_later_2y: '推迟 2 年退休',
  spending_plus_10: '生活支出 +10%',
  spending_minus_10: '生活支出 −10%',
};

/** The stress test's row label: whose death, whose income, what kind of market fall. */
function stressLabel(s: Plan['risk']['stress'][number], names: Names): string {
  const who = s.data.memberId ? names.member(String(s.data.memberId)) : '';
  switch (s.code) {
    case 'market_crash_before_retirement':
      return s.data.timing === 'before_retirement'
        ? '退休前一年股市下跌 30%'
        : s.data.timing === 'retired'
          ? '退休后次年股市下跌 30%'
          : '次年股市下跌 30%';
    case 'income_loss_12_months':
      return `${who}失去收入 12 个月`;
    case 'critical_illness':
      return `${who}罹患重疾`;
    case 'death_of_earner':
      return `${who}身故`;
    case 'disability_long_term_care':
      return `${who}失能并需长期护理`;
    case 'medical_cost_shock':
      return `${who}大额医疗支出`;
    case 'longevity_95':
      return '活到 95 岁';
    case 'lpr_up_150bp':
      return 'LPR 上升 1.5 个百分点';
    case 'inflation_5pct_5y':
      return '连续 5 年通胀 5%';
  }
}

const signed = signedWan;
const shownNeg = (s: string) => signed(s).startsWith('−');

export function buildRisk(plan: Plan, templates: TemplateSet) {
  const names = namesOf(plan);
  const r = plan.risk;
  const sensitivity: TableRow[] = r.sensitivity.map((s) => ({
    cells: [
      SENSITIVITY_LABELS[s.code] ?? s.code,
      wanNumber(s.effect.endingWealthReal),
      signed(s.effect.endingWealthChange),
      signed(s.effect.retirementGapChange),
      signed(s.effect.totalShortfallChange),
      s.effect.moneyRunsOutAge !== null ? `${s.effect.moneyRunsOutAge} 岁` : '期末',
    ],
    negative: [
      false,
      false,
      shownNeg(s.effect.endingWealthChange),
      signed(s.effect.retirementGapChange).startsWith('+'),
      signed(s.effect.totalShortfallChange).startsWith('+'),
      s.effect.moneyRunsOutAge !== null,
    ],
  }));
  // Living to 95 moves the plan's end: its end wealth and retirement gap are not comparable with
  // the base plan's, so the row shows only what goes unpaid and how long the money lasts.
  const longer = (s: Plan['risk']['stress'][number]) => s.code === 'longevity_95';
  const stress: TableRow[] = r.stress.map((s) => ({
    cells: [
      stressLabel(s, names),
      longer(s) ? '—' : signed(s.effect.endingWealthChange),
      longer(s) ? '—' : signed(s.effect.retirementGapChange),
      signed(s.effect.totalShortfallChange),
      s.effect.moneyRunsOutAge !== null ? `${s.effect.moneyRunsOutAge} 岁` : '期末',
    ],
    negative: [
      false,
      !longer(s) && shownNeg(s.effect.endingWealthChange),
      !longer(s) && signed(s.effect.retirementGapChange).startsWith('+'),
      signed(s.effect.totalShortfallChange).startsWith('+'),
      s.effect.moneyRunsOutAge !== null,
    ],
  }));
  const stressSentences = plan.findings
    .filter((f) => f.code.startsWith('STRESS_'))
    .map((f) => templates.render(`findings/${f.code}`, findingView(f.code as FindingCode, f.data, names)));
  const tornado = [...r.sensitivity]
    .map((s) => ({ label: SENSITIVITY_LABELS[s.code] ?? s.code, value: toWan(s.effect.endingWealthChange) }))
    .sort((a, b) => Math.abs(b.value) - Math.abs(a.value));
  const mc = r.monteCarlo;
  const fan = {
    labels: mc.percentiles.map((p) => String(p.year)),
    p10: mc.percentiles.map((p) => toWan(p.p10Real)),
    p50: mc.percentiles.map((p) => toWan(p.p50Real)),
    p90: mc.percentiles.map((p) => toWan(p.p90Real)),
  };
  const goalRows: TableRow[] = mc.goals.map((g) => ({
    cells: [
      names.goal(g.goalId),
      percent(g.successRate, 1),
      g.successCount.toLocaleString('en-US'),
      dec(g.averageShortfall).gt(0) ? yuanNumber(g.averageShortfall) : '—',
    ],
  }));
  const candidates: TableRow[] = r.candidates.map((c) => ({
    cells: [
      c.code === 'save_more'
        ? '可选支出减少 20%'
        : c.code === 'spend_less'
          ? '生活支出减少 10%'
          : c.code === 'retire_later'
            ? '推迟 2 年退休'
            : `改为${String(c.data.level)}配置`,
      percent(c.successAll, 1),
      signed(c.effect.totalShortfallChange),
      signed(c.effect.endingWealthChange),
      c.code === r.bestChange ? '★ 最有效' : '',
    ],
  }));
  return {
    sensitivity,
    stress,
    stressSentences,
    tornado,
    fan,
    goalRows,
    candidates,
    successSentence: sentence(plan, templates, names, 'MC_SUCCESS') ?? '',
    lastsSentence:
      sentence(plan, templates, names, 'MONEY_LASTS') ??
      sentence(plan, templates, names, 'MONEY_RUNS_OUT_MC') ??
      '',
    bestSentence: sentence(plan, templates, names, 'BEST_CHANGE'),
    trials: mc.trials.toLocaleString('en-US'),
    seed: String(mc.seed),
    failureDefinition: mc.failureDefinition,
    model: monteCarloModelText(plan),
    baseEndingWealth: spoken(r.base.endingWealthReal),
  };
}

/** The Monte Carlo's return model, in words, from the plan's assumptions and the rule set. */
function monteCarloModelText(plan: Plan): string {
  const a = RULE_SET.assumptions;
  const r = plan.assumptions.returns;
  const pc = (x: string) => percent(x, 1);
  return `各类资产的年收益率服从对数正态分布：现金类期望 ${pc(r.cash!.value)}、波动 ${pc(a.cash.value.volatility)}；债券类 ${pc(r.bond!.value)}、波动 ${pc(a.bond.value.volatility)}；股票类 ${pc(r.equity!.value)}、波动 ${pc(a.equity.value.volatility)}；现金与债券的相关系数 ${a.correlations.value.cashBond}，其余为 0；定期存款按 ${pc(r.deposit!.value)} 计。各年相互独立，未考虑均值回归与极端尾部风险，结果仅供参考。`;
}

// ---------------------------------------------------------------------------------------------
// 执行计划与定期检视

const MODULE_LABELS: Record<string, string> = {
  emergency: '现金规划',
  insurance: '保险规划',
  education: '教育规划',
  housing: '住房规划',
  retirement: '退休规划',
  investment: '投资规划',
  tax: '税务筹划',
  otherGoals: '其他目标',
  review: '定期检视',
};

export function buildActions(plan: Plan, templates: TemplateSet) {
  const names = namesOf(plan);
  const rows: TableRow[] = plan.actions.map((a, i) => ({
    cells: [
      String(i + 1),
      MODULE_LABELS[a.module] ?? a.module,
      templates.render(`actions/${a.code}`, actionView(a.code, a.data, names)),
      dueText(a.due),
      a.priority === 1 ? '高' : a.priority === 2 ? '中' : '低',
    ],
  }));
  const level = plan.household.riskLevel;
  const products: TableRow[] = [
    { cells: ['R1 低风险', '货币基金、银行存款、现金管理类理财', '全部客户'] },
    { cells: ['R2 中低风险', '纯债基金、固收类理财', 'C2 及以上'] },
    { cells: ['R3 中风险', '“固收+”、偏债混合、平衡型基金', 'C3 及以上'] },
    { cells: ['R4 中高风险', '股票型基金、指数基金、偏股混合', 'C4 及以上'] },
    { cells: ['R5 高风险', '杠杆产品、衍生品、集中持股、私募股权', 'C5'] },
  ].map((r, i) => ({
    ...r,
    negative: [false, false, i >= plan.planning.investment.suitableProducts.length],
  }));
  return {
    rows,
    products,
    level: `${level}（${RISK_LEVELS.labels[level]}）`,
    suitable: plan.planning.investment.suitableProducts.join('、'),
  };
}
