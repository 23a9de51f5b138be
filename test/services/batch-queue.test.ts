/**
 * The batch queue against a real redis-server, through the real CLI processes: `finplan batch
 * --queue`, `finplan worker` (two of them, one killed with SIGKILL mid-job) and `finplan batch
 * status`. Each test uses its own Redis database.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue, type JobType } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { QUEUE_NAME } from '../../src/apps/batch/queue/connection.js';
import { enqueueBatch } from '../../src/apps/batch/queue/enqueue.js';
import { ensureBuilt } from '../helpers/cli.js';
import { readSample, SAMPLES_DIR } from '../helpers/samples.js';
import { startRedis, type TestRedis } from './redis.js';
import type { ManifestRow } from '../../src/apps/batch/household.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const CLI = `${ROOT}dist/apps/cli/main.js`;

interface Manifest {
  batchId: string;
  complete: boolean;
  rows: ManifestRow[];
}

let redis: TestRedis;
const children: ChildProcess[] = [];

beforeAll(async () => {
  ensureBuilt();
  redis = await startRedis();
});
afterEach(async () => {
  for (const c of children.splice(0))
    if (c.exitCode === null && c.signalCode === null) {
      const exited = new Promise((r) => c.once('exit', r));
      c.kill('SIGKILL');
      await exited;
    }
});
afterAll(async () => {
  await redis?.stop();
});

function env(): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = { ...process.env, FINPLAN_DEBUG: '' };
  delete e.FINPLAN_PDF_PASSWORD;
  return e;
}

function cli(args: string[]) {
  return spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: env() });
}

/** A running CLI process whose stderr is collected (workers log job ids, never profiles). */
function start(args: string[]): { child: ChildProcess; log: () => string; exit: Promise<number | null> } {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: env() });
  children.push(child);
  let out = '';
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  const exit = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { child, log: () => out, exit };
}

async function until(what: string, check: () => boolean | Promise<boolean>, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function worker(url: string, out: string, extra: string[] = []) {
  return start(['worker', '--queue', url, '--out', out, '--concurrency', '1', ...extra]);
}

/** `good` copies of a small (summary-edition) sample, the bad samples, and optional extras. */
function batchFolder(good: number, extras: { brokenJson?: boolean; missingBrand?: boolean } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'finplan-queue-in-'));
  for (let i = 1; i <= good; i++)
    copyFileSync(
      join(SAMPLES_DIR, 'single-parent-chengdu.json'),
      join(dir, `h${String(i).padStart(3, '0')}.json`),
    );
  if (extras.brokenJson) {
    for (const bad of readdirSync(join(SAMPLES_DIR, 'bad')))
      copyFileSync(join(SAMPLES_DIR, 'bad', bad), join(dir, `bad-${bad}`));
    writeFileSync(join(dir, 'broken.json'), '{ "members": [');
  }
  if (extras.missingBrand) {
    // A render failure on every attempt: the profile names a brand no worker has.
    const profile = readSample('single-parent-chengdu') as { report: Record<string, unknown> };
    profile.report.brand = 'no-such-brand';
    writeFileSync(join(dir, 'brand-x.json'), JSON.stringify(profile));
  }
  return dir;
}

const tempDir = (name: string) => mkdtempSync(join(tmpdir(), `finplan-queue-${name}-`));
const readManifest = (out: string): Manifest => JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const goodIds = (n: number) => Array.from({ length: n }, (_, i) => `h${String(i + 1).padStart(3, '0')}`);

/** Jobs of the queue in the given states (BullMQ counts 'paused' along with 'waiting'). */
async function jobCount(url: string, ...states: JobType[]): Promise<number> {
  const counts = await withQueue(url, (q) => q.getJobCounts(...states));
  return Object.values(counts).reduce((a, b) => a + b, 0);
}

async function withQueue<T>(url: string, fn: (queue: Queue, connection: Redis) => Promise<T>): Promise<T> {
  const connection = new Redis(url, { maxRetriesPerRequest: null });
  const queue = new Queue(QUEUE_NAME, { connection });
  try {
    return await fn(queue, connection);
  } finally {
    await queue.close();
    connection.disconnect();
  }
}

/** How many times each id was completed across the workers' logs. */
function completions(logs: string[], batchId: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const log of logs)
    for (const m of log.matchAll(new RegExp(`完成 ${batchId}/([A-Za-z0-9_-]+)：`, 'g')))
      counts.set(m[1]!, (counts.get(m[1]!) ?? 0) + 1);
  return counts;
}

