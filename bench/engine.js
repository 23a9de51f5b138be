// Engine alone (no PDF), median ms per sample. `npm run build` first.
//
//   ledger: the deterministic projection (runEngine: household, loans, pensions, the yearly ledger,
//           findings) for a freshly validated profile each time, so no per-profile cache helps;
//   plan:   buildPlan, everything in the Plan JSON: the ledger, every planning module, and the risk
//           analysis (12 sensitivity and 6 stress reruns, 10,000 Monte Carlo trials, candidates).
import { readFileSync, readdirSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const { validate, buildPlan } = await import(join(root, 'dist/index.js'));
const { runEngine } = await import(join(root, 'dist/engine/plan.js'));
const RUNS = Number(process.env.BENCH_ENGINE_RUNS ?? 200);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function timeIt(runs, setup, fn) {
  const times = [];
  for (let i = 0; i < runs + 10; i++) {
    const input = setup();
    const t0 = performance.now();
    fn(input);
    if (i >= 10) times.push(performance.now() - t0);
  }
  return median(times);
}

console.log(`engine bench — ${cpus().length} cores, Node ${process.version}, median of ${RUNS}`);
console.log(`  ${'sample'.padEnd(52)} ${'ledger'.padStart(9)} ${'plan'.padStart(10)}`);
for (const file of readdirSync(join(root, 'samples'))
  .filter((f) => f.endsWith('.json'))
  .sort()) {
  const raw = JSON.parse(readFileSync(join(root, 'samples', file), 'utf8'));
  const fresh = () => validate(raw).profile;
  const ledger = timeIt(RUNS, fresh, (p) => runEngine(p));
  const plan = timeIt(Math.max(20, Math.floor(RUNS / 5)), fresh, (p) => buildPlan(p));
  console.log(`  ${file.padEnd(52)} ${ledger.toFixed(2).padStart(6)} ms ${plan.toFixed(1).padStart(7)} ms`);
}
