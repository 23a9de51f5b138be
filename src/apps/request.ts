/**
 * The one request path every door takes: a profile and render options in, the artifacts out (the
 * Plan, its PDF, and what the caller must tell a person). The CLI, the batch workers and the HTTP
 * handlers all call producePlan(); none of them handles options, passwords, watermarks or PDF/A
 * again. Doors differ only in where the input comes from (a file, a spreadsheet row, a request
 * body), where a password comes from (a file or environment variable, a batch config, a request
 * body) and where the artifacts go.
 */
import { planFromInput } from '../api.js';
import { failedChecks } from '../engine/audit.js';
import type { Plan } from '../engine/plan-types.js';
import type { RenderContext } from '../report/context.js';
import { parseRenderOptions, type RenderOptionsInput } from '../report/options.js';
import { composeDocument } from '../report/pdf/compose.js';
import { assertPdfACompatible } from '../report/pdf/pdfa.js';

export interface PlanRequest {
  /** The household profile as received (a parsed JSON value); it is validated here. */
  profile: unknown;
  /** How to render: brand, protection (the resolved password), PDF/A, depth, watermark. */
  options?: RenderOptionsInput;
  /** Render the PDF too (default true); false gives the Plan alone. */
  pdf?: boolean;
}

export interface PlanArtifacts {
  plan: Plan;
  /** The PDF, when asked for. */
  pdf?: Buffer;
  /** Characters of the client's text no font has: drawn as 〓 and listed in the PDF. */
  missingCharacters: string[];
  /**
   * Ids of plan.audit checks that failed: a bug in finplan, never the client's doing. The doors
   * report the ids only; the checks' details carry the client's figures.
   */
  failedChecks: string[];
}

/**
 * The render context, or a way to get it once the plan is made: the CLI reads its fonts while the
 * plan is computed, long-lived processes pass the context they built at start-up.
 */
export type ContextSource = RenderContext | (() => RenderContext | Promise<RenderContext>);

/**
 * profile + options → artifacts. Throws a FinplanError: FINPLAN_E_INVALID_PROFILE with every
 * issue, FINPLAN_E_INVALID_OPTIONS, FINPLAN_E_BRAND_INVALID, FINPLAN_E_RENDER_FAILED, … Options
 * that cannot go together fail before any planning work.
 */
export async function producePlan(request: PlanRequest, context: ContextSource): Promise<PlanArtifacts> {
  const wantPdf = request.pdf ?? true;
  const options = request.options ?? {};
  if (wantPdf) assertPdfACompatible(parseRenderOptions(options));
  const plan = planFromInput(request.profile);
  performance.mark('finplan:planned');
  const failed = failedChecks(plan).map((c) => c.id);
  if (!wantPdf) return { plan, missingCharacters: [], failedChecks: failed };
  const ctx = typeof context === 'function' ? await context() : context;
  performance.mark('finplan:render-context');
  const { pdf, missingCharacters } = await composeDocument(plan, options, ctx, { madeInThisProcess: true });
  performance.mark('finplan:composed');
  return { plan, pdf, missingCharacters, failedChecks: failed };
}
