/**
 * Money and rates in decimal arithmetic.
 *
 * Money is held in 元 as a `Dec` (a private clone of decimal.js, so nobody else's global Decimal
 * configuration can change our rounding). Binary floats are never used for money: 35,811 × 0.5% is
 * 179.055 exactly, and must round to 179.06, which a float gets wrong.
 *
 * Rounding happens only where a rule or the display says so, and the helper names say which:
 * `roundFen` (to 0.01 元, half-up: banks' and the tax bureau's convention) and `roundYuan`.
 * Money crosses JSON, worker and queue boundaries as decimal strings (`toMoneyString`).
 */
import { Decimal } from 'decimal.js';

const PRECISION = 40;

export const Dec = Decimal.clone({
  precision: PRECISION,
  rounding: Decimal.ROUND_HALF_UP,
  toExpNeg: -30,
  toExpPos: 40,
});
export type Dec = InstanceType<typeof Dec>;

/** Anything that can be read as an exact decimal: a Dec, a finite number or a decimal string. */
export type DecimalLike = Dec | number | string;

export const ZERO = new Dec(0);
export const ONE = new Dec(1);

export function dec(x: DecimalLike): Dec {
  if (x instanceof Dec) return x;
  if (typeof x === 'string') return parsedDecimal(x);
  return new Dec(x);
}

// Profiles hold money as decimal strings and the engine reads the same few hundred strings on
// every projection year; parsing each once is a large share of a plan's run time. Decimals are
// immutable, so sharing the parsed value is safe.
const parsed = new Map<string, Dec>();
function parsedDecimal(s: string): Dec {
  let d = parsed.get(s);
  if (d === undefined) {
    d = new Dec(s);
    if (parsed.size > 20_000) parsed.clear();
    parsed.set(s, d);
  }
  return d;
}

const powers = new WeakMap<Dec, Map<number, Dec>>();

/**
 * (1 + rate)^n for an integer n ≥ 0, cached per rate object (growth factors by projection year).
 * A ledger asks for n = 0, 1, 2, … in turn, so the next power is the previous one times (1 + rate):
 * one multiplication instead of a whole power (both are exact to 40 significant digits, far past
 * the fen of any amount).
 */
export function compound(rate: Dec, n: number): Dec {
  let byN = powers.get(rate);
  if (!byN) powers.set(rate, (byN = new Map()));
  let v = byN.get(n);
  if (v === undefined) {
    const previous = n > 0 ? byN.get(n - 1) : undefined;
    v = previous !== undefined ? previous.times(ONE.plus(rate)) : ONE.plus(rate).pow(n);
    byN.set(n, v);
  }
  return v;
}

/** Round half-up to the fen (0.01 元). */
export function roundFen(x: DecimalLike): Dec {
  const d = dec(x);
  // Most booked amounts are already whole fen; rounding them again would only allocate a copy.
  return d.decimalPlaces() <= 2 ? d : d.toDecimalPlaces(2, Dec.ROUND_HALF_UP);
}

/** Round half-up to the whole 元. */
export function roundYuan(x: DecimalLike): Dec {
  return dec(x).toDecimalPlaces(0, Dec.ROUND_HALF_UP);
}

/**
 * The canonical string form of an amount of money in the Plan: rounded half-up to the fen,
 * always two decimals, no exponent ("1234.50", "-0.01", "0.00").
 */
export function toMoneyString(x: DecimalLike): string {
  // toFixed rounds with the clone's ROUND_HALF_UP; only "-0.00" needs fixing.
  const s = dec(x).toFixed(2);
  return s === '-0.00' ? '0.00' : s;
}

/**
 * A rate or ratio as a string for the Plan: up to `places` decimals, trailing zeros removed
 * ("0.035", "0.3333").
 */
export function toRateString(x: DecimalLike, places = 6): string {
  const r = dec(x).toDecimalPlaces(places, Dec.ROUND_HALF_UP);
  return (r.isZero() ? new Dec(0) : r).toString();
}

export function sum(xs: Iterable<DecimalLike>): Dec {
  let total = ZERO;
  for (const x of xs) {
    const d = dec(x);
    // Adding zero changes nothing; skipping it saves an allocation (ledgers are full of zeros).
    if (d.isZero()) continue;
    // The first term stands as the total unless it has more digits than an addition would keep.
    total = total.isZero() && d.precision() <= PRECISION ? d : total.plus(d);
  }
  return total;
}

/**
 * Allocation-free comparisons for the ledger's hot loops. decimal.js copies its argument on every
 * comparison (x.gt(0) builds a Decimal from 0, a.lte(b) copies b), and a plan makes thousands of
 * them. `compare` follows decimal.js's own comparedTo for finite values, on the same fields (sign
 * `s`, exponent `e` and base-1e7 digit words `d`); test/domain/money.test.ts checks it against
 * comparedTo on random values. Money is never NaN or infinite here: profiles and rules are
 * validated, and divisions by zero are guarded where they could occur.
 */
export function compare(x: Dec, y: Dec): -1 | 0 | 1 {
  const xd = x.d;
  const yd = y.d;
  const xs = x.s;
  const ys = y.s;
  if (!xd[0] || !yd[0]) return xd[0] ? sign(xs) : yd[0] ? sign(-ys) : 0;
  if (xs !== ys) return sign(xs);
  if (x.e !== y.e) return x.e > y.e !== xs < 0 ? 1 : -1;
  const n = Math.min(xd.length, yd.length);
  for (let i = 0; i < n; i++) if (xd[i] !== yd[i]) return xd[i]! > yd[i]! !== xs < 0 ? 1 : -1;
  return xd.length === yd.length ? 0 : xd.length > yd.length !== xs < 0 ? 1 : -1;
}

function sign(n: number): -1 | 1 {
  return n < 0 ? -1 : 1;
}

export function isOne(x: Dec): boolean {
  return x.s === 1 && x.e === 0 && x.d.length === 1 && x.d[0] === 1;
}

/** x > 0. */
export function isPositive(x: Dec): boolean {
  return x.s === 1 && !x.isZero();
}

/** The smaller of two decimals, as one of them (Dec.min returns a copy). */
export function minOf(a: DecimalLike, b: DecimalLike): Dec {
  const x = dec(a);
  const y = dec(b);
  return compare(x, y) <= 0 ? x : y;
}

/** The larger of two decimals, as one of them (Dec.max returns a copy). */
export function maxOf(a: DecimalLike, b: DecimalLike): Dec {
  const x = dec(a);
  const y = dec(b);
  return compare(x, y) >= 0 ? x : y;
}

/**
 * x + y, x − y and x × y that skip the arithmetic (and decimal.js's allocation) when it cannot
 * change x: a ledger adds and subtracts a great many zeros, and scales by factors of exactly 1.
 */
export function add(x: Dec, y: Dec): Dec {
  return y.isZero() ? x : x.isZero() ? y : x.plus(y);
}

export function subtract(x: Dec, y: Dec): Dec {
  return y.isZero() ? x : x.minus(y);
}

export function scale(x: Dec, factor: Dec): Dec {
  return isOne(factor) ? x : x.times(factor);
}
