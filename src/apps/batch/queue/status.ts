/**
 * A queued batch's progress, and its collection: once every job is settled (completed, or failed
 * after its last attempt), the manifest, journal, summary and errors are written exactly as a
 * local run writes them, then the batch's jobs — and with them the profiles — are removed from
 * Redis.
 *
 * Row semantics are the local run's: a completed job returns its JournalEntry ("ok", or "invalid"
 * for an input problem, which is never retried); a job that failed every attempt becomes a
 * "failed" row with the registered error its last attempt gave.
 */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { Job, type Queue } from 'bullmq';
import { FinplanError } from '../../../errors.js';
import { TEMP_PREFIX } from '../files.js';
import { PLANS_DIR, type JournalEntry } from '../household.js';
import { writeBatchReports } from '../reports.js';
import { writeManifestAndJournal, type BatchProgress, type Manifest } from '../run.js';
import { RETENTION_SECONDS } from './connection.js';
import { failureFromReason } from './jobs.js';
import { markCollected, readRecord, type BatchRecord, type RecordedHousehold } from './record.js';

export interface BatchCounts {
  batchId: string;
  state: BatchRecord['state'];
  /** Households plus rejected rows: the manifest's row count. */
  total: number;
  rejected: number;
  /** Waiting for a worker, including jobs waiting out a retry's backoff. */
  waiting: number;
  active: number;
  completed: number;
  /** Failed after their last attempt. */
  failed: number;
  /** Jobs no longer in Redis although the batch was not collected (purged after the retention). */
  missing: number;
  /** Every job settled: the manifest can be written. */
  complete: boolean;
}

/** What the poller knows of one settled household. */
type Settled = { state: 'completed' | 'failed' | 'missing'; entry: JournalEntry };

/** A batch being followed: its record and the households already settled (they are not asked again). */
export interface BatchWatch {
  record: BatchRecord;
  settled: Map<string, Settled>;
}

/** Redis calls in flight at once while polling a large batch. */
const PARALLEL = 200;

async function mapParallel<T, R>(items: T[], fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += PARALLEL)
    out.push(...(await Promise.all(items.slice(i, i + PARALLEL).map(fn))));
  return out;
}

export async function openBatch(redis: Redis, batchId: string): Promise<BatchWatch> {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(batchId))
    throw new FinplanError('FINPLAN_E_USAGE', '批次编号只含字母、数字、- 和 _');
  const record = await readRecord(redis, batchId);
  if (!record)
    throw new FinplanError(
      'FINPLAN_E_INPUT_NOT_FOUND',
      `队列中没有批次 ${batchId}（编号有误，或已超过保留期被清除）`,
    );
  return { record, settled: new Map() };
}

function failedEntry(h: RecordedHousehold, error: JournalEntry['error']): JournalEntry {
  return {
    row: h.row,
    id: h.id,
    status: 'failed',
    file: null,
    sha256: null,
    inputHash: h.inputHash,
    ms: null,
    digest: null,
    error,
  };
}

/** A household's job state, and its row once settled. */
async function settle(queue: Queue, h: RecordedHousehold): Promise<{ state: string; settled?: Settled }> {
  const state = await queue.getJobState(h.jobId);
  if (state === 'completed' || state === 'failed') {
    const job = await Job.fromId(queue, h.jobId);
    if (job && state === 'completed')
      return { state, settled: { state, entry: { ...(job.returnvalue as JournalEntry), row: h.row } } };
    if (job) return { state, settled: { state, entry: failedEntry(h, failureFromReason(job.failedReason)) } };
  }
  if (state === 'unknown' || state === 'completed' || state === 'failed')
    return {
      state: 'unknown',
      settled: {
        state: 'missing',
        entry: failedEntry(h, {
          code: 'FINPLAN_E_INTERNAL',
          message: '内部错误：队列中已没有该户的任务（可能超过保留期被清除），请重新提交本批次',
          issues: [],
        }),
      },
    };
  return { state };
}

/**
 * Ask Redis about the households not yet settled and return the batch's counts. A collected
 * batch answers from its record (its jobs are gone).
 */
