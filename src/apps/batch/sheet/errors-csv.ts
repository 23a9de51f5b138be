/**
 * errors.csv: what the branch must fix, one line per problem, to open in Excel: UTF-8 with a BOM
 * (without it Excel reads UTF-8 as the ANSI code page and garbles every Chinese character), CRLF.
 *
 * Every cell that starts with = + - @, a tab or a carriage return is prefixed with an apostrophe:
 * Excel would otherwise run it as a formula (CSV injection), and a message or header may contain
 * text that came from the client's own sheet. Full-width forms (＝ ＋ －) count too, since some
 * spreadsheet programs fold them.
 */
import { stringify } from 'csv-stringify/sync';
import type { InvalidHousehold } from './types.js';

export const ERRORS_CSV_HEADER = ['行号', '家庭编号', '列', '问题'] as const;

export function neutraliseCell(text: string): string {
  return /^[=+\-@\t\r]/.test(text.normalize('NFKC')) || /^[\t\r]/.test(text) ? `'${text}` : text;
}

export function errorsCsv(invalid: InvalidHousehold[]): string {
  const lines = invalid
    .flatMap((h) =>
      h.issues.map((i) => ({ row: i.row, id: h.id ?? '', column: i.column, message: i.message })),
    )
    .sort((a, b) => a.row - b.row);
  const records = lines.map((l) => [String(l.row), l.id, l.column, l.message].map(neutraliseCell));
  return `\uFEFF${stringify([[...ERRORS_CSV_HEADER], ...records], { record_delimiter: '\r\n' })}`;
}
