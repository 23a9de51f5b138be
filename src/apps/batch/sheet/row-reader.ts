/**
 * Reading named cells of a row through the header bindings. A cell that cannot be read becomes a
 * SheetIssue at once (and is remembered, so the profile check does not report the same cell a
 * second time); the field is then left out of the profile.
 */
import type { ColumnBinding } from './headers.js';
import * as read from './cells.js';
import type { CellResult } from './cells.js';
import type { CellValue, SheetRow } from './table.js';
import { isBlank } from './table.js';
import type { SheetIssue } from './types.js';

/** Where a profile field came from: a row, the CRM's header, and our column name. */
export interface Origin {
  row: number;
  /** The header as the CRM named it; '' when the sheet has no such column. */
  column: string;
  /** Our column name (shown when the sheet lacks the column). */
  ours: string;
}

export function cellMessage(origin: Origin, predicate: string): string {
  return origin.column
    ? `「${origin.column}」${predicate}`
    : `「${origin.ours}」${predicate}（表格中没有这一列，请添加）`;
}

export class RowReader {
  readonly issues: SheetIssue[] = [];
  /** "row\0column" of cells already reported. */
  readonly flagged = new Set<string>();

  constructor(private readonly columns: ReadonlyMap<string, ColumnBinding>) {}

  origin(row: SheetRow, name: string): Origin {
    return { row: row.number, column: this.columns.get(name)?.header ?? '', ours: name };
  }

  cell(row: SheetRow, name: string): CellValue | null {
    const b = this.columns.get(name);
    return b ? (row.cells[b.index] ?? null) : null;
  }

  has(row: SheetRow, name: string): boolean {
    return !isBlank(this.cell(row, name));
  }

  report(origin: Origin, code: string, predicate: string): void {
    this.issues.push({
      row: origin.row,
      column: origin.column,
      code,
      message: cellMessage(origin, predicate),
    });
    this.flagged.add(`${origin.row}\u0000${origin.column}`);
  }

  private get<T>(
    row: SheetRow,
    name: string,
    fn: (cell: CellValue, b: ColumnBinding) => CellResult<T>,
  ): T | undefined {
    const cell = this.cell(row, name);
    if (isBlank(cell)) return undefined;
    const r = fn(cell!, this.columns.get(name)!);
    if (r.ok) return r.value;
    this.report(this.origin(row, name), r.code, r.predicate);
    return undefined;
  }

  text(row: SheetRow, name: string): string | undefined {
    return this.get(row, name, (c) => read.readText(c));
  }
  key(row: SheetRow, name: string): string | undefined {
    return this.get(row, name, (c) => read.readKey(c));
  }
  idNumber(row: SheetRow, name: string): read.IdNumberFacts | undefined {
    return this.get(row, name, (c) => read.readIdNumber(c));
  }
  money(row: SheetRow, name: string): string | undefined {
    return this.get(row, name, (c, b) => read.readMoney(c, b.unit ?? b.spec.unit ?? '元'));
  }
  percent(row: SheetRow, name: string): string | undefined {
    return this.get(row, name, (c) => read.readPercent(c));
  }
  int(row: SheetRow, name: string): number | undefined {
    return this.get(row, name, (c) => read.readInt(c));
  }
  date(row: SheetRow, name: string): read.DayOrMonth | undefined {
    return this.get(row, name, (c) => read.readDate(c));
  }
  yesNo(row: SheetRow, name: string): boolean | undefined {
    return this.get(row, name, (c) => read.readYesNo(c));
  }
  enum(row: SheetRow, name: string): string | undefined {
    return this.get(row, name, (c, b) => read.readEnum(c, b.spec.values ?? {}, b.spec.hint));
  }
}
