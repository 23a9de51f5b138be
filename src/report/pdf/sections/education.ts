import { educationChart } from '../../charts/specs.js';
import type { RenderContext } from '../../context.js';
import type { ReportModel } from '../../model/report-model.js';
import type { PdfWriter } from '../writer.js';
import { renderTemplate } from './letter.js';

/** 子女教育规划: per child and stage — costs, lump sum today, monthly saving; the build-up chart. */
export function renderEducation(w: PdfWriter, model: ReportModel, ctx: RenderContext): void {
  const e = model.education;
  if (e.rows.length === 0) return;
  w.section('子女教育规划', { newPage: 'auto' });
  renderTemplate(w, ctx, 'sections/education', e);
  w.table({
    unit: '单位：元',
    fontSize: 8,
    columns: [
      { header: '目标', weight: 1.6 },
      { header: '阶段', weight: 0.9 },
      { header: '就读地', weight: 1 },
      { header: '时间', weight: 1.1 },
      { header: '每年费用\n（今日）', weight: 1.3, align: 'right' },
      { header: '总费用\n（名义）', weight: 1.3, align: 'right' },
      { header: '今日\n一次性所需', weight: 1.3, align: 'right' },
      { header: '已有\n准备', weight: 1.1, align: 'right' },
      { header: '每月储蓄', weight: 1, align: 'right' },
    ],
    rows: e.rows,
  });
  if (e.buildUp)
    w.chart(
      educationChart(e.buildUp, w.brand.theme),
      190,
      `图：“${e.buildUp.title}”教育金积累与入学时所需（万元）`,
    );
}
