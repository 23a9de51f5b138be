import type { ReportModel } from '../../model/report-model.js';
import { FONT_BOLD, FONT_REGULAR, PAGE, type PdfWriter } from '../writer.js';

/** The cover: brand band, family name, report number, date, planner and confidentiality mark. */
export function renderCover(w: PdfWriter, model: ReportModel): void {
  w.addPage();
  const { doc } = w;
  const c = w.colors;
  const cv = model.cover;
  const bandHeight = 330;
  doc.rect(0, 0, PAGE.width, bandHeight).fill(c.coverBackground);
  doc.rect(0, bandHeight, PAGE.width, 5).fill(c.accent);

  const logoSize = 54;
  if (w.brand.logo) doc.image(w.brand.logo, PAGE.marginLeft, 64, { width: logoSize, height: logoSize });
  const textX = PAGE.marginLeft + (w.brand.logo ? logoSize + 14 : 0);
  doc
    .font(FONT_BOLD)
    .fontSize(15)
    .fillColor(c.coverText)
    .text(cv.institution, textX, 74, { width: 380, lineBreak: false });
  if (cv.tagline)
    doc
      .font(FONT_REGULAR)
      .fontSize(9)
      .fillColor(c.coverText)
      .text(cv.tagline, textX, 96, { width: 380, lineBreak: false });

  doc
    .font(FONT_BOLD)
    .fontSize(34)
    .fillColor(c.coverText)
    .text(cv.title, PAGE.marginLeft, 190, { width: w.contentWidth });
  doc
    .font(FONT_REGULAR)
    .fontSize(16)
    .fillColor(c.coverText)
    .text(cv.familyLine, PAGE.marginLeft, 246, { width: w.contentWidth });

  const rows: [string, string][] = [
    ['报告编号', cv.reportNumber],
    ['编制日期', cv.dateLine],
    ['理财师', cv.plannerLine || '—'],
  ];
  let y = 420;
  for (const [label, value] of rows) {
    doc
      .font(FONT_REGULAR)
      .fontSize(10)
      .fillColor(c.muted)
      .text(label, PAGE.marginLeft, y, { width: 80, lineBreak: false });
    doc
      .font(FONT_BOLD)
      .fontSize(11)
      .fillColor(c.text)
      .text(value, PAGE.marginLeft + 80, y - 1, { width: w.contentWidth - 80, lineBreak: false });
    doc
      .moveTo(PAGE.marginLeft, y + 20)
      .lineTo(PAGE.width - PAGE.marginRight, y + 20)
      .lineWidth(0.5)
      .strokeColor(c.rule)
      .stroke();
    y += 34;
  }

  doc.font(FONT_BOLD).fontSize(10).fillColor(c.poor);
  doc.text(cv.confidentiality, PAGE.marginLeft, PAGE.height - 110, {
    width: w.contentWidth,
    lineBreak: false,
  });
  doc.font(FONT_REGULAR).fontSize(8.5).fillColor(c.muted);
  doc.text(
    '本报告依据客户提供的资料与文中列明的假设编制，不构成收益承诺。',
    PAGE.marginLeft,
    PAGE.height - 92,
    {
      width: w.contentWidth,
      lineBreak: false,
    },
  );
}
