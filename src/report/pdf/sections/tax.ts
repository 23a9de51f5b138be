import type { RenderContext } from '../../context.js';
import type { ReportModel } from '../../model/report-model.js';
import type { PdfWriter } from '../writer.js';
import { renderTemplate } from './letter.js';

/** 税务筹划: tax per earner, the bonus method, deductions claimed and possible, 个人养老金. */
export function renderTax(w: PdfWriter, model: ReportModel, ctx: RenderContext): void {
  const t = model.tax;
  if (t.rows.length === 0) return;
  w.section('税务筹划', { newPage: 'auto' });
  renderTemplate(w, ctx, 'sections/tax', t);
  w.table({
    unit: '单位：元/年',
    fontSize: 8.5,
    columns: [
      { header: '成员', weight: 0.9 },
      { header: '个税', weight: 0.9, align: 'right' },
      { header: '边际税率', weight: 0.8, align: 'right' },
      { header: '年终奖计税', weight: 1.1 },
      { header: '较另一方式节税', weight: 1.1, align: 'right' },
      { header: '已计入的专项附加扣除', weight: 3.2 },
    ],
    rows: t.rows,
  });
  for (const p of t.possible) {
    w.subheading(`${p.name}可进一步核实的扣除`);
    w.bullets([
      ...p.items,
      ...(p.privatePension
        ? [`按边际税率，缴满个人养老金每年约可节税 ${p.privatePension}（已扣除领取时 3% 的税）。`]
        : []),
    ]);
  }
  if (t.findings.length) w.bullets(t.findings);
}
