import type { RenderContext } from '../../context.js';
import type { ReportModel } from '../../model/report-model.js';
import type { PdfWriter, TableColumn } from '../writer.js';
import { renderTemplate } from './letter.js';

/** The action table's columns, in the full plan and the summary edition alike. */
export const ACTION_COLUMNS: TableColumn[] = [
  { header: '序号', weight: 0.5, align: 'center' },
  { header: '领域', weight: 1 },
  { header: '行动', weight: 5 },
  { header: '期限', weight: 1.1 },
  { header: '优先级', weight: 0.6, align: 'center' },
];

/** 执行计划与定期检视: dated actions, product categories by risk level, the review schedule. */
export function renderActions(w: PdfWriter, model: ReportModel, ctx: RenderContext): void {
  const a = model.actions;
  w.section('执行计划与定期检视');
  w.paragraph('以下行动按“先保障后理财”的顺序排列，请在期限前完成；理财师将在年度检视时核对进度。');
  w.table({
    fontSize: 8.5,
    columns: ACTION_COLUMNS,
    rows: a.rows,
  });
  w.heading('适合的产品类别');
  w.paragraph(
    `客户风险承受能力为 ${a.level}，适合风险等级为 ${a.suitable} 的产品；表中标红的类别超出风险承受能力，不建议配置。`,
  );
  w.table({
    fontSize: 8.5,
    columns: [
      { header: '产品风险等级', weight: 1.2 },
      { header: '典型产品', weight: 3.5 },
      { header: '适合的投资者', weight: 1.2 },
    ],
    rows: a.products,
  });
  renderTemplate(w, ctx, 'sections/review', {});
}
