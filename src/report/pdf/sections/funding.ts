import type { ReportModel } from '../../model/report-model.js';
import type { PdfWriter, TableColumn } from '../writer.js';

const FUNDING_COLUMNS: TableColumn[] = [
  { header: '顺序', weight: 1.1 },
  { header: '项目', weight: 2.6 },
  { header: '每月所需', weight: 1.1, align: 'right' },
  { header: '每月安排', weight: 1.1, align: 'right' },
  { header: '尚缺', weight: 1, align: 'right' },
  { header: '一次性\n（现有资产）', weight: 1.3, align: 'right' },
];

const ALTERNATIVE_COLUMNS: TableColumn[] = [
  { header: '方案', weight: 1.7 },
  { header: '时间', weight: 0.9 },
  { header: '金额（今日）', weight: 1.2, align: 'right' },
  { header: '目标', weight: 1.1 },
  { header: '退休', weight: 0.9 },
  { header: '成功概率', weight: 0.9, align: 'right' },
];

/**
 * 资金安排与方案对比: the funding pass as a table (what each recommendation costs a month and how
 * much of it the surplus pays), then each short goal's alternatives. `brief` (the summary edition)
 * keeps the alternatives and the sentences, and leaves the funding table to the full plan.
 */
export function renderFunding(w: PdfWriter, model: ReportModel, options: { brief?: boolean } = {}): void {
  const f = model.funding;
  const hasAlternatives = f.alternatives.length > 0;
  const title = hasAlternatives ? '资金安排与方案对比' : '资金安排';
  if (options.brief) {
    // In the summary edition, a part of the action page: only what the client must know.
    if (!hasAlternatives && f.shortSentences.length === 0) return;
    w.heading(title);
  } else {
    w.section(title, { newPage: 'auto' });
    w.paragraph(f.intro);
  }
  if (!options.brief && f.rows.length)
    w.table({ unit: '单位：元/月（一次性为元）', fontSize: 8.5, columns: FUNDING_COLUMNS, rows: f.rows });
  for (const s of [...f.shortSentences, ...f.purchaseSentences]) w.paragraph(s);
  for (const a of f.alternatives) {
    if (options.brief) w.table({ fontSize: 8, columns: ALTERNATIVE_COLUMNS, rows: a.rows, caption: a.title });
    else {
      w.subheading(a.title);
      w.table({ fontSize: 8.5, columns: ALTERNATIVE_COLUMNS, rows: a.rows });
    }
    if (a.note && !options.brief) w.note(a.note);
  }
}
