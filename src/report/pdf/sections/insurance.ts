import { insuranceChart } from '../../charts/specs.js';
import type { RenderContext } from '../../context.js';
import type { ReportModel } from '../../model/report-model.js';
import type { PdfWriter } from '../writer.js';
import { renderTemplate } from './letter.js';

const METHOD_NAMES: Record<string, string> = {
  needsAnalysis: '需求分析法',
  humanLifeValue: '生命价值法',
  doubleTen: '双十原则',
  none: '—',
};

/** 保险规划: per member — cover lines (need, existing, gap) and the three life-cover methods. */
export function renderInsurance(w: PdfWriter, model: ReportModel, ctx: RenderContext): void {
  const m = model.insurance;
  w.section('保险规划');
  renderTemplate(w, ctx, 'sections/insurance', m);
  for (const member of m.members) {
    w.heading(`${member.name}${member.recommended ? `（年收入 ${member.income}）` : ''}`, { keepWith: 90 });
    w.table({
      unit: '单位：元',
      columns: [
        { header: '险种', weight: 1.4 },
        { header: '建议保额', weight: 1.5, align: 'right' },
        { header: '已有保额', weight: 1.5, align: 'right' },
        { header: '缺口', weight: 1.5, align: 'right' },
      ],
      rows: member.rows,
    });
    if (member.methods.length) {
      w.table({
        caption: '寿险保额三种方法对比',
        unit: '单位：元',
        fontSize: 8.5,
        columns: [
          { header: '方法', weight: 1.2 },
          { header: '测算保额', weight: 1.3, align: 'right' },
          { header: '口径', weight: 4 },
        ],
        rows: member.methods,
      });
      w.note(
        member.method === 'none'
          ? `${member.name}没有依靠其收入生活的家人，也没有需要家人承担的负债，暂不需要寿险；身后费用可由现有资产支付。`
          : member.needsNothing
            ? `${member.name}身故时，家人的收入与家庭资产足以支付${member.dependants}的生活、教育与家庭负债，按需求分析法不需另配寿险。`
            : `建议寿险保额采用${METHOD_NAMES[member.method ?? 'none']}（${member.name}身故时，${member.dependants}的生活与家庭负债）：${member.recommended}。`,
      );
    }
    if (member.healthNotes)
      w.note(
        `如实告知：${member.name}的健康状况（${member.healthNotes}）须在投保时如实告知，可能加费、除外责任或延期承保，保费以核保结果为准。`,
      );
  }
  if (m.chart.labels.length)
    w.chart(
      insuranceChart(m.chart, w.brand.theme),
      Math.max(110, 40 + m.chart.labels.length * 24),
      '图：寿险与重疾险建议保额与已有保额（万元）',
    );
  if (m.findings.length) {
    w.subheading('需要关注');
    w.bullets(m.findings);
  }
}
