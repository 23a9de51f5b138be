/**
 * 资金安排 — the funding pass. A plan's recommendations all draw on the same money: the monthly
 * surplus of the 收支表 and the assets that can be moved today. This pass hands that money out in
 * the planner's order (FUNDING_POLICY, 先保障后理财):
 *   1. emergency fund: from assets that can be sold when they cover the gap, else from the surplus
 *      over FUNDING_POLICY.emergencyTopUpMonths months;
 *   2. 高息负债 (HIGH_INTEREST_DEBT), highest rate first: from movable assets, the rest from the
 *      surplus, before any protection extra, goal saving or 个人养老金;
 *   3. protection: the estimated premium of each uncovered line (members by income, then
 *      医疗 → 意外 → 重疾 → 寿险);
 *   4. goals by priority (必须 → 重要 → 期望), then by date: education and other goals' saving,
 *      retirement saving;
 *   5. optimisation: 个人养老金 contributions that save tax.
 * A part of the surplus (marginShare) is never allocated. Every recommended monthly amount is the
 * funded part of its request, so their sum never exceeds the budget; what cannot be funded is kept
 * as the request's unfunded part, named by its goal or member.
 */
import { Dec, ZERO, roundFen, sum, toMoneyString, toRateString } from '../../domain/money.js';
import type { GoalPriority } from '../../domain/codes.js';
import type { ActionCode } from '../findings.js';
import type {
  CashFlowStatement,
  EmergencyFundPlan,
  FundingItem,
  FundingPlan,
  LoanPrepaymentAdvice,
  PlanningModules,
} from '../plan-types.js';
import { PRIORITY_ORDER } from '../projection/goals.js';
import { FUNDING_POLICY, HIGH_INTEREST_DEBT } from '../rules/assumptions.js';
import { rulesAt } from '../rules/ruleset.js';
import type { EngineRun } from '../run.js';

interface Request {
  step: FundingItem['step'];
  code: ActionCode;
  goalId?: string;
  memberId?: string;
  kind?: NonNullable<FundingItem['kind']>;
  monthly?: Dec;
  oneOff?: Dec;
  loanLabel?: string;
  /**
   * A debt to clear: what the one-off from assets leaves is asked for monthly, as the extra over
   * the regular payment that clears it within `months`.
   */
  clear?: { months: number; regularMonthly: Dec };
}

const INSURE_CODE = {
  medical: 'INSURE_MEDICAL',
  accident: 'INSURE_ACCIDENT',
  criticalIllness: 'INSURE_CRITICAL_ILLNESS',
  life: 'INSURE_LIFE',
} as const;

/** Investments that can be sold for a one-off: deposits, bonds, equities. */
function movableAssets(run: EngineRun): Dec {
  return sum(
    run.profile.assets.filter((a) => ['time_deposit', 'bond', 'equity'].includes(a.type)).map((a) => a.value),
  );
}

/**
 * What the funding pass will take from assets to clear 高息负债: the movable assets and the cash
 * above the emergency fund's upper target, after the emergency fund's own one-off. The investment
 * module rebalances what is left (so it never moves into cash the money that repays a debt).
 */
export function debtRepaidFromAssets(
  run: EngineRun,
  emergency: Pick<EmergencyFundPlan, 'gap' | 'liquid' | 'targetMax'>,
  loans: readonly LoanPrepaymentAdvice[],
): Dec {
  const movable = movableAssets(run);
  const available = movable.plus(Dec.max(ZERO, new Dec(emergency.liquid).minus(emergency.targetMax)));
  const gap = new Dec(emergency.gap);
  const afterEmergency = gap.gt(0) && movable.gte(gap) ? available.minus(roundFen(gap)) : available;
  const debts = sum(loans.filter((l) => l.recommended).map((l) => roundFen(new Dec(l.amount))));
  return Dec.max(ZERO, Dec.min(debts, afterEmergency));
}

