/**
 * How numbers read in a Chinese financial plan. The report layer is the only place a number
 * becomes text, and this module is where it happens, so that a chart, a table and a sentence
 * showing the same figure show the same characters.
 *
 * - 元 amounts: whole 元 with thousands separators ("1,234,568 元"), rounded half-up.
 * - 万元 amounts: value ÷ 10,000 to two decimals ("123.46 万元"); built with decimal.js, not
 *   Intl compact notation, which rounds on its own.
 * - Negative amounts are written with a leading minus sign ("-12.50"), the convention of Chinese
 *   financial statements printed in black and white; tables also colour them (see the theme). A
 *   row or sentence whose words carry the direction (减：, 下跌, 减少) shows the amount unsigned.
 * - Rates as percentages with up to two decimals ("3.5%"); years as "2031年"; ages as "87 岁".
 */
import { dec, Dec, type DecimalLike } from '../domain/money.js';

function group(intDigits: string): string {
  return intDigits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Format a decimal with a fixed number of places and thousands separators. */
export function formatNumber(x: DecimalLike, places: number): string {
  const r = dec(x).toDecimalPlaces(places, Dec.ROUND_HALF_UP);
  const fixed = (r.isZero() ? new Dec(0) : r).toFixed(places);
  const negative = fixed.startsWith('-');
  const [i = '0', f] = (negative ? fixed.slice(1) : fixed).split('.');
  return `${negative ? '-' : ''}${group(i)}${f !== undefined ? `.${f}` : ''}`;
}

/** "1,234,568" (元, whole). */
export function yuanNumber(x: DecimalLike): string {
  return formatNumber(x, 0);
}

/**
 * A deduction in a statement, on a row whose label already says 减: "减：个人所得税 4,660", never
 * "-4,660" (no double negatives, docs/style.md); "0" when nothing is deducted.
 */
export function deductionNumber(x: DecimalLike): string {
  return yuanNumber(dec(x).abs());
}

/** "1,234,568 元". */
export function yuan(x: DecimalLike): string {
  return `${yuanNumber(x)} 元`;
}

/** "1,234,567.89" (元 and 分, for calculators and mortgage payments). */
export function yuanFen(x: DecimalLike): string {
  return formatNumber(x, 2);
}

/** "123.46" (万元 value, two decimals). */
export function wanNumber(x: DecimalLike, places = 2): string {
  return formatNumber(dec(x).div(10_000), places);
}

/** "123.46 万元". */
export function wan(x: DecimalLike, places = 2): string {
  return `${wanNumber(x, places)} 万元`;
}

/**
 * The unit of a table column of amounts (docs/style.md): 万元, or 亿元 when any amount in it
 * reaches 100 亿 — a figure like "2,964,015.18" 万元 is unreadable and splits across lines in a
 * narrow cell. One unit for the whole column. (Below 100 亿 a column stays in 万元: in 亿元 its
 * early years, a few hundred 万, would read 0.08.)
 */
export type ColumnUnit = '万元' | '亿元';

export function columnUnit(values: readonly DecimalLike[]): ColumnUnit {
  return values.some((v) => dec(v).abs().gte(10_000_000_000)) ? '亿元' : '万元';
}

/** An amount in its column's unit, two decimals: "123.46" (万元) or "2.96" (亿元). */
export function inColumnUnit(x: DecimalLike, unit: ColumnUnit): string {
  return unit === '亿元' ? formatNumber(dec(x).div(100_000_000), 2) : wanNumber(x);
}

/**
 * The amount as a person would say it: under 1 万 in 元, from 1 万 in 万元, from 1 亿 in 亿元.
 * "8,500 元", "42.3 万元", "1.25 亿元".
 */
export function spoken(x: DecimalLike): string {
  const v = dec(x);
  const a = v.abs();
  if (a.lt(10_000)) return `${yuanNumber(v)} 元`;
  if (a.lt(100_000_000)) return `${trimZeros(formatNumber(v.div(10_000), 1))} 万元`;
  return `${trimZeros(formatNumber(v.div(100_000_000), 2))} 亿元`;
}

function trimZeros(s: string): string {
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

/**
 * A change in 万元 with its sign ("+65.95", "−0.13"); one that rounds to nothing is "0", never
 * "−0.00" or "+0.00".
 */
export function signedWan(x: DecimalLike): string {
  const v = dec(x);
  const shown = wanNumber(v.abs());
  return /^[0.]+$/.test(shown) ? '0' : `${v.isNeg() ? '−' : '+'}${shown}`;
}

/** "3.5%" from "0.035"; places = maximum decimals of the percentage. */
export function percent(rate: DecimalLike, places = 2): string {
  const p = dec(rate).times(100).toDecimalPlaces(places, Dec.ROUND_HALF_UP);
  return `${trimZeros((p.isZero() ? new Dec(0) : p).toFixed(places))}%`;
}

/** A ratio as a plain number ("0.45"), or months ("4.2"). */
export function ratio(x: DecimalLike, places = 2): string {
  return formatNumber(x, places);
}

export function yearText(year: number): string {
  return `${year}年`;
}

export function ageText(age: number): string {
  return `${age} 岁`;
}

/** "2026-11" → "2026年11月". */
export function monthText(ym: string): string {
  const [y, m] = ym.split('-');
  return `${y}年${Number(m)}月`;
}

/** "2026-11-01" → "2026年11月1日". */
export function dateText(ymd: string): string {
  const [y, m, d] = ymd.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}

/** "60岁3个月" from years and months. */
export function ageYearsMonths(years: number, months: number): string {
  return months === 0 ? `${years} 岁` : `${years} 岁 ${months} 个月`;
}
