import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Dec } from '../../../src/domain/money.js';
import {
  fvOf,
  growingAnnuityPv,
  nperOf,
  pmtOf,
  pvOf,
  rateOf,
  realRate,
} from '../../../src/engine/calculators/tvm.js';
import { calc, errorOf } from './helpers.js';

describe('tvm — published and independent values', () => {
  it('PMT reproduces the bank classic 100万/4.9%/30年 → 5,307.27 [S23]', () => {
    expect(
      calc('tvm', { solve: 'pmt', rate: '0.004083333333333333333', nper: 360, pv: 1000000 }).result,
    ).toBe('-5307.27');
    // 100万/3.5%/30年 → 4,490.45 [S23]
    expect(pmtOf(new Dec('0.035').div(12), new Dec(360), new Dec(1000000), new Dec(0))!.toFixed(2)).toBe(
      '-4490.45',
    );
  });

  it('FV of 1,000/月 for 10 years at 5%/12, end and begin', () => {
    // python: i=0.05/12; 1000*((1+i)**120-1)/i = 155282.28; ×(1+i) = 155929.29
    expect(calc('tvm', { solve: 'fv', rate: 0.05 / 12, nper: 120, pmt: -1000 }).result).toBe('155282.28');
    expect(calc('tvm', { solve: 'fv', rate: 0.05 / 12, nper: 120, pmt: -1000, timing: 'begin' }).result).toBe(
      '155929.29',
    );
  });

  it('PV, NPER and RATE invert each other (Excel convention)', () => {
    // PV of 100 a year for 10 years at 10% = 614.46 (annuity table 6.1446)
    expect(calc('tvm', { solve: 'pv', rate: 0.1, nper: 10, pmt: 100 }).result).toBe('-614.46');
    expect(calc('tvm', { solve: 'nper', rate: 0.1, pmt: 100, pv: '-614.4567105704681' }).result).toBe('10');
    expect(calc('tvm', { solve: 'rate', nper: 10, pmt: 100, pv: '-614.4567105704681' }).result).toBe('0.1');
    // The bank payment back to its monthly rate 4.9%/12 = 0.0040833…
    expect(calc('tvm', { solve: 'rate', nper: 360, pmt: '-5307.267206228110412', pv: 1000000 }).result).toBe(
      '0.0040833333',
    );
  });

  it('zero rate uses the limits', () => {
    expect(calc('tvm', { solve: 'fv', rate: 0, nper: 12, pmt: -100, pv: -50 }).result).toBe('1250.00');
    expect(calc('tvm', { solve: 'pmt', rate: 0, nper: 10, pv: 1000 }).result).toBe('-100.00');
    expect(calc('tvm', { solve: 'nper', rate: 0, pmt: -100, pv: 1000 }).result).toBe('10');
  });

  it('real rate is (1+r)/(1+i) − 1, not r − i', () => {
    expect(calc('tvm', { solve: 'realRate', rate: 0.05, inflation: 0.02 }).result).toBe('0.0294117647');
    expect(realRate(new Dec('0.02'), new Dec('0.02')).toString()).toBe('0');
  });

  it('growing annuity: formula, r = g exactly, annuity due', () => {
    // python: sum(1000*1.03**(t-1)/1.05**t for t in range(1, 21)) = 15964.7835…
    const r = calc('tvm', { solve: 'growingAnnuity', payment: 1000, rate: 0.05, growth: 0.03, nper: 20 });
    expect(r.presentValue).toBe('15964.78');
    // r = g: n·P/(1+r) = 20 × 1000 / 1.05 = 19,047.62; FV = n·P·(1+r)^(n−1) = 20000 × 1.05^19 = 50,539.00 (python: 20000*1.05**19)
    const e = calc('tvm', { solve: 'growingAnnuity', payment: 1000, rate: 0.05, growth: 0.05, nper: 20 });
    expect(e.presentValue).toBe('19047.62');
    expect(e.futureValue).toBe('50539.00');
    expect(
      calc('tvm', {
        solve: 'growingAnnuity',
        payment: 1000,
        rate: 0.05,
        growth: 0.05,
        nper: 20,
        timing: 'begin',
      }).presentValue,
    ).toBe('20000.00');
  });

  it('reports missing fields and unsolvable inputs as coded input errors', () => {
    const e = errorOf(() => calc('tvm', { solve: 'pmt', rate: 0.01 }));
    expect(e?.code).toBe('FINPLAN_E_INVALID_CALCULATOR_INPUT');
    expect(e?.issues).toEqual([expect.objectContaining({ path: 'nper', code: 'required' })]);
    expect(errorOf(() => calc('tvm', { solve: 'pmt', rate: 0.01, nper: 0, pv: 100 }))?.code).toBe(
      'FINPLAN_E_INVALID_CALCULATOR_INPUT',
    );
    // Same-sign cash flows have no rate.
    expect(errorOf(() => calc('tvm', { solve: 'rate', nper: 10, pmt: 100, pv: 100 }))?.issues[0]?.code).toBe(
      'no_solution',
    );
    expect(errorOf(() => calc('tvm', { solve: 'nper', rate: 0.05, pmt: 100, pv: 100 }))?.code).toBe(
      'FINPLAN_E_INVALID_CALCULATOR_INPUT',
    );
  });
});

