/**
 * Enqueue a batch: one BullMQ job per household, and a record of the batch (its households and
 * the rows the reader rejected) so that whoever collects it can write the same manifest a local
 * run writes. Enqueueing the same export again adds nothing: the record is kept as it is and
 * BullMQ keeps one job per id; a batch whose manifest was already written is not enqueued again
 * (within the retention period, see connection.ts).
 */
import type { Redis } from 'ioredis';
import { Queue, type JobsOptions } from 'bullmq';
import { ENGINE_VERSION } from '../../../engine/version.js';
import { householdInputHash, type BatchHousehold } from '../household.js';
import { rejectedEntry, type RejectedHousehold } from '../run.js';
import { RETENTION_SECONDS } from './connection.js';
import { JOB_FORMAT, jobIdFor, type JobData } from './jobs.js';
import { createRecord, type BatchRecord } from './record.js';

export interface RetryPolicy {
  /** Tries per household before it lands in the manifest as failed (BullMQ `attempts`). */
  attempts: number;
  /** The first retry's delay; each further retry waits twice as long (BullMQ exponential backoff). */
  backoffMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 3, backoffMs: 5000 };

export interface EnqueueRequest {
  batchId: string;
  households: BatchHousehold[];
  rejected: RejectedHousehold[];
  retry?: RetryPolicy;
}

export interface EnqueueResult {
  record: BatchRecord;
  /** Jobs this call added (0 when the same export was enqueued before). */
  added: number;
  /** The batch's manifest was written before: nothing was enqueued. */
  alreadyCollected: boolean;
}

/** addBulk in slices, so tens of thousands of households do not make one huge Redis call. */
const SLICE = 500;

/** The job's data: the household without its password; `encrypt` says a password is wanted. */
export function jobData(batchId: string, household: BatchHousehold, inputHash: string): JobData {
  const { protection, ...options } = household.options;
  return {
    format: JOB_FORMAT,
    batchId,
    engineVersion: ENGINE_VERSION,
    inputHash,
    household: { id: household.id, rows: household.rows, profile: household.profile, options },
    ...(protection ? { encrypt: true as const } : {}),
    ...(protection?.allowCopying !== undefined ? { allowCopying: protection.allowCopying } : {}),
  };
}

export async function enqueueBatch(
  redis: Redis,
  queue: Queue,
  request: EnqueueRequest,
): Promise<EnqueueResult> {
  const { batchId } = request;
  const retry = request.retry ?? DEFAULT_RETRY;
  const jobs = request.households.map((household) => {
    const inputHash = householdInputHash(household);
    return { household, inputHash, jobId: jobIdFor(batchId, household.id, inputHash) };
  });
  const record = await createRecord(
    redis,
    {
      batchId,
      engineVersion: ENGINE_VERSION,
      createdAt: new Date().toISOString(),
      households: jobs.map((j) => ({
        row: j.household.rows[0] ?? 0,
        id: j.household.id,
        jobId: j.jobId,
        inputHash: j.inputHash,
      })),
      rejected: request.rejected.map(rejectedEntry),
    },
    // A day beyond the jobs' own retention, so a late `batch status` still finds the batch.
    RETENTION_SECONDS + 24 * 3600,
  );
  if (record.state === 'collected') return { record, added: 0, alreadyCollected: true };

  const options: Omit<JobsOptions, 'jobId'> = {
    attempts: retry.attempts,
    backoff: { type: 'exponential', delay: retry.backoffMs },
    // The collector removes a batch's jobs once its manifest is written; these ages only purge a
    // batch nobody collects, so its profiles do not stay in Redis for ever.
    removeOnComplete: { age: RETENTION_SECONDS },
    removeOnFail: { age: RETENTION_SECONDS },
  };
  let added = 0;
  for (let i = 0; i < jobs.length; i += SLICE) {
    const slice = jobs.slice(i, i + SLICE);
    // Count what is new (BullMQ returns the existing job for a known id without saying so).
    const exists = await redis.pipeline(slice.map((j) => ['exists', queue.toKey(j.jobId)])).exec();
    added += (exists ?? []).filter(([, n]) => n === 0).length;
    await queue.addBulk(
      slice.map((j) => ({
        name: 'household',
        data: jobData(batchId, j.household, j.inputHash),
        opts: { ...options, jobId: j.jobId },
      })),
    );
  }
  return { record, added, alreadyCollected: false };
}
