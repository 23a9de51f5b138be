/**
 * CSV → RawSheet. Every cell is text; a number's meaning (元, 万元, an ID number) is the layout's
 * business. Row numbers are records, as Excel shows them: a quoted cell spanning two lines is still
 * one row, and blank lines keep their numbers so that "第 12 行" is the twelfth row in Excel.
 */
import { parse } from 'csv-parse/sync';
import { FinplanError } from '../../../errors.js';
import { decodeCsvBytes } from './decode.js';
import { SHEET_LIMITS } from './limits.js';
import type { CellValue, RawSheet, SheetRow } from './table.js';

export function readCsvSheet(bytes: Uint8Array): RawSheet {
  const { text, encoding } = decodeCsvBytes(bytes);
  let records: string[][];
  try {
    records = parse(text, {
      delimiter: guessDelimiter(text),
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      max_record_size: SHEET_LIMITS.maxRecordBytes,
    }) as string[][];
  } catch (err) {
    throw new FinplanError('FINPLAN_E_SHEET_INVALID', csvErrorText(err), { cause: err });
  }
  const rows: SheetRow[] = records.map((record, index) => ({
    number: index + 1,
    cells: record.map((t): CellValue | null => (t.trim() === '' ? null : { kind: 'text', text: t })),
  }));
  const headerIndex = rows.findIndex((r) => r.cells.some((c) => c !== null));
  if (headerIndex < 0) throw new FinplanError('FINPLAN_E_SHEET_INVALID', '文件里没有任何内容');
  const header = records[headerIndex]!;
  return {
    format: 'csv',
    encoding,
    headers: header.map((h) => [h]),
    rows: rows.slice(headerIndex + 1),
  };
}

/**
 * Excel writes commas in a Chinese locale, but "Unicode text" and some CRMs write tabs: if the
 * first line has tabs and no commas, it is tab-separated.
 */
function guessDelimiter(text: string): string {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  return firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
}

/** csv-parse's messages quote the input; ours give only the position. */
function csvErrorText(err: unknown): string {
  const e = err as { code?: string; lines?: number };
  const where = typeof e.lines === 'number' ? `第 ${e.lines} 行附近` : '';
  switch (e.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return `CSV 格式错误：${where}的引号没有闭合`;
    case 'CSV_MAX_RECORD_SIZE':
      return `CSV 格式错误：${where}的一行超过 ${SHEET_LIMITS.maxRecordBytes / 1024} KB（可能缺少引号，或不是 CSV 文件）`;
    default:
      return `CSV 格式错误${where ? `：${where}` : ''}，请在 Excel 中重新另存为 CSV 后重试`;
  }
}
