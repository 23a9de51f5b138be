/**
 * 执行计划: dated actions, in priority order (先保障后理财): 1 protection and liquidity, 2 saving
 * and investing, 3 optimisation. Every amount of money an action asks for is what the funding pass
 * (planning/funding.ts) could fund: a monthly saving or premium is its funded part, a one-off its
 * share of the movable assets; a need the surplus cannot fund gets no action (the diagnosis and the
 * FUNDING_SHORT finding name it). Each action carries codes and numbers; the report's
 * templates/actions/<code>.hbs give the words. A yearly review is always due.
 */
import { addMonths } from '../../domain/month.js';
import { Dec, ZERO, sum, toMoneyString } from '../../domain/money.js';
import { MEANINGFUL_MOVE } from './investment.js';
import { HIGH_INTEREST_DEBT } from '../rules/assumptions.js';
import type { Action, FundingItem, FundingPlan, GoalResult, PlanningModules } from '../plan-types.js';

export function planActions(
  valuationMonth: string,
  m: PlanningModules,
  funding: FundingPlan,
  goals: GoalResult[],
): Action[] {
  const due = (months: number) => addMonths(valuationMonth, months);
  const actions: Action[] = [];
  const funded = (i: FundingItem) => new Dec(i.fundedMonthly).gt(0) || new Dec(i.oneOff).gt(0);
  const items = funding.items.filter(funded);
  const yearly = (i: FundingItem) => toMoneyString(new Dec(i.fundedMonthly).times(12));

  for (const i of items.filter((x) => x.code === 'EMERGENCY_TOP_UP'))
    actions.push({
      code: 'EMERGENCY_TOP_UP',
      module: 'emergency',
      due: due(3),
      priority: 1,
      data: { amount: new Dec(i.oneOff).gt(0) ? i.oneOff : m.emergency.gap, monthly: i.fundedMonthly },
    });
  // 高息负债 are repaid first: before protection extras, goal saving and investing.
  for (const l of m.housing.existingLoans.filter((x) => x.recommended)) {
    const i = items.find((x) => x.code === 'PREPAY_LOAN' && x.loanLabel === l.label);
    if (!i || (new Dec(i.oneOff).isZero() && new Dec(i.fundedMonthly).isZero())) continue;
    actions.push({
      code: 'PREPAY_LOAN',
      module: 'housing',
      due: due(1),
      priority: 1,
      data: {
        label: l.label,
        rate: l.annualRate,
        amount: i.oneOff,
        saved: l.shortenTermInterestSaved,
        monthly: i.fundedMonthly,
        months: Math.min(HIGH_INTEREST_DEBT.value.payoffMonths, l.monthsLeft),
        unfunded: i.unfundedMonthly,
      },
    });
  }
  // Medical and accident cover: one action per kind for everyone it is funded for.
  for (const code of ['INSURE_MEDICAL', 'INSURE_ACCIDENT'] as const) {
    const kind = items.filter((x) => x.code === code);
    if (kind.length)
      actions.push({
        code,
        module: 'insurance',
        due: due(1),
        priority: 1,
        data: {
          memberIds: kind.map((x) => x.memberId).join(','),
          premium: toMoneyString(sum(kind.map(yearly))),
        },
      });
  }
  for (const i of items.filter((x) => x.code === 'INSURE_CRITICAL_ILLNESS' || x.code === 'INSURE_LIFE')) {
    const line = m.insurance.members
      .find((x) => x.memberId === i.memberId)
      ?.lines.find((l) => l.kind === i.kind);
    actions.push({
      code: i.code as 'INSURE_CRITICAL_ILLNESS' | 'INSURE_LIFE',
      module: 'insurance',
      due: due(3),
      priority: 2,
      data: { memberId: i.memberId, gap: line?.gap ?? '0.00', premium: yearly(i) },
    });
  }
  const moves = m.investment.moves;
  if (Object.values(moves).some((v) => new Dec(v).abs().gte(MEANINGFUL_MOVE)))
    actions.push({
      code: 'REBALANCE',
      module: 'investment',
      due: due(1),
      priority: 2,
      data: { ...moves, riskLevel: m.investment.riskLevel },
    });
  for (const i of items)
    if (i.code === 'EDUCATION_SAVING' || i.code === 'GOAL_SAVING')
      actions.push({
        code: i.code,
        module: i.code === 'EDUCATION_SAVING' ? 'education' : 'otherGoals',
        due: due(1),
        priority: 2,
        data: { goalId: i.goalId, monthly: i.fundedMonthly, unfunded: i.unfundedMonthly },
      });
    else if (i.code === 'RETIREMENT_SAVING')
      actions.push({
        code: 'RETIREMENT_SAVING',
        module: 'retirement',
        due: due(1),
        priority: 2,
        data: { monthly: i.fundedMonthly, unfunded: i.unfundedMonthly },
      });
  for (const i of items.filter((x) => x.code === 'OPEN_PRIVATE_PENSION')) {
    const t = m.tax.members.find((x) => x.memberId === i.memberId);
    actions.push({
      code: 'OPEN_PRIVATE_PENSION',
      module: 'tax',
      due: `${valuationMonth.slice(0, 4)}-12`,
      priority: 3,
      data: { memberId: i.memberId, saving: t?.privatePensionTaxSaving ?? '0.00', monthly: i.fundedMonthly },
    });
  }
  // A home is prepared for only when the plan buys it, in the year it buys it.
  for (const p of m.housing.purchases) {
    const g = goals.find((x) => x.goalId === p.goalId);
    // The affordability gate: no purchase (and so no loan) is prepared at a price whose payment
    // the bank's line does not allow; the finding gives the affordable price instead.
    if (!g || g.status === 'unachievable' || p.affordability === 'above_bank') continue;
    actions.push({
      code: 'PREPARE_HOME_PURCHASE',
      module: 'housing',
      due: `${p.year - 1}-06`,
      priority: 2,
      data: { goalId: p.goalId, downPayment: p.downPayment, year: p.year },
    });
  }
  actions.push({ code: 'ANNUAL_REVIEW', module: 'review', due: due(12), priority: 1, data: {} });
  return actions.sort((a, b) => a.priority - b.priority || (a.due < b.due ? -1 : a.due > b.due ? 1 : 0));
}

/** Total monthly money the actions ask for (for the audit): funded savings, premiums, contributions. */
export function monthlyAsked(actions: Action[]): Dec {
  let total = ZERO;
  for (const a of actions) {
    if (typeof a.data.monthly === 'string') total = total.plus(a.data.monthly);
    if (typeof a.data.premium === 'string') total = total.plus(new Dec(a.data.premium).div(12));
  }
  return total;
}
