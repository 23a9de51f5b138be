import type { ReportModel } from '../../model/report-model.js';
import { PAGE, TYPE, type PdfWriter } from '../writer.js';

export interface TocReservation {
  pageIndex: number;
}

/** Reserve the 目录 page now; its entries and page numbers are written once the sections exist. */
export function reserveTableOfContents(w: PdfWriter, _model: ReportModel): TocReservation {
  w.section('目录', { inToc: false });
  return { pageIndex: w.pageIndex };
}

/** Write each section's title, dotted leader and page number, each line a link to the section. */
export function fillTableOfContents(w: PdfWriter, toc: TocReservation): void {
  const { doc } = w;
  doc.switchToPage(toc.pageIndex);
  let y = PAGE.marginTop + 50;
  // Every entry on the one reserved page: lines close up when a plan has many sections.
  const lineHeight = Math.min(24, (w.bottom - y) / Math.max(1, w.sections.length));
  for (const entry of w.sections) {
    const indent = entry.level === 1 ? 0 : 18;
    const size = entry.level === 1 ? TYPE.body + 0.5 : TYPE.body - 0.5;
    const pageText = `${entry.pageIndex + 1}`;
    const x = PAGE.marginLeft + indent;
    const text = { y, fontSize: size, bold: entry.level === 1, color: w.colors.text, maxLines: 1 };
    const pageWidth = w.write(pageText, { ...text, align: 'right' }).width;
    const titleBox = { x, width: w.contentWidth - indent - pageWidth - 12 };
    const titleWidth = w.write(entry.title, { ...text, ...titleBox }).width;
    // Dotted leader between title and page number.
    const leaderStart = x + titleWidth + 6;
    const leaderEnd = PAGE.width - PAGE.marginRight - pageWidth - 6;
    if (leaderEnd > leaderStart) {
      doc
        .moveTo(leaderStart, y + size * 0.9)
        .lineTo(leaderEnd, y + size * 0.9)
        .dash(1, { space: 2.5 })
        .lineWidth(0.6)
        .strokeColor(w.colors.rule)
        .stroke()
        .undash();
    }
    doc.goTo(x, y - 2, w.contentWidth - indent, lineHeight - 4, entry.destination);
    // PDF bookmarks (the viewer's outline panel) in the same order.
    y += lineHeight;
  }
}
