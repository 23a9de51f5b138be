/**
 * 摘要: the one page a client reads first — key figures, a traffic light per area, every goal's
 * status and gap, and the most important actions. Every figure here is formatted from the Plan by
 * the same functions the detailed sections use (the agreement test reads them back from the PDF).
 */
import { GOAL_TYPES } from '../../domain/codes.js';
import { dec, sum } from '../../domain/money.js';
import type { GoalStatus, Plan, Verdict } from '../../engine/plan-types.js';
import { formatNumber, percent, spoken, yearText } from '../format.js';
import type { TemplateSet } from '../narrative/templates.js';
import { actionView, dueText, findingView, namesOf } from './findings.js';

export const GOAL_STATUS_LABELS: Record<GoalStatus, string> = {
  on_track: '可按计划实现',
  at_risk: '有风险',
  short: '资金不足',
  postponed: '推迟实现',
  unachievable: '无法实现',
};

export interface TrafficLight {
  area: string;
  verdict: Exclude<Verdict, 'na'>;
  text: string;
}

export interface SummaryModel {
  netWorth: string;
  financialAssets: string;
  surplus: string;
  successRate: string;
  successSentence: string;
  moneyLastsSentence: string;
  emergencyGap: string;
  retirementGap: string;
  retirementGapIsSurplus: boolean;
  /** When the ledger runs short of living costs: "35 岁起" — the retirement row then reads 资金不足. */
  moneyShortFrom: string | null;
  /** Living costs and loan payments that would go unpaid over the projection (when money runs out). */
  unpaidBills: string;
  lights: TrafficLight[];
  goals: { label: string; year: string; status: string; statusCode: GoalStatus; gap: string }[];
  actions: { text: string; due: string }[];
}

