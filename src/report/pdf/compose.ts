/**
 * compose(plan, options, ctx) → PDF bytes. The only entry point to rendering: the CLI, batch
 * workers and the HTTP API all call it with a RenderContext built once per process.
 *
 * Every figure comes from the Plan through the report model; nothing is computed here.
 */
import { FinplanError } from '../../errors.js';
import { PLAN_FORMAT_VERSION, planSchema, type Plan } from '../../engine/plan-types.js';
import type { RenderContext } from '../context.js';
import { buildReportModel, type ReportModel } from '../model/report-model.js';
import { parseRenderOptions, SUMMARY_TIERS, type RenderOptionsInput } from '../options.js';
import { fromZodIssue, PARSE_OPTIONS } from '../../domain/issues.js';
import { renderCashFlowForecast } from './sections/cash-flow-forecast.js';
import { renderClientProfile } from './sections/client-profile.js';
import { renderConclusion, renderConfirmation } from './sections/closing.js';
import { renderCover } from './sections/cover.js';
import { renderEmergencyFund } from './sections/emergency-fund.js';
import { renderFinancialPosition } from './sections/financial-position.js';
import { renderLetter } from './sections/letter.js';
import { reserveTableOfContents, fillTableOfContents } from './sections/toc.js';
import { renderActions } from './sections/actions.js';
import { renderAppendix } from './sections/appendix.js';
import { renderAssumptions } from './sections/assumptions.js';
import { renderEducation } from './sections/education.js';
import { renderFunding } from './sections/funding.js';
import { renderGoals } from './sections/goals.js';
import { renderHousing } from './sections/housing.js';
import { renderInsurance } from './sections/insurance.js';
import { renderInvestment } from './sections/investment.js';
import { renderLegacy } from './sections/legacy.js';
import { renderOtherGoals } from './sections/other-goals.js';
import { renderRetirement } from './sections/retirement.js';
import { renderRisk } from './sections/risk.js';
import { renderSummary } from './sections/summary.js';
import { renderTax } from './sections/tax.js';
import { assertPdfACompatible, checkPdfAImage } from './pdfa.js';
import {
  renderActionsBrief,
  renderHighlights,
  renderPositionBrief,
  renderRiskBrief,
} from './sections/brief.js';
import { missingCharactersOf } from '../model/coverage.js';
import { PdfWriter } from './writer.js';

export async function compose(plan: Plan, options: RenderOptionsInput, ctx: RenderContext): Promise<Buffer> {
  return (await composeDocument(plan, options, ctx)).pdf;
}

export interface ComposedDocument {
  pdf: Buffer;
  /** Characters of the client's text that no font has: drawn as 〓 and listed in the PDF. */
  missingCharacters: string[];
}

