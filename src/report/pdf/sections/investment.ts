import { allocationChart } from '../../charts/specs.js';
import type { RenderContext } from '../../context.js';
import type { ReportModel } from '../../model/report-model.js';
import type { PdfWriter } from '../writer.js';
import { renderTemplate } from './letter.js';

/** 投资规划: the model allocation for the risk level against today's mix, and the moves. */
export function renderInvestment(w: PdfWriter, model: ReportModel, ctx: RenderContext): void {
  const i = model.investment;
  w.section('投资规划与资产配置');
  renderTemplate(w, ctx, 'sections/investment', i);
  w.chart(
    allocationChart(i.chart, w.brand.theme),
    120,
    `图：可投资资产 ${i.investable}的目前配置与建议配置（%）`,
  );
  w.table({
    unit: '调整金额单位：元',
    columns: [
      { header: '资产类别', weight: 1.8 },
      { header: '目前比例', weight: 1, align: 'right' },
      { header: '建议比例', weight: 1, align: 'right' },
      { header: '调整金额', weight: 1.3, align: 'right' },
    ],
    rows: i.rows,
  });
  w.note(
    '预期收益率与波动率为规划假设（现金 1.3%、债券 2.3%、股票 7.0%，波动分别为 0.3%、3%、22%），不是收益承诺。',
  );
  if (i.findings.length) w.bullets(i.findings);
}
