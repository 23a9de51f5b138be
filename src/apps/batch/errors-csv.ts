/**
 * errors.csv: every row without a PDF, one line per problem, where the CRM user finds it (row
 * number and column header as their CRM named them) and what to fix, in Chinese. It opens in Excel
 * as is (UTF-8 with a BOM; without it Excel reads UTF-8 as the ANSI code page), CRLF. The cells
 * echo the CRM's own text, so anything a spreadsheet would run as a formula is neutralised
 * (neutraliseCell: OWASP "CSV injection").
 */
import { stringify } from 'csv-stringify/sync';
import type { JournalEntry } from './household.js';
import { neutraliseCell } from './sheet/errors-csv.js';

export const ERRORS_CSV_HEADER = ['行号', '家庭编号', '列', '问题代码', '问题'] as const;

export function errorsCsvText(entries: JournalEntry[]): string {
  const lines: string[][] = [];
  for (const e of entries) {
    if (e.status === 'ok' || !e.error) continue;
    if (!e.error.issues.length) {
      lines.push([String(e.row), e.id, '', e.error.code, e.error.message]);
      continue;
    }
    for (const issue of e.error.issues)
      lines.push([String(issue.row ?? e.row), e.id, issue.column ?? issue.path, issue.code, issue.message]);
  }
  const body = stringify([[...ERRORS_CSV_HEADER], ...lines.map((l) => l.map(neutraliseCell))], {
    record_delimiter: '\r\n',
  });
  return `\uFEFF${body}`;
}
