/**
 * A Period is a run of months the ledger books together: a calendar year of the projection (the
 * first one starts at the valuation month), or the 12 months from the valuation month for the
 * 收支表. Every recurring amount accrues month by month over the months of a period in which it is
 * active; growth steps each January (t = year − first year).
 */
import type { AmountUnit } from '../../domain/codes.js';
import { Dec, ONE, dec, type DecimalLike } from '../../domain/money.js';
import { fromMonthIndex } from '../../domain/month.js';
import { rulesAt, type RulesAt } from '../rules/ruleset.js';

export interface Period {
  year: number;
  /** Month indices (year × 12 + month − 1), inclusive. */
  startIndex: number;
  endIndex: number;
  months: number;
  /** Years of growth since the valuation year. */
  t: number;
  /** The rules in force for this period (those of its first month). */
  rules: RulesAt;
  /**
   * Whether annual taxes are computed on a full-year basis and scaled by months / 12: the first,
   * partial year (its January–valuation months are outside the plan) and the 收支表's 12 months.
   */
  annualise: boolean;
}

export function yearPeriod(year: number, firstYear: number, valuationIndex: number): Period {
  const startIndex = Math.max(valuationIndex, year * 12);
  const endIndex = year * 12 + 11;
  return {
    year,
    startIndex,
    endIndex,
    months: endIndex - startIndex + 1,
    t: year - firstYear,
    rules: rulesAt(fromMonthIndex(startIndex)),
    annualise: startIndex !== year * 12,
  };
}

/** The 12 months from the valuation month, at today's prices (the 收支表). */
export function firstTwelveMonths(valuationIndex: number, firstYear: number): Period {
  return {
    year: firstYear,
    startIndex: valuationIndex,
    endIndex: valuationIndex + 11,
    months: 12,
    t: 0,
    rules: rulesAt(fromMonthIndex(valuationIndex)),
    annualise: true,
  };
}

const fractions = new Map<number, Dec>();

/** The period's months as a fraction of a year (months ÷ 12), for accruing annual rates. */
export function yearFraction(p: Period): Dec {
  if (p.months === 12) return ONE;
  let f = fractions.get(p.months);
  if (f === undefined) fractions.set(p.months, (f = new Dec(p.months).div(12)));
  return f;
}

/** Months of [from, to] (inclusive month indices; null = open) that fall in the period. */
export function monthsIn(p: Period, from: number | null, to: number | null): number {
  const a = Math.max(p.startIndex, from ?? Number.NEGATIVE_INFINITY);
  const b = Math.min(p.endIndex, to ?? Number.POSITIVE_INFINITY);
  return b >= a ? b - a + 1 : 0;
}

/** A recurring amount as the profile states it: so much a month or a year. */
export interface RecurringAmount {
  unit: AmountUnit;
  amount: DecimalLike;
}

const monthlyAmounts = new WeakMap<RecurringAmount, Dec>();

/** The amount per month (a yearly amount ÷ 12, kept per item: the ledger asks every year). */
export function monthlyAmount(item: RecurringAmount): Dec {
  if (item.unit === 'month') return dec(item.amount);
  let m = monthlyAmounts.get(item);
  if (m === undefined) monthlyAmounts.set(item, (m = dec(item.amount).div(12)));
  return m;
}

/** The amount per year (a monthly amount × 12). */
export function annualAmount(item: RecurringAmount): Dec {
  return item.unit === 'month' ? dec(item.amount).times(12) : dec(item.amount);
}
