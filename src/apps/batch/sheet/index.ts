/**
 * The salon batch's input side: a CRM export (CSV or XLSX, Chinese headers; layout in
 * docs/batch.md) → one checked profile per household, and every problem at its row and column.
 * The runner (src/apps/batch/run.ts) renders the households; the rejected ones go to errors.csv.
 */
import { readFileSync, statSync } from 'node:fs';
import { FinplanError } from '../../../errors.js';
import type { BatchConfig } from './config.js';
import { sniffSheetFormat } from './decode.js';
import { bindColumns, loadHeaderMap } from './headers.js';
import { readHouseholds } from './households.js';
import { SHEET_LIMITS } from './limits.js';
import { readCsvSheet } from './read-csv.js';
import { readXlsxSheet } from './read-xlsx.js';
import { isBlank } from './table.js';
import type { SheetReadResult } from './types.js';

export { batchConfigSchema, loadBatchConfig, parseBatchConfig, type BatchConfig } from './config.js';
export { neutraliseCell } from './errors-csv.js';
export { headerMapSchema, loadHeaderMap, type HeaderMap } from './headers.js';
export { templateHeader, COLUMNS } from './layout.js';
export { SHEET_LIMITS } from './limits.js';
export type { HouseholdInput, InvalidHousehold, SheetIssue, SheetReadResult } from './types.js';

/**
 * Read a batch sheet. Throws a FinplanError only when the file as a whole cannot be read (missing,
 * too large, not CSV/XLSX, an undecodable encoding, a required column missing, no data rows);
 * everything wrong with a row is in `invalid`.
 */
export async function readBatchSheet(
  path: string,
  opts: { map?: string; config?: BatchConfig } = {},
): Promise<SheetReadResult> {
  const map = opts.map ? loadHeaderMap(opts.map) : undefined;
  let bytes: Buffer;
  try {
    const size = statSync(path).size;
    if (size > SHEET_LIMITS.maxFileBytes)
      throw new FinplanError(
        'FINPLAN_E_INPUT_TOO_LARGE',
        `批量表格超过 ${SHEET_LIMITS.maxFileBytes / 1024 / 1024} MB，请分成几个文件`,
      );
    bytes = readFileSync(path);
  } catch (err) {
    if (err instanceof FinplanError) throw err;
    throw new FinplanError('FINPLAN_E_INPUT_NOT_FOUND', '找不到或无法读取批量表格文件', { cause: err });
  }
  const format = sniffSheetFormat(bytes);
  const sheet = format === 'xlsx' ? await readXlsxSheet(bytes) : readCsvSheet(bytes);
  const dataRows = sheet.rows.filter((r) => !r.cells.every(isBlank));
  if (dataRows.length === 0) throw new FinplanError('FINPLAN_E_SHEET_INVALID', '表格只有表头，没有客户数据');
  if (dataRows.length > SHEET_LIMITS.maxRows)
    throw new FinplanError('FINPLAN_E_SHEET_INVALID', `表格超过 ${SHEET_LIMITS.maxRows} 行，请分成几个文件`);
  const columns = bindColumns(sheet.headers, map);
  const { households, invalid } = readHouseholds(dataRows, columns.byName, opts.config ?? {});
  const notices: string[] = [];
  if (sheet.encoding === 'GB18030') notices.push('表格按 GB18030（GBK）编码读取；建议另存为"CSV UTF-8"。');
  if (columns.ignored.length > 0)
    notices.push(
      `以下列不是批量表格的列，已忽略：${columns.ignored
        .slice(0, 10)
        .map((h) => `「${h}」`)
        .join('、')}${columns.ignored.length > 10 ? ` 等 ${columns.ignored.length} 列` : ''}`,
    );
  return {
    source: { format: sheet.format, ...(sheet.encoding ? { encoding: sheet.encoding } : {}) },
    households,
    invalid,
    notices,
  };
}
