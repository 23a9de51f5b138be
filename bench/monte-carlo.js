// node bench/monte-carlo.js (after `npx tsc -p tsconfig.build.json`) — speed and memory of the
// Monte Carlo: 10,000 trials × 60 years of a family-shaped plan, timed RUNS times on one core
// (the simulation is single-threaded), reporting the median.
//
//   BENCH_MC_RUNS   timed runs (default 9, at least 7)
//   BENCH_MC_TRIALS trials per run (default 10,000)
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));
const { runMonteCarlo } = await import(join(root, 'dist/engine/risk/monte-carlo.js'));

const RUNS = Math.max(7, Number(process.env.BENCH_MC_RUNS ?? 9));
const TRIALS = Number(process.env.BENCH_MC_TRIALS ?? 10_000);
const YEARS = 60;
const FIRST_YEAR = 2026;

/** A family: self 35, earning ~30万 net for 25 years, then a pension of ~15万; spending ~20万 + 2%/yr. */
function familyInput(seed, inflation) {
  const years = [];
  let priceIndex = 1;
  for (let t = 0; t < YEARS; t++) {
    if (t > 0) priceIndex *= 1.02;
    const months = t === 0 ? 7 : 12; // valuation in June
    const frac = months / 12;
    const working = t < 25;
    const inflow = (working ? 300_000 * 1.03 ** t : 150_000 * 1.02 ** (t - 25)) * frac;
    const mandatory = 200_000 * 1.02 ** t * frac + (t < 20 ? 60_000 * frac : 0); // living + mortgage
    const goals = [];
    if (t >= 12 && t < 16) goals.push({ goalId: 'edu-child', amount: 60_000 * 1.035 ** t });
    if (t === 5) goals.push({ goalId: 'car', amount: 200_000 * 1.02 ** t });
    if (t === 8) goals.push({ goalId: 'business', amount: 500_000 * 1.02 ** t });
    if (t === 30) goals.push({ goalId: 'travel', amount: 150_000 * 1.02 ** t });
    years.push({
      year: FIRST_YEAR + t,
      months,
      inflow: Math.round(inflow * 100) / 100,
      mandatory: Math.round(mandatory * 100) / 100,
      goals,
      cashReserve: 60_000 * priceIndex,
      priceIndex,
      selfAge: 35 + t,
      ...(t === 3 ? { returnOverride: { equity: -0.3 } } : {}),
    });
  }
  return {
    seed,
    trials: TRIALS,
    firstYear: FIRST_YEAR,
    years,
    opening: { cash: 100_000, deposit: 200_000, bond: 300_000, equity: 200_000 },
    classes: {
      cash: { expectedReturn: 0.013, volatility: 0.003 },
      deposit: { expectedReturn: 0.01 },
      bond: { expectedReturn: 0.023, volatility: 0.03 },
      equity: { expectedReturn: 0.07, volatility: 0.22 },
    },
    correlations: { cashBond: 0.1, cashEquity: 0, bondEquity: 0 },
    targetWeights: { cash: 0.1, bond: 0.5, equity: 0.4 },
    ...(inflation ? { inflation: { mean: 0.02, sd: 0.01 } } : {}),
  };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const mb = (bytes) => Math.round((bytes / 2 ** 20) * 10) / 10;

function bench(label, inflation) {
  const input = familyInput(20260601, inflation);
  runMonteCarlo(input); // warm-up (JIT)
  runMonteCarlo(input);
  globalThis.gc?.();
  const rssBefore = process.memoryUsage().rss;
  const heapBefore = process.memoryUsage().heapUsed;
  const times = [];
  let result;
  let peakHeapDelta = 0;
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now();
    result = runMonteCarlo({ ...input, seed: input.seed + r });
    times.push(performance.now() - t0);
    peakHeapDelta = Math.max(peakHeapDelta, process.memoryUsage().heapUsed - heapBefore);
  }
  const rssAfter = process.memoryUsage().rss;
  const ms = median(times);
  console.log(
    `${label}: ${TRIALS.toLocaleString('en')} trials × ${YEARS} years — median ${ms.toFixed(1)} ms ` +
      `(min ${Math.min(...times).toFixed(1)}, max ${Math.max(...times).toFixed(1)}, ${RUNS} runs); ` +
      `${Math.round((TRIALS * YEARS) / ms / 1000)} M trial-years/s`,
  );
  console.log(
    `  memory: rss ${mb(rssBefore)} → ${mb(rssAfter)} MB, heap growth during runs ≤ ${mb(peakHeapDelta)} MB; ` +
      `result JSON ${(JSON.stringify(result).length / 1024).toFixed(1)} KB`,
  );
  console.log(
    `  successAll ${(result.successAll * 100).toFixed(1)}% (${result.successAllCount}/${result.trials}), ` +
      `mandatory ${(result.mandatorySuccessRate * 100).toFixed(1)}%, ` +
      `depletion median age ${result.depletion.medianAge}, ` +
      `P50 at year 25 ${result.percentiles[25].p50.toLocaleString('en')} 元`,
  );
  return ms;
}

console.log(
  `Monte Carlo bench — ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown cpu'}), Node ${process.version}; runs on one core`,
);
// State is O(trials), not O(trials × years): per trial 4 generator words (16 B), 8 Float64 arrays
// (4 balances, price index, total shortfall, year-end pool, real pool: 64 B), the first failing
// age (2 B), and one Float64 shortfall per goal.
{
  const goals = new Set(familyInput(1, true).years.flatMap((y) => y.goals.map((g) => g.goalId))).size;
  const bytes = TRIALS * (16 + 64 + 2 + 8 * goals);
  console.log(
    `  state per run ≈ ${mb(bytes)} MB for ${TRIALS.toLocaleString('en')} trials and ${goals} goals (any number of years)`,
  );
}
const ms = bench('deterministic inflation', false);
bench('stochastic inflation', true);
console.log(
  ms <= 150 ? `OK: median ${ms.toFixed(1)} ms ≤ 150 ms` : `SLOW: median ${ms.toFixed(1)} ms > 150 ms`,
);
