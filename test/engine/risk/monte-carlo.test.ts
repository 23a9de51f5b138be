import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveAssumptions } from '../../../src/engine/assumptions.js';
import {
  FAILURE_DEFINITION,
  lognormalParams,
  returnModelOf,
  runMonteCarlo,
  sampleReturns,
  type MonteCarloInput,
  type MonteCarloYear,
} from '../../../src/engine/risk/monte-carlo.js';
import { p10p50p90InPlace, quantileInPlace } from '../../../src/engine/risk/quantile.js';
import { normalPair, normalQuad, nextUint32, seedStream } from '../../../src/engine/risk/random.js';

// --- helpers -------------------------------------------------------------------------------------

const ASSUMED = {
  cash: { expectedReturn: 0.013, volatility: 0.003 },
  deposit: { expectedReturn: 0.01 },
  bond: { expectedReturn: 0.023, volatility: 0.03 },
  equity: { expectedReturn: 0.07, volatility: 0.22 },
} as const;

/** A household-shaped input: self 40 in 2026, works 20 years, then lives on a pension to 85. */
function familyInput(overrides: Partial<MonteCarloInput> = {}, yearCount = 46): MonteCarloInput {
  const years: MonteCarloYear[] = [];
  let priceIndex = 1;
  for (let t = 0; t < yearCount; t++) {
    if (t > 0) priceIndex *= 1.02;
    const months = t === 0 ? 7 : 12;
    const frac = months / 12;
    const goals: MonteCarloYear['goals'] = [];
    if (t >= 8 && t < 12) goals.push({ goalId: 'edu', amount: 50_000 * 1.035 ** t });
    if (t === 3) goals.push({ goalId: 'car', amount: 150_000 });
    if (t === 10) goals.push({ goalId: 'trip', amount: 80_000 });
    years.push({
      year: 2026 + t,
      months,
      inflow: (t < 20 ? 260_000 * 1.03 ** t : 110_000 * 1.02 ** (t - 20)) * frac,
      mandatory: 170_000 * 1.02 ** t * frac,
      goals,
      cashReserve: 50_000 * priceIndex,
      priceIndex,
      selfAge: 40 + t,
    });
  }
  return {
    seed: 42,
    trials: 2_000,
    firstYear: 2026,
    years,
    opening: { cash: 80_000, deposit: 150_000, bond: 300_000, equity: 200_000 },
    classes: structuredClone(ASSUMED) as MonteCarloInput['classes'],
    correlations: { cashBond: 0.1, cashEquity: 0, bondEquity: 0 },
    targetWeights: { cash: 0.1, bond: 0.5, equity: 0.4 },
    ...overrides,
  };
}

function withZeroVolatility(input: MonteCarloInput): MonteCarloInput {
  const c = input.classes;
  return {
    ...input,
    classes: {
      cash: { ...c.cash, volatility: 0 },
      deposit: c.deposit,
      bond: { ...c.bond, volatility: 0 },
      equity: { ...c.equity, volatility: 0 },
    },
  };
}

/**
 * A straightforward deterministic replay of the ledger's order of events at the expected returns,
 * written independently of the simulation: the zero-volatility Monte Carlo must match it.
 */
function replay(input: MonteCarloInput): {
  pools: number[];
  mandatoryShort: number;
  goalShort: Map<string, number>;
  firstFailAge: number | null;
} {
  const c = input.classes;
  let bal = { ...input.opening };
  const pools: number[] = [];
  let mandatoryShort = 0;
  let firstFailAge: number | null = null;
  const goalShort = new Map<string, number>();
  for (const y of input.years) {
    const r = {
      cash: c.cash.expectedReturn,
      deposit: c.deposit.expectedReturn,
      bond: c.bond.expectedReturn,
      equity: c.equity.expectedReturn,
      ...y.returnOverride,
    };
    const returns =
      (bal.cash * r.cash + bal.deposit * r.deposit + bal.bond * r.bond + bal.equity * r.equity) *
      (y.months / 12);
    let available = bal.cash + bal.deposit + bal.bond + bal.equity + returns + y.inflow;
    if (available < y.mandatory) {
      const short = y.mandatory - Math.max(0, available);
      if (short > 0.01) {
        mandatoryShort += short;
        firstFailAge ??= y.selfAge;
      }
      available = 0;
    } else available -= y.mandatory;
    for (const g of y.goals) {
      const paid = Math.min(g.amount, available);
      available -= paid;
      if (g.amount - paid > 0.01) goalShort.set(g.goalId, (goalShort.get(g.goalId) ?? 0) + g.amount - paid);
    }
    const total = Math.max(0, available);
    const reserve = Math.min(total, y.cashReserve);
    const rest = total - reserve;
    bal = {
      cash: reserve + input.targetWeights.cash * rest,
      deposit: 0,
      bond: input.targetWeights.bond * rest,
      equity: input.targetWeights.equity * rest,
    };
    pools.push(total);
  }
  return { pools, mandatoryShort, goalShort, firstFailAge };
}

