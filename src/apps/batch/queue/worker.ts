/**
 * A queue worker: takes households from the batch queue, renders each with renderHousehold over a
 * RenderPool (a RenderContext once per worker thread) into this machine's output folder, and
 * returns the JournalEntry (with its digest) as the job's return value.
 *
 * - "ok" and "invalid" rows complete the job: an input problem does not improve with a retry.
 * - A "failed" row, or a failure to write the output, fails the attempt; BullMQ retries it with
 *   exponential backoff (the enqueuer's policy), maybe on another machine, and after the last
 *   attempt the collector puts it in the manifest as "failed" with the reason.
 * - A worker that dies mid-job (kill -9, a lost machine) stops renewing its lock; another worker's
 *   stalled-job check puts the job back after lockDuration. Its PDF is written atomically, so a
 *   retried household ends with one whole PDF.
 * - close() finishes the jobs in hand, then stops (SIGTERM/SIGINT in the command).
 *
 * It logs ids and counts only, never a profile's contents.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { Worker, type Job } from 'bullmq';
import { ENGINE_VERSION } from '../../../engine/version.js';
import { asFinplanError } from '../../../errors.js';
import type { RenderOptionsInput } from '../../../report/options.js';
import type { RenderOutcome, RenderTask } from '../../pool/types.js';
import { PLANS_DIR, renderHousehold, type JournalEntry } from '../household.js';
import { QUEUE_NAME } from './connection.js';
import { failureReason, JOB_FORMAT, type JobData } from './jobs.js';

export interface QueueWorkerOptions {
  /** A connection made with role "worker" (maxRetriesPerRequest: null). */
  connection: Redis;
  outDir: string;
  render: (task: RenderTask) => Promise<RenderOutcome>;
  /** Jobs in hand at once (the render pool's size). */
  concurrency: number;
  /** How long a job's lock lasts without renewal; a dead worker's job is retried after it. */
  lockDurationMs?: number;
  /** How often this worker looks for jobs whose worker died. */
  stalledIntervalMs?: number;
  /** The resolved PDF password for batches that ask for encryption, or null when this worker has none. */
  password: string | null;
  /** Identifies this worker in BullMQ (job.processedBy) and in its log lines. */
  name?: string;
  log?: (line: string) => void;
}

/** BullMQ's defaults: a job whose worker died is picked up again within about 30 s. */
export const DEFAULT_LOCK_MS = 30_000;
export const DEFAULT_STALLED_MS = 30_000;

class AttemptFailed extends Error {}

export function startQueueWorker(options: QueueWorkerOptions): Worker<JobData, JournalEntry> {
  const { outDir, render, password } = options;
  const log = options.log ?? (() => {});
  mkdirSync(join(outDir, PLANS_DIR), { recursive: true });

  const processor = async (job: Job<JobData, JournalEntry>): Promise<JournalEntry> => {
    const data = job.data;
    // Another job format or engine version: this worker would misread the job, or write other
    // PDFs than the input hash promises. The attempt fails; a worker of the batch's version may
    // take the retry (machines are upgraded one at a time).
    if (data.format !== JOB_FORMAT || data.engineVersion !== ENGINE_VERSION)
      throw new AttemptFailed(
        failureReason({
          code: 'FINPLAN_E_INTERNAL',
          message: `批次要求引擎版本 ${String(data.engineVersion)}（任务格式 ${String(data.format)}），本工作进程为 ${ENGINE_VERSION}（任务格式 ${JOB_FORMAT}）`,
        }),
      );
    let options: RenderOptionsInput = data.household.options;
    if (data.encrypt) {
      if (password === null)
        throw new AttemptFailed(
          failureReason({
            code: 'FINPLAN_E_INVALID_OPTIONS',
            message: '该批次要求加密 PDF，但本工作进程未配置密码（FINPLAN_PDF_PASSWORD 或 --password-file）',
          }),
        );
      options = {
        ...options,
        protection: {
          password,
          ...(data.allowCopying !== undefined ? { allowCopying: data.allowCopying } : {}),
        },
      };
    }
    const attempt = `${job.attemptsMade + 1}/${job.opts.attempts ?? 1}`;
    let entry: JournalEntry;
    try {
      entry = await renderHousehold({ ...data.household, options }, outDir, render, data.inputHash);
    } catch (err) {
      // The output folder cannot be written (a full or unmounted share): perhaps not on the
      // retry, perhaps not on another machine. The reason keeps the registered code.
      const e = asFinplanError(err);
      log(`失败 ${data.batchId}/${data.household.id}：${e.code}（第 ${attempt} 次）`);
      throw new AttemptFailed(failureReason(e));
    }
    if (entry.status === 'failed') {
      log(`失败 ${data.batchId}/${entry.id}：${entry.error?.code}（第 ${attempt} 次）`);
      throw new AttemptFailed(failureReason(entry.error!));
    }
    log(`完成 ${data.batchId}/${entry.id}：${entry.status}（${entry.ms ?? 0} ms，第 ${attempt} 次）`);
    return entry;
  };

  const worker = new Worker<JobData, JournalEntry>(QUEUE_NAME, processor, {
    connection: options.connection,
    concurrency: options.concurrency,
    lockDuration: options.lockDurationMs ?? DEFAULT_LOCK_MS,
    stalledInterval: options.stalledIntervalMs ?? DEFAULT_STALLED_MS,
    // One death while holding a job may be the machine's fault; a second one is the job's.
    maxStalledCount: 1,
    ...(options.name ? { name: options.name } : {}),
  });
  // BullMQ reports Redis trouble as 'error' events (it reconnects by itself); an EventEmitter
  // without a listener would crash the process on the first one. The message names no profile.
  worker.on('error', (err) => log(`队列连接出错（将自动重连）：${err.message}`));
  worker.on('stalled', (jobId) => log(`任务 ${jobId} 的工作进程中途退出，已放回队列重试`));
  return worker;
}
