/**
 * 摘要: the one page a client reads first — key figures, a traffic light per area, every goal's
 * status and gap, and the most important actions. Every figure here is formatted from the Plan by
 * the same functions the detailed sections use (the agreement test reads them back from the PDF).
 */
import { GOAL_TYPES } from '../../domain/codes.js';
import { dec } from '../../domain/money.js';
import type { GoalStatus, Plan, Verdict } from '../../engine/plan-types.js';
import { percent, spoken, yearText } from '../format.js';
import type { TemplateSet } from '../narrative/templates.js';
import { actionView, dueText, findingView, namesOf } from './findings.js';

export const GOAL_STATUS_LABELS: Record<GoalStatus, string> = {
  on_track: '可按计划实现',
  at_risk: '有风险',
  short: '资金不足',
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
  lights: TrafficLight[];
  goals: { label: string; year: string; status: string; statusCode: GoalStatus; gap: string }[];
  actions: { text: string; due: string }[];
}

export function buildSummary(plan: Plan, templates: TemplateSet): SummaryModel {
  const names = namesOf(plan);
  const p = plan.planning;
  const risk = plan.risk;
  const mcFinding = plan.findings.find((f) => f.code === 'MC_SUCCESS');
  const lastsFinding = plan.findings.find((f) => f.code === 'MONEY_LASTS' || f.code === 'MONEY_RUNS_OUT_MC');
  const render = (code: string, view: object) => templates.render(code, view);

  const gap = dec(p.retirement.gap);
  const ratio = (code: string) => plan.ratios.find((r) => r.code === code);
  const lights: TrafficLight[] = [];
  const e = p.emergency;
  lights.push({
    area: '现金储备',
    verdict: e.status === 'short' ? 'poor' : e.status === 'excess' ? 'watch' : 'good',
    text:
      e.status === 'short'
        ? `应急准备金还差 ${spoken(e.gap)}`
        : e.status === 'excess'
          ? '现金偏多，可适当投资'
          : '应急准备金充足',
  });
  const uncovered = p.insurance.members.flatMap((m) =>
    m.lines.filter((l) => !l.covered).map((l) => ({ m, l })),
  );
  const majorGap = uncovered.some((x) => x.l.kind === 'life' || x.l.kind === 'criticalIllness');
  lights.push({
    area: '家庭保障',
    verdict: majorGap ? 'poor' : uncovered.length ? 'watch' : 'good',
    text: majorGap ? '寿险或重疾保障不足' : uncovered.length ? '医疗或意外保障待补充' : '保障基本完备',
  });
  const savings = ratio('savingsRatio');
  lights.push({
    area: '收支结余',
    verdict: savings && savings.verdict !== 'na' ? savings.verdict : 'watch',
    text: savings?.value ? `结余比率 ${percent(savings.value, 1)}` : '暂无收入',
  });
  const debt = ratio('debtServiceRatio');
  lights.push({
    area: '负债水平',
    verdict: debt && debt.verdict !== 'na' ? debt.verdict : 'good',
    text: debt?.value ? `还款占税后收入 ${percent(debt.value, 1)}` : '无负债',
  });
  const shortGoals = plan.goals.filter((g) => g.status === 'short');
  lights.push({
    area: '目标实现',
    verdict: shortGoals.some((g) => g.priority === 'essential')
      ? 'poor'
      : shortGoals.length
        ? 'watch'
        : 'good',
    text: shortGoals.length ? `${shortGoals.length} 个目标资金不足` : '各项目标可按计划实现',
  });
  const success = dec(risk.monteCarlo.successAll);
  lights.push({
    area: '退休准备',
    verdict:
      gap.gt(0) || p.retirement.ledgerShortfallYear !== null ? 'poor' : success.lt('0.8') ? 'watch' : 'good',
    text:
      p.retirement.ledgerShortfallAge !== null
        ? `资金预计在 ${p.retirement.ledgerShortfallAge} 岁时不足`
        : gap.gt(0)
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
    year: g.startYear === g.endYear ? yearText(g.startYear) : `${g.startYear}–${g.endYear}年`,
    status: GOAL_STATUS_LABELS[g.status],
    statusCode: g.status,
    gap: dec(g.shortfallNominal).gt(0) ? spoken(g.shortfallNominal) : '无',
  }));

  const actions = plan.actions.slice(0, 5).map((a) => ({
    text: render(`actions/${a.code}`, actionView(a.code, a.data, names)),
    due: dueText(a.due),
  }));

  return {
    netWorth: spoken(plan.balanceSheet.totals.netWorth),
    financialAssets: spoken(plan.balanceSheet.totals.financialAssets),
    surplus: spoken(plan.cashFlow.totals.surplus),
    successRate: percent(risk.monteCarlo.successAll, 1),
    successSentence: mcFinding
      ? render('findings/MC_SUCCESS', findingView('MC_SUCCESS', mcFinding.data, names))
      : '',
    moneyLastsSentence: lastsFinding
      ? render(`findings/${lastsFinding.code}`, findingView(lastsFinding.code, lastsFinding.data, names))
      : '',
    emergencyGap: dec(e.gap).gt(0) ? spoken(e.gap) : '无',
    retirementGap: spoken(gap.abs()),
    retirementGapIsSurplus: gap.lte(0),
    moneyShortFrom:
      p.retirement.ledgerShortfallAge !== null ? `${p.retirement.ledgerShortfallAge} 岁起` : null,
    lights,
    goals,
    actions,
  };
}