export function buildSummary(plan: Plan, templates: TemplateSet): SummaryModel {
  const names = namesOf(plan);
  const p = plan.planning;
  const mcFinding = plan.findings.find((f) => f.code === 'MC_SUCCESS');
  const lastsFinding = plan.findings.find((f) => f.code === 'MONEY_LASTS' || f.code === 'MONEY_RUNS_OUT_MC');
  const render = (code: string, view: object) => templates.render(code, view);

  // Every light, row and count below reads the plan's one diagnosis (plan.diagnosis).
  const d = plan.diagnosis;
  const gap = dec(d.retirement.gap);
  const ratio = (code: string) => plan.ratios.find((r) => r.code === code);
  const lights: TrafficLight[] = [];
  const e = p.emergency;
  const months = d.liquidity.months ? `${formatNumber(d.liquidity.months, 1)} 个月` : null;
  lights.push({
    area: '现金储备',
    verdict: d.cash.status === 'short' ? 'poor' : d.cash.status === 'excess' ? 'watch' : 'good',
    text:
      d.cash.status === 'short'
        ? `应急准备金还差 ${spoken(e.gap)}`
        : d.cash.status === 'excess'
          ? `现金偏多${months ? `（${months}）` : ''}，可适当投资`
          : `应急准备金充足${months ? `（${months}）` : ''}`,
  });
  lights.push({
    area: '家庭保障',
    verdict:
      d.protection.status === 'major_gap'
        ? 'poor'
        : d.protection.status === 'basic_missing'
          ? 'watch'
          : 'good',
    text:
      d.protection.status === 'major_gap'
        ? '寿险或重疾保障不足'
        : d.protection.status === 'basic_missing'
          ? '医疗或意外保障待补充'
          : '保障基本完备',
  });
  const savings = ratio('savingsRatio');
  const unfunded = dec(d.unfundedMonthly);
  lights.push({
    area: '收支结余',
    verdict: unfunded.gt(0)
      ? d.household.status === 'on_track'
        ? 'watch'
        : 'poor'
      : savings && savings.verdict !== 'na'
        ? savings.verdict
        : 'watch',
    text: unfunded.gt(0)
      ? `建议储蓄超出结余 ${spoken(unfunded)}/月`
      : savings?.value
        ? `结余比率 ${percent(savings.value, 1)}`
        : '暂无收入',
  });
  const debt = ratio('debtServiceRatio');
  lights.push({
    area: '负债水平',
    verdict: debt && debt.verdict !== 'na' ? debt.verdict : 'good',
    text: debt?.value ? `还款占税后收入 ${percent(debt.value, 1)}` : '无负债',
  });
  const shortGoals = plan.goals.filter((g) => d.shortGoalIds.includes(g.goalId));
  const postponed = plan.goals.filter((g) => g.status === 'postponed');
  lights.push({
    area: '目标实现',
    verdict: shortGoals.some((g) => g.priority === 'essential' || g.status === 'unachievable')
      ? 'poor'
      : shortGoals.length || postponed.length
        ? 'watch'
        : 'good',
    text: shortGoals.length
      ? `${shortGoals.length} 个目标资金不足`
      : postponed.length
        ? `${postponed.length} 个目标需推迟`
        : '各项目标可按计划实现',
  });
  lights.push({
    area: '退休准备',
    verdict: d.retirement.status === 'on_track' ? (dec(d.success.rate).lt('0.8') ? 'watch' : 'good') : 'poor',
    text:
      d.retirement.status === 'money_runs_out' && d.household.moneyRunsOut
        ? `资金预计在${names.member(d.household.moneyRunsOut.memberId)} ${d.household.moneyRunsOut.age ?? ''} 岁时不足`
        : d.retirement.status === 'gap'
          ? `退休缺口 ${spoken(gap)}`
          : '退休资金有保障',
  });
  lights.push({
    area: '投资配置',
    verdict: p.investment.currentAboveLevel ? 'poor' : 'watch',
    text: p.investment.currentAboveLevel ? '风险超出承受能力' : `建议调整为${p.investment.modelName}型配置`,
  });

  const goals: SummaryModel['goals'] = plan.goals.map((g) => ({
    label: g.label || GOAL_TYPES.labels[g.type],
    year:
      g.status === 'postponed'
        ? `${g.plannedYear}→${g.startYear}年`
        : g.startYear === g.endYear
          ? yearText(g.startYear)
          : `${g.startYear}–${g.endYear}年`,
    status: GOAL_STATUS_LABELS[g.status],
    statusCode: g.status,
    gap: dec(g.shortfallNominal).gt(0)
      ? spoken(g.shortfallNominal)
      : g.status === 'postponed'
        ? `${g.plannedYear}年首付差 ${spoken(g.shortAtPlannedYear)}`
        : '无',
  }));

  const actions = plan.actions.slice(0, 5).map((a) => ({
    text: render(`actions/${a.code}`, actionView(a.code, a.data, names)),
    due: dueText(a.due),
  }));

  return {
    netWorth: spoken(plan.balanceSheet.totals.netWorth),
    financialAssets: spoken(plan.balanceSheet.totals.financialAssets),
    surplus: spoken(plan.cashFlow.totals.surplus),
    successRate: percent(d.success.rate, 1),
    successSentence: mcFinding
      ? render('findings/MC_SUCCESS', findingView('MC_SUCCESS', mcFinding.data, names))
      : '',
    moneyLastsSentence: lastsFinding
      ? render(`findings/${lastsFinding.code}`, findingView(lastsFinding.code, lastsFinding.data, names))
      : '',
    emergencyGap: dec(e.gap).gt(0) ? spoken(e.gap) : '无',
    retirementGap: spoken(gap.abs()),
    retirementGapIsSurplus: gap.lte(0),
    moneyShortFrom: d.household.moneyRunsOut
      ? `${names.member(d.household.moneyRunsOut.memberId)} ${d.household.moneyRunsOut.age ?? ''} 岁起`
      : null,
    unpaidBills: spoken(sum(plan.projection.years.map((y) => y.unpaidBillsNominal))),
    lights,
    goals,
    actions,
  };
}
