/**
 * A sheet as the readers hand it over: header candidates and typed cells, with the row numbers the
 * CRM user sees. CSV gives text only; XLSX keeps Excel's own types, because a number where an ID
 * number belongs has already lost digits and must be reported, not read back as text.
 */
export type CellValue =
  | { kind: 'text'; text: string }
  /** `percentFormat`: the cell was shown as a percentage (0.031 shown as 3.1%). */
  | { kind: 'number'; value: number; percentFormat: boolean }
  /** An Excel date; exceljs gives it as a UTC instant at midnight. */
  | { kind: 'date'; value: Date }
  | { kind: 'bool'; value: boolean }
  /** An Excel error value such as #N/A or #VALUE!. */
  | { kind: 'error'; text: string };

export interface SheetRow {
  /** The row number the CRM user sees: the line in Excel, header row = 1. */
  number: number;
  /** Cells by column index; null for an empty cell. */
  cells: (CellValue | null)[];
}

export interface RawSheet {
  format: 'csv' | 'xlsx';
  encoding?: 'UTF-8' | 'UTF-8 BOM' | 'GB18030';
  /**
   * For each column, the names it may be known by, best first. A one-row header gives one name; a
   * two-row header under merged group cells ("配偶" over "姓名") gives the lower cell alone and the
   * group joined to it ("配偶姓名"), and the layout takes the first name it knows.
   */
  headers: string[][];
  rows: SheetRow[];
}

export function isBlank(cell: CellValue | null | undefined): boolean {
  return !cell || (cell.kind === 'text' && cell.text.trim() === '');
}
