/**
 * One household of a batch: render it with the one request path and write its PDF atomically,
 * named by the household's id (never by the client's name). The local pool and the queue workers
 * both go through here, so a row means the same thing however it was run.
 */
import { join } from 'node:path';
import { ENGINE_VERSION } from '../../engine/version.js';
import type { RenderOptionsInput } from '../../report/options.js';
import type { RenderOutcome, RenderTask } from '../pool/types.js';
import { sha256, writeFileAtomic } from './files.js';
import { digestPlan, type HouseholdDigest } from './digest.js';

/** A household ready to plan: what a sheet reader (or a folder of profiles) yields. */
export interface BatchHousehold {
  /** Safe as a file name: letters, digits, '-' and '_' (the reader derives it or hashes). */
  id: string;
  /** The sheet rows it came from (the first is the household's own row). */
  rows: number[];
  profile: unknown;
  options: RenderOptionsInput;
}

export type RowStatus = 'ok' | 'invalid' | 'failed';

/** Why a row has no PDF: the registered error, with each input problem where the CRM user finds it. */
export interface RowError {
  code: string;
  message: string;
  issues: Array<{
    /** The profile field (a JSON path), or the sheet cell as 第 N 行「列名」. */
    path: string;
    code: string;
    message: string;
    /** The sheet row and the column header as the CRM named it, when the household came from a sheet. */
    row?: number;
    column?: string;
  }>;
}

/** One manifest row: what happened to one household. */
export interface ManifestRow {
  row: number;
  id: string;
  status: RowStatus;
  /** The PDF, relative to the output folder. */
  file: string | null;
  sha256: string | null;
  /** Identifies what was rendered: the engine version, the profile and the options. */
  inputHash: string | null;
  ms: number | null;
  error: RowError | null;
}

/** A row as the journal keeps it: the manifest row and, for a planned household, its digest. */
export interface JournalEntry extends ManifestRow {
  digest: HouseholdDigest | null;
}

export const PLANS_DIR = 'plans';
const SAFE_ID = /^[A-Za-z0-9_-]{1,64}$/;

export function isSafeId(id: string): boolean {
  return SAFE_ID.test(id);
}

/**
 * What identifies a render: a rerun with the same input hash and an intact PDF skips the row. The
 * password is not part of it (a hash of a short secret would be a way to guess it); that the PDF
 * is encrypted is.
 */
export function householdInputHash(household: BatchHousehold): string {
  const { protection, ...options } = household.options;
  return sha256(
    JSON.stringify({ engine: ENGINE_VERSION, profile: household.profile, options, encrypted: !!protection }),
  );
}

export function planFileName(id: string): string {
  return `${PLANS_DIR}/${id}.pdf`;
}

/**
 * Render one household and write its PDF under outDir/plans/. An input problem or a render
 * failure is a row with status "invalid"/"failed" and the registered error, never a throw; only a
 * failure to write the output throws (the run cannot go on without its folder).
 */
export async function renderHousehold(
  household: BatchHousehold,
  outDir: string,
  render: (task: RenderTask) => Promise<RenderOutcome>,
  inputHash = householdInputHash(household),
): Promise<JournalEntry> {
  const base = { row: household.rows[0] ?? 0, id: household.id, inputHash };
  if (!isSafeId(household.id))
    return {
      ...base,
      status: 'invalid',
      file: null,
      sha256: null,
      ms: null,
      digest: null,
      error: {
        code: 'FINPLAN_E_INVALID_PROFILE',
        message: '家庭编号只能含字母、数字、- 和 _（至多 64 个字符）',
        issues: [],
      },
    };
  const outcome = await render({ profile: household.profile, options: household.options, pdf: true });
  if (!outcome.ok || !outcome.pdf) {
    const error = outcome.ok
      ? { code: 'FINPLAN_E_RENDER_FAILED' as const, message: '生成 PDF 失败', issues: [] }
      : outcome.error;
    const status: RowStatus = error.code === 'FINPLAN_E_INVALID_PROFILE' ? 'invalid' : 'failed';
    return { ...base, status, file: null, sha256: null, ms: Math.round(outcome.ms), digest: null, error };
  }
  const file = planFileName(household.id);
  writeFileAtomic(join(outDir, 'plans'), `${household.id}.pdf`, outcome.pdf);
  return {
    ...base,
    status: 'ok',
    file,
    sha256: sha256(outcome.pdf),
    ms: Math.round(outcome.ms),
    digest: digestPlan(outcome.plan, outcome.failedChecks),
    error: null,
  };
}
