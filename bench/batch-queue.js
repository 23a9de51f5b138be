// npm run bench:batch-queue — the queue path against the local pool on this machine, same households.
//
//   local: `finplan batch <folder> --out <dir> --workers C` (the render pool in one process);
//   queue: `finplan worker --queue … --out <dir> --concurrency C` started together with
//          `finplan batch <folder> --out <dir> --queue … --wait`, timed until the manifest is written.
// Both are timed from process start to exit, so both pay for starting their render pool; the
// queue path adds Redis round trips, the job hand-over and polling. N households (the good samples
// round robin, each its own id), BENCH_QUEUE_ROUNDS rounds alternating which path goes first
// (this machine's slow spells last seconds). A real redis-server is started on a free loopback port
// without persistence, as the services tests do. Figures are medians; written to
// bench/results/batch-queue.json.
import { spawn, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(root, 'dist/apps/cli/main.js');
const N = Number(process.env.BENCH_QUEUE_N ?? 40);
const ROUNDS = Number(process.env.BENCH_QUEUE_ROUNDS ?? 3);
const CONCURRENCY = Number(process.env.BENCH_QUEUE_CONCURRENCY ?? availableParallelism());

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round = (x, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

if (spawnSync('redis-server', ['--version']).status !== 0) {
  console.error('redis-server not found: apt-get install -y redis-server');
  process.exit(1);
}

const samplesDir = join(root, 'samples');
const samples = readdirSync(samplesDir)
  .filter((f) => f.endsWith('.json'))
  .sort();
const input = mkdtempSync(join(tmpdir(), 'finplan-bench-queue-in-'));
for (let i = 0; i < N; i++)
  copyFileSync(
    join(samplesDir, samples[i % samples.length]),
    join(input, `g${String(i).padStart(5, '0')}.json`),
  );

const port = await new Promise((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const p = s.address().port;
    s.close(() => resolve(p));
  });
});
const redis = spawn(
  'redis-server',
  ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
  { stdio: 'ignore' },
);
for (let i = 0; i < 100; i++) {
  if (
    spawnSync('redis-cli', ['-p', String(port), 'ping'])
      .stdout?.toString()
      .includes('PONG')
  )
    break;
  await new Promise((r) => setTimeout(r, 100));
}

function run(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => (code === 0 ? resolve(err) : reject(new Error(`exit ${code}: ${err}`))));
  });
}

function freshOut() {
  const dir = mkdtempSync(join(tmpdir(), 'finplan-bench-queue-out-'));
  mkdirSync(dir, { recursive: true });
  return dir;
}

async function local() {
  const out = freshOut();
  const t0 = performance.now();
  await run(['batch', input, '--out', out, '--workers', String(CONCURRENCY)]);
  const seconds = (performance.now() - t0) / 1000;
  rmSync(out, { recursive: true, force: true });
  return seconds;
}

async function queued(db) {
  const out = freshOut();
  const url = `redis://127.0.0.1:${port}/${db}`;
  spawnSync('redis-cli', ['-p', String(port), '-n', String(db), 'flushdb']);
  const t0 = performance.now();
  const worker = spawn(
    process.execPath,
    [CLI, 'worker', '--queue', url, '--out', out, '--concurrency', String(CONCURRENCY)],
    { stdio: 'ignore' },
  );
  await run(['batch', input, '--out', out, '--queue', url, '--wait']);
  const seconds = (performance.now() - t0) / 1000;
  const exited = new Promise((r) => worker.on('exit', r));
  worker.kill('SIGTERM');
  await exited;
  const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
  if (manifest.rows.filter((r) => r.status === 'ok').length !== N)
    throw new Error('queue run lost households');
  rmSync(out, { recursive: true, force: true });
  return seconds;
}

const times = { local: [], queue: [] };
try {
  for (let i = 0; i < ROUNDS; i++) {
    const order = i % 2 ? ['queue', 'local'] : ['local', 'queue'];
    for (const path of order) {
      const s = path === 'local' ? await local() : await queued(1 + (i % 15));
      times[path].push(s);
      console.error(`round ${i + 1} ${path}: ${round(s)} s, ${round(N / s)} plans/s`);
    }
  }
} finally {
  redis.kill('SIGTERM');
  rmSync(input, { recursive: true, force: true });
}

const localRate = N / median(times.local);
const queueRate = N / median(times.queue);
const results = {
  machine: { cores: cpus().length, cpu: cpus()[0]?.model, node: process.version },
  households: N,
  concurrency: CONCURRENCY,
  rounds: ROUNDS,
  local: { medianSeconds: round(median(times.local)), plansPerSecond: round(localRate) },
  queue: { medianSeconds: round(median(times.queue)), plansPerSecond: round(queueRate) },
  queueVsLocal: round(queueRate / localRate, 3),
  runs: { local: times.local.map((s) => round(s)), queue: times.queue.map((s) => round(s)) },
};
mkdirSync(join(root, 'bench/results'), { recursive: true });
writeFileSync(join(root, 'bench/results/batch-queue.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log(JSON.stringify(results, null, 2));
