import type { RenderContext } from '../../context.js';
import type { ReportModel } from '../../model/report-model.js';
import type { PdfWriter } from '../writer.js';
import { renderTemplate } from './letter.js';

/** 退休规划: pensions per member, the need, the gap and the saving that closes it, 个人养老金. */
export function renderRetirement(w: PdfWriter, model: ReportModel, ctx: RenderContext): void {
  const r = model.retirement;
  w.section('退休规划');
  renderTemplate(w, ctx, 'sections/retirement', r);
  if (r.members.length) {
    w.table({
      caption: '基本养老金估算',
      unit: '单位：元/月',
      fontSize: 8.5,
      columns: [
        { header: '成员', weight: 1 },
        { header: '退休年月', weight: 1.1 },
        { header: '缴费年限', weight: 0.9, align: 'right' },
        { header: '首月养老金（名义）', weight: 1.3, align: 'right' },
        { header: '替代率', weight: 0.8, align: 'right' },
        { header: '边际税率', weight: 0.8, align: 'right' },
        { header: '个人养老金年节税', weight: 1.3, align: 'right' },
      ],
      rows: r.members,
    });
  }
  w.table({
    caption: '退休资金需求与缺口',
    unit: '单位：元（退休时名义金额）',
    columns: [
      { header: '项目', weight: 3 },
      { header: '金额', weight: 1.4, align: 'right' },
    ],
    rows: r.rows,
  });
  if (r.gapPositive)
    w.callout(
      `退休时资金缺口 ${r.gap}${r.monthlySaving ? `。从现在起每月增加储蓄投资 ${r.monthlySaving}，即可在退休时补足${r.unfundedSaving ? `；按目前结余可安排 ${r.fundedSaving}，尚缺 ${r.unfundedSaving}，见“资金安排”` : ''}` : ''}。`,
      'poor',
    );
  else w.callout(`按目前的计划，退休时资金有 ${r.gap}的盈余，可支撑退休生活并完成退休后的目标。`, 'good');
  if (r.findings.length) w.bullets(r.findings);
}
