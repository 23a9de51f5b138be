/**
 * Living spending by category for a period. Each item accrues monthly in today's money and grows
 * each January with its own rate (stated, else medical inflation for 医疗保健, domestic education
 * inflation for 子女日常教育, else general inflation). Conventions:
 * - 子女养育 and 子女日常教育 end when the youngest child turns 18 unless an end month is stated
 *   (university is planned as an education goal);
 * - 房租 ends in the year a home goal is bought;
 * - from the self's planned retirement, items marked not to continue stop, and the rest are scaled
 *   by the retirement-spending ratio — or, if the retirement goal states a monthly or yearly amount,
 *   that amount replaces living spending;
 * - the scenario's spending factor multiplies everything.
 */
import { Dec, ZERO, compound, dec, roundFen, scale } from '../../domain/money.js';
import { monthIndex } from '../../domain/month.js';
import type { Profile, Spending } from '../../domain/profile.js';
import type { Assumptions } from '../assumptions.js';
import { monthlyAmount, monthsIn, type Period } from './period.js';
import type { Scenario, ScenarioRates } from './scenario.js';

export interface SpendingLineAmount {
  index: number;
  essential: boolean;
  amount: Dec;
}

export interface SpendingSetup {
  /** First month of household retirement (the self's planned retirement), or null if already retired. */
  retirementIndex: number | null;
  /** Month from which living spending is the retirement goal's stated amount. */
  retirementBudget: { monthly: Dec; growth: Dec } | null;
  /** End (inclusive) of child-related spending by default. */
  childSpendingEndIndex: number | null;
  /** Month the household stops paying rent (home purchase). */
  rentEndIndex: number | null;
  /** Last month of the plan. */
  lastIndex: number;
}

/** How much an item costs in the period relative to today (its own growth or general inflation). */
export function spendingPriceFactor(s: Spending, p: Period, a: Assumptions, rates: ScenarioRates): Dec {
  let rate: Dec | null = null;
  if (s.growth !== undefined) rate = rates.priceGrowth(dec(s.growth));
  else if (s.category === 'healthcare') rate = rates.priceGrowth(a.medicalInflation);
  else if (s.category === 'education') rate = rates.priceGrowth(a.educationInflation);
  // General inflation comes from the index, which follows any year-by-year scenario inflation.
  return rate === null ? rates.inflationIndex.at(p.year) : compound(rate, p.t);
}

function endIndexOf(s: Spending, setup: SpendingSetup): number {
  let end = s.endMonth ? monthIndex(s.endMonth) : setup.lastIndex;
  if (
    !s.endMonth &&
    (s.category === 'childcare' || s.category === 'education') &&
    setup.childSpendingEndIndex !== null
  )
    end = Math.min(end, setup.childSpendingEndIndex);
  if (s.category === 'rent' && setup.rentEndIndex !== null) end = Math.min(end, setup.rentEndIndex - 1);
  return end;
}

/**
 * Each spending line's amount in the period (nominal), rounded half-up to the fen as the ledger
 * books it. Lines with no month in the period cost nothing and skip the arithmetic: the ledger
 * asks this for every line in every year, and most lines are inactive for most of a long plan.
 */
export function spendingForPeriod(
  profile: Profile,
  p: Period,
  a: Assumptions,
  rates: ScenarioRates,
  scenario: Scenario,
  setup: SpendingSetup,
): SpendingLineAmount[] {
  const retire = setup.retirementIndex;
  const out: SpendingLineAmount[] = [];
  profile.spending.forEach((s, index) => {
    const end = endIndexOf(s, setup);
    const before = monthsIn(p, null, retire === null ? end : Math.min(end, retire - 1));
    const after =
      retire !== null && !setup.retirementBudget && s.continuesInRetirement !== false
        ? monthsIn(p, retire, end)
        : 0;
    if (before === 0 && after === 0) {
      out.push({ index, essential: s.essential, amount: ZERO });
      return;
    }
    const today = costToday(s, before, after, a.retirementSpendingRatio);
    let amount = today.times(spendingPriceFactor(s, p, a, rates));
    amount = scale(amount, scenario.spendingFactor);
    if (!s.essential) amount = scale(amount, scenario.discretionaryFactor);
    out.push({ index, essential: s.essential, amount: roundFen(amount) });
  });
  return out;
}

const costsToday = new WeakMap<Spending, Map<string, Dec>>();

/**
 * What an item's months in a period cost at today's prices: monthly × (months before retirement +
 * retirement ratio × months after). Most years repeat the same months (12 before, or 12 after), so
 * the product is kept per item and the year's cost is one multiplication by its price factor.
 */
function costToday(s: Spending, before: number, after: number, ratio: Dec): Dec {
  let byMonths = costsToday.get(s);
  if (!byMonths) costsToday.set(s, (byMonths = new Map()));
  const key = after === 0 ? `${before}` : `${before}|${after}|${ratio.toString()}`;
  let cost = byMonths.get(key);
  if (cost === undefined) {
    const months = after === 0 ? dec(before) : ratio.times(after).plus(before);
    byMonths.set(key, (cost = monthlyAmount(s).times(months)));
  }
  return cost;
}

/** Living spending replaced by the retirement goal's stated budget (from retirement on). */
export function retirementBudgetForPeriod(
  p: Period,
  rates: ScenarioRates,
  scenario: Scenario,
  setup: SpendingSetup,
): Dec {
  if (!setup.retirementBudget || setup.retirementIndex === null) return ZERO;
  const months = monthsIn(p, setup.retirementIndex, setup.lastIndex);
  const g = setup.retirementBudget.growth;
  const factor = g.isZero() ? rates.inflationIndex.at(p.year) : compound(g, p.t);
  return setup.retirementBudget.monthly.times(factor).times(months).times(scenario.spendingFactor);
}
