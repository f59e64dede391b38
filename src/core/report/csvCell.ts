/**
 * The one way every CSV the planner writes turns a value into a cell.
 *
 * - null, undefined, NaN and infinities are empty cells;
 * - numbers are written as numbers, rounded to 3 decimals (a negative number stays a number: only
 *   text can be a formula);
 * - text that a spreadsheet would run as a formula, i.e. text starting with `=`, `+`, `-`, `@`, a tab
 *   or a carriage return (OWASP, CSV injection), gets a leading single quote `'` and is quoted, so
 *   that Excel, LibreOffice and Google Sheets show it as text;
 * - text with a quote, a comma, a line feed or a carriage return is quoted, quotes doubled.
 * @example csvCell('=HYPERLINK("http://x")') // `"'=HYPERLINK(""http://x"")"`
 * @example csvCell(-3.2) // '-3.2'
 */
export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(Math.round(v * 1000) / 1000) : '';
  const s = String(v);
  if (FORMULA_START.test(s)) return `"'${s.replace(/"/g, '""')}"`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** First characters that make a spreadsheet read a cell as a formula (OWASP CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV line (without its line break) of the values, each through csvCell. */
export function csvRow(values: readonly unknown[]): string {
  return values.map(csvCell).join(',');
}

/**
 * A CSV file: the header and the rows, each line ended by `\n`.
 * @example csvText(['id', 'n'], [['A', 1]]) // 'id,n\nA,1\n'
 */
export function csvText(header: readonly string[], rows: Iterable<readonly unknown[]>): string {
  const lines = [csvRow(header)];
  for (const r of rows) lines.push(csvRow(r));
  return lines.join('\n') + '\n';
}
