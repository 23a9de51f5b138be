import { dateText } from '../../format.js';
import type { ReportModel } from '../../model/report-model.js';
import type { PdfWriter } from '../writer.js';

/** 附录: formulas and conventions, the rule tables with sources and dates, the glossary. */
export function renderAppendix(w: PdfWriter, model: ReportModel): void {
  const a = model.appendix;
  w.section('附录');
  w.heading('公式与口径', { inToc: true });
  w.bullets(a.formulas, { size: 9 });
  w.subheading('分年预测的口径');
  w.bullets(a.conventions, { size: 9 });
  w.heading('规则表', { inToc: true });
  w.paragraph(
    `本规划使用规则集 ${a.ruleSetId}，口径日期 ${dateText(a.rulesAsOf)}。下表只列本规划用到的规则及其依据；注明“以最新公布为准”的取值可能已有更新，请以有关部门的最新公布为准。`,
    { size: 9 },
  );
  w.table({
    caption: '综合所得个人所得税税率表（年度）',
    unit: '单位：元',
    fontSize: 8.5,
    columns: [
      { header: '级数', weight: 0.6, align: 'center' },
      { header: '全年应纳税所得额', weight: 2.2 },
      { header: '税率', weight: 0.8, align: 'right' },
      { header: '速算扣除数', weight: 1.1, align: 'right' },
    ],
    rows: a.iitRows,
  });
  w.table({
    fontSize: 7.5,
    columns: [
      { header: '规则', weight: 1.5 },
      { header: '取值', weight: 1.8 },
      { header: '执行期间', weight: 1.4 },
      { header: '依据', weight: 3.4 },
    ],
    rows: a.rows,
  });
  w.heading('术语表', { inToc: true });
  w.table({
    fontSize: 8.5,
    columns: [
      { header: '术语', weight: 1.2 },
      { header: '含义', weight: 5 },
    ],
    rows: a.glossary,
  });
}
