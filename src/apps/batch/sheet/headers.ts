/**
 * Matching a sheet's header to the layout's columns, through a header map for another CRM's
 * names. Headers are compared after Unicode NFKC normalisation with white space removed, so
 * "本人 姓名", "本人姓名（元）" typed with full-width brackets and a trailing required-mark "*"
 * all find their column.
 */
import { z } from 'zod';
import { FinplanError } from '../../../errors.js';
import { readSmallJsonFile } from './json-file.js';
import { COLUMN_BY_NAME, REQUIRED_COLUMNS, type ColumnSpec, type MoneyUnit } from './layout.js';
import { SHEET_LIMITS } from './limits.js';

/** A header map: the CRM's column name → ours (with a unit where it differs: "活期及现金(元)"). */
export const headerMapSchema = z
  .record(z.string().min(1).max(100), z.string().min(1).max(100))
  .refine((m) => Object.keys(m).length <= 500, { error: '最多 500 项' });
export type HeaderMap = z.output<typeof headerMapSchema>;

export interface ColumnBinding {
  spec: ColumnSpec;
  /** Column index in the sheet. */
  index: number;
  /** The header as the CRM named it: what errors.csv shows. */
  header: string;
  /** Money columns: the unit this sheet's header gives, or the column's default. */
  unit?: MoneyUnit;
}

export interface BoundColumns {
  byName: Map<string, ColumnBinding>;
  /** Headers that are no column of ours: ignored, and worth telling the operator. */
  ignored: string[];
}

export function normaliseHeader(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '').replace(/\*+$/, '').replace(/^\*+/, '');
}

const UNITS: Record<string, MoneyUnit> = { 元: '元', '元/月': '元', '元/年': '元', 万元: '万元', 万: '万元' };

/** "活期及现金(万元)" → { spec, unit: '万元' }; null when the name is not ours. */
function resolve(name: string): { spec: ColumnSpec; unit?: MoneyUnit; badUnit?: string } | null {
  const n = normaliseHeader(name);
  const direct = COLUMN_BY_NAME.get(n);
  if (direct) return { spec: direct, unit: direct.unit };
  const m = /^(.*)\(([^()]*)\)$/.exec(n);
  if (!m) return null;
  const spec = COLUMN_BY_NAME.get(m[1]!);
  if (!spec) return null;
  if (spec.kind !== 'money') return { spec };
  const unit = UNITS[m[2]!];
  return unit ? { spec, unit } : { spec, badUnit: m[2]! };
}

export function loadHeaderMap(path: string): HeaderMap {
  const raw = readSmallJsonFile(path, '表头对照文件');
  const parsed = headerMapSchema.safeParse(raw);
  if (!parsed.success)
    throw new FinplanError(
      'FINPLAN_E_BATCH_CONFIG_INVALID',
      '表头对照文件应为一个 JSON 对象：{"CRM 的列名": "本系统的列名", …}，最多 500 项',
    );
  const bad = Object.entries(parsed.data)
    .filter(([, ours]) => resolve(ours) === null)
    .map(([, ours]) => `「${ours}」`);
  if (bad.length > 0)
    throw new FinplanError(
      'FINPLAN_E_BATCH_CONFIG_INVALID',
      `表头对照文件中的 ${bad.slice(0, 5).join('、')} 不是批量表格的列名（见 docs/batch.md）`,
    );
  return parsed.data;
}

export function bindColumns(headers: string[][], map: HeaderMap = {}): BoundColumns {
  if (headers.length > SHEET_LIMITS.maxColumns)
    throw new FinplanError('FINPLAN_E_SHEET_INVALID', `表头超过 ${SHEET_LIMITS.maxColumns} 列`);
  const mapped = new Map(Object.entries(map).map(([crm, ours]) => [normaliseHeader(crm), ours]));
  const byName = new Map<string, ColumnBinding>();
  const ignored: string[] = [];
  headers.forEach((names, index) => {
    const shown = names.find((n) => n.trim() !== '') ?? '';
    if (!shown) return;
    if (shown.length > 100) throw new FinplanError('FINPLAN_E_SHEET_INVALID', `第 ${index + 1} 列的表头过长`);
    let hit: { name: string; spec: ColumnSpec; unit?: MoneyUnit; badUnit?: string } | null = null;
    for (const name of names) {
      const target = mapped.get(normaliseHeader(name)) ?? name;
      const r = resolve(target);
      if (r) {
        hit = { name, ...r };
        break;
      }
    }
    if (!hit) {
      ignored.push(shown);
      return;
    }
    if (hit.badUnit !== undefined)
      throw new FinplanError(
        'FINPLAN_E_SHEET_INVALID',
        `列「${hit.name}」的单位无法识别：金额列的单位应为"元"或"万元"`,
      );
    const earlier = byName.get(hit.spec.name);
    if (earlier)
      throw new FinplanError(
        'FINPLAN_E_SHEET_INVALID',
        `列「${earlier.header}」和「${hit.name}」都对应「${hit.spec.name}」，请删除其中一列`,
      );
    byName.set(hit.spec.name, { spec: hit.spec, index, header: hit.name, unit: hit.unit });
  });
  const missing = REQUIRED_COLUMNS.filter((c) => !byName.has(c));
  if (missing.length > 0)
    throw new FinplanError(
      'FINPLAN_E_SHEET_INVALID',
      `缺少必需的列：${missing.map((c) => `「${c}」`).join('、')}（列名见 docs/batch.md；其他系统的列名可用表头对照文件 --map 对应）`,
    );
  return { byName, ignored };
}
