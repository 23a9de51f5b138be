import type { RenderContext } from '../../context.js';
import type { ReportModel } from '../../model/report-model.js';
import { toBlocks } from '../../narrative/templates.js';
import type { PdfWriter } from '../writer.js';
import { renderSignOff } from './closing.js';

/** Write rendered template text: paragraphs, bullets and subheadings. */
export function renderTemplate(w: PdfWriter, ctx: RenderContext, name: string, model: object): void {
  for (const block of toBlocks(ctx.templates.render(name, model))) {
    if (block.kind === 'paragraph') w.paragraph(block.text);
    else if (block.kind === 'bullets') w.bullets(block.items);
    else w.subheading(block.text);
  }
}

/** 致客户的信 and 声明, on one page. */
export function renderLetter(w: PdfWriter, model: ReportModel, ctx: RenderContext): void {
  w.section('致客户的信', { inToc: false });
  renderTemplate(w, ctx, 'sections/letter', model.letter);
  renderSignOff(w, model);
  w.space(12);
  w.heading('声明');
  renderTemplate(w, ctx, 'sections/statement', model.letter);
}
