import type { ReportModel } from '../../model/report-model.js';
import type { PdfWriter } from '../writer.js';

/** 其他目标: 创业、购车、婚嫁、赡养、旅行 and custom goals, funded by priority. */
export function renderOtherGoals(w: PdfWriter, model: ReportModel): void {
  const o = model.otherGoals;
  if (o.rows.length === 0) return;
  w.section('其他理财目标', { newPage: 'auto' });
  w.paragraph(
    '以下目标由家庭结余和投资按优先级逐年支付。出现缺口的目标，可按“每月储蓄”一栏从现在开始专项储蓄，或推迟、调低目标。',
  );
  w.table({
    unit: '单位：元',
    fontSize: 8.5,
    columns: [
      { header: '目标', weight: 1.6 },
      { header: '类型', weight: 0.9 },
      { header: '时间', weight: 1.1 },
      { header: '总费用\n（名义）', weight: 1.2, align: 'right' },
      { header: '状态', weight: 1.4 },
      { header: '缺口', weight: 1.5 },
      { header: '每月储蓄', weight: 1, align: 'right' },
    ],
    rows: o.rows,
  });
}
