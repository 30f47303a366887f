/**
 * CSV for spreadsheets (the dashboard's `.csv`). Excel, WPS and LibreOffice
 * run a cell that starts with `=`, `+`, `-` or `@` (or a tab or CR they
 * strip first) as a formula: a title staff typed as `=HYPERLINK(…)` would
 * come out live on the bureau's machine. Such cells are prefixed with `'`,
 * which spreadsheets show as text (OWASP's advice for CSV injection). A
 * plain number (a negative total) is no formula and stays a number.
 */

const FORMULA_START = /^[=+\-@\t\r]/
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/

/** One quoted CSV cell; text a spreadsheet would run as a formula starts with `'`. */
export function csvCell(value: unknown): string {
  const text = String(value ?? '')
  const safe = FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text
  return `"${safe.replace(/"/g, '""')}"`
}

/** Rows as CSV with CRLF line ends and a BOM, as Excel opens UTF-8. */
export function csvFile(rows: readonly (readonly unknown[])[]): string {
  return `\uFEFF${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`
}
