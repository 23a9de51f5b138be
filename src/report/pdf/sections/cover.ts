import type { ReportModel } from '../../model/report-model.js';
import { PAGE, type PdfWriter } from '../writer.js';

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
  const line = { maxLines: 1, color: c.coverText };
  w.write(cv.institution, { ...line, x: textX, y: 74, width: 380, fontSize: 15, bold: true });
  if (cv.tagline) w.write(cv.tagline, { ...line, x: textX, y: 96, width: 380, fontSize: 9 });

  w.write(cv.title, { y: 190, fontSize: 34, bold: true, color: c.coverText });
  w.write(cv.familyLine, { y: 246, fontSize: 16, color: c.coverText });

  const rows: [string, string][] = [
    ['报告编号', cv.reportNumber],
    ['编制日期', cv.dateLine],
    ['理财师', cv.plannerLine || '—'],
  ];
  if (cv.eventLine) rows.push(['活动', cv.eventLine]);
  let y = 420;
  for (const [label, value] of rows) {
    w.write(label, { y, width: 80, fontSize: 10, color: c.muted, maxLines: 1 });
    const valueBox = { x: PAGE.marginLeft + 80, y: y - 1, width: w.contentWidth - 80 };
    w.write(value, { ...valueBox, fontSize: 11, bold: true, color: c.text, maxLines: 1 });
    doc
      .moveTo(PAGE.marginLeft, y + 20)
      .lineTo(PAGE.width - PAGE.marginRight, y + 20)
      .lineWidth(0.5)
      .strokeColor(c.rule)
      .stroke();
    y += 34;
  }

  w.write(cv.confidentiality, { y: PAGE.height - 110, fontSize: 10, bold: true, color: c.poor, maxLines: 1 });
  const disclaimer = '本报告依据客户提供的资料与文中列明的假设编制，不构成收益承诺。';
  w.write(disclaimer, { y: PAGE.height - 92, fontSize: 8.5, color: c.muted, maxLines: 1 });
}
