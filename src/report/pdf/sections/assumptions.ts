import type { RenderContext } from '../../context.js';
import { dateText } from '../../format.js';
import type { ReportModel } from '../../model/report-model.js';
import type { PdfWriter } from '../writer.js';
import { renderTemplate } from './letter.js';

/** 规划假设: every assumption with its value, origin and reason; rates and the 口径日期. */
export function renderAssumptions(w: PdfWriter, model: ReportModel, ctx: RenderContext): void {
  const a = model.assumptions;
  w.section('规划假设');
  renderTemplate(w, ctx, 'sections/assumptions', {
    rulesAsOfText: dateText(a.rulesAsOf),
    ruleSetId: a.ruleSetId,
  });
  w.table({
    fontSize: 8,
    columns: [
      { header: '假设', weight: 1.5 },
      { header: '取值', weight: 1, align: 'right' },
      { header: '来源', weight: 0.9 },
      { header: '理由', weight: 5 },
    ],
    rows: a.rows,
  });
  w.heading('利率与政策（口径日期 ' + dateText(a.rulesAsOf) + '）');
  w.table({
    fontSize: 8,
    columns: [
      { header: '项目', weight: 1.8 },
      { header: '利率', weight: 0.8, align: 'right' },
      { header: '执行日期', weight: 1.1 },
      { header: '依据', weight: 4 },
    ],
    rows: a.rateRows,
  });
}
