/**
 * 资金安排与方案对比: how the monthly surplus and the movable assets pay for the plan's advice (the
 * funding pass, in its order), what they cannot pay for, and for each goal the plan cannot pay as
 * asked, the alternatives beside the plan as asked. Words for the Plan's funding, alternatives and
 * purchase findings; every figure formatted from the Plan.
 */
import { GOAL_TYPES } from '../../domain/codes.js';
import { dec } from '../../domain/money.js';
import type { FindingCode } from '../../engine/findings.js';
import type { AlternativeOption, FundingItem, Plan } from '../../engine/plan-types.js';
import { percent, spoken, yearText, yuanNumber } from '../format.js';
import type { TemplateSet } from '../narrative/templates.js';
import type { TableRow } from '../pdf/writer.js';
import { COVER_LABELS, findingView, namesOf, type Names } from './findings.js';

const STEP_LABELS: Record<FundingItem['step'], string> = {
  emergency: '应急准备金',
  debt: '高息负债',
  protection: '保障',
  goals: '目标储蓄',
  optimisation: '优化',
};

const OPTION_LABELS: Record<AlternativeOption['code'], string> = {
  current: '按原计划',
  later: '推迟实现',
  smaller: '降低金额',
  later_and_smaller: '推迟并降低金额',
};

const RETIREMENT_LABELS: Record<AlternativeOption['retirement'], string> = {
  on_track: '有保障',
  gap: '有缺口',
  money_runs_out: '资金不足',
};

function itemLabel(i: FundingItem, names: Names): string {
  switch (i.code) {
    case 'EMERGENCY_TOP_UP':
      return '补足应急准备金';
    case 'PREPAY_LOAN':
      return i.loanLabel ? `偿还高息负债“${i.loanLabel}”` : '偿还高息负债';
    case 'INSURE_MEDICAL':
    case 'INSURE_ACCIDENT':
    case 'INSURE_CRITICAL_ILLNESS':
    case 'INSURE_LIFE':
      return `${names.member(i.memberId ?? '')}${COVER_LABELS[i.kind ?? ''] ?? ''}保费`;
    case 'RETIREMENT_SAVING':
      return '养老储蓄';
    case 'OPEN_PRIVATE_PENSION':
      return `${names.member(i.memberId ?? '')}个人养老金缴存`;
    default:
      return `“${names.goal(i.goalId ?? '')}”储蓄`;
  }
}

export function buildFunding(plan: Plan, templates: TemplateSet) {
  const names = namesOf(plan);
  const f = plan.funding;
  const render = (code: FindingCode) =>
    plan.findings
      .filter((x) => x.code === code)
      .map((x) => templates.render(`findings/${code}`, findingView(code, x.data, names)));
  const rows: TableRow[] = f.items.map((i) => ({
    cells: [
      STEP_LABELS[i.step],
      itemLabel(i, names),
      dec(i.requestedMonthly).gt(0) ? yuanNumber(i.requestedMonthly) : '—',
      dec(i.fundedMonthly).gt(0) ? yuanNumber(i.fundedMonthly) : '—',
      dec(i.unfundedMonthly).gt(0) ? yuanNumber(i.unfundedMonthly) : '—',
      dec(i.oneOff).gt(0) ? yuanNumber(i.oneOff) : '—',
    ],
    negative: [false, false, false, false, dec(i.unfundedMonthly).gt(0), false],
  }));
  const surplus = dec(f.monthlySurplus);
  const intro = surplus.gt(0)
    ? `未来 12 个月每月平均结余 ${spoken(f.monthlySurplus)}，留出 ${percent(f.marginShare, 0)} 机动后可安排 ${spoken(f.budget)}，按“先保障后理财”的顺序安排如下：已安排每月 ${spoken(f.allocated)}${dec(f.unallocated).gt(0) ? `，余下 ${spoken(f.unallocated)}可用于长期投资` : ''}。`
    : `未来 12 个月收不抵支（每月平均 ${spoken(surplus.neg())}），没有结余可安排：以下需要须先通过增加收入或压缩开支解决。`;

  const alternatives = plan.alternatives.map((a) => {
    const goal = plan.goals.find((g) => g.goalId === a.goalId);
    const label = names.goal(a.goalId);
    const options = [a.current, ...a.options];
    return {
      title: `“${label}”的方案对比`,
      rows: options.map((o) => ({
        cells: [
          `${OPTION_LABELS[o.code]}${o.code === a.best ? '（建议）' : ''}`,
          yearText(o.year),
          o.amountToday ? spoken(o.amountToday) : '—',
          o.funded ? '可足额支付' : '资金不足',
          RETIREMENT_LABELS[o.retirement],
          percent(o.successRate, 1),
        ],
        negative: [false, false, false, !o.funded, o.retirement !== 'on_track', false],
      })),
      note: goal
        ? `${GOAL_TYPES.labels[goal.type]}金额为今日价格；成功概率为所有目标均实现的模拟比例，与摘要的 ${percent(plan.diagnosis.success.rate, 1)} 同一口径（按同一批模拟路径比较）。`
        : '',
    };
  });
  return {
    intro,
    rows,
    shortSentences: render('FUNDING_SHORT'),
    purchaseSentences: [...render('GOAL_POSTPONED'), ...render('GOAL_UNACHIEVABLE')],
    alternatives,
  };
}