/** compose(), and what the caller should tell the user (characters the fonts lack). */
export async function composeDocument(
  plan: Plan,
  options: RenderOptionsInput,
  ctx: RenderContext,
  provenance: { madeInThisProcess?: boolean } = {},
): Promise<ComposedDocument> {
  const opts = parseRenderOptions(options);
  if ((plan as { planFormatVersion?: unknown } | null)?.planFormatVersion !== PLAN_FORMAT_VERSION)
    throw new FinplanError('FINPLAN_E_UNSUPPORTED_PLAN', `需要格式版本 ${PLAN_FORMAT_VERSION}`);
  // A Plan from elsewhere (a file, another process, a request body) is checked before it is laid
  // out. One buildPlan() has just made in this process (the request path) needs no second check:
  // the plan tests already hold buildPlan's output to the schema, and the check costs a cold run
  // some 100 ms (the schema's first use) and a batch some 8 ms per household.
  if (!provenance.madeInThisProcess) {
    const checked = planSchema.safeParse(plan, PARSE_OPTIONS);
    if (!checked.success)
      throw new FinplanError('FINPLAN_E_INVALID_PLAN', undefined, {
        issues: checked.error.issues.flatMap(fromZodIssue),
      });
  }

  const brandName = opts.brand ?? plan.report.brand ?? 'default';
  const brand = ctx.brands.get(brandName);
  if (!brand) throw new FinplanError('FINPLAN_E_BRAND_INVALID', `没有名为 ${brandName} 的品牌`);
  const { protection, pdfa } = opts;
  assertPdfACompatible({ pdfa, protection });
  if (pdfa && brand.logo) checkPdfAImage(brand.logo, `品牌 ${brandName} 的标志`);

  const model: ReportModel = buildReportModel(plan, brand.theme, ctx.templates);
  const missing = missingCharactersOf(plan, ctx);
  if (missing.length)
    model.householdFindings.push(
      `档案中的字符“${missing.join('')}”超出本报告的字库，文中以“〓”代替；请理财师核对姓名等信息的写法。`,
    );
  try {
    const writer = new PdfWriter(
      ctx,
      brand,
      {
        title: model.documentTitle,
        author: model.cover.plannerLine || brand.theme.institution,
        subject: brand.theme.reportTitle,
        keywords: `${model.cover.reportNumber}; ${plan.ruleSetId}`,
        creationDate: new Date(`${plan.reportDate}T00:00:00Z`),
        inputHash: plan.inputHash,
      },
      { protection, pdfa },
    );
    const depth =
      opts.depth === 'summary' || opts.depth === 'full'
        ? opts.depth
        : (opts.depthByTier?.[plan.tier.code] ??
          ((SUMMARY_TIERS as readonly string[]).includes(plan.tier.code) ? 'summary' : 'full'));
    renderCover(writer, model);
    if (depth === 'summary') renderSummaryEdition(writer, model, ctx);
    else renderFullEdition(writer, model, ctx);
    const watermark =
      opts.watermark === true ? `仅供${model.clientTitle}参阅` : (opts.watermark ?? brand.theme.watermark);
    writer.pageFurniture({
      headerLeft: brand.theme.institution,
      headerRight: model.documentTitle,
      footerLeft: brand.theme.footer,
      skipFirst: 1,
      ...(watermark ? { watermark } : {}),
    });
    const pdf = await writer.finish();
    return { pdf, missingCharacters: [...new Set([...missing, ...writer.missingGlyphs])] };
  } catch (err) {
    if (err instanceof FinplanError) throw err;
    throw new FinplanError('FINPLAN_E_RENDER_FAILED', undefined, { cause: err });
  }
}

/** The full plan: every section of report-outline.md (for 100万+ clients, or on request). */
function renderFullEdition(writer: PdfWriter, model: ReportModel, ctx: RenderContext): void {
  renderLetter(writer, model, ctx);
  const toc = reserveTableOfContents(writer, model);
  renderSummary(writer, model, ctx);
  renderClientProfile(writer, model);
  renderFinancialPosition(writer, model);
  renderGoals(writer, model, ctx);
  renderAssumptions(writer, model, ctx);
  renderEmergencyFund(writer, model);
  renderInsurance(writer, model, ctx);
  renderEducation(writer, model, ctx);
  renderHousing(writer, model, ctx);
  renderRetirement(writer, model, ctx);
  renderInvestment(writer, model, ctx);
  renderTax(writer, model, ctx);
  renderOtherGoals(writer, model);
  renderCashFlowForecast(writer, model);
  renderRisk(writer, model, ctx);
  renderFunding(writer, model);
  renderActions(writer, model, ctx);
  renderLegacy(writer, model, ctx);
  renderConclusion(writer, model);
  renderAppendix(writer, model);
  renderConfirmation(writer, model);
  fillTableOfContents(writer, toc);
}

/** The summary edition, 4–6 pages: for 5万–20万 clients and salon hand-outs. */
function renderSummaryEdition(writer: PdfWriter, model: ReportModel, ctx: RenderContext): void {
  renderSummary(writer, model, ctx);
  renderPositionBrief(writer, model);
  renderHighlights(writer, model);
  renderRiskBrief(writer, model);
  renderActionsBrief(writer, model, ctx);
}
