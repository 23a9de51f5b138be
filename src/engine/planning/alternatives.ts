/**
 * 方案对比 — what a short goal could become. For each goal the plan cannot pay as asked (short,
 * postponed or not bought), rerun the engine on changed profiles and keep what works:
 *   - later: the first later year (within PURCHASE_POLICY's window) in which it is paid in full;
 *   - smaller: the largest amount (in whole 万元 of today's money) paid in full in the planned year;
 *   - later_and_smaller: when neither alone works, the largest amount paid in full at the end of the
 *     window.
 * Each option is judged as the plan is: does the goal happen in its year, paid in full; is
 * retirement on track (no year of unpaid bills, no retirement gap); and the success rate, from the
 * headline figure plus the change measured on the same first Monte Carlo trials (paired paths).
 * The best option is the one that funds the goal with the highest success rate (the smaller change
 * on a tie: later before smaller, as a household keeps its goal whole).
 */
import { Dec, ZERO, toMoneyString, toRateString } from '../../domain/money.js';
import type { Goal, Profile } from '../../domain/profile.js';
import type { Alternative, AlternativeOption, GoalResult } from '../plan-types.js';
import { goalShort } from '../projection/purchases.js';
import { monteCarloInput } from '../risk/analysis.js';
import { runMonteCarlo } from '../risk/monte-carlo.js';
import { PURCHASE_POLICY } from '../rules/assumptions.js';
import { runAsStated, type EngineRun } from '../run.js';
import { retirementCore } from './retirement.js';

const WAN = new Dec(10_000);
const SEARCH_STEPS = 7;

export interface AlternativeSettings {
  seed: number;
  /** Trials of the paired comparison (the main run's first trials). */
  trials: number;
  /** The headline success rate, and the base plan's rate over the first `trials` trials. */
  headline: number;
  baseFirst: number;
}

export function planAlternatives(
  profile: Profile,
  goals: GoalResult[],
  settings: AlternativeSettings,
): Alternative[] {
  const out: Alternative[] = [];
  const window = PURCHASE_POLICY.value.maxPostponeYears;
  for (const g of goals) {
    if (g.status !== 'short' && g.status !== 'unachievable' && g.status !== 'postponed') continue;
    const goal = profile.goals.find((x) => x.id === g.goalId);
    if (!goal) continue;
    const planned = g.plannedYear;
    // A trial: the goal in that year at that amount, as stated (no purchase policy), one run.
    const judge = (code: AlternativeOption['code'], year: number, factor: Dec | null): Trial => {
      const run = runAsStated(withGoal(profile, goal, year, factor));
      return { code, run, year, amount: amountOf(goal, factor), funded: paidInFull(run, g.goalId, year) };
    };
    const trials: Trial[] = [];

    // Later: the postponed home already is the later option (the plan's own choice).
    let later: Trial | null = null;
    if (g.status === 'postponed') later = judge('later', g.startYear, null);
    else
      for (let year = planned + 1; year <= planned + window && !later; year++) {
        const o = judge('later', year, null);
        if (o.funded) later = o;
      }
    if (later) trials.push(later);

    // Smaller: the largest amount paid in full in the planned year (needs a stated amount).
    const smallest =
      goal.amount !== undefined ? largestFunded(goal, (f) => judge('smaller', planned, f)) : null;
    if (smallest) trials.push(smallest);

    // Both: when neither alone works, the largest amount at the window's end.
    if (!later && !smallest && goal.amount !== undefined) {
      const both = largestFunded(goal, (f) => judge('later_and_smaller', planned + window, f));
      if (both) trials.push(both);
    }
    // Only the options shown are judged on the Monte Carlo trials.
    const options = trials.map((t) => optionOf(t, settings));

    const best =
      [...options].sort(
        (a, b) => Number(b.successRate) - Number(a.successRate) || rank(a.code) - rank(b.code),
      )[0] ?? null;
    out.push({
      goalId: g.goalId,
      current: optionOf(judge('current', planned, null), settings),
      options,
      best: best?.code ?? null,
    });
  }
  return out;
}

const rank = (code: AlternativeOption['code']) =>
  ({ current: 0, later: 1, smaller: 2, later_and_smaller: 3 })[code];

/** Binary search on the amount's share, in whole 万元: the largest that the judge finds funded. */
function largestFunded(goal: Goal, judgeAt: (factor: Dec) => Trial): Trial | null {
  const amount = new Dec(goal.amount ?? 0);
  if (amount.lt(WAN)) return null;
  let lo = ZERO; // funded (nothing is always affordable)
  let hi = amount.div(WAN).floor(); // in 万元
  let best: Trial | null = null;
  const at = (wan: Dec) => judgeAt(wan.times(WAN).div(amount));
  const top = at(hi);
  if (top.funded) return null; // the full amount works: not a "smaller" option
  for (let i = 0; i < SEARCH_STEPS && hi.minus(lo).gt(1); i++) {
    const mid = lo.plus(hi).div(2).floor();
    const o = at(mid);
    if (o.funded) {
      lo = mid;
      best = o;
    } else hi = mid;
  }
  return best;
}

function amountOf(goal: Goal, factor: Dec | null): Dec | null {
  if (goal.amount === undefined) return null;
  const amount = new Dec(goal.amount);
  return factor ? amount.times(factor).toDecimalPlaces(0) : amount;
}

/** The profile with one goal moved to a year and its amount scaled. */
function withGoal(profile: Profile, goal: Goal, year: number, factor: Dec | null): Profile {
  const { age: _age, ...rest } = goal;
  const changed: Goal = {
    ...rest,
    year,
    ...(factor && goal.amount !== undefined ? { amount: amountOf(goal, factor)!.toString() } : {}),
  };
  return { ...profile, goals: profile.goals.map((x) => (x === goal ? changed : x)) };
}

interface Trial {
  code: AlternativeOption['code'];
  run: EngineRun;
  year: number;
  amount: Dec | null;
  funded: boolean;
}

/** Paid in full, in the year asked for. */
function paidInFull(run: EngineRun, goalId: string, year: number): boolean {
  const scheduled = run.goals.find((x) => x.id === goalId);
  return !!scheduled && scheduled.startYear === year && goalShort(run.ledger, goalId).isZero();
}

function optionOf(t: Trial, s: AlternativeSettings): AlternativeOption {
  const { run } = t;
  const out = run.ledger.find((y) => y.livingShortfall.gt(0));
  const gap = retirementCore(run).gap;
  const mc = runMonteCarlo({ ...monteCarloInput(run, s.seed, s.trials), percentiles: false });
  const success = Math.min(1, Math.max(0, s.headline + mc.successAll - s.baseFirst));
  return {
    code: t.code,
    year: t.year,
    amountToday: t.amount ? toMoneyString(t.amount) : null,
    funded: t.funded,
    retirement: out ? 'money_runs_out' : gap.gt(0) ? 'gap' : 'on_track',
    moneyRunsOutAge: out ? (out.ages[run.h.self.member.id] ?? null) : null,
    successRate: toRateString(new Dec(success), 4),
  };
}
