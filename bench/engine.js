// Engine alone (no PDF): median ms per buildPlan for each sample. `npm run build` first.
import { readFileSync, readdirSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const { validate, buildPlan } = await import(join(root, 'dist/index.js'));
const RUNS = Number(process.env.BENCH_ENGINE_RUNS ?? 200);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`engine bench — ${cpus().length} cores, Node ${process.version}, median of ${RUNS}`);
for (const file of readdirSync(join(root, 'samples'))
  .filter((f) => f.endsWith('.json'))
  .sort()) {
  const v = validate(JSON.parse(readFileSync(join(root, 'samples', file), 'utf8')));
  const times = [];
  for (let i = 0; i < RUNS + 10; i++) {
    const t0 = performance.now();
    buildPlan(v.profile);
    if (i >= 10) times.push(performance.now() - t0);
  }
  console.log(`  ${file.padEnd(52)} ${median(times).toFixed(2).padStart(7)} ms`);
}
