/**
 * Text that came from a client's sheet and goes back into one (errors.csv): every cell that starts
 * with = + - @, a tab or a carriage return is prefixed with an apostrophe, since Excel would
 * otherwise run it as a formula (CSV injection). Full-width forms (＝ ＋ －) count too, since some
 * spreadsheet programs fold them. errors.csv itself is written by src/apps/batch/errors-csv.ts.
 */
export function neutraliseCell(text: string): string {
  return /^[=+\-@\t\r]/.test(text.normalize('NFKC')) || /^[\t\r]/.test(text) ? `'${text}` : text;
}
