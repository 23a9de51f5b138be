/**
 * The purchase policy (PURCHASE_POLICY): a home is bought only when its down payment is there.
 * Given a way to run the ledger under a schedule, decide for each home goal, in payment order,
 * whether it stays in its year, moves to the first later year its down payment is funded, or is
 * not bought at all. The decision is made once per profile under the base assumptions; every
 * rerun of the profile (sensitivity, stress, Monte Carlo) keeps it, so they test the same plan.
 */
import { Dec, ZERO, compound, sum } from '../../domain/money.js';
import { PURCHASE_POLICY } from '../rules/assumptions.js';
import type { ScheduledGoal } from './goals.js';
import type { LedgerYear } from './ledger.js';

export interface PurchaseDecision {
  goalId: string;
  plannedYear: number;
  /** The year bought; null when not bought (无法实现). */
  year: number | null;
  /** What the down payment lacked in the planned year (nominal, 元). */
  shortAtPlannedYear: Dec;
}

interface ScheduledRun {
  goals: ScheduledGoal[];
  ledger: LedgerYear[];
  h: { firstYear: number; lastYear: number };
}

/** What a goal's payments lacked over the ledger. */
export function goalShort(ledger: LedgerYear[], goalId: string): Dec {
  return sum(ledger.flatMap((y) => y.goalPayments.filter((p) => p.goalId === goalId).map((p) => p.short)));
}

export interface PurchaseSchedule<R> {
  goalYears: ReadonlyMap<string, number | null>;
  decisions: PurchaseDecision[];
  /** The run under the decided schedule. */
  run: R;
}

export function decidePurchases<R extends ScheduledRun>(
  runWith: (goalYears: ReadonlyMap<string, number | null>) => R,
): PurchaseSchedule<R> {
  const policy = PURCHASE_POLICY.value;
  const goalYears = new Map<string, number | null>();
  const decisions: PurchaseDecision[] = [];
  let run = runWith(goalYears);
  // Goals are already in payment order (priority, then year): earlier decisions shape later ones.
  for (const g of run.goals.filter((x) => x.home)) {
    const short = goalShort(run.ledger, g.id);
    if (short.isZero()) continue;
    const without = runWith(new Map([...goalYears, [g.id, null]]));
    let chosen: number | null = null;
    let verified = 0;
    const last = Math.min(g.plannedYear + policy.maxPostponeYears, run.h.lastYear);
    for (let year = g.plannedYear + 1; year <= last && verified < policy.maxVerifiedYears; year++) {
      if (!downPaymentWithin(without, g, year)) continue;
      const tried = new Map([...goalYears, [g.id, year]]);
      const r = runWith(tried);
      verified++;
      if (goalShort(r.ledger, g.id).isZero()) {
        chosen = year;
        run = r;
        break;
      }
    }
    goalYears.set(g.id, chosen);
    if (chosen === null) run = without;
    decisions.push({ goalId: g.id, plannedYear: g.plannedYear, year: chosen, shortAtPlannedYear: short });
  }
  // The run under the decided schedule: the base plan's own run, not computed again.
  return { goalYears, decisions, run };
}

/**
 * A screen before a rerun: in the ledger without this home, is the money at the end of `year`
 * (the investment pool and the 公积金 balance) at least the down payment at that year's price?
 */
function downPaymentWithin(without: ScheduledRun, g: ScheduledGoal, year: number): boolean {
  const y = without.ledger.find((x) => x.period.year === year);
  if (!y || !g.home) return false;
  const pool = sum([y.pool.cash, y.pool.deposit, y.pool.bond, y.pool.equity]);
  const down = g.todayAmount
    .times(compound(g.growth, Math.max(0, year - without.h.firstYear)))
    .times(g.home.downPaymentRatio);
  return pool.plus(y.housingFundBalance ?? ZERO).gte(down);
}
