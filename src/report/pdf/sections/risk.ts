import { fanChart, tornadoChart } from '../../charts/specs.js';
import type { RenderContext } from '../../context.js';
import type { ReportModel } from '../../model/report-model.js';
import type { PdfWriter } from '../writer.js';
import { renderTemplate } from './letter.js';

/** 敏感性分析与压力测试, and the Monte Carlo simulation. */
export function renderRisk(w: PdfWriter, model: ReportModel, ctx: RenderContext): void {
  const r = model.risk;
  w.section('敏感性分析与压力测试');
  renderTemplate(w, ctx, 'sections/risk', r);
  w.heading('敏感性分析', { inToc: true });
  w.paragraph(
    `基本方案下，规划期末家庭净资产（今日价值）为 ${r.baseEndingWealth}。下表为每项假设单独变化时的结果。`,
  );
  w.table({
    unit: '单位：万元（“期末净资产”为今日价值，变化为与基本方案之差）',
    fontSize: 8,
    columns: [
      { header: '假设变化', weight: 2 },
      { header: '期末净资产', weight: 1.1, align: 'right' },
      { header: '净资产变化', weight: 1.1, align: 'right' },
      { header: '退休缺口变化', weight: 1.1, align: 'right' },
      { header: '资金缺口变化', weight: 1.1, align: 'right' },
      { header: '资金支撑至', weight: 1, align: 'right' },
    ],
    rows: r.sensitivity,
  });
  w.chart(
    tornadoChart(r.tornado, w.brand.theme),
    230,
    '图：各项假设对规划期末净资产的影响（今日价值，万元）',
  );
  w.heading('压力测试', { inToc: true });
  w.table({
    unit: '单位：万元（与基本方案之差）',
    fontSize: 8,
    columns: [
      { header: '情景', weight: 2 },
      { header: '净资产变化', weight: 1.1, align: 'right' },
      { header: '退休缺口变化', weight: 1.1, align: 'right' },
      { header: '资金缺口变化', weight: 1.1, align: 'right' },
      { header: '资金支撑至', weight: 1, align: 'right' },
    ],
    rows: r.stress,
  });
  w.bullets(r.stressSentences, { size: 9.5 });
  w.heading('蒙特卡洛模拟', { inToc: true });
  w.callout(`${r.successSentence}${r.lastsSentence}`, 'info');
  w.chart(fanChart(r.fan, w.brand.theme), 200, `图：${r.trials} 次模拟中投资资产的分布（今日价值，万元）`);
  if (r.goalRows.length)
    w.table({
      caption: '各目标的实现概率',
      unit: '平均缺口单位：元',
      columns: [
        { header: '目标', weight: 2 },
        { header: '实现概率', weight: 1, align: 'right' },
        { header: '实现次数', weight: 1, align: 'right' },
        { header: '未实现时平均缺口', weight: 1.4, align: 'right' },
      ],
      rows: r.goalRows,
    });
  w.note(`模型：${r.model}`);
  if (r.candidates.length) {
    w.heading('最有效的调整', { keepWith: 160 });
    // The conclusion first, then the reruns that support it (and no orphaned sentence after them).
    w.paragraph(r.bestSentence ?? '按目前的安排，各项目标在绝大多数情形下都能实现，无需为此做额外调整。');
    w.table({
      caption: '逐项重算的候选调整',
      unit: '变化单位：万元',
      fontSize: 8.5,
      columns: [
        { header: '调整', weight: 1.8 },
        { header: '实现概率', weight: 1, align: 'right' },
        { header: '资金缺口变化', weight: 1.2, align: 'right' },
        { header: '期末净资产变化', weight: 1.2, align: 'right' },
        { header: '', weight: 0.9 },
      ],
      rows: r.candidates,
    });
  }
}
