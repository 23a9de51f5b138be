/**
 * The money helpers' shortcuts (allocation-free comparisons, skipping zeros and whole-fen amounts,
 * growth powers by successive multiplication) must give exactly what decimal.js gives the long way.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  Dec,
  ZERO,
  compare,
  compound,
  isOne,
  isPositive,
  maxOf,
  minOf,
  roundFen,
  sum,
} from '../../src/domain/money.js';

/** Decimals of every shape the ledger meets: signs, zeros (±0), tiny and huge, long fractions. */
const decimalArb = fc.oneof(
  fc.constantFrom('0', '-0', '1', '-1', '0.01', '0.005', '-0.005', '1e-30', '123456789012.3456789'),
  fc
    .record({
      digits: fc.bigInt({ min: -(10n ** 45n), max: 10n ** 45n }),
      scale: fc.integer({ min: -12, max: 45 }),
    })
    .map(({ digits, scale }) => `${digits}e${-scale}`),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e15, max: 1e15 }).map(String),
);

describe('money helpers', () => {
  it('compare agrees with decimal.js comparedTo, and min/max with Dec.min/Dec.max', () => {
    fc.assert(
      fc.property(decimalArb, decimalArb, (a, b) => {
        const x = new Dec(a);
        const y = new Dec(b);
        expect(compare(x, y)).toBe(x.comparedTo(y));
        expect(compare(x, x)).toBe(0);
        expect(minOf(x, y).eq(Dec.min(x, y))).toBe(true);
        expect(maxOf(x, y).eq(Dec.max(x, y))).toBe(true);
        expect(isPositive(x)).toBe(x.gt(0));
        expect(isOne(x)).toBe(x.eq(1));
      }),
      { numRuns: 2_000 },
    );
  });

  it('roundFen equals half-up rounding to two places, whole fen or not', () => {
    fc.assert(
      fc.property(decimalArb, (a) => {
        const x = new Dec(a);
        expect(roundFen(x).eq(x.toDecimalPlaces(2, Dec.ROUND_HALF_UP))).toBe(true);
      }),
      { numRuns: 2_000 },
    );
    expect(roundFen('179.055').toString()).toBe('179.06');
    expect(roundFen('-0.005').toString()).toBe('-0.01');
  });

  it('sum skipping zeros equals the plain running total', () => {
    fc.assert(
      fc.property(fc.array(decimalArb, { maxLength: 20 }), (xs) => {
        const plain = xs.reduce((t, x) => t.plus(x), ZERO);
        expect(sum(xs).eq(plain)).toBe(true);
      }),
    );
  });

  it('compound by successive multiplication matches a direct power far past the fen', () => {
    for (const r of ['0.025', '0.03', '-0.01', '0.0725', '0']) {
      const rate = new Dec(r);
      for (let n = 0; n <= 120; n++) {
        const direct = new Dec(1).plus(rate).pow(n);
        const relative = compound(rate, n).minus(direct).abs().div(direct);
        expect(relative.lt('1e-35')).toBe(true);
      }
    }
  });
});
