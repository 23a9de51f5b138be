// npm run bench — speed, size and memory of finplan on this machine, reported as medians.
//
//   warm: one process, RenderContext built once, each sample planned and rendered N times (round robin);
//   cold: `finplan plan` on the family sample, a fresh process each time (process start to exit),
//         and where one such process spends its time (bench/cold-start.js: node start, loading
//         modules, first plan, render context, first PDF, write; medians over as many processes);
//   new client: the family sample with another name and other incomes each run (a salon batch);
//   engine: buildPlan alone for the family sample (a freshly validated profile each run);
//   size: PDF bytes per sample; peak RSS of the warm process.
//
// Results are printed and written to bench/results/latest.json. Timed figures are medians.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { coldStartBreakdown, printBreakdown } from './cold-start.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const { planFromInput, compose, loadRenderContext, buildPlan, validate } = await import(
  join(root, 'dist/index.js')
);

const WARM_RUNS = Number(process.env.BENCH_WARM_RUNS ?? 20);
const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 7);
const ENGINE_RUNS = Number(process.env.BENCH_ENGINE_RUNS ?? 200);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round = (x) => Math.round(x * 10) / 10;

const samplesDir = join(root, 'samples');
const samples = readdirSync(samplesDir)
  .filter((f) => f.endsWith('.json'))
  .sort();
const ctx = loadRenderContext();
const results = {
  machine: { cores: cpus().length, cpu: cpus()[0]?.model, node: process.version },
  warm: {},
  cold: {},
  engine: {},
};

// Round robin over the samples rather than one sample's runs in a block: this machine's noise
// comes in bursts of seconds, which would otherwise land on whichever sample was running.
const raws = new Map(samples.map((file) => [file, JSON.parse(readFileSync(join(samplesDir, file), 'utf8'))]));
const warmTimes = new Map(samples.map((file) => [file, []]));
const sizes = new Map();
for (let i = 0; i < WARM_RUNS + 2; i++)
  for (const file of samples) {
    const t0 = performance.now();
    const pdf = await compose(planFromInput(raws.get(file)), {}, ctx);
    const dt = performance.now() - t0;
    if (i >= 2) warmTimes.get(file).push(dt); // two warm-up rounds
    sizes.set(file, pdf.length);
    await new Promise((r) => setImmediate(r)); // let native canvas memory be freed
  }
for (const file of samples)
  results.warm[file] = { medianMs: round(median(warmTimes.get(file))), pdfBytes: sizes.get(file) };
results.peakRssMb = round(process.resourceUsage().maxRSS / 1024);

const family = JSON.parse(
  readFileSync(join(samplesDir, 'family-with-children-education-and-retirement.json'), 'utf8'),
);
// A freshly validated profile each time: the engine keeps per-profile caches for the reruns of one
// plan, which must not carry over from one timed run to the next.
const engineTimes = [];
for (let i = 0; i < ENGINE_RUNS + 5; i++) {
  const profile = validate(family).profile;
  const t0 = performance.now();
  buildPlan(profile);
  if (i >= 5) engineTimes.push(performance.now() - t0);
}
results.engine.familyMedianMs = round(median(engineTimes));

// A salon batch renders a different client each time: process-wide caches (shaped text, parsed
// rule strings) then help only with what clients share. Same family, another name and other
// incomes each run, so names, amounts and every sentence with a number differ.
const NAMES = [
  '王建国',
  '李秀英',
  '张伟',
  '刘洋',
  '陈静',
  '杨帆',
  '赵磊',
  '黄敏',
  '周杰',
  '吴芳',
  '徐明',
  '孙丽',
];
const clientTimes = [];
for (let i = 0; i < WARM_RUNS + 2; i++) {
  const client = structuredClone(family);
  client.members[0].name = NAMES[i % NAMES.length];
  for (const income of client.incomes)
    income.amount = String(Math.round(Number(income.amount) * (1 + 0.013 * (i + 1))));
  const t0 = performance.now();
  await compose(planFromInput(client), {}, ctx);
  if (i >= 2) clientTimes.push(performance.now() - t0);
  await new Promise((r) => setImmediate(r));
}
results.newClientEachRun = { familyMedianMs: round(median(clientTimes)) };

const out = mkdtempSync(join(tmpdir(), 'finplan-bench-'));
const coldTimes = [];
for (let i = 0; i < COLD_RUNS; i++) {
  const t0 = performance.now();
  execFileSync(
    process.execPath,
    [
      join(root, 'dist/apps/cli/main.js'),
      'plan',
      join(samplesDir, 'family-with-children-education-and-retirement.json'),
      '-o',
      join(out, 'p.pdf'),
    ],
    { stdio: 'ignore' },
  );
  coldTimes.push(performance.now() - t0);
}
results.cold.familyCliMedianMs = round(median(coldTimes));
results.cold.runs = COLD_RUNS;
results.cold.breakdown = coldStartBreakdown(root, COLD_RUNS);

console.log(
  `finplan bench — ${results.machine.cores} cores, ${results.machine.cpu}, Node ${results.machine.node}`,
);
console.log('warm (plan + PDF, one process, median of %d):', WARM_RUNS);
for (const [file, r] of Object.entries(results.warm))
  console.log(
    `  ${file.padEnd(52)} ${String(r.medianMs).padStart(7)} ms  ${(r.pdfBytes / 1024).toFixed(0).padStart(5)} KB`,
  );
console.log(
  `warm, family sample as a different client each run (median of ${WARM_RUNS}): ${results.newClientEachRun.familyMedianMs} ms`,
);
console.log(
  `engine alone (buildPlan), family sample (median of ${ENGINE_RUNS}): ${results.engine.familyMedianMs} ms`,
);
console.log(
  `cold CLI, \`finplan plan\` on the family sample (median of ${COLD_RUNS} processes): ${results.cold.familyCliMedianMs} ms`,
);
printBreakdown(results.cold.breakdown);
console.log(`peak RSS of the warm process: ${results.peakRssMb} MB`);
mkdirSync(join(root, 'bench/results'), { recursive: true });
writeFileSync(join(root, 'bench/results/latest.json'), `${JSON.stringify(results, null, 2)}\n`);
