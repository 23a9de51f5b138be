// npm run bench:batch — the salon batch on this machine: households per second with 1 and 2
// worker threads (scaling efficiency), and peak RSS over a long run.
//
//   BENCH_BATCH_COUNT   households in the throughput runs (default 1000, 0 skips them; the target is
//                       1,000 in at most 2 minutes, ≥ 8.3 plans/s)
//   BENCH_BATCH_LONG    households in the memory run (default 5000; target: peak RSS ≤ 1.5 GB and
//                       flat — sampled every 500 households)
//   BENCH_BATCH_RUNS    repetitions of each throughput run (median reported; default 3)
//
// The batch runs in this process through the library (the sheet reader, runBatch on a RenderPool)
// so that process.resourceUsage().maxRSS covers the worker threads too. Households come from the
// sample generator (samples/batch/generate.js): the salon mix of tiers, with no bad rows.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const { readBatchSheet } = await import(join(root, 'dist/apps/batch/sheet/index.js'));
const { runBatch } = await import(join(root, 'dist/apps/batch/run.js'));
const { RenderPool } = await import(join(root, 'dist/apps/pool/render-pool.js'));

const COUNT = Number(process.env.BENCH_BATCH_COUNT ?? 1000);
const LONG = Number(process.env.BENCH_BATCH_LONG ?? 5000);
const RUNS = Number(process.env.BENCH_BATCH_RUNS ?? 3);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const mb = (bytes) => Math.round(bytes / 1024 / 1024);

function generate(count) {
  const dir = mkdtempSync(join(tmpdir(), 'finplan-bench-batch-'));
  const file = join(dir, `salon-${count}.csv`);
  execFileSync(process.execPath, [
    join(root, 'samples/batch/generate.js'),
    '--count',
    String(count),
    '--out',
    file,
    '--bad',
    '0',
  ]);
  return { dir, file };
}

async function timedRun(file, workers, onProgress) {
  const { households, invalid } = await readBatchSheet(file);
  const out = mkdtempSync(join(tmpdir(), 'finplan-bench-out-'));
  const pool = new RenderPool({ workers });
  try {
    // Let the workers build their RenderContext before the clock starts: a batch pays it once.
    await Promise.all(
      Array.from({ length: workers }, () => pool.run({ profile: households[0].profile, pdf: false })),
    );
    const t0 = performance.now();
    const result = await runBatch({
      batchId: 'bench',
      outDir: out,
      households,
      rejected: invalid,
      render: (task) => pool.run(task),
      concurrency: workers + 1,
      onProgress,
    });
    const seconds = (performance.now() - t0) / 1000;
    if (result.progress.ok !== households.length)
      throw new Error(`only ${result.progress.ok} of ${households.length} planned`);
    return { seconds, perSecond: households.length / seconds, households: households.length };
  } finally {
    await pool.destroy();
    rmSync(out, { recursive: true, force: true });
  }
}

const results = {
  machine: { cores: cpus().length, cpu: cpus()[0]?.model, node: process.version },
  count: COUNT,
};
if (COUNT > 0) {
  const { dir, file } = generate(COUNT);
  for (const workers of [1, 2]) {
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await timedRun(file, workers));
    results[`workers${workers}`] = {
      medianSeconds: Math.round(median(runs.map((r) => r.seconds)) * 10) / 10,
      plansPerSecond: Math.round(median(runs.map((r) => r.perSecond)) * 100) / 100,
    };
    console.log(
      `${COUNT} households, ${workers} worker(s): ${results[`workers${workers}`].medianSeconds} s, ${results[`workers${workers}`].plansPerSecond} plans/s (median of ${RUNS})`,
    );
  }
  results.scalingEfficiency =
    Math.round((results.workers2.plansPerSecond / (2 * results.workers1.plansPerSecond)) * 100) / 100;
  console.log(`scaling 1 → 2 workers: ${Math.round(results.scalingEfficiency * 100)}% efficient`);
  rmSync(dir, { recursive: true, force: true });
}

if (LONG > 0) {
  const long = generate(LONG);
  const samples = [];
  await timedRun(long.file, 2, (p) => {
    if (p.done % 500 === 0) samples.push({ done: p.done, rssMb: mb(process.memoryUsage.rss()) });
  });
  results.memory = {
    households: LONG,
    rssEvery500: samples,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  console.log(
    `memory over ${LONG} households: RSS ${samples.map((s) => s.rssMb).join(', ')} MB; peak ${results.memory.peakRssMb} MB`,
  );
  rmSync(long.dir, { recursive: true, force: true });
}

mkdirSync(join(root, 'bench/results'), { recursive: true });
writeFileSync(join(root, 'bench/results/batch.json'), `${JSON.stringify(results, null, 2)}\n`);
