/**
 * The reports a finished batch leaves beside its manifest: summary.json (from the rows' digests)
 * and errors.csv (every row without a PDF). The local run and the queue path's collector both
 * write them here, from the same rows, so a branch cannot tell which path made them.
 */
import { errorsCsvText } from './errors-csv.js';
import { writeFileAtomic } from './files.js';
import type { JournalEntry } from './household.js';
import { SUMMARY_FILE, type BatchProgress } from './run.js';
import { summariseBatch } from './summary.js';

export const ERRORS_FILE = 'errors.csv';

export function writeBatchReports(
  outDir: string,
  batchId: string,
  entries: JournalEntry[],
  progress: BatchProgress,
): void {
  const summary = summariseBatch(batchId, entries, progress);
  writeFileAtomic(outDir, SUMMARY_FILE, `${JSON.stringify(summary, null, 2)}\n`);
  writeFileAtomic(outDir, ERRORS_FILE, errorsCsvText(entries));
}
