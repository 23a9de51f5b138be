import type { RenderContext } from '../../context.js';
import type { ReportModel } from '../../model/report-model.js';
import type { PdfWriter, TableColumn, TableRow } from '../writer.js';
import { renderTemplate } from './letter.js';

/** 摘要: one page — key figures, traffic lights, every goal's status and the top actions. */
export function renderSummary(w: PdfWriter, model: ReportModel, ctx: RenderContext): void {
  const s = model.summary;
  w.section('摘要');
  w.kpis([
    { label: '家庭净资产', value: s.netWorth },
    { label: '金融资产', value: s.financialAssets },
    { label: '年结余（未来 12 个月）', value: s.surplus },
    {
      label: '所有目标实现概率',
      value: s.successRate,
      tone:
        Number.parseFloat(s.successRate) >= 80
          ? 'good'
          : Number.parseFloat(s.successRate) >= 50
            ? 'watch'
            : 'poor',
    },
  ]);
  renderTemplate(w, ctx, 'sections/summary', { ...s, clientTitle: model.clientTitle });
  w.lights(s.lights);
  const rows: TableRow[] = [
    ...s.goals.map((g) => ({
      cells: [g.label, g.year, g.status, g.gap],
      negative: [false, false, g.statusCode === 'short' || g.statusCode === 'unachievable', g.gap !== '无'],
    })),
    s.moneyShortFrom
      ? {
          cells: ['生活与养老', s.moneyShortFrom, '资金不足', s.unpaidBills],
          negative: [false, false, true, true],
        }
      : {
          cells: [
            '退休养老',
            '',
            s.retirementGapIsSurplus ? '有盈余' : '资金不足',
            s.retirementGapIsSurplus ? '无' : s.retirementGap,
          ],
          negative: [false, false, !s.retirementGapIsSurplus, !s.retirementGapIsSurplus],
        },
    {
      cells: ['应急准备金', '现在', s.emergencyGap === '无' ? '充足' : '不足', s.emergencyGap],
      negative: [false, false, s.emergencyGap !== '无', s.emergencyGap !== '无'],
    },
  ];
  const columns: TableColumn[] = [
    { header: '目标', weight: 2.4 },
    { header: '时间', weight: 1.2 },
    { header: '状态', weight: 1.3 },
    { header: '资金缺口', weight: 1.3, align: 'right' },
  ];
  // Many goals: two goals a row, so the summary stays on one page.
  if (rows.length > 8) {
    const paired: TableRow[] = [];
    for (let i = 0; i < rows.length; i += 2) {
      const a = rows[i]!;
      const b = rows[i + 1] ?? { cells: ['', '', '', ''], negative: [] };
      paired.push({
        cells: [...a.cells, ...b.cells],
        negative: [...(a.negative ?? [false, false, false, false]), ...(b.negative ?? [])],
      });
    }
    // Half the width each: the status ("可按计划实现") takes room from the name, which may wrap.
    const half: TableColumn[] = [
      { header: '目标', weight: 2.1 },
      { header: '时间', weight: 1.1 },
      { header: '状态', weight: 1.8 },
      { header: '资金缺口', weight: 1.2, align: 'right' },
    ];
    w.table({ caption: '理财目标', columns: [...half, ...half], rows: paired, fontSize: 7.5 });
  } else w.table({ caption: '理财目标', columns, rows, fontSize: 8.5 });
  w.subheading('最重要的行动');
  w.bullets(
    s.actions.slice(0, rows.length > 8 ? 3 : 5).map((a) => `${a.text}（${a.due}前）`),
    { size: 9.5 },
  );
}
