/** The shapes the batch runner receives from the sheet reader (re-exported by index.ts). */
import type { RenderOptionsInput } from '../../../report/options.js';

/** One problem in the sheet, where the CRM user will look for it. */
export interface SheetIssue {
  /** The row number the CRM user sees (header = 1). */
  row: number;
  /** The header as the CRM named it; '' when the problem is no one cell's. */
  column: string;
  /** A structured code for programs: a profile issue code or a sheet code (see docs/batch.md). */
  code: string;
  /** One Chinese sentence; it names the column and never repeats the client's data. */
  message: string;
}

export interface HouseholdInput {
  /** Safe as a file name; the CRM's 家庭编号 when it is safe, else a hash of it. */
  id: string;
  /** The sheet rows this household came from. */
  rows: number[];
  /** The household's profile, already checked with the profile schema. */
  profile: unknown;
  /** Render options from the batch config (no password: the runner resolves config.password). */
  options: RenderOptionsInput;
}

export interface InvalidHousehold {
  /** null when the rows name no household at all. */
  id: string | null;
  rows: number[];
  issues: SheetIssue[];
}

export interface SheetReadResult {
  source: { format: 'csv' | 'xlsx'; encoding?: 'UTF-8' | 'UTF-8 BOM' | 'GB18030' };
  households: HouseholdInput[];
  invalid: InvalidHousehold[];
  /** Things the operator should know that cost no household (columns ignored), in Chinese. */
  notices: string[];
}