export async function pollBatch(queue: Queue, watch: BatchWatch): Promise<BatchCounts> {
  const { record, settled } = watch;
  const rejected = record.rejected.length;
  const total = record.households.length + rejected;
  if (record.state === 'collected') {
    const c = record.counts;
    return {
      batchId: record.batchId,
      state: 'collected',
      total,
      rejected,
      waiting: 0,
      active: 0,
      completed: c ? c.ok + c.invalid - rejected : 0,
      failed: c?.failed ?? 0,
      missing: 0,
      complete: true,
    };
  }
  let waiting = 0;
  let active = 0;
  const pending = record.households.filter((h) => !settled.has(h.jobId));
  await mapParallel(pending, async (h) => {
    const { state, settled: done } = await settle(queue, h);
    if (done) settled.set(h.jobId, done);
    else if (state === 'active') active++;
    else waiting++;
  });
  const count = (s: Settled['state']) => [...settled.values()].filter((x) => x.state === s).length;
  return {
    batchId: record.batchId,
    state: 'open',
    total,
    rejected,
    waiting,
    active,
    completed: count('completed'),
    failed: count('failed'),
    missing: count('missing'),
    complete: waiting + active === 0,
  };
}

/** The progress a local run would report, from what has settled so far. */
export function progressOf(watch: BatchWatch): BatchProgress {
  const entries = [...watch.settled.values()].map((s) => s.entry);
  const rejected = watch.record.rejected.length;
  return {
    total: watch.record.households.length + rejected,
    done: entries.length + rejected,
    ok: entries.filter((e) => e.status === 'ok').length,
    invalid: entries.filter((e) => e.status === 'invalid').length + rejected,
    failed: entries.filter((e) => e.status === 'failed').length,
    resumed: 0,
  };
}

/**
 * Write the manifest, journal, summary and errors of a complete batch into outDir (the folder the
 * workers write to, as this machine mounts it), then remove its jobs from Redis.
 */
export async function collectBatch(
  redis: Redis,
  queue: Queue,
  watch: BatchWatch,
  outDir: string,
): Promise<{ manifest: Manifest; progress: BatchProgress }> {
  const { record } = watch;
  if (record.state === 'collected')
    throw new FinplanError(
      'FINPLAN_E_USAGE',
      `批次 ${record.batchId} 的清单已经写出，任务已从队列清除；清单在当时指定的输出目录中`,
    );
  const entries = [...record.rejected, ...record.households.map((h) => watch.settled.get(h.jobId)?.entry)];
  if (entries.some((e) => !e))
    throw new FinplanError('FINPLAN_E_USAGE', `批次 ${record.batchId} 尚未完成，暂不能写清单`);
  const rows = entries as JournalEntry[];
  // The PDFs were written by the workers: if this folder lacks them, it is not their folder.
  const absent = rows.find((e) => e.status === 'ok' && e.file && !existsSync(join(outDir, e.file)));
  if (absent)
    throw new FinplanError(
      'FINPLAN_E_USAGE',
      `输出目录 ${outDir} 中没有 ${absent.file}：--out 应是工作进程写入的同一个（共享）目录`,
    );
  sweepBatchTemporaryFiles(outDir, record);
  const progress = progressOf(watch);
  const manifest = writeManifestAndJournal(outDir, record.batchId, rows, true);
  await writeBatchReports(outDir, record.batchId, rows, progress);

  // The manifest is on disk: the jobs, which hold the profiles, can go.
  await mapParallel(record.households, (h) => queue.remove(h.jobId));
  await markCollected(
    redis,
    record.batchId,
    {
      total: progress.total,
      ok: progress.ok,
      invalid: progress.invalid,
      failed: progress.failed,
      collectedAt: new Date().toISOString(),
    },
    RETENTION_SECONDS,
  );
  record.state = 'collected';
  return { manifest, progress };
}

/**
 * Temporary files a killed worker left for this batch's households. Only once every job is
 * settled, and only this batch's names: other batches may be writing into the same shared folder.
 */
function sweepBatchTemporaryFiles(outDir: string, record: BatchRecord): void {
  const dir = join(outDir, PLANS_DIR);
  if (!existsSync(dir)) return;
  const names = new Set(record.households.map((h) => `${h.id}.pdf`));
  for (const name of readdirSync(dir)) {
    if (!name.startsWith(TEMP_PREFIX)) continue;
    // writeFileAtomic names a temporary file `.tmp-<12 hex>-<final name>`.
    const finalName = name.slice(TEMP_PREFIX.length + 13);
    if (names.has(finalName)) rmSync(join(dir, name), { force: true });
  }
}
