/**
 * Calendar months as plain data. A `YearMonth` is "YYYY-MM"; arithmetic is done on a month index
 * (year × 12 + month − 1) so nothing depends on time zones or the clock.
 */
export type YearMonth = string;

export const YEAR_MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function parseYearMonth(ym: YearMonth): { year: number; month: number } {
  const m = YEAR_MONTH_PATTERN.exec(ym);
  if (!m) throw new RangeError(`not a YYYY-MM month: ${ym}`);
  return { year: Number(m[1]), month: Number(m[2]) };
}

export function monthIndex(ym: YearMonth): number {
  const { year, month } = parseYearMonth(ym);
  return year * 12 + (month - 1);
}

export function fromMonthIndex(index: number): YearMonth {
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

export function addMonths(ym: YearMonth, months: number): YearMonth {
  return fromMonthIndex(monthIndex(ym) + months);
}

export function monthsBetween(from: YearMonth, to: YearMonth): number {
  return monthIndex(to) - monthIndex(from);
}

/** Age in whole years on the given month (birthday month counts as having turned). */
export function ageInYears(birth: YearMonth, on: YearMonth): number {
  return Math.floor(monthsBetween(birth, on) / 12);
}

export function yearOf(ym: YearMonth): number {
  return parseYearMonth(ym).year;
}

export function monthOf(ym: YearMonth): number {
  return parseYearMonth(ym).month;
}