export function planFunding(run: EngineRun, cf: CashFlowStatement, m: PlanningModules): FundingPlan {
  const policy = FUNDING_POLICY.value;
  const monthlySurplus = new Dec(cf.totals.surplus).div(12);
  const margin = new Dec(policy.marginShare);
  // Amounts to the fen before they are handed out, so the items add up to the budget exactly.
  const budget = roundFen(Dec.max(ZERO, monthlySurplus.times(Dec.sub(1, margin))));
  const movable = movableAssets(run);
  const spareCash = Dec.max(ZERO, new Dec(m.emergency.liquid).minus(m.emergency.targetMax));
  const assetsAvailable = movable.plus(spareCash);

  const requests: Request[] = [];
  // 1. Emergency fund.
  const gap = new Dec(m.emergency.gap);
  if (gap.gt(0)) {
    if (movable.gte(gap)) requests.push({ step: 'emergency', code: 'EMERGENCY_TOP_UP', oneOff: gap });
    else
      requests.push({
        step: 'emergency',
        code: 'EMERGENCY_TOP_UP',
        monthly: gap.div(policy.emergencyTopUpMonths),
      });
  }
  // 2. 高息负债, highest rate first (the housing module's order): cleared from movable assets, the
  //    rest repaid from the surplus within HIGH_INTEREST_DEBT.payoffMonths (or the loan's own
  //    remaining months, if fewer) on top of its regular payment.
  for (const l of m.housing.existingLoans)
    if (l.recommended)
      requests.push({
        step: 'debt',
        code: 'PREPAY_LOAN',
        loanLabel: l.label,
        oneOff: new Dec(l.amount),
        clear: {
          months: Math.min(HIGH_INTEREST_DEBT.value.payoffMonths, l.monthsLeft),
          regularMonthly: new Dec(l.monthlyPayment),
        },
      });
  // 3. Protection, in the insurance module's order.
  for (const member of m.insurance.members)
    for (const line of [...member.lines].sort((a, b) => a.order - b.order))
      if (!line.covered && line.estimatedPremium !== null)
        requests.push({
          step: 'protection',
          code: INSURE_CODE[line.kind],
          memberId: member.memberId,
          kind: line.kind,
          monthly: new Dec(line.estimatedPremium).div(12),
        });
  // 4. Goals by priority, then date.
  const goalRequests: (Request & { priority: GoalPriority; year: number })[] = [];
  const scheduled = new Map(run.goals.map((g) => [g.id, g]));
  for (const g of m.education.goals)
    if (g.monthlySaving)
      goalRequests.push({
        step: 'goals',
        code: 'EDUCATION_SAVING',
        goalId: g.goalId,
        monthly: new Dec(g.monthlySaving),
        priority: scheduled.get(g.goalId)?.priority ?? 'important',
        year: g.startYear,
      });
  for (const g of m.otherGoals.goals)
    if (g.monthlySaving) {
      const s = scheduled.get(g.goalId);
      goalRequests.push({
        step: 'goals',
        code: 'GOAL_SAVING',
        goalId: g.goalId,
        monthly: new Dec(g.monthlySaving),
        priority: s?.priority ?? 'important',
        year: s?.startYear ?? run.h.firstYear,
      });
    }
  if (m.retirement.monthlySaving) {
    const goal = run.profile.goals.find((g) => g.type === 'retirement');
    goalRequests.push({
      step: 'goals',
      code: 'RETIREMENT_SAVING',
      goalId: goal?.id,
      monthly: new Dec(m.retirement.monthlySaving),
      priority: goal?.priority ?? 'essential',
      year: m.retirement.retirementYear ?? run.h.firstYear,
    });
  }
  goalRequests.sort((a, b) => PRIORITY_ORDER[a.priority] - PRIORITY_ORDER[b.priority] || a.year - b.year);
  requests.push(...goalRequests);
  // 5. Optimisation: 个人养老金 contributions where they save tax (the cap, spread over the year);
  //    none while a 高息负债 is still being repaid from the surplus: every spare 元 clears it first.
  const debtStillOwed = (): boolean => {
    let assets = assetsAvailable;
    for (const r of requests) {
      const one = Dec.min(roundFen(r.oneOff ?? ZERO), assets);
      assets = assets.minus(one);
      if (r.clear && roundFen(r.oneOff ?? ZERO).gt(one)) return true;
    }
    return false;
  };
  const deferOptimisation = debtStillOwed();
  const cap = new Dec(rulesAt(run.h.valuationMonth).iit.privatePension?.value.privatePensionAnnualCap ?? 0);
  for (const t of m.tax.members)
    if (
      !deferOptimisation &&
      cap.gt(0) &&
      new Dec(t.privatePensionTaxSaving).gt(0) &&
      t.possibleDeductions.includes('privatePension')
    )
      requests.push({
        step: 'optimisation',
        code: 'OPEN_PRIVATE_PENSION',
        memberId: t.memberId,
        monthly: cap.div(12),
      });

  // Hand out the budget and the movable assets in that order.
  let left = budget;
  let assetsLeft = assetsAvailable;
  const items: FundingItem[] = requests.map((r) => {
    const oneOff = Dec.min(roundFen(r.oneOff ?? ZERO), assetsLeft);
    assetsLeft = assetsLeft.minus(oneOff);
    const rest = r.clear ? roundFen(r.oneOff ?? ZERO).minus(oneOff) : ZERO;
    const requested = roundFen(
      r.clear
        ? rest.gt(0)
          ? Dec.max(ZERO, rest.div(Math.max(1, r.clear.months)).minus(r.clear.regularMonthly))
          : ZERO
        : (r.monthly ?? ZERO),
    );
    const funded = Dec.min(requested, left);
    left = left.minus(funded);
    return {
      step: r.step,
      code: r.code,
      goalId: r.goalId ?? null,
      memberId: r.memberId ?? null,
      kind: r.kind ?? null,
      loanLabel: r.loanLabel ?? null,
      requestedMonthly: toMoneyString(requested),
      fundedMonthly: toMoneyString(funded),
      unfundedMonthly: toMoneyString(requested.minus(funded)),
      oneOff: toMoneyString(oneOff),
    };
  });
  const allocated = sum(items.map((i) => i.fundedMonthly));
  return {
    monthlySurplus: toMoneyString(monthlySurplus),
    marginShare: toRateString(margin),
    budget: toMoneyString(budget),
    allocated: toMoneyString(allocated),
    unallocated: toMoneyString(budget.minus(allocated)),
    assetsAvailable: toMoneyString(assetsAvailable),
    assetsAllocated: toMoneyString(sum(items.map((i) => i.oneOff))),
    order: [...policy.order],
    items,
  };
}
