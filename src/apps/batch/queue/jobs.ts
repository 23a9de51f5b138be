/**
 * What a queue job is: one household of one batch. Its data is the household itself (id, sheet
 * rows, profile, render options) and never the output folder (each worker has its own --out, the
 * shared network folder as that machine mounts it) nor a password (a batch that wants encrypted
 * PDFs says `encrypt: true`, and each worker reads the password from its own environment or file).
 */
import { sha256 } from '../files.js';
import { isSafeId, type BatchHousehold, type RowError } from '../household.js';

/** Bumped when JobData changes shape, so an old worker refuses a job it would misread. */
export const JOB_FORMAT = 1;

export interface JobData {
  format: typeof JOB_FORMAT;
  batchId: string;
  /** The engine version the batch was enqueued for: its input hashes (and PDFs) depend on it. */
  engineVersion: string;
  /** householdInputHash() of the household as the batch had it (with `protection` if encrypted). */
  inputHash: string;
  /** The household, its options without `protection`. */
  household: BatchHousehold;
  /** The PDF is to be encrypted with the worker's own password. */
  encrypt?: true;
  /** With encrypt: whether copying text stays allowed (not secret, so it travels). */
  allowCopying?: boolean;
}

/**
 * `<batchId>-<household id>-<input hash>`. The batch id and input hash make enqueueing the same
 * export twice add nothing (BullMQ keeps one job per id); the household id keeps two households
 * with identical figures apart (each needs its own PDF). BullMQ ids may not contain ':', and ids
 * here never do: a household id that is not file-name safe (renderHousehold refuses it as
 * "invalid" anyway) is replaced by a hash.
 */
export function jobIdFor(batchId: string, householdId: string, inputHash: string): string {
  const id = isSafeId(householdId) ? householdId : sha256(householdId).slice(0, 16);
  return `${batchId}-${id}-${inputHash}`;
}

/**
 * A failed attempt's reason, as BullMQ stores it (job.failedReason): the registered code in
 * brackets, then the Chinese message. Readable in any Redis dashboard, and parsed back into the
 * manifest row's error by failureFromReason().
 */
export function failureReason(error: Pick<RowError, 'code' | 'message'>): string {
  return `[${error.code}] ${error.message}`;
}

export function failureFromReason(reason: string | undefined): RowError {
  const m = /^\[(FINPLAN_E_[A-Z_]+)\] ([\s\S]*)$/.exec(reason ?? '');
  if (m) return { code: m[1]!, message: m[2]!, issues: [] };
  // BullMQ's own reasons (a job whose worker died more often than maxStalledCount allows).
  if (/stalled/i.test(reason ?? ''))
    return {
      code: 'FINPLAN_E_INTERNAL',
      message: `内部错误：处理该户的工作进程多次中途退出（${reason}）`,
      issues: [],
    };
  return { code: 'FINPLAN_E_INTERNAL', message: `内部错误：${reason ?? '未知原因'}`, issues: [] };
}
