import type { RenderContext } from '../../context.js';
import type { ReportModel } from '../../model/report-model.js';
import type { PdfWriter } from '../writer.js';
import { renderTemplate } from './letter.js';

/** 财产传承: a checklist. */
export function renderLegacy(w: PdfWriter, model: ReportModel, ctx: RenderContext): void {
  w.section('财产传承', { newPage: 'auto' });
  renderTemplate(w, ctx, 'sections/legacy', { clientTitle: model.clientTitle });
}
