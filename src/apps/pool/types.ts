/** What crosses the boundary between a render pool and its worker threads: plain data only. */
import type { InputIssue } from '../../domain/issues.js';
import type { Plan } from '../../engine/plan-types.js';
import type { ErrorCode } from '../../errors.js';
import type { RenderOptionsInput } from '../../report/options.js';

export interface RenderWorkerData {
  /** Brand folders beyond the package's own, read once per worker. */
  extraBrandDirs?: string[];
  /** Nice value for the worker threads (Linux: per thread); see RenderPoolOptions.workerNice. */
  workerNice?: number;
}

export interface RenderTask {
  profile: unknown;
  options?: RenderOptionsInput;
  /** Render the PDF too (default true). */
  pdf?: boolean;
}

/** A failure as the error registry describes it (FinplanError.toJSON()). */
export interface RenderFailure {
  code: ErrorCode;
  message: string;
  issues: InputIssue[];
}

export type RenderOutcome =
  | {
      ok: true;
      plan: Plan;
      pdf?: Uint8Array;
      missingCharacters: string[];
      failedChecks: string[];
      /** Time spent in the worker, milliseconds. */
      ms: number;
    }
  | { ok: false; error: RenderFailure; ms: number };
