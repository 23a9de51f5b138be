import { goalFundingChart } from '../../charts/specs.js';
import type { RenderContext } from '../../context.js';
import type { ReportModel } from '../../model/report-model.js';
import type { PdfWriter } from '../writer.js';
import { renderTemplate } from './letter.js';

/** 理财目标: every goal with its year, today's cost, cost when paid, priority and outcome. */
export function renderGoals(w: PdfWriter, model: ReportModel, ctx: RenderContext): void {
  const g = model.goals;
  w.section('理财目标');
  renderTemplate(w, ctx, 'sections/goals', {});
  if (g.rows.length === 0) {
    w.paragraph('档案中没有填写需要资金的理财目标；退休规划见后文。');
    return;
  }
  w.table({
    unit: '单位：元',
    fontSize: 8.5,
    columns: [
      { header: '目标', weight: 1.9 },
      { header: '优先级', weight: 1 },
      { header: '时间', weight: 1.1 },
      { header: '今日费用', weight: 1.4, align: 'right' },
      { header: '届时费用', weight: 1.4, align: 'right' },
      { header: '年涨幅', weight: 0.8, align: 'right' },
      { header: '状态', weight: 1.4 },
      { header: '资金缺口', weight: 1.2, align: 'right' },
    ],
    rows: g.rows,
  });
  if (g.retirementNote) w.note(`退休养老目标：本人计划于 ${g.retirementNote}退休，详见“退休规划”。`);
  w.chart(
    goalFundingChart(g.chart, w.brand.theme),
    Math.max(120, 40 + g.chart.labels.length * 26),
    '图：各目标可支付金额与缺口（名义，万元）',
  );
}
