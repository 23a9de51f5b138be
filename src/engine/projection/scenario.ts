/**
 * A Scenario bends the base assumptions for one run of the plan: the sensitivity rows and the
 * named stress tests (src/engine/risk) are each a full rerun under a scenario. The base plan runs
 * under BASE_SCENARIO, which changes nothing.
 */
import { type Dec, ONE, ZERO } from '../../domain/money.js';
import type { Assumptions } from '../assumptions.js';

export type FinancialClass = 'cash' | 'deposit' | 'bond' | 'equity';

export interface Scenario {
  /** Added to the return of every financial asset class (cash, deposit, bond, equity). */
  returnShift: Dec;
  /** Added to general inflation and to every price-growth rate (education, medical, goals). */
  inflationShift: Dec;
  /** Added to salary and bonus growth. */
  incomeGrowthShift: Dec;
  /** Moves every planned retirement (months; negative = earlier). */
  retirementShiftMonths: number;
  /** Multiplies living spending. */
  spendingFactor: Dec;
  /** Multiplies discretionary (non-essential) spending only: "save more" by cutting extras. */
  discretionaryFactor: Dec;
  /** Returns by year that replace the assumption for a class (a crash and its recovery). */
  returnOverrides: ReadonlyMap<number, Partial<Record<FinancialClass, Dec>>>;
  /** General inflation by year that replaces the assumption (plus the shift). */
  inflationOverrides: ReadonlyMap<number, Dec>;
  /** Labour income (salary, bonus, business) of a member multiplied by a factor for some months. */
  incomeCuts: readonly { memberId: string; fromIndex: number; months: number; factor: Dec }[];
  /** One-off extra spending (nominal) in a year, e.g. critical-illness treatment. */
  extraSpending: readonly { year: number; amount: Dec }[];
  /** One-off extra money in (nominal), e.g. a critical-illness policy's lump sum. */
  extraIncome: readonly { year: number; amount: Dec }[];
  /** A member dies at the start of a year: income stops, life cover pays out. */
  death: { memberId: string; year: number } | null;
  /** Added to the LPR for floating-rate loans from the given year's January repricing. */
  lprShift: { fromYear: number; delta: Dec } | null;
  /** Which investment mix the pool follows after the first year. */
  allocation: 'recommended' | 'current';
  /**
   * Home purchases moved from the profile's year: goal id → the year it is bought, or null when
   * it is not bought at all (无法实现). Decided once per profile by the purchase policy
   * (projection/purchases.ts); an empty map means every goal in its own year.
   */
  goalYears: ReadonlyMap<string, number | null>;
}

export const BASE_SCENARIO: Scenario = {
  returnShift: ZERO,
  inflationShift: ZERO,
  incomeGrowthShift: ZERO,
  retirementShiftMonths: 0,
  spendingFactor: ONE,
  discretionaryFactor: ONE,
  returnOverrides: new Map(),
  inflationOverrides: new Map(),
  incomeCuts: [],
  extraSpending: [],
  extraIncome: [],
  death: null,
  lprShift: null,
  allocation: 'recommended',
  goalYears: new Map(),
};

/**
 * Growth indices by calendar year. Growth compounds each January: an amount in today's money
 * costs amount × index(Y) in year Y, with index(first year) = 1.
 */
export class GrowthIndex {
  private readonly values = new Map<number, Dec>();

  constructor(
    readonly firstYear: number,
    lastYear: number,
    rateOf: (year: number) => Dec,
  ) {
    let v = ONE;
    this.values.set(firstYear, v);
    for (let y = firstYear + 1; y <= lastYear; y++) {
      v = v.times(ONE.plus(rateOf(y)));
      this.values.set(y, v);
    }
  }

  at(year: number): Dec {
    const v = this.values.get(year);
    if (v !== undefined) return v;
    throw new RangeError(`no index for ${year}`);
  }
}

/** Constant-rate growth from the first year: (1 + r)^(year − firstYear). */
export function constantGrowth(rate: Dec, firstYear: number, year: number): Dec {
  return ONE.plus(rate).pow(Math.max(0, year - firstYear));
}

export interface ScenarioRates {
  inflationIndex: GrowthIndex;
  inflationOf(year: number): Dec;
  /** Price growth of a category whose base rate is `rate`, shifted with inflation. */
  priceGrowth(rate: Dec): Dec;
  incomeGrowth: Dec;
  returnOf(cls: FinancialClass, year: number): Dec;
}

export function scenarioRates(
  a: Assumptions,
  s: Scenario,
  firstYear: number,
  lastYear: number,
): ScenarioRates {
  const shiftedRates = new Map<Dec, Dec>();
  const returns = new Map<FinancialClass, Dec>();
  const inflationOf = (year: number) =>
    (s.inflationOverrides.get(year) ?? a.inflation).plus(s.inflationShift);
  return {
    inflationIndex: new GrowthIndex(firstYear, lastYear, inflationOf),
    inflationOf,
    // The same Dec back for the same rate, so compound()'s per-rate cache of powers applies.
    priceGrowth: (rate) => {
      if (s.inflationShift.isZero()) return rate;
      let shifted = shiftedRates.get(rate);
      if (shifted === undefined) shiftedRates.set(rate, (shifted = rate.plus(s.inflationShift)));
      return shifted;
    },
    incomeGrowth: s.incomeGrowthShift.isZero() ? a.incomeGrowth : a.incomeGrowth.plus(s.incomeGrowthShift),
    returnOf(cls, year) {
      const override = s.returnOverrides.get(year)?.[cls];
      if (override !== undefined) return override;
      let r = returns.get(cls);
      if (r === undefined) returns.set(cls, (r = a.returns[cls].plus(s.returnShift)));
      return r;
    },
  };
}