describe('tvm — properties', () => {
  const rate = fc.integer({ min: -500, max: 3000 }).map((n) => new Dec(n).div(10000));
  const amount = fc.integer({ min: -10_000_000, max: 10_000_000 }).map((n) => new Dec(n).div(100));
  const nper = fc.integer({ min: 1, max: 480 });

  it('PV(FV(x)) = x', () => {
    fc.assert(
      fc.property(
        rate,
        nper,
        amount,
        amount,
        fc.constantFrom('end', 'begin' as const),
        (r, n, pmt, pv, t) => {
          const fv = fvOf(r, new Dec(n), pmt, pv, t);
          const back = pvOf(r, new Dec(n), pmt, fv, t);
          expect(
            back
              .minus(pv)
              .abs()
              .lte(new Dec('1e-20').times(Dec.max(1, fv.abs()))),
          ).toBe(true);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('PMT and NPER invert', () => {
    fc.assert(
      fc.property(
        rate.filter((r) => r.gt(-0.04) && r.lte(0.05)),
        fc.integer({ min: 1, max: 360 }),
        amount.filter((a) => a.gt(1)),
        (r, n, pv) => {
          const p = pmtOf(r, new Dec(n), pv, new Dec(0)) as Dec;
          const back = nperOf(r, p, pv, new Dec(0)) as Dec;
          // 40 significant digits; (1+r)^n up to 1e23 leaves ~17 digits after the cancellation.
          expect(back.minus(n).abs().lt('1e-9')).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('RATE recovers the rate to 1e-10', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2000 }), fc.integer({ min: 2, max: 360 }), (bp, n) => {
        const r = new Dec(bp).div(100000);
        const p = pmtOf(r, new Dec(n), new Dec(100000), new Dec(0)) as Dec;
        const solved = rateOf(new Dec(n), p, new Dec(100000), new Dec(0)) as Dec;
        expect(solved.minus(r).abs().lt('1e-10')).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  it('the r = g growing annuity is continuous with its neighbours (r = g ± 1e-9)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -300, max: 2000 }),
        fc.integer({ min: 1, max: 100 }),
        fc.constantFrom('end', 'begin' as const),
        (gbp, n, t) => {
          const g = new Dec(gbp).div(10000);
          const p = new Dec(1000);
          const at = growingAnnuityPv(p, g, g, new Dec(n), t);
          for (const eps of ['1e-9', '-1e-9']) {
            const near = growingAnnuityPv(p, g.plus(eps), g, new Dec(n), t);
            // d PV / d r is about n²·P; the neighbour may differ by ~ n²·P·1e-9.
            expect(
              near
                .minus(at)
                .abs()
                .lte(new Dec(n * n).times(p).times('2e-9')),
            ).toBe(true);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
