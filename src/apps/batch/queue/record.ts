/**
 * A batch's record in Redis, beside its BullMQ jobs: which households it has (row, id, job id),
 * the rows the reader rejected (they never become jobs, yet belong in the manifest), and whether
 * its manifest has been written. It holds no profile: ids, row numbers and the rejected rows'
 * issues (column names and Chinese messages, which never repeat a cell's value).
 */
import type { Redis } from 'ioredis';
import { FinplanError } from '../../../errors.js';
import type { JournalEntry } from '../household.js';
import { recordKey } from './connection.js';

export interface RecordedHousehold {
  row: number;
  id: string;
  jobId: string;
  inputHash: string;
}

export interface BatchRecord {
  batchId: string;
  engineVersion: string;
  createdAt: string;
  households: RecordedHousehold[];
  rejected: JournalEntry[];
  /** "collected": the manifest was written and the jobs (with their profiles) removed. */
  state: 'open' | 'collected';
  /** After collection: the final counts, for `batch status`. */
  counts: CollectedCounts | null;
}

export interface CollectedCounts {
  total: number;
  ok: number;
  invalid: number;
  failed: number;
  collectedAt: string;
}

/**
 * Create the record unless it exists (HSETNX field by field, in one MULTI): enqueueing the same
 * export again finds the first record and keeps it. Returns the record as it now stands.
 */
export async function createRecord(
  redis: Redis,
  record: Omit<BatchRecord, 'state' | 'counts'>,
  ttlSeconds: number,
): Promise<BatchRecord> {
  const key = recordKey(record.batchId);
  const meta = { batchId: record.batchId, engineVersion: record.engineVersion, createdAt: record.createdAt };
  const households = record.households.map((h) => [h.row, h.id, h.jobId, h.inputHash]);
  const result = await redis
    .multi()
    .hsetnx(key, 'meta', JSON.stringify(meta))
    .hsetnx(key, 'households', JSON.stringify(households))
    .hsetnx(key, 'rejected', JSON.stringify(record.rejected))
    .hsetnx(key, 'state', 'open')
    .exec();
  if (result?.[0]?.[1] === 1) await redis.expire(key, ttlSeconds);
  const stored = await readRecord(redis, record.batchId);
  if (!stored) throw new FinplanError('FINPLAN_E_INTERNAL', '批次记录写入 Redis 后读不到');
  return stored;
}

export async function readRecord(redis: Redis, batchId: string): Promise<BatchRecord | null> {
  const fields = await redis.hgetall(recordKey(batchId));
  if (!fields.meta || !fields.households) return null;
  const meta = JSON.parse(fields.meta) as Pick<BatchRecord, 'batchId' | 'engineVersion' | 'createdAt'>;
  const households = (JSON.parse(fields.households) as Array<[number, string, string, string]>).map(
    ([row, id, jobId, inputHash]) => ({ row, id, jobId, inputHash }),
  );
  return {
    ...meta,
    households,
    rejected: JSON.parse(fields.rejected ?? '[]') as JournalEntry[],
    state: fields.state === 'collected' ? 'collected' : 'open',
    counts: fields.counts ? (JSON.parse(fields.counts) as CollectedCounts) : null,
  };
}

export async function markCollected(
  redis: Redis,
  batchId: string,
  counts: CollectedCounts,
  ttlSeconds: number,
): Promise<void> {
  const key = recordKey(batchId);
  await redis
    .multi()
    .hset(key, 'state', 'collected', 'counts', JSON.stringify(counts))
    .expire(key, ttlSeconds)
    .exec();
}