function mean(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i]!;
  return s / xs.length;
}

function correlation(xs: ArrayLike<number>, ys: ArrayLike<number>): number {
  const mx = mean(xs);
  const my = mean(ys);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < xs.length; i++) {
    const dx = xs[i]! - mx;
    const dy = ys[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxy / Math.sqrt(sxx * syy);
}

/** Type-7 quantile by sorting: the reference for the selection code. */
function sortedQuantile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  const h = (s.length - 1) * p;
  const k = Math.floor(h);
  return k + 1 < s.length ? s[k]! + (h - k) * (s[k + 1]! - s[k]!) : s[k]!;
}

// --- random.ts -----------------------------------------------------------------------------------

describe('xoshiro128** and normals', () => {
  it('matches the reference C implementation (prng.di.unimi.it/xoshiro128starstar.c)', () => {
    // Outputs of the reference next() compiled with gcc, for two initial states.
    const st = new Int32Array([1, 2, 3, 4]);
    expect(Array.from({ length: 10 }, () => nextUint32(st, 0))).toEqual([
      11520, 0, 5927040, 70819200, 2031721883, 1637235492, 1287239034, 3734860849, 3729100597, 4258142804,
    ]);
    const st2 = new Int32Array([0x9e3779b9, 0x12345678, 0xdeadbeef, 0xcafebabe]);
    expect(Array.from({ length: 6 }, () => nextUint32(st2, 0))).toEqual([
      2576977301, 1472368062, 3841728070, 1492763831, 2297841399, 3575001609,
    ]);
  });

  it('gives each (seed, stream) its own reproducible state', () => {
    const a = new Int32Array(12);
    seedStream(7, 0, a, 0);
    seedStream(7, 1, a, 1);
    seedStream(8, 0, a, 2);
    const b = new Int32Array(4);
    seedStream(7, 0, b, 0);
    expect(Array.from(a.subarray(0, 4))).toEqual(Array.from(b));
    expect(Array.from(a.subarray(0, 4))).not.toEqual(Array.from(a.subarray(4, 8)));
    expect(Array.from(a.subarray(0, 4))).not.toEqual(Array.from(a.subarray(8, 12)));
    // Seeds above 2^32 use their high bits too.
    seedStream(2 ** 32 + 7, 0, b, 0);
    expect(Array.from(b)).not.toEqual(Array.from(a.subarray(0, 4)));
  });

  it('normalQuad gives exactly two normalPair draws', () => {
    const s1 = new Int32Array(4);
    seedStream(123, 5, s1, 0);
    const s2 = s1.slice();
    const quad = new Float64Array(4);
    const pairs = new Float64Array(4);
    for (let k = 0; k < 1000; k++) {
      normalQuad(s1, 0, quad);
      normalPair(s2, 0, pairs, 0);
      normalPair(s2, 0, pairs, 2);
      expect(Array.from(quad)).toEqual(Array.from(pairs));
    }
    expect(Array.from(s1)).toEqual(Array.from(s2));
  });

  it('draws standard normals (mean 0, variance 1, 1.645 tail 5%)', () => {
    const st = new Int32Array(4);
    seedStream(99, 0, st, 0);
    const n = 200_000;
    const z = new Float64Array(n);
    for (let i = 0; i < n; i += 2) normalPair(st, 0, z, i);
    const m = mean(z);
    let v = 0;
    let tail = 0;
    for (const x of z) {
      v += (x - m) ** 2;
      if (x > 1.6449) tail++;
    }
    v /= n - 1;
    expect(Math.abs(m)).toBeLessThan(4 / Math.sqrt(n));
    expect(Math.abs(v - 1)).toBeLessThan(4 * Math.sqrt(2 / n));
    expect(Math.abs(tail / n - 0.05)).toBeLessThan(4 * Math.sqrt((0.05 * 0.95) / n));
  });
});

