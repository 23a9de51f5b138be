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
const { runEngine } = await import(join(root, 'dist/engine/run.js'));
const RUNS = Number(process.env.BENCH_ENGINE_RUNS ?? 200);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

console.log(`engine bench — ${cpus().length} cores, Node ${process.version}, median of ${RUNS}`);
console.log(`  ${'sample'.padEnd(52)} ${'ledger'.padStart(9)} ${'plan'.padStart(10)}`);
// Round robin over the samples (one timed run of each in turn): this machine's noise comes in
// bursts, which would otherwise land on whichever sample was being timed.
const files = readdirSync(join(root, 'samples'))
  .filter((f) => f.endsWith('.json'))
  .sort();
const raws = files.map((file) => JSON.parse(readFileSync(join(root, 'samples', file), 'utf8')));
const roundRobin = (runs, fn) => {
  const times = files.map(() => []);
  for (let i = 0; i < runs + 10; i++)
    raws.forEach((raw, k) => {
      const profile = validate(raw).profile; // fresh: no per-profile cache carries over
      const t0 = performance.now();
      fn(profile);
      if (i >= 10) times[k].push(performance.now() - t0);
    });
  return times.map(median);
};
const ledger = roundRobin(RUNS, (p) => runEngine(p));
const plan = roundRobin(Math.max(20, Math.floor(RUNS / 5)), (p) => buildPlan(p));
files.forEach((file, k) =>
  console.log(
    `  ${file.padEnd(52)} ${ledger[k].toFixed(2).padStart(6)} ms ${plan[k].toFixed(1).padStart(7)} ms`,
  ),
);
