/**
 * The reports a finished batch leaves beside its manifest: summary.json (from the rows' digests),
 * errors.csv (every row without a PDF) and organiser.pdf (the salon organiser's brief). The local run and the queue path's collector both
 * write them here, from the same rows, so a branch cannot tell which path made them.
 */
import { errorsCsvText } from './errors-csv.js';
import { writeFileAtomic } from './files.js';
import type { JournalEntry } from './household.js';
import { SUMMARY_FILE, type BatchProgress } from './run.js';
import { summariseBatch } from './summary.js';
import { composeOrganiser, type OrganiserOptions } from '../../report/organiser/organiser.js';
import { loadRenderContext } from '../assets.js';

export const ERRORS_FILE = 'errors.csv';
export const ORGANISER_FILE = 'organiser.pdf';

/** Today in Beijing time (a batch with no planned household still dates its brief). */
function todayInChina(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}

export async function writeBatchReports(
  outDir: string,
  batchId: string,
  entries: JournalEntry[],
  progress: BatchProgress,
  organiser: Omit<OrganiserOptions, 'date'> = {},
): Promise<void> {
  const summary = summariseBatch(batchId, entries, progress);
  writeFileAtomic(outDir, SUMMARY_FILE, `${JSON.stringify(summary, null, 2)}\n`);
  writeFileAtomic(outDir, ERRORS_FILE, errorsCsvText(entries));
  // Dated with the plans, so the same batch gives the same brief.
  const date = summary.reportDate ?? todayInChina();
  writeFileAtomic(
    outDir,
    ORGANISER_FILE,
    await composeOrganiser(summary, { ...organiser, date }, loadRenderContext()),
  );
}
