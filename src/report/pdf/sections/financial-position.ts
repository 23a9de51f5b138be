import type { ReportModel } from '../../model/report-model.js';
import type { PdfWriter } from '../writer.js';

/** 家庭财务状况: 资产负债表, 收支表 and the household ratios. */
export function renderFinancialPosition(w: PdfWriter, model: ReportModel): void {
  const p = model.position;
  w.section('家庭财务状况');
  w.kpis([
    { label: '净资产', value: p.netWorth },
    { label: '总资产', value: p.totalAssets },
    { label: '总负债', value: p.totalLiabilities },
    { label: '金融资产', value: p.financialAssets },
  ]);
  w.heading('资产负债表', { inToc: true });
  w.table({
    caption: '资产',
    unit: '单位：元',
    columns: [
      { header: '类别', weight: 1.6 },
      { header: '项目', weight: 3 },
      { header: '金额', weight: 1.6, align: 'right' },
    ],
    rows: p.assetRows,
  });
  w.table({
    caption: '负债',
    unit: '单位：元',
    columns: [
      { header: '项目', weight: 2.2 },
      { header: '还款方式', weight: 1.2 },
      { header: '年利率', weight: 0.9, align: 'right' },
      { header: '剩余月数', weight: 0.9, align: 'right' },
      { header: '月供', weight: 1.1, align: 'right' },
      { header: '剩余本金', weight: 1.4, align: 'right' },
    ],
    rows: p.liabilityRows,
  });
  w.heading('收支表（未来 12 个月）', { inToc: true });
  w.table({
    caption: '收入',
    unit: '单位：元/年',
    columns: [
      { header: '成员', weight: 1.4 },
      { header: '收入项目', weight: 3 },
      { header: '金额', weight: 1.6, align: 'right' },
    ],
    rows: p.incomeRows,
  });
  w.table({
    caption: '支出',
    unit: '单位：元/年',
    columns: [
      { header: '支出项目', weight: 3.2 },
      { header: '性质', weight: 1.2 },
      { header: '金额', weight: 1.6, align: 'right' },
    ],
    rows: p.spendingRows,
  });
  // Figures are computed to the fen and shown to the yuan: a total may differ from the sum of its
  // rounded lines by 1 元, which a reader checking with a calculator should be told.
  w.note('金额按分计算、按元四舍五入显示，合计与各分项之和可能有 1 元尾差。');
  w.heading('家庭财务比率', { inToc: true });
  w.table({
    columns: [
      { header: '比率', weight: 1.5 },
      { header: '公式', weight: 2.6 },
      { header: '数值', weight: 1, align: 'right' },
      { header: '参考范围', weight: 1.3, align: 'right' },
      { header: '判断', weight: 0.9, align: 'center' },
    ],
    rows: p.ratioRows,
  });
  w.note('参考范围为理财规划师教材通行口径；“关注”表示接近参考范围边界，“需改善”表示明显偏离。');
}
