/**
 * Size limits on a batch sheet. A CRM export is untrusted: a wrong file (a database dump, a
 * zip bomb renamed .xlsx, a cell with a pasted document) must be refused with a message before it
 * can exhaust memory. The limits leave room for a regional centre's season: tens of thousands of
 * households in one file.
 */
export const SHEET_LIMITS = {
  /** Bytes of the file itself (CSV or XLSX). */
  maxFileBytes: 64 * 1024 * 1024,
  /** Data rows (not counting the header). */
  maxRows: 100_000,
  /** Columns in the header. */
  maxColumns: 200,
  /** Characters in one cell; the profile's own longest text is 200. */
  maxCellChars: 1000,
  /** Bytes of one CSV record: beyond this csv-parse stops (an unclosed quote swallowing the file). */
  maxRecordBytes: 256 * 1024,
  /** Bytes of a header-mapping or batch config file. */
  maxJsonBytes: 256 * 1024,
} as const;
