/**
 * The end of the full plan: 总结 (before the 附录) and 客户确认 (the last page), and the planner's
 * sign-off under the letter. Every figure comes from the report model.
 */
import type { ReportModel } from '../../model/report-model.js';
import { PAGE, type PdfWriter } from '../writer.js';

/** 总结: where the household stands, what needs attention, the first steps and the next review. */
export function renderConclusion(w: PdfWriter, model: ReportModel): void {
  const s = model.summary;
  w.section('总结');
  w.paragraph(
    `${model.clientTitle}家庭目前净资产 ${s.netWorth}，其中金融资产 ${s.financialAssets}，未来 12 个月预计结余 ${s.surplus}。${s.successSentence}${s.moneyLastsSentence}`,
  );
  const attention = s.lights.filter((l) => l.verdict !== 'good');
  if (attention.length) {
    w.subheading('需要关注');
    w.bullets(attention.map((l) => `${l.area}：${l.text}`));
  }
  if (s.actions.length) {
    w.subheading('首先要做的事');
    w.bullets(s.actions.slice(0, 3).map((a) => `${a.text}（${a.due}前）`));
  }
  w.paragraph(
    '以上安排按“先保障后理财”的顺序排列，完整的行动清单见“执行计划与定期检视”。规划以您提供的资料和文中列明的假设为基础，收入、家庭、市场或政策变化时，请及时告知理财师，我们将与您一起检视并调整。',
  );
}

/** A label, then a line to write on (or the value already known), at the current position. */
function fillLine(w: PdfWriter, label: string, value: string, x: number, width: number, y: number): void {
  const labelWidth = w.write(label, { x, y, width, fontSize: 10, color: w.colors.text, maxLines: 1 }).width;
  const lineX = x + labelWidth + 4;
  if (value)
    w.write(value, { x: lineX + 2, y: y - 1, width: width - labelWidth - 6, fontSize: 10, maxLines: 1 });
  w.doc
    .moveTo(lineX, y + 14)
    .lineTo(x + width, y + 14)
    .lineWidth(0.6)
    .strokeColor(w.colors.text)
    .stroke();
}

/** 客户确认: the client confirms the data and the risk assessment; signatures of client and planner. */
export function renderConfirmation(w: PdfWriter, model: ReportModel): void {
  const c = model.confirmation;
  w.section('客户确认');
  w.paragraph(`本人已收到并阅读报告编号为 ${c.reportNumber} 的《${model.documentTitle}》，确认：`);
  w.bullets([
    `规划所依据的家庭成员、收入支出、资产负债、保险与目标信息由本人于${c.valuationMonthText}提供，真实、完整；如有变化，将及时告知理财师。`,
    `本人的风险承受能力评估结果为 ${c.riskLevel}，依据${c.riskSource}，评估日期见下；本人了解只宜配置风险等级不高于该等级的产品。`,
    '理财师已向本人说明本规划书的假设、测算方法与局限；规划书不构成收益承诺或产品推荐，本人据此作出的决定由本人自行承担。',
  ]);
  w.space(10);
  const half = (w.contentWidth - 30) / 2;
  const left = PAGE.marginLeft;
  const right = PAGE.marginLeft + half + 30;
  w.ensureSpace(150);
  let y = w.doc.y;
  fillLine(w, '风险测评日期：', c.riskAssessedOn, left, half, y);
  y += 40;
  fillLine(w, '客户签名：', '', left, half, y);
  fillLine(w, '理财师签名：', '', right, half, y);
  y += 36;
  fillLine(w, '日期：', '', left, half, y);
  fillLine(w, '日期：', '', right, half, y);
  y += 36;
  if (c.plannerSignature) {
    w.write(`理财师：${c.plannerSignature}`, {
      x: right,
      y,
      width: half,
      fontSize: 9,
      color: w.colors.muted,
    });
    y += 16;
  }
  w.write(c.institution, { x: right, y, width: half, fontSize: 9, color: w.colors.muted });
  w.doc.y = y + 24;
  w.resetBodyFont();
}

/** Under the letter: 此致 敬礼, the planner's name, phone, institution and the date, right-aligned. */
export function renderSignOff(w: PdfWriter, model: ReportModel): void {
  const l = model.letter;
  // 此致 indented as a paragraph, 敬礼 flush left on the next line, as a Chinese letter closes.
  w.paragraph('此致');
  w.write('敬礼！', { fontSize: 10.5, color: w.colors.text, maxLines: 1 });
  w.space(8);
  const lines = [
    l.plannerSignature ? `理财师 ${l.plannerSignature}` : '',
    l.plannerPhone,
    l.institution,
    l.dateLine,
  ].filter(Boolean);
  w.ensureSpace(lines.length * 16);
  for (const line of lines)
    w.write(line, { align: 'right', fontSize: 10, color: w.colors.text, maxLines: 1 });
  w.resetBodyFont();
}
