/**
 * Each goal's outcome in the deterministic ledger: what it costs, what was paid, the first year
 * it runs short and by how much. Status: on_track when fully paid; short when any year is unpaid;
 * at_risk when fully paid but the year's pool was nearly exhausted by it (under 10% of the pool
 * left) — the Monte Carlo and stress tests say more. A home moved by the purchase policy is
 * postponed (bought, later) or unachievable (not bought; its shortfall is what the down payment
 * lacked in the planned year).
 */
import { ZERO, sum, toMoneyString, toRateString } from '../../domain/money.js';
import type { EngineRun } from '../run.js';
import type { GoalResult, GoalStatus } from '../plan-types.js';

const AT_RISK_MARGIN = 0.1;

export function goalResults(run: EngineRun): GoalResult[] {
  return run.goals.map((g) => {
    const payments = run.ledger.flatMap((y) =>
      y.goalPayments.filter((p) => p.goalId === g.id).map((p) => ({ year: y.period.year, p, y })),
    );
    const paid = sum(payments.map((x) => x.p.paid));
    const decision = run.purchases.find((d) => d.goalId === g.id);
    // A home not bought lacks what its down payment lacked in the planned year.
    const dropped = g.policy === 'unachievable' && decision;
    const short = dropped ? decision.shortAtPlannedYear : sum(payments.map((x) => x.p.short));
    const firstShort = payments.find((x) => x.p.short.gt(0));
    let status: GoalStatus = dropped ? 'unachievable' : short.gt(0) ? 'short' : 'on_track';
    if (status === 'on_track' && g.policy === 'postponed') status = 'postponed';
    else if (status === 'on_track') {
      const tight = payments.some((x) => {
        const left = x.y.financialAssets;
        return x.p.cost.gt(0) && left.lt(x.p.cost.times(AT_RISK_MARGIN));
      });
      if (tight) status = 'at_risk';
    }
    return {
      goalId: g.id,
      type: g.type,
      label: g.goal.label ?? '',
      priority: g.priority,
      memberId: g.goal.memberId ?? null,
      startYear: g.startYear,
      endYear: g.endYear,
      todayCost: toMoneyString(g.costs[0]?.today ?? ZERO),
      totalNominalCost: toMoneyString(sum(g.costs.map((c) => c.amount))),
      growth: toRateString(g.growth),
      amountSource: g.amountSource,
      paidNominal: toMoneyString(paid),
      shortfallNominal: toMoneyString(short),
      firstShortYear: dropped ? g.plannedYear : (firstShort?.year ?? null),
      firstShortAmount: toMoneyString(dropped ? short : (firstShort?.p.short ?? ZERO)),
      plannedYear: g.plannedYear,
      shortAtPlannedYear: toMoneyString(decision?.shortAtPlannedYear ?? ZERO),
      policy: g.policy,
      status,
    };
  });
}
