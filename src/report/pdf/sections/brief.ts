/**
 * The summary edition's sections (4–6 pages for 5万–20万 clients and salon hand-outs): the
 * financial position at a glance, one highlight per planning area, the risk snapshot and the
 * action plan with the statement. Every figure comes from the same report model as the full plan.
 */
import { allocationChart, fanChart } from '../../charts/specs.js';
import type { RenderContext } from '../../context.js';
import type { ReportModel } from '../../model/report-model.js';
import type { PdfWriter } from '../writer.js';
import { renderFunding } from './funding.js';
import { ACTION_COLUMNS } from './actions.js';
import { renderTemplate } from './letter.js';

/** The summary edition lists the most important actions only (the plan orders them by priority). */
const BRIEF_ACTIONS = 8;

export function renderPositionBrief(w: PdfWriter, model: ReportModel): void {
  const p = model.position;
  w.section('家庭财务概况');
  w.kpis([
    { label: '总资产', value: p.totalAssets },
    { label: '总负债', value: p.totalLiabilities },
    { label: '税后年收入', value: p.netIncome },
    { label: '年结余', value: p.surplus },
  ]);
  w.table({
    caption: '家庭财务比率',
    fontSize: 8.5,
    columns: [
      { header: '比率', weight: 1.5 },
      { header: '公式', weight: 2.6 },
      { header: '数值', weight: 1, align: 'right' },
      { header: '参考范围', weight: 1.6 },
      { header: '判断', weight: 0.8, align: 'center' },
    ],
    rows: p.ratioRows,
  });
  if (model.householdFindings.length) {
    w.subheading('资料说明');
    w.bullets(model.householdFindings, { size: 9 });
  }
}

export function renderHighlights(w: PdfWriter, model: ReportModel): void {
  w.section('规划要点');
  const e = model.emergency;
  w.heading('应急准备金');
  w.paragraph(
    `建议保留 ${e.monthsText}必要支出（${e.targetMin}至 ${e.targetMax}）；目前流动资产 ${e.liquid}${e.gapPositive ? `，还差 ${e.gap}` : '，已经足够'}。`,
  );
  // One line per member: every cover kind that is missing or short.
  const gaps = model.insurance.members
    .map((m) => {
      const missing = m.rows
        .filter((r) => r.negative?.[3])
        .map((r) => (r.cells[3] === '待配置' ? `${r.cells[0]}待配置` : `${r.cells[0]}缺口 ${r.cells[3]} 元`));
      return missing.length ? `${m.name}：${missing.join('；')}` : null;
    })
    .filter((x): x is string => x !== null);
  w.heading('家庭保障');
  if (gaps.length) w.bullets(gaps);
  else w.paragraph('家庭成员的医疗、意外、重疾与寿险保障基本完备。');
  if (model.education.rows.length) {
    w.heading('子女教育');
    w.paragraph(
      `全部教育目标今日一次性所需 ${model.education.totalLumpSum}，或从现在起每月储蓄 ${model.education.totalMonthly}。`,
    );
  }
  const r = model.retirement;
  w.heading('退休养老');
  w.paragraph(
    r.gapPositive
      ? `退休时资金缺口 ${r.gap}${r.monthlySaving ? `，补足需每月增加储蓄投资 ${r.monthlySaving}${r.unfundedSaving ? `；按目前结余可安排 ${r.fundedSaving}，尚缺 ${r.unfundedSaving}` : ''}` : ''}。`
      : `按目前的计划，退休时资金有 ${r.gap}的盈余。`,
  );
  const i = model.investment;
  w.heading('投资配置');
  w.paragraph(`风险承受能力 ${i.level}，建议采用${i.model}型配置。`);
  w.chart(allocationChart(i.chart, w.brand.theme), 100, '图：目前配置与建议配置（%）');
  renderFunding(w, model, { brief: true });
}

export function renderRiskBrief(w: PdfWriter, model: ReportModel): void {
  const r = model.risk;
  w.section('风险测试');
  w.callout(`${r.successSentence}${r.lastsSentence}`);
  w.chart(fanChart(r.fan, w.brand.theme), 180, `图：${r.trials} 次模拟中投资资产的分布（今日价值，万元）`);
  w.bullets(r.stressSentences.slice(0, 4), { size: 9.5 });
  if (r.bestSentence) w.paragraph(r.bestSentence);
}

export function renderActionsBrief(w: PdfWriter, model: ReportModel, ctx: RenderContext): void {
  w.section('执行计划');
  const shown = BRIEF_ACTIONS;
  w.table({
    fontSize: 8.5,
    columns: ACTION_COLUMNS,
    rows: model.actions.rows.slice(0, shown),
  });
  if (model.actions.rows.length > shown)
    w.note(`以上为最重要的 ${shown} 项行动，完整的 ${model.actions.rows.length} 项见完整版规划书。`);
  w.heading('声明');
  renderTemplate(w, ctx, 'sections/statement', model.letter);
}
