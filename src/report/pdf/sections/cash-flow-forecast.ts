import { incomeVsSpendingChart, netWorthChart } from '../../charts/specs.js';
import type { ReportModel } from '../../model/report-model.js';
import type { PdfWriter } from '../writer.js';

/** 现金流预测: the net-worth chart and the yearly table, nominal and in today's money. */
export function renderCashFlowForecast(w: PdfWriter, model: ReportModel): void {
  const f = model.forecast;
  w.section('现金流预测');
  w.paragraph(
    `以下按年预测家庭收支与资产，从 ${f.firstYear} 年至 ${f.lastYear} 年。“名义”为当年的实际金额；“今日价值”按通货膨胀率 ${f.inflationText} 折算为估值月的购买力，便于与今天的生活水平比较。“资金缺口”为当年应付而无力支付的生活支出、贷款月供与目标费用；未能支付的月供仍计入负债。`,
  );
  w.chart(netWorthChart(model, w.brand.theme), 190, '图：家庭净资产预测（万元）');
  w.chart(incomeVsSpendingChart(f.flows, w.brand.theme), 170, '图：每年税后收入与支出（名义，万元）');
  // Columns in 亿元 (a column reaching 1 亿) say so in their header; the rest are in 万元.
  const inYi = (i: number) => f.units[i] === '亿元';
  const header = (text: string, i: number) => (inYi(i) ? `${text}\n（亿元）` : text);
  w.table({
    unit: f.units.some((u) => u === '亿元') ? '单位：万元（标明“亿元”的列除外）' : '单位：万元',
    fontSize: 8,
    columns: [
      { header: '年份', weight: 1 },
      { header: '本人\n年龄', weight: 0.7, align: 'right' },
      { header: header('税后收入', 0), weight: 1.1, align: 'right' },
      { header: header('生活支出', 1), weight: 1.1, align: 'right' },
      { header: header('还贷保费\n目标支出', 2), weight: 1.3, align: 'right' },
      { header: header('年度\n净现金流', 3), weight: 1.2, align: 'right' },
      { header: header('资金\n缺口', 4), weight: 1, align: 'right' },
      { header: header('年末\n金融资产', 5), weight: 1.2, align: 'right' },
      { header: header('年末净资产\n（名义）', 6), weight: 1.3, align: 'right' },
      { header: header('年末净资产\n（今日价值）', 7), weight: 1.4, align: 'right' },
    ],
    rows: f.rows,
  });
  w.subheading('测算口径');
  w.bullets(f.conventions, { size: 8.5 });
}
