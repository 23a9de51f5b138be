/**
 * XLSX → RawSheet with Excel's own types kept (see table.ts). The first worksheet is the sheet;
 * a workbook whose first worksheet is empty uses the first one with data.
 *
 * Merged header cells: a CRM often groups columns under a merged cell ("配偶" over "姓名",
 * "出生年月" …) with the column names in the row below. When the first row has a merged cell
 * spanning columns, the first two rows are the header: each column is known by its lower cell, or
 * by the group joined to it; a cell merged down both rows ("家庭编号") is one name.
 */
import ExcelJS from 'exceljs';
import { FinplanError } from '../../../errors.js';
import { SHEET_LIMITS } from './limits.js';
import type { CellValue, RawSheet, SheetRow } from './table.js';

export async function readXlsxSheet(bytes: Uint8Array): Promise<RawSheet> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  } catch (err) {
    throw new FinplanError('FINPLAN_E_SHEET_INVALID', 'Excel 文件已损坏或不是 .xlsx 格式，请重新导出', {
      cause: err,
    });
  }
  const sheet = workbook.worksheets.find((ws) => ws.actualRowCount > 0);
  if (!sheet) throw new FinplanError('FINPLAN_E_SHEET_INVALID', 'Excel 文件里没有任何内容');
  if (sheet.rowCount > SHEET_LIMITS.maxRows + 2)
    throw new FinplanError('FINPLAN_E_SHEET_INVALID', `表格超过 ${SHEET_LIMITS.maxRows} 行`);
  if (sheet.columnCount > SHEET_LIMITS.maxColumns)
    throw new FinplanError('FINPLAN_E_SHEET_INVALID', `表格超过 ${SHEET_LIMITS.maxColumns} 列`);

  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: (CellValue | null)[] = [];
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      cells[col - 1] = cellValue(cell);
    });
    for (let i = 0; i < cells.length; i++) cells[i] ??= null;
    rows.push({ number: rowNumber, cells });
  });
  const first = rows[0];
  if (!first) throw new FinplanError('FINPLAN_E_SHEET_INVALID', 'Excel 文件里没有任何内容');

  const merges: string[] = (sheet.model as { merges?: string[] }).merges ?? [];
  const groupsHeader = merges.some((range) => {
    const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(range);
    return m !== null && Number(m[2]) === first.number && m[1] !== m[3];
  });
  const second = rows[1];
  const headerText = (r: SheetRow | undefined, i: number) => (r?.cells[i] ? textOf(r.cells[i]!) : '');
  let headers: string[][];
  let dataFrom: number;
  if (groupsHeader && second && second.number === first.number + 1) {
    const width = Math.max(first.cells.length, second.cells.length);
    headers = Array.from({ length: width }, (_, i) => {
      const group = headerText(first, i).trim();
      const name = headerText(second, i).trim();
      if (!name || name === group) return [group];
      return group ? [name, `${group}${name}`] : [name];
    });
    dataFrom = 2;
  } else {
    headers = first.cells.map((_, i) => [headerText(first, i)]);
    dataFrom = 1;
  }
  return { format: 'xlsx', headers, rows: rows.slice(dataFrom) };
}

function textOf(cell: CellValue): string {
  switch (cell.kind) {
    case 'text':
    case 'error':
      return cell.text;
    case 'number':
      return String(cell.value);
    case 'bool':
      return cell.value ? 'TRUE' : 'FALSE';
    case 'date':
      return cell.value.toISOString().slice(0, 10);
  }
}

function cellValue(cell: ExcelJS.Cell): CellValue | null {
  const percentFormat = typeof cell.numFmt === 'string' && cell.numFmt.includes('%');
  return fromValue(cell.value, percentFormat);
}

function fromValue(value: ExcelJS.CellValue, percentFormat: boolean): CellValue | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value.trim() === '' ? null : { kind: 'text', text: value };
  if (typeof value === 'number')
    return Number.isFinite(value)
      ? { kind: 'number', value, percentFormat }
      : { kind: 'error', text: '#NUM!' };
  if (typeof value === 'boolean') return { kind: 'bool', value };
  if (value instanceof Date)
    return Number.isNaN(value.getTime()) ? { kind: 'error', text: '#VALUE!' } : { kind: 'date', value };
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText))
      return fromValue(value.richText.map((r) => r.text).join(''), false);
    if ('error' in value) return { kind: 'error', text: String(value.error) };
    // A formula: its cached result is what Excel shows.
    if ('formula' in value || 'sharedFormula' in value)
      return fromValue((value as { result?: ExcelJS.CellValue }).result ?? null, percentFormat);
    if ('text' in value && 'hyperlink' in value) return fromValue(String(value.text), false);
  }
  return { kind: 'error', text: '#VALUE!' };
}
