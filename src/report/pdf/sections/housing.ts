import { mortgageChart } from '../../charts/specs.js';
import type { RenderContext } from '../../context.js';
import type { ReportModel } from '../../model/report-model.js';
import type { PdfWriter } from '../writer.js';
import { renderTemplate } from './letter.js';

/** 住房规划: prepayment of existing loans, affordability and loan structure of a home goal. */
export function renderHousing(w: PdfWriter, model: ReportModel, ctx: RenderContext): void {
  const h = model.housing;
  if (h.loans.length === 0 && h.purchases.length === 0) return;
  w.section('住房规划', { newPage: 'auto' });
  renderTemplate(w, ctx, 'sections/housing', {});
  if (h.loans.length) {
    w.heading('已有贷款：提前还款测算');
    w.table({
      unit: '单位：元',
      fontSize: 8,
      columns: [
        { header: '贷款', weight: 1.5 },
        { header: '剩余本金', weight: 1.1, align: 'right' },
        { header: '年利率', weight: 0.8, align: 'right' },
        { header: '提前还款\n金额', weight: 1.3, align: 'right' },
        { header: '缩短年限\n节省利息', weight: 1.7, align: 'right' },
        { header: '减少月供\n节省利息', weight: 2, align: 'right' },
        { header: '结论', weight: 0.8 },
      ],
      rows: h.loans,
    });
    w.note(
      '高息负债（消费信贷、信用卡，或利率高于建议配置的预期收益率）优先全部偿还；其余贷款暂不建议提前还款。',
    );
  }
  for (const p of h.purchases) {
    w.heading(`购房目标：${p.title}`);
    w.table({
      columns: [
        { header: '项目', weight: 1.6 },
        { header: '测算', weight: 5 },
      ],
      rows: p.rows,
      fontSize: 8.5,
    });
    if (!p.affordable || !p.downPaymentFunded)
      w.callout(
        `${p.affordable ? '' : p.aboveBank ? '按目前的收入，月供超过银行审批上限，不宜按此房价申请贷款。' : '按目前的收入，月供超过建议上限。'}${p.downPaymentFunded ? '' : '到购房时首付款仍有缺口。'}建议按可负担房价调整目标、推迟购房时间或提高首付储蓄${p.aboveBank ? '' : '，并考虑公积金或组合贷款降低月供'}。`,
        p.aboveBank ? 'poor' : 'watch',
      );
  }
  if (h.chart) w.chart(mortgageChart(h.chart, w.brand.theme), 170, '图：家庭贷款余额（名义，万元）');
  if (h.findings.length) w.bullets(h.findings);
}
