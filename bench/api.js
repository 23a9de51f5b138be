// npm run bench:api — the HTTP API under autocannon, on this machine.
//
// Starts `finplan serve` (dist/, a child process, workers = cores, default queue), makes a key with
// `finplan keys add`, waits for readiness, then for each of Plan JSON, PDF and a calculator runs
// autocannon at concurrency 1, 4 and 16 and reports p50/p99 latency, requests per second and the
// answers that were not 200 (503 = the render queue said "later", by design; anything else is an
// error). Figures are autocannon's own percentiles over each run; rerun a few times and take the
// medians on a shared machine. Results: bench/results/api.json.
//
//   BENCH_API_SECONDS=10  length of each run (calculator runs take a third of it)
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const root = fileURLToPath(new URL('..', import.meta.url));
const main = join(root, 'dist/apps/cli/main.js');
const SECONDS = Number(process.env.BENCH_API_SECONDS ?? 10);
const dir = mkdtempSync(join(tmpdir(), 'finplan-bench-api-'));
const keysFile = join(dir, 'keys.json');

const key = spawnSync(
  process.execPath,
  [
    main,
    'keys',
    'add',
    'bench',
    '--scopes',
    'plans,calculators',
    '--rate-limit',
    '100000',
    '--keys-file',
    keysFile,
  ],
  {
    encoding: 'utf8',
  },
).stdout.trim();

const server = spawn(process.execPath, [main, 'serve', '--port', '0'], {
  env: { ...process.env, FINPLAN_KEYS_FILE: keysFile, FINPLAN_LOG_LEVEL: 'warn' },
  stdio: ['ignore', 'ignore', 'pipe'],
});
const url = await new Promise((resolve, reject) => {
  let err = '';
  server.stderr.on('data', (d) => {
    err += d;
    const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(err);
    if (m) resolve(m[1]);
  });
  server.on('exit', () => reject(new Error(err)));
});
while ((await fetch(`${url}/readyz`)).status !== 200) await new Promise((r) => setTimeout(r, 200));

const profile = JSON.parse(
  readFileSync(join(root, 'samples/family-with-children-education-and-retirement.json'), 'utf8'),
);
const planBody = JSON.stringify({ profile });
const calcBody = JSON.stringify({
  tranches: [{ source: 'commercial', principal: 1000000, annualRate: 0.049 }],
  months: 360,
  method: 'equal_payment',
});
const auth = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
const scenarios = [
  {
    name: 'calculator (mortgage)',
    path: '/v1/calculators/mortgage',
    body: calcBody,
    headers: auth,
    seconds: Math.max(3, SECONDS / 3),
  },
  {
    name: 'Plan JSON',
    path: '/v1/plans',
    body: planBody,
    headers: { ...auth, accept: 'application/json' },
    seconds: SECONDS,
  },
  {
    name: 'PDF',
    path: '/v1/plans',
    body: planBody,
    headers: { ...auth, accept: 'application/pdf' },
    seconds: SECONDS,
  },
];

const run = (s, connections) =>
  new Promise((resolve, reject) =>
    autocannon(
      {
        url: `${url}${s.path}`,
        method: 'POST',
        body: s.body,
        headers: s.headers,
        connections,
        duration: s.seconds,
        timeout: 60,
      },
      (err, result) => (err ? reject(err) : resolve(result)),
    ),
  );

const rows = [];
for (const s of scenarios) {
  // A short unmeasured run so V8 has compiled the path before the figures start.
  await run({ ...s, seconds: 2 }, 1);
  for (const c of [1, 4, 16]) {
    const r = await run(s, c);
    const codes = Object.fromEntries(
      Object.entries(r.statusCodeStats ?? {}).map(([code, v]) => [code, v.count]),
    );
    const other = Object.entries(codes)
      .filter(([code]) => code !== '200' && code !== '503')
      .reduce((n, [, v]) => n + v, 0);
    rows.push({
      scenario: s.name,
      concurrency: c,
      p50ms: r.latency.p50,
      p99ms: r.latency.p99,
      rps: Math.round(r.requests.average * 10) / 10,
      ok: codes['200'] ?? 0,
      busy503: codes['503'] ?? 0,
      errors: other + r.errors + r.timeouts,
    });
    console.log(JSON.stringify(rows.at(-1)));
  }
}

server.kill('SIGTERM');
await new Promise((r) => server.on('exit', r));
rmSync(dir, { recursive: true, force: true });

console.log(
  '\n| Scenario | c | p50 ms | p99 ms | req/s | 200 | 503 | errors |\n|---|---|---|---|---|---|---|---|',
);
for (const r of rows)
  console.log(
    `| ${r.scenario} | ${r.concurrency} | ${r.p50ms} | ${r.p99ms} | ${r.rps} | ${r.ok} | ${r.busy503} | ${r.errors} |`,
  );
mkdirSync(join(root, 'bench/results'), { recursive: true });
writeFileSync(
  join(root, 'bench/results/api.json'),
  `${JSON.stringify({ date: new Date().toISOString(), node: process.version, cores: availableParallelism(), seconds: SECONDS, rows }, null, 2)}\n`,
);