// --- quantile.ts ---------------------------------------------------------------------------------

describe('quantiles by selection', () => {
  it('equal the type-7 quantiles of the sorted values, duplicates included', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.constant(0),
            fc.integer({ min: -5, max: 5 }),
            fc.double({ min: -1e6, max: 1e6, noNaN: true }),
          ),
          { minLength: 1, maxLength: 300 },
        ),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (xs, p) => {
          const a = Float64Array.from(xs);
          expect(quantileInPlace(a, a.length, p)).toBeCloseTo(sortedQuantile(xs, p), 6);
          const b = Float64Array.from(xs);
          const [q10, q50, q90] = p10p50p90InPlace(b, b.length);
          expect(q10).toBeCloseTo(sortedQuantile(xs, 0.1), 6);
          expect(q50).toBeCloseTo(sortedQuantile(xs, 0.5), 6);
          expect(q90).toBeCloseTo(sortedQuantile(xs, 0.9), 6);
          expect(q10 <= q50 && q50 <= q90).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});

// --- monte-carlo.ts ------------------------------------------------------------------------------

describe('runMonteCarlo', () => {
  it('is reproducible: same seed, same result; another seed, another result', () => {
    const input = familyInput();
    const a = runMonteCarlo(input);
    const b = runMonteCarlo(structuredClone(input));
    expect(b).toEqual(a);
    const c = runMonteCarlo({ ...input, seed: 43 });
    expect(c).not.toEqual(a);
    expect(c.percentiles.map((p) => p.p50)).not.toEqual(a.percentiles.map((p) => p.p50));
    expect(a.trials).toBe(2_000);
    expect(a.seed).toBe(42);
    expect(a.failureDefinition).toBe(FAILURE_DEFINITION);
    expect(a.model).toContain('lognormal');
    expect(JSON.parse(JSON.stringify(a))).toEqual(a); // plain JSON-friendly data
  });

  it('the first k trials of a run are a k-trial run (what the candidates are compared on)', () => {
    const input = familyInput();
    const big = runMonteCarlo({ ...input, successOfFirst: 300 });
    const small = runMonteCarlo({ ...input, trials: 300 });
    expect(big.first).toEqual({
      trials: 300,
      successAllCount: small.successAllCount,
      successAll: small.successAll,
    });
    expect(big.trials).toBe(2_000);
    expect(small.successAllCount).toBeGreaterThan(0);
    expect(small.successAllCount).toBeLessThan(300); // a mix, so the count means something
    // Skipping the percentiles changes nothing else.
    const quick = runMonteCarlo({ ...input, trials: 300, percentiles: false });
    expect(quick.percentiles).toEqual([]);
    expect({ ...quick, percentiles: small.percentiles }).toEqual(small);
    expect(() => runMonteCarlo({ ...input, successOfFirst: 2_001 })).toThrow(/successOfFirst/);
  });

  it('with zero volatility reproduces a deterministic replay of the ledger order, year by year', () => {
    // Rich enough to pay everything, and too poor (spending raised) to do so.
    for (const spendingFactor of [1, 1.6]) {
      const base = familyInput({ trials: 50 });
      const input = withZeroVolatility({
        ...base,
        years: base.years.map((y) => ({ ...y, mandatory: y.mandatory * spendingFactor })),
      });
      const r = runMonteCarlo(input);
      const d = replay(input);
      expect(r.percentiles).toHaveLength(input.years.length);
      r.percentiles.forEach((p, t) => {
        const want = d.pools[t]!;
        expect(Math.abs(p.p50 - want), `${p.year} P50`).toBeLessThanOrEqual(1);
        expect(p.p10).toBe(p.p50); // every trial is the same
        expect(p.p90).toBe(p.p50);
        expect(Math.abs(p.p50Real - want / input.years[t]!.priceIndex)).toBeLessThanOrEqual(1);
      });
      const ok = d.mandatoryShort === 0 && d.goalShort.size === 0;
      expect(r.successAll).toBe(ok ? 1 : 0);
      expect(r.successAllCount).toBe(ok ? 50 : 0);
      expect(r.mandatorySuccessRate).toBe(d.mandatoryShort === 0 ? 1 : 0);
      expect(r.depletion.medianAge).toBe(d.firstFailAge);
      for (const g of r.goals) {
        const short = d.goalShort.get(g.goalId) ?? 0;
        expect(g.successRate).toBe(short === 0 ? 1 : 0);
        expect(Math.abs(g.averageShortfall - short)).toBeLessThanOrEqual(1);
      }
      const totalShort = d.mandatoryShort + [...d.goalShort.values()].reduce((s, x) => s + x, 0);
      expect(Math.abs(r.averageShortfall - totalShort)).toBeLessThanOrEqual(1);
      if (spendingFactor === 1) expect(ok).toBe(true);
      else expect(ok).toBe(false);
    }
  });

  it('converges to the assumed mean returns (|mean − μ| < 4σ/√n over 100,000 draws)', () => {
    const input = familyInput({ trials: 10_000 }, 10);
    const r = runMonteCarlo(input);
    const n = 10_000 * 10;
    for (const k of ['cash', 'bond', 'equity'] as const) {
      const { expectedReturn, volatility } = ASSUMED[k];
      expect(Math.abs(r.simulatedMeanReturn[k] - expectedReturn), k).toBeLessThan(
        (4 * volatility) / Math.sqrt(n),
      );
    }
  });

  it('draws lognormal returns with the assumed mean and volatility; a pool of equity follows them', () => {
    const draws = sampleReturns(
      { seed: 5, classes: ASSUMED, correlations: { cashBond: 0.1, cashEquity: 0, bondEquity: 0 } },
      100_000,
      1,
    );
    const e = draws.equity;
    const m = mean(e);
    let v = 0;
    let min = Infinity;
    for (const x of e) {
      v += (x - m) ** 2;
      min = Math.min(min, x);
    }
    const sd = Math.sqrt(v / (e.length - 1));
    expect(Math.abs(m - 0.07)).toBeLessThan((4 * 0.22) / Math.sqrt(e.length));
    expect(Math.abs(sd - 0.22)).toBeLessThan(0.005);
    expect(min).toBeGreaterThan(-1); // lognormal: never below −100%
    // Median of 1 + R is exp(μ_ln) (below 1 + μ: the lognormal's skew).
    const { mu } = lognormalParams(ASSUMED.equity);
    expect(Math.abs(sortedQuantile(Array.from(e), 0.5) - (Math.exp(mu) - 1))).toBeLessThan(0.005);

    // One year, all equity, no flows: each trial's pool is opening × (1 + R) with the same draws.
    const r = runMonteCarlo({
      ...familyInput({ trials: 100_000, seed: 5 }, 1),
      opening: { cash: 0, deposit: 0, bond: 0, equity: 1_000_000 },
      years: [
        {
          year: 2026,
          months: 12,
          inflow: 0,
          mandatory: 0,
          goals: [],
          cashReserve: 0,
          priceIndex: 1,
          selfAge: 40,
        },
      ],
    });
    const p = r.percentiles[0]!;
    for (const [q, got] of [
      [0.1, p.p10],
      [0.5, p.p50],
      [0.9, p.p90],
    ] as const)
      expect(Math.abs(got - 1_000_000 * (1 + sortedQuantile(Array.from(e), q)))).toBeLessThanOrEqual(1);
  });

  it('correlates the log-returns as asked (cash–bond 0.9)', () => {
    const classes = {
      ...ASSUMED,
      cash: { expectedReturn: 0.013, volatility: 0.003 },
      bond: { expectedReturn: 0.023, volatility: 0.03 },
    };
    const correlations = { cashBond: 0.9, cashEquity: 0.1, bondEquity: 0.2 };
    const d = sampleReturns({ seed: 11, classes, correlations }, 20_000, 5);
    const log = (xs: Float64Array) => xs.map((x) => Math.log1p(x));
    const n = d.cash.length;
    // The sample correlation's standard error is (1 − ρ²)/√n; allow 4 of them.
    const tol = (rho: number) => (4 * (1 - rho * rho)) / Math.sqrt(n);
    expect(Math.abs(correlation(log(d.cash), log(d.bond)) - 0.9)).toBeLessThan(tol(0.9));
    expect(Math.abs(correlation(log(d.cash), log(d.equity)) - 0.1)).toBeLessThan(tol(0.1));
    expect(Math.abs(correlation(log(d.bond), log(d.equity)) - 0.2)).toBeLessThan(tol(0.2));
    // And the arithmetic returns, which the lognormal makes only approximately 0.9.
    expect(Math.abs(correlation(d.cash, d.bond) - 0.9)).toBeLessThan(0.01);
  });

  it('keeps P10 ≤ P50 ≤ P90 every year, nominal and real, for random small inputs', () => {
    const yearArb = fc.record({
      inflow: fc.double({ min: 0, max: 500_000, noNaN: true }),
      mandatory: fc.double({ min: 0, max: 500_000, noNaN: true }),
      goal: fc.option(fc.double({ min: 0, max: 1_000_000, noNaN: true }), { nil: undefined }),
      cashReserve: fc.double({ min: 0, max: 100_000, noNaN: true }),
      months: fc.integer({ min: 1, max: 12 }),
      equityOverride: fc.option(fc.double({ min: -0.6, max: 0.6, noNaN: true }), { nil: undefined }),
    });
    fc.assert(
      fc.property(
        fc.array(yearArb, { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 0, max: 2 ** 40 }),
        fc.double({ min: 0, max: 0.6, noNaN: true }),
        fc.boolean(),
        (ys, trials, seed, equityVol, stochasticInflation) => {
          let priceIndex = 1;
          const years: MonteCarloYear[] = ys.map((y, t) => {
            if (t > 0) priceIndex *= 1.02;
            return {
              year: 2030 + t,
              months: y.months,
              inflow: y.inflow,
              mandatory: y.mandatory,
              goals: y.goal === undefined ? [] : [{ goalId: `g${t % 3}`, amount: y.goal }],
              cashReserve: y.cashReserve,
              priceIndex,
              selfAge: 50 + t,
              ...(y.equityOverride === undefined ? {} : { returnOverride: { equity: y.equityOverride } }),
            };
          });
          const r = runMonteCarlo({
            ...familyInput({ trials, seed }),
            firstYear: 2030,
            years,
            classes: { ...ASSUMED, equity: { expectedReturn: 0.07, volatility: equityVol } },
            ...(stochasticInflation ? { inflation: { mean: 0.02, sd: 0.02 } } : {}),
          });
          expect(r.percentiles).toHaveLength(years.length);
          for (const p of r.percentiles) {
            expect(p.p10 <= p.p50 && p.p50 <= p.p90, `${p.year}`).toBe(true);
            expect(p.p10Real <= p.p50Real && p.p50Real <= p.p90Real, `${p.year} real`).toBe(true);
            expect(p.p10).toBeGreaterThanOrEqual(0);
          }
          expect(r.successAllCount).toBe(Math.round(r.successAll * trials));
          expect(r.successAll).toBeLessThanOrEqual(r.mandatorySuccessRate);
          for (const g of r.goals) expect(r.successAll).toBeLessThanOrEqual(g.successRate);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('reports failure and a depletion age when the pool clearly cannot last', () => {
    const base = familyInput({ trials: 2_000 });
    const r = runMonteCarlo({
      ...base,
      opening: { cash: 50_000, deposit: 0, bond: 100_000, equity: 100_000 },
      years: base.years.map((y, t) => ({
        ...y,
        inflow: t < 5 ? y.inflow : 20_000,
        mandatory: y.mandatory * 1.3,
      })),
    });
    expect(r.successAll).toBeLessThan(0.01);
    expect(r.mandatorySuccessRate).toBeLessThan(0.01);
    expect(r.depletion.lastsToEndRate).toBe(r.mandatorySuccessRate);
    const { p10Age, medianAge, p90Age } = r.depletion;
    expect(medianAge).not.toBeNull();
    expect(p10Age! <= medianAge! && medianAge! <= p90Age!).toBe(true);
    expect(medianAge!).toBeGreaterThanOrEqual(45);
    expect(medianAge!).toBeLessThan(60);
    expect(r.averageShortfall).toBeGreaterThan(1_000_000);
    expect(r.percentiles.at(-1)!.p90).toBe(0);
  });

  it('a comfortable plan succeeds in almost every trial and has no depletion age', () => {
    const base = familyInput({ trials: 2_000 });
    const r = runMonteCarlo({
      ...base,
      opening: { cash: 500_000, deposit: 0, bond: 3_000_000, equity: 2_000_000 },
    });
    expect(r.successAll).toBeGreaterThan(0.95);
    expect(r.mandatorySuccessRate).toBeGreaterThan(0.99);
    expect(r.depletion.medianAge === null).toBe(r.mandatorySuccessRate === 1);
    for (const g of r.goals) expect(g.successRate).toBeGreaterThan(0.95);
  });

  it('applies a return override (a −30% equity year) with common random numbers', () => {
    const base = familyInput({ trials: 2_000 });
    const crashAt = 5;
    const crashed = {
      ...base,
      years: base.years.map((y, t) => (t === crashAt ? { ...y, returnOverride: { equity: -0.3 } } : y)),
    };
    const a = runMonteCarlo(base);
    const b = runMonteCarlo(crashed);
    // Same draws before the crash, a lower pool in the crash year.
    expect(b.percentiles.slice(0, crashAt)).toEqual(a.percentiles.slice(0, crashAt));
    expect(b.percentiles[crashAt]!.p50).toBeLessThan(a.percentiles[crashAt]!.p50);
    expect(b.percentiles[crashAt]!.p90).toBeLessThan(a.percentiles[crashAt]!.p90);
    expect(b.successAll).toBeLessThanOrEqual(a.successAll);

    // With zero volatility the override is exactly the replay's.
    const det = withZeroVolatility(crashed);
    const r = runMonteCarlo({ ...det, trials: 3 });
    const d = replay(det);
    r.percentiles.forEach((p, t) => expect(Math.abs(p.p50 - d.pools[t]!)).toBeLessThanOrEqual(1));
  });

  it('stochastic inflation changes only the real-terms figures', () => {
    const base = familyInput({ trials: 1_000 });
    const a = runMonteCarlo(base);
    const b = runMonteCarlo({ ...base, inflation: { mean: 0.02, sd: 0.01 } });
    expect(b.successAll).toBe(a.successAll);
    expect(b.goals).toEqual(a.goals);
    expect(b.percentiles.map(({ p10, p50, p90 }) => [p10, p50, p90])).toEqual(
      a.percentiles.map(({ p10, p50, p90 }) => [p10, p50, p90]),
    );
    // First year: index 1. Later: real P50 close to nominal ÷ the 2% index, not equal.
    expect(b.percentiles[0]!.p50Real).toBe(b.percentiles[0]!.p50);
    const last = b.percentiles.at(-1)!;
    const lastA = a.percentiles.at(-1)!;
    expect(last.p90Real).not.toBe(lastA.p90Real);
    expect(Math.abs(last.p90Real / lastA.p90Real - 1)).toBeLessThan(0.15);
  });

  it('aggregates a goal paid over several years and reports its shortfall', () => {
    const base = withZeroVolatility(familyInput({ trials: 10 }, 3));
    const r = runMonteCarlo({
      ...base,
      opening: { cash: 0, deposit: 0, bond: 0, equity: 0 },
      years: base.years.map((y) => ({
        ...y,
        inflow: 100_000,
        mandatory: 60_000,
        goals: [
          { goalId: 'a', amount: 30_000 },
          { goalId: 'b', amount: 30_000 },
        ],
      })),
    });
    // Each year 40,000 is left after spending: goal a (first in order) takes 30,000, goal b gets
    // the other 10,000 and is 20,000 short, three years running.
    const a = r.goals.find((g) => g.goalId === 'a')!;
    const b = r.goals.find((g) => g.goalId === 'b')!;
    expect(r.goals.map((g) => g.goalId)).toEqual(['a', 'b']);
    expect(a.successRate).toBe(1);
    expect(b.successRate).toBe(0);
    const d = replay({
      ...base,
      opening: { cash: 0, deposit: 0, bond: 0, equity: 0 },
      years: base.years.map((y) => ({
        ...y,
        inflow: 100_000,
        mandatory: 60_000,
        goals: [
          { goalId: 'a', amount: 30_000 },
          { goalId: 'b', amount: 30_000 },
        ],
      })),
    });
    expect(d.goalShort.get('b')).toBeCloseTo(60_000, 6);
    expect(Math.abs(b.averageShortfall - 60_000)).toBeLessThanOrEqual(1);
    expect(r.mandatorySuccessRate).toBe(1);
    expect(r.depletion).toEqual({ lastsToEndRate: 1, medianAge: null, p10Age: null, p90Age: null });
  });

  it('takes its return model from the plan assumptions (china-rules §7.3)', () => {
    const m = returnModelOf(resolveAssumptions(undefined).values);
    expect(m.classes).toEqual({ ...ASSUMED, deposit: { expectedReturn: 0.01 } });
    expect(m.correlations).toEqual({ cashBond: 0.1, cashEquity: 0, bondEquity: 0 });
  });

  it('rejects malformed input with a clear message', () => {
    const ok = familyInput({ trials: 10 }, 2);
    const bad: [string, MonteCarloInput, RegExp][] = [
      ['trials 0', { ...ok, trials: 0 }, /trials must be in \[1, 100000\]/],
      ['trials too many', { ...ok, trials: 100_001 }, /trials/],
      ['fractional trials', { ...ok, trials: 1.5 }, /trials must be an integer/],
      ['seed NaN', { ...ok, seed: Number.NaN }, /seed must be a safe integer/],
      ['no years', { ...ok, years: [] }, /years must be an array of 1\.\.120/],
      [
        'year gap',
        { ...ok, years: [ok.years[0]!, { ...ok.years[1]!, year: 2030 }] },
        /years\[1\]\.year must be 2027/,
      ],
      [
        'NaN inflow',
        { ...ok, years: [{ ...ok.years[0]!, inflow: Number.NaN }, ok.years[1]!] },
        /years\[0\]\.inflow must be a finite number/,
      ],
      ['negative opening', { ...ok, opening: { ...ok.opening, equity: -1 } }, /opening\.equity/],
      [
        'weights',
        { ...ok, targetWeights: { cash: 0.5, bond: 0.5, equity: 0.5 } },
        /targetWeights must sum to 1/,
      ],
      [
        'correlation > 1',
        { ...ok, correlations: { cashBond: 1.2, cashEquity: 0, bondEquity: 0 } },
        /correlations\.cashBond/,
      ],
      [
        'not PSD',
        { ...ok, correlations: { cashBond: 0.9, cashEquity: 0.9, bondEquity: -0.9 } },
        /positive semi-definite/,
      ],
      ['months 13', { ...ok, years: [{ ...ok.years[0]!, months: 13 }, ok.years[1]!] }, /months/],
      [
        'override class',
        { ...ok, years: [{ ...ok.years[0]!, returnOverride: { gold: 0.1 } as never }, ok.years[1]!] },
        /unknown class "gold"/,
      ],
      [
        'empty goal id',
        { ...ok, years: [{ ...ok.years[0]!, goals: [{ goalId: '', amount: 1 }] }, ok.years[1]!] },
        /goalId/,
      ],
    ];
    for (const [label, input, message] of bad) expect(() => runMonteCarlo(input), label).toThrow(message);
    // A perfect correlation is a valid (semi-definite) matrix.
    expect(() =>
      runMonteCarlo({ ...ok, correlations: { cashBond: 1, cashEquity: 0, bondEquity: 0 } }),
    ).not.toThrow();
  });
});