/** Every good id has one whole PDF under plans/, recorded with its sha256; nothing else is there. */
function expectPlans(out: string, m: Manifest, ids: string[]): void {
  const ok = m.rows.filter((r) => r.status === 'ok');
  expect(ok.map((r) => r.id).sort()).toEqual(ids);
  for (const r of ok) expect(sha(join(out, r.file!)), r.id).toBe(r.sha256);
  expect(readdirSync(join(out, 'plans')).sort()).toEqual(ids.map((id) => `${id}.pdf`));
}

describe('finplan batch --queue with finplan worker (real redis-server)', () => {
  it('adds no job when the same export is enqueued twice, and never puts a password into Redis', async () => {
    const url = redis.url(1);
    const input = batchFolder(4, { brokenJson: true });
    const out = tempDir('out');
    const first = cli(['batch', input, '--out', out, '--queue', url]);
    expect(first.status, first.stderr).toBe(0);
    const batchId = first.stdout.trim();
    expect(batchId).toMatch(/^[0-9a-f]{16}$/);
    expect(first.stderr).toContain(`finplan batch-status ${batchId}`);
    const households = 4 + readdirSync(join(SAMPLES_DIR, 'bad')).length;
    expect(await jobCount(url, 'waiting')).toBe(households);
    expect(await jobCount(url, 'waiting', 'active', 'completed', 'failed', 'delayed')).toBe(households);

    const second = cli(['batch', input, '--out', out, '--queue', url]);
    expect(second.status, second.stderr).toBe(0);
    expect(second.stdout.trim()).toBe(batchId);
    expect(second.stderr).toContain('本次新入队 0 户');
    expect(await jobCount(url, 'waiting', 'active', 'completed', 'failed', 'delayed')).toBe(households);

    const status = cli(['batch', 'status', batchId, '--queue', url]);
    expect(status.status, status.stderr).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({
      batchId,
      total: households + 1,
      rejected: 1,
      waiting: households,
      completed: 0,
      complete: false,
      manifest: null,
    });

    // An encrypted batch: the job says so; the password stays with whoever configured the batch.
    const password = 'Queue-Secret-73915';
    await withQueue(url, async (queue, connection) => {
      await enqueueBatch(connection, queue, {
        batchId: 'encrypted0000001',
        households: [
          {
            id: 'enc1',
            rows: [1],
            profile: readSample('single-parent-chengdu'),
            options: { protection: { password, allowCopying: false } },
          },
        ],
        rejected: [],
      });
      const job = (await queue.getJobs(['waiting'])).find((j) => j.id?.startsWith('encrypted0000001-enc1-'));
      expect(job?.data).toMatchObject({ encrypt: true, allowCopying: false });
      expect(job?.data.household.options).toEqual({});
      for (const key of await connection.keys('*')) {
        const dump = await connection.dump(key);
        expect(dump?.includes(password), key).toBe(false);
      }
    });
  });

  it('two worker processes render every good household exactly once, and the manifest matches a local run', async () => {
    const url = redis.url(2);
    const input = batchFolder(6, { brokenJson: true, missingBrand: true });
    const shared = tempDir('shared');
    const a = worker(url, shared);
    const b = worker(url, shared);
    await until('both workers', () => a.log().includes('已启动') && b.log().includes('已启动'));
    const run = start([
      'batch',
      input,
      '--out',
      shared,
      '--queue',
      url,
      '--wait',
      '--attempts',
      '2',
      '--retry-delay',
      '100',
    ]);
    expect(await run.exit, run.log()).toBe(2);
    const m = readManifest(shared);
    expect(m.complete).toBe(true);
    expectPlans(shared, m, goodIds(6));

    // Each household once: one completion line per id over both workers, and both took part.
    // (Their last log lines may still be in the pipes when the manifest is written.)
    await until("the workers' logs", () => (a.log() + b.log()).includes('（第 2/2 次）'));
    const done = completions([a.log(), b.log()], m.batchId);
    for (const id of goodIds(6)) expect(done.get(id), id).toBe(1);
    expect(completions([a.log()], m.batchId).size).toBeGreaterThan(0);
    expect(completions([b.log()], m.batchId).size).toBeGreaterThan(0);
    // The brand failure was retried, then failed for good.
    expect(a.log() + b.log()).toContain('brand-x：FINPLAN_E_BRAND_INVALID（第 2/2 次）');

    // The same input run locally: the same rows, statuses, files, hashes and errors.
    const local = tempDir('local');
    const l = cli(['batch', input, '--out', local, '--workers', '2']);
    expect(l.status, l.stderr).toBe(2);
    const lm = readManifest(local);
    const comparable = (rows: ManifestRow[]) => rows.map(({ ms: _ms, ...rest }) => rest);
    expect(m.batchId).toBe(lm.batchId);
    expect(comparable(m.rows)).toEqual(comparable(lm.rows));
    expect(m.rows.map((r) => r.status)).toContain('failed');
    expect(m.rows.filter((r) => r.status === 'invalid').length).toBe(
      readdirSync(join(SAMPLES_DIR, 'bad')).length + 1,
    );
    expect(readFileSync(join(shared, 'errors.csv'), 'utf8')).toBe(
      readFileSync(join(local, 'errors.csv'), 'utf8'),
    );
    const summary = (dir: string) => {
      const s = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));
      delete s.renderMs;
      return s;
    };
    expect(summary(shared)).toEqual(summary(local));

    // The manifest is written: the jobs and their profiles are gone, and enqueueing again adds nothing.
    expect(await jobCount(url, 'waiting', 'active', 'completed', 'failed', 'delayed')).toBe(0);
    const again = cli(['batch', input, '--out', shared, '--queue', url]);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stderr).toContain('未重复提交');
    expect(await jobCount(url, 'waiting')).toBe(0);

    // SIGTERM: each worker finishes what it holds and exits cleanly.
    a.child.kill('SIGTERM');
    b.child.kill('SIGTERM');
    expect(await a.exit).toBe(0);
    expect(await b.exit).toBe(0);
  });

  it('retries the job of a worker killed with SIGKILL mid-job, and finishes it exactly once', async () => {
    const url = redis.url(3);
    const input = batchFolder(3);
    const shared = tempDir('shared');
    const fast = ['--lock-duration', '2000', '--stalled-interval', '1000'];
    const a = worker(url, shared, fast);
    await until('worker a', () => a.log().includes('已启动'));
    const run = start(['batch', input, '--out', shared, '--queue', url, '--wait']);
    // The first job in worker a's hands: its render is under way (a cold one takes seconds).
    let victim = '';
    await until('an active job', () =>
      withQueue(url, async (q) => {
        const active = await q.getActive();
        victim = active[0]?.data.household.id ?? '';
        return victim !== '';
      }),
    );
    a.child.kill('SIGKILL');
    await a.exit;
    expect(a.log()).not.toContain(`/${victim}：ok`);

    const b = worker(url, shared, fast);
    expect(await run.exit, run.log()).toBe(0);
    const m = readManifest(shared);
    expectPlans(shared, m, goodIds(3));
    expect(m.rows.every((r) => r.status === 'ok')).toBe(true);
    const done = completions([a.log(), b.log()], m.batchId);
    for (const id of goodIds(3)) expect(done.get(id), id).toBe(1);
    expect(b.log()).toContain(`/${victim}：ok`);
    expect(b.log()).toContain('中途退出，已放回队列');
  });

  it('puts a job that fails every attempt into the manifest as failed, with its reason', async () => {
    const url = redis.url(4);
    const input = batchFolder(1, { missingBrand: true });
    const out = tempDir('out');
    const enqueue = cli([
      'batch',
      input,
      '--out',
      out,
      '--queue',
      url,
      '--attempts',
      '3',
      '--retry-delay',
      '100',
    ]);
    expect(enqueue.status, enqueue.stderr).toBe(0);
    const batchId = enqueue.stdout.trim();
    const w = worker(url, out);
    let status: { complete: boolean } = { complete: false };
    await until('the batch to settle', () => {
      const r = cli(['batch-status', batchId, '--queue', url]);
      status = JSON.parse(r.stdout);
      return status.complete;
    });
    expect(status).toMatchObject({ completed: 1, failed: 1, waiting: 0, active: 0 });
    const collect = cli(['batch', 'status', batchId, '--queue', url, '--out', out]);
    expect(collect.status, collect.stderr).toBe(2);
    expect(JSON.parse(collect.stdout).manifest).toBe(join(out, 'manifest.json'));
    const failed = readManifest(out).rows.filter((r) => r.status === 'failed');
    expect(failed).toEqual([
      expect.objectContaining({
        id: 'brand-x',
        file: null,
        error: {
          code: 'FINPLAN_E_BRAND_INVALID',
          message: expect.stringContaining('no-such-brand'),
          issues: [],
        },
      }),
    ]);
    // The status polls above ran with spawnSync, which holds this process's event loop: the
    // worker's log lines may still be in the pipe.
    await until('the last attempt in the log', () => w.log().includes('（第 3/3 次）'));
    for (const attempt of ['1/3', '2/3', '3/3'])
      expect(w.log()).toContain(`brand-x：FINPLAN_E_BRAND_INVALID（第 ${attempt} 次）`);
    expect(readFileSync(join(out, 'errors.csv'), 'utf8')).toContain('brand-x,,FINPLAN_E_BRAND_INVALID');
    // Collected: status answers from the record, and the jobs are gone.
    const after = cli(['batch-status', batchId, '--queue', url]);
    expect(JSON.parse(after.stdout)).toMatchObject({ state: 'collected', complete: true, failed: 1 });
    expect(await jobCount(url, 'completed', 'failed')).toBe(0);
  });
});
