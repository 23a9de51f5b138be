/**
 * Goals as dated outflows. Each goal's amount is in today's money and grows to the year it is paid
 * with its own rate: (1 + g)^(year − valuation year). Defaults for g: domestic or overseas
 * education inflation for education, house-price growth for a home, general inflation otherwise.
 * Education goals without an amount use the rule set's cost presets for the stage and place.
 *
 * A home goal pays the down payment (and uses the 公积金 balance first); the rest becomes a new
 * commercial loan (see planning/housing for the loan structure) and the home becomes an asset.
 */
import { Dec, ZERO, compound, dec } from '../../domain/money.js';
import type { GoalPriority, GoalType } from '../../domain/codes.js';
import type { Goal, Profile } from '../../domain/profile.js';
import type { Assumptions } from '../assumptions.js';
import type { HouseholdFacts } from '../household.js';
import { EDUCATION_PRESETS } from '../rules/assumptions.js';
import type { ScenarioRates } from './scenario.js';

export interface GoalCost {
  year: number;
  /** Nominal cost in that year. */
  amount: Dec;
  /** The same cost in today's money. */
  today: Dec;
}

export interface ScheduledGoal {
  goal: Goal;
  id: string;
  type: GoalType;
  priority: GoalPriority;
  startYear: number;
  endYear: number;
  growth: Dec;
  /** Today's cost per payment (per year for yearly goals). */
  todayAmount: Dec;
  /** Where the amount came from. */
  amountSource: 'profile' | 'preset';
  costs: GoalCost[];
  /** For a home goal: the price at purchase (nominal) and the down payment share. */
  home?: { priceNominal: Dec; downPaymentRatio: Dec };
  /** For a home the plan does not buy (unachievable): what it would have cost in its planned year. */
  unbought?: { priceNominal: Dec; downPaymentRatio: Dec };
  /** The year the profile asks for; startYear differs when the purchase policy moved the goal. */
  plannedYear: number;
  /**
   * as_planned: paid in its year (in full or with a shortfall); postponed: a home bought in the
   * first later year its down payment is there; unachievable: a home not bought at all (no loan,
   * no property), because its down payment is not there within the policy's window.
   */
  policy: 'as_planned' | 'postponed' | 'unachievable';
}

export const PRIORITY_ORDER: Record<GoalPriority, number> = { essential: 0, important: 1, desirable: 2 };

export function goalStartYear(goal: Goal, h: HouseholdFacts): number {
  if (goal.year !== undefined) return goal.year;
  const member = goal.memberId ? h.byId.get(goal.memberId) : undefined;
  if (goal.age !== undefined && member) return member.birthYear + goal.age;
  return h.firstYear;
}

export function goalGrowth(goal: Goal, a: Assumptions, rates: ScenarioRates): Dec {
  if (goal.growth !== undefined) return rates.priceGrowth(dec(goal.growth));
  if (goal.type === 'education')
    return rates.priceGrowth(
      goal.education && goal.education.location !== 'domestic'
        ? a.educationInflationAbroad
        : a.educationInflation,
    );
  if (goal.type === 'home') return a.housePriceGrowth;
  return rates.priceGrowth(a.inflation);
}

/** Schedule every goal except retirement (which shapes spending rather than paying out). */
export function scheduleGoals(
  profile: Profile,
  h: HouseholdFacts,
  a: Assumptions,
  rates: ScenarioRates,
  commercialMinDownPayment: Dec,
  goalYears: ReadonlyMap<string, number | null> = new Map(),
): ScheduledGoal[] {
  const out: ScheduledGoal[] = [];
  for (const goal of profile.goals) {
    if (goal.type === 'retirement') continue;
    const plannedYear = goalStartYear(goal, h);
    const moved = goalYears.get(goal.id);
    const startYear = moved ?? plannedYear;
    const policy: ScheduledGoal['policy'] =
      moved === null
        ? 'unachievable'
        : moved !== undefined && moved !== plannedYear
          ? 'postponed'
          : 'as_planned';
    const growth = goalGrowth(goal, a, rates);
    let todayAmount: Dec;
    let years: number;
    let perYear: boolean;
    let amountSource: ScheduledGoal['amountSource'] = 'profile';
    if (goal.amount === undefined && goal.type === 'education' && goal.education) {
      const preset = EDUCATION_PRESETS.value[goal.education.location][goal.education.stage];
      todayAmount = dec(preset?.annualCost ?? 0);
      years = goal.years ?? preset?.years ?? 1;
      perYear = true;
      amountSource = 'preset';
    } else {
      const unit = goal.unit ?? 'once';
      const amount = dec(goal.amount ?? 0);
      todayAmount = unit === 'month' ? amount.times(12) : amount;
      perYear = unit !== 'once';
      years = perYear ? (goal.years ?? 1) : 1;
    }
    const costs: GoalCost[] = [];
    for (let k = 0; k < years; k++) {
      const year = startYear + k;
      const factor = compound(growth, Math.max(0, year - h.firstYear));
      costs.push({ year, amount: todayAmount.times(factor), today: todayAmount });
    }
    const scheduled: ScheduledGoal = {
      goal,
      id: goal.id,
      type: goal.type,
      priority: goal.priority,
      startYear,
      endYear: startYear + years - 1,
      growth,
      todayAmount,
      amountSource,
      costs,
      plannedYear,
      policy,
    };
    if (goal.type === 'home') {
      const ratio =
        goal.downPaymentRatio !== undefined ? dec(goal.downPaymentRatio) : commercialMinDownPayment;
      const price = costs[0]?.amount ?? ZERO;
      scheduled.home = { priceNominal: price, downPaymentRatio: ratio };
      // The household pays the down payment; the loan pays the rest.
      scheduled.costs = [{ year: startYear, amount: price.times(ratio), today: todayAmount.times(ratio) }];
      // Not bought: nothing is paid, no loan is taken, no home is added.
      if (policy === 'unachievable') {
        scheduled.costs = [];
        scheduled.unbought = scheduled.home;
        delete scheduled.home;
      }
    }
    out.push(scheduled);
  }
  return out.sort(
    (x, y) =>
      PRIORITY_ORDER[x.priority] - PRIORITY_ORDER[y.priority] ||
      x.startYear - y.startYear ||
      (x.id < y.id ? -1 : 1),
  );
}
