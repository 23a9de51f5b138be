/**
 * A batch run: every household of a CRM export rendered once, on a pool of worker threads, with a
 * journal that makes the run resumable.
 *
 * - Each finished row is appended to outDir/.journal.jsonl after its PDF is in place. A rerun
 *   skips a household whose input hash matches a journal entry whose PDF still has the recorded
 *   sha256; everything else is rendered again. So Ctrl-C (the rows in flight finish, the manifest
 *   is written) and kill -9 (the rows in flight are lost, no partial PDF under a final name) both
 *   resume where they stopped.
 * - A bad row costs that row only: input problems and render failures become manifest rows with
 *   the registered error; only a failure to write the output folder stops the run.
 * - The manifest, summary and journal never hold a client's name or figures beyond the digest's
 *   statuses and gaps, keyed by household id.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENGINE_VERSION } from '../../engine/version.js';
import type { RenderOutcome, RenderTask } from '../pool/types.js';
import { fileSha256, sweepTemporaryFiles, writeFileAtomic } from './files.js';
import {
  householdInputHash,
  PLANS_DIR,
  renderHousehold,
  type BatchHousehold,
  type JournalEntry,
  type ManifestRow,
} from './household.js';

export const JOURNAL_FILE = '.journal.jsonl';
export const MANIFEST_FILE = 'manifest.json';
export const SUMMARY_FILE = 'summary.json';

/** A household the reader rejected before rendering (a sheet row with problems). */
export interface RejectedHousehold {
  id: string | null;
  rows: number[];
  issues: Array<{ row: number; column: string; code: string; message: string }>;
}

export interface BatchProgress {
  total: number;
  done: number;
  ok: number;
  invalid: number;
  failed: number;
  /** Rows taken from a previous run's journal. */
  resumed: number;
}

export interface BatchRunOptions {
  /** Deterministic from the input and the config, so rerunning the same export is the same batch. */
  batchId: string;
  outDir: string;
  households: BatchHousehold[];
  rejected?: RejectedHousehold[];
  render: (task: RenderTask) => Promise<RenderOutcome>;
  /** Households in flight at once (the pool's size, or a little more to keep it busy). */
  concurrency: number;
  /** Aborting finishes the rows in flight, starts no more, and writes the manifest. */
  signal?: AbortSignal;
  onProgress?: (progress: BatchProgress) => void;
}

export interface Manifest {
  batchId: string;
  engineVersion: string;
  /** False when the run was interrupted: the missing rows are rendered by the next run. */
  complete: boolean;
  rows: ManifestRow[];
}

export interface BatchResult {
  manifest: Manifest;
  /** Every row with its digest (the organiser's summary is built from these). */
  entries: JournalEntry[];
  progress: BatchProgress;
  interrupted: boolean;
}

/** The journal's entries by household id (the last line for an id wins; a torn last line is ignored). */
export function readJournal(outDir: string): Map<string, JournalEntry> {
  const entries = new Map<string, JournalEntry>();
  const path = join(outDir, JOURNAL_FILE);
  if (!existsSync(path)) return entries;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line) continue;
    try {
      const entry = JSON.parse(line) as JournalEntry;
      if (typeof entry?.id === 'string') entries.set(entry.id, entry);
    } catch {
      // A line torn by kill -9: that row is rendered again.
    }
  }
  return entries;
}

function resumable(previous: JournalEntry | undefined, inputHash: string, outDir: string): boolean {
  return (
    previous?.status === 'ok' &&
    previous.inputHash === inputHash &&
    previous.file !== null &&
    previous.sha256 !== null &&
    fileSha256(join(outDir, previous.file)) === previous.sha256
  );
}

/** A rejected household as a row (the queue path records these when it enqueues). */
export function rejectedEntry(r: RejectedHousehold): JournalEntry {
  return {
    row: r.rows[0] ?? 0,
    id: r.id ?? '',
    status: 'invalid',
    file: null,
    sha256: null,
    inputHash: null,
    ms: null,
    digest: null,
    error: {
      code: 'FINPLAN_E_INVALID_PROFILE',
      message: `家庭档案校验未通过：共 ${r.issues.length} 处问题`,
      issues: r.issues.map((i) => ({
        path: i.column ? `第 ${i.row} 行「${i.column}」` : `第 ${i.row} 行`,
        code: i.code,
        message: i.message,
        row: i.row,
        column: i.column,
      })),
    },
  };
}

export async function runBatch(options: BatchRunOptions): Promise<BatchResult> {
  const { outDir, households, render, signal } = options;
  mkdirSync(join(outDir, PLANS_DIR), { recursive: true });
  sweepTemporaryFiles(join(outDir, PLANS_DIR));
  sweepTemporaryFiles(outDir);
  const journal = readJournal(outDir);
  const journalPath = join(outDir, JOURNAL_FILE);

  const rejected = (options.rejected ?? []).map(rejectedEntry);
  const entries: JournalEntry[] = [...rejected];
  const progress: BatchProgress = {
    total: households.length + rejected.length,
    done: rejected.length,
    ok: 0,
    invalid: rejected.length,
    failed: 0,
    resumed: 0,
  };
  const count = (entry: JournalEntry) => {
    entries.push(entry);
    progress.done++;
    progress[entry.status === 'ok' ? 'ok' : entry.status === 'invalid' ? 'invalid' : 'failed']++;
    options.onProgress?.({ ...progress });
  };

  // Resume first: rows already done cost a hash of their PDF, not a render.
  const todo: Array<{ household: BatchHousehold; inputHash: string }> = [];
  for (const household of households) {
    const inputHash = householdInputHash(household);
    const previous = journal.get(household.id);
    if (resumable(previous, inputHash, outDir)) {
      progress.resumed++;
      count({ ...previous!, row: household.rows[0] ?? previous!.row });
    } else todo.push({ household, inputHash });
  }

  let next = 0;
  const lane = async (): Promise<void> => {
    while (!signal?.aborted && next < todo.length) {
      const { household, inputHash } = todo[next++]!;
      const entry = await renderHousehold(household, outDir, render, inputHash);
      // After the PDF is in place: a journal line never points to a file that is not there.
      appendFileSync(journalPath, `${JSON.stringify(entry)}\n`);
      count(entry);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, lane));

  const interrupted = progress.done < progress.total;
  const manifest = writeManifestAndJournal(outDir, options.batchId, entries, !interrupted);
  return { manifest, entries, progress, interrupted };
}

/**
 * Write manifest.json and the compacted journal from a batch's rows (sorted here, in place). The
 * local run and the queue path's collector both end here, so their manifests mean the same.
 */
export function writeManifestAndJournal(
  outDir: string,
  batchId: string,
  entries: JournalEntry[],
  complete: boolean,
): Manifest {
  entries.sort((a, b) => a.row - b.row || a.id.localeCompare(b.id));
  const manifest: Manifest = {
    batchId,
    engineVersion: ENGINE_VERSION,
    complete,
    rows: entries.map((e) => ({
      row: e.row,
      id: e.id,
      status: e.status,
      file: e.file,
      sha256: e.sha256,
      inputHash: e.inputHash,
      ms: e.ms,
      error: e.error,
    })),
  };
  writeFileAtomic(outDir, MANIFEST_FILE, `${JSON.stringify(manifest, null, 2)}\n`);
  // The journal, compacted to this run's rows (a row dropped from the export leaves it).
  const kept = entries.filter((e) => e.status !== 'invalid' || e.inputHash !== null);
  writeFileAtomic(outDir, JOURNAL_FILE, kept.map((e) => `${JSON.stringify(e)}\n`).join(''));
  return manifest;
}
