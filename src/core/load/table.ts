// Over 300 lines on purpose: the CSV reader is one state machine (quotes, line endings per line, limits)
// that is easier to check whole than in pieces.
import { coded, type Coded } from '../util/problems';
/**
 * A parsed delimited text file, stored by column: plain numbers as Float64 (no string kept),
 * anything else as the raw string. A million-row file then costs tens of megabytes, not hundreds.
 */
export interface Table {
  header: string[];
  rowCount: number;
  /** 1-based line of each data row */
  lineByRow: Uint32Array;
  delimiter: string;
  /** true when numbers use a decimal comma (`;`-delimited files from European spreadsheets) */
  decimalComma: boolean;
  /** raw cell: a number when it is a plain decimal, else the string (undefined past the row's end) */
  cell(column: number, row: number): number | string | undefined;
}

/**
 * Shapes of a table that no planner makes by accident: a file beyond them is refused with a message
 * before its rows are read, instead of exhausting memory.
 */
export interface TableLimits {
  /** most columns in the header row */
  maxColumns: number;
  /** most characters on one line (between two line breaks) */
  maxLineChars: number;
}

export const DEFAULT_TABLE_LIMITS: Readonly<TableLimits> = Object.freeze({
  maxColumns: 2_000,
  maxLineChars: 1_000_000,
});

export interface ParseTableOptions {
  /** overrides of DEFAULT_TABLE_LIMITS; a missing or non-positive value keeps the default */
  limits?: Partial<TableLimits>;
}

/** A table, or why the text is not one: `error` is the English text of `problem`. */
export type ParseTableResult = { table: Table } | TableFailure;
export interface TableFailure { error: string; problem: Coded; line?: number; field?: string }

const fail = (code: string, params: Coded['params'], text: string, line?: number, field?: string): TableFailure => ({ error: text, problem: coded(code, params, text), line, field });
const EMPTY = () => fail('csvEmpty', {}, 'file is empty; expected a header row and data rows');

const LF = 10, CR = 13, QUOTE = 34, NUL = 0, SPACE = 32, TAB = 9;

/**
 * Parses CSV text with the habits of real files: UTF-8 BOM, `,` `;` tab or `|` delimiters,
 * quoted fields with delimiters, quotes and newlines, and any line ending on any line (CRLF, LF or a
 * lone CR, mixed in one file). Blank lines are skipped; every other line is a row. Returns an error
 * message instead of throwing.
 * @example parseTable('id;name\n1;"A; B"').table.header // ['id', 'name']
 */
export function parseTable(text: string, options: ParseTableOptions = {}): ParseTableResult {
  const limits = resolveTableLimits(options.limits);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') return EMPTY();
  // the delimiter is guessed from the first non-blank line; a line too long to be a header is
  // refused before anything reads it whole
  let first = 0, firstLine = 1;
  for (let c = text.charCodeAt(0); c === LF || c === CR || c === SPACE || c === TAB; c = text.charCodeAt(++first)) {
    if (c === LF || (c === CR && text.charCodeAt(first + 1) !== LF)) firstLine++;
  }
  const firstEnd = lineEnd(text, first, limits.maxLineChars + 1);
  if (firstEnd < 0) return tooLong(firstLine, limits);
  const delimiter = guessDelimiter(text.slice(first, firstEnd));
  const decimalComma = delimiter === ';' && looksDecimalComma(sampleRows(text, delimiter, limits));

  let header: string[] | null = null;
  let capacity = 0;
  let nums: (Float64Array | null)[] = [];
  let strs: (string | undefined)[][] = [];
  let lineByRow = new Uint32Array(0);
  let rowCount = 0;
  let failure: TableFailure | null = null;

  const err = readRows(text, delimiter, limits, (row, line, columns) => {
    if (!header) {
      if (columns > limits.maxColumns) {
        failure = fail('csvTooManyColumns', { count: columns, max: limits.maxColumns, delimiter: printable(delimiter) }, `the header has ${grouped(columns)} columns, more than the ${grouped(limits.maxColumns)} allowed; expected a table with one column per field (is the delimiter "${printable(delimiter)}" right?)`, line);
        return false;
      }
      header = row.map((h) => h.trim());
      nums = header.map(() => null);
      strs = header.map(() => []);
      return header.length;
    }
    // storage grows with the rows actually read: blank lines and a long header cost nothing
    if (rowCount === capacity) {
      capacity = Math.max(256, capacity * 2);
      const lines = new Uint32Array(capacity);
      lines.set(lineByRow);
      lineByRow = lines;
      for (let k = 0; k < nums.length; k++) if (nums[k]) nums[k] = grow(nums[k]!, capacity);
    }
    const i = rowCount++;
    lineByRow[i] = line;
    // a short row leaves its missing cells undefined, a long row's extra cells are ignored
    const n = Math.min(row.length, header.length);
    for (let k = 0; k < n; k++) {
      const v = decimalComma ? NaN : plainNumber(row[k]);
      if (v === v) (nums[k] ??= new Float64Array(capacity).fill(NaN))[i] = v;
      else strs[k][i] = row[k];
    }
    return header.length;
  });
  if (failure) return failure;
  if (err) {
    const h = header as string[] | null;
    if (err.kind === 'nul') {
      const field = h ? (h[err.column] || `column ${err.column + 1}`) : `column ${err.column + 1}`;
      const text = `${h ? `field "${field}"` : `header, column ${err.column + 1}`}: contains a NUL byte (\\x00); expected text (is the file damaged, or saved as UTF-16?)`;
      return h ? fail('csvNulField', { field }, text, err.line, field) : fail('csvNulHeader', { column: err.column + 1 }, text, err.line);
    }
    if (err.kind === 'long') return tooLong(err.line, limits, err.inQuote);
    if (err.kind === 'unclosed') return fail('csvUnclosedQuote', {}, 'quoted field unterminated; expected every opening quote to be closed', err.line);
    return fail('csvAfterQuote', {}, 'text after the closing quote of a quoted field; expected a delimiter or the end of the line after it (write a quote inside quotes as "")', err.line);
  }
  if (!header) return EMPTY();
  const h = header as string[];
  if (h.length < 2) return fail('csvOneColumn', { delimiter: printable(delimiter) }, `only one column found (delimiter "${printable(delimiter)}"); expected a delimited table with a header row`);
  const numsF = nums, strsF = strs;
  return {
    table: {
      header: h, rowCount, lineByRow: lineByRow.slice(0, rowCount), delimiter, decimalComma,
      cell: (k, i) => {
        const col = numsF[k];
        const v = col ? col[i] : NaN;
        return v === v ? v : strsF[k][i];
      },
    },
  };
}

/** The defaults with the given overrides; a missing, non-positive or non-numeric override keeps the default. */
export function resolveTableLimits(limits?: Partial<TableLimits>): TableLimits {
  const out = { ...DEFAULT_TABLE_LIMITS };
  for (const k of Object.keys(out) as (keyof TableLimits)[]) {
    const v = limits?.[k];
    if (typeof v === 'number' && v > 0) out[k] = v;
  }
  return out;
}

type ReadError =
  | { kind: 'nul'; line: number; column: number }
  | { kind: 'long'; line: number; inQuote: boolean }
  | { kind: 'unclosed'; line: number }
  | { kind: 'badQuote'; line: number };

/**
 * Splits text into rows of cells, one pass, with the line ending read at each line: `\r\n`, `\n`
 * and a lone `\r` each end a line (inside quotes they are kept in the value and still counted as a
 * line, so line numbers match an editor's). Blank rows (only whitespace) are skipped.
 * `onRow(cells, line, columns)` gets each row, its first line and its number of cells; it returns
 * false to stop, or how many cells to keep of the next rows (the rest are counted, not stored; the
 * header keeps one more than the column limit).
 */
function readRows(
  text: string, delimiter: string, limits: TableLimits,
  onRow: (cells: string[], line: number, columns: number) => number | false,
): ReadError | null {
  const n = text.length, d = delimiter.charCodeAt(0), max = limits.maxLineChars;
  let keep = limits.maxColumns + 1;
  let i = 0, line = 1, lineStart = 0;
  let row: string[] = [], column = 0, rowLine = 1;
  for (;;) {
    let value: string;
    if (i < n && text.charCodeAt(i) === QUOTE) {
      const openLine = line;
      let buf = '', seg = ++i;
      for (;;) {
        if (i >= n) return { kind: 'unclosed', line: openLine };
        const c = text.charCodeAt(i);
        if (c === QUOTE) {
          if (text.charCodeAt(i + 1) === QUOTE) { buf += text.slice(seg, i + 1); i += 2; seg = i; continue; }
          buf += text.slice(seg, i);
          i++;
          break;
        }
        if (c === LF || c === CR) {
          if (c === CR && text.charCodeAt(i + 1) === LF) i++;
          line++;
          lineStart = i + 1;
        } else if (c === NUL) return { kind: 'nul', line, column };
        i++;
        if (i - lineStart > max) return { kind: 'long', line, inQuote: true };
      }
      // spaces between the closing quote and the delimiter are tolerated
      while (i < n && d !== SPACE && (text.charCodeAt(i) === SPACE || (d !== TAB && text.charCodeAt(i) === TAB))) i++;
      if (i < n) {
        const c = text.charCodeAt(i);
        if (c !== d && c !== LF && c !== CR) return { kind: 'badQuote', line };
      }
      value = buf;
    } else {
      const start = i;
      for (; i < n; i++) {
        const c = text.charCodeAt(i);
        if (c === d || c === LF || c === CR) break;
        if (c === NUL) return { kind: 'nul', line, column };
        if (i - lineStart >= max) return { kind: 'long', line, inQuote: false };
      }
      value = text.slice(start, i);
    }
    if (column < keep) row.push(value);
    column++;
    if (i < n && text.charCodeAt(i) === d) {
      i++;
      if (i - lineStart > max) return { kind: 'long', line, inQuote: false };
      continue;
    }
    // end of the row: a line break or the end of the text
    if (!isBlank(row)) {
      const next = onRow(row, rowLine, column);
      if (next === false) return null;
      keep = next;
    }
    if (i >= n) return null;
    if (text.charCodeAt(i) === CR && text.charCodeAt(i + 1) === LF) i++;
    i++;
    line++;
    lineStart = i;
    rowLine = line;
    row = [];
    column = 0;
    if (i >= n) return null;
  }
}

function isBlank(row: string[]): boolean {
  for (const c of row) if (c.length && c.trim() !== '') return false;
  return true;
}

/** Index of the first line break at or after `from`, the text's length when none, -1 when none within `max` characters. */
function lineEnd(text: string, from: number, max: number): number {
  const end = Math.min(text.length, from + max);
  for (let i = from; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === LF || c === CR) return i;
  }
  return end === text.length ? end : -1;
}

function tooLong(line: number, limits: TableLimits, inQuote = false): TableFailure {
  const mb = `${(limits.maxLineChars / 1e6).toLocaleString('en', { maximumFractionDigits: 1 })} MB`;
  const params = { count: limits.maxLineChars, mb: Math.round(limits.maxLineChars / 1e5) / 10 };
  return inQuote
    ? fail('csvQuoteTooLong', params, `a quoted field runs past ${grouped(limits.maxLineChars)} characters (${mb}) on one line; expected every opening quote to be closed`, line)
    : fail('csvLineTooLong', params, `line longer than ${grouped(limits.maxLineChars)} characters (${mb}); expected a delimited table with one record per line (is this a CSV file?)`, line);
}

/** The first rows (header included) of the first 64 KB, for guessing number formats. */
function sampleRows(text: string, delimiter: string, limits: TableLimits): string[][] {
  const rows: string[][] = [];
  readRows(text.slice(0, 1 << 16), delimiter, limits, (row) => (rows.push(row), rows.length > 200 ? false : limits.maxColumns + 1));
  return rows.slice(1);
}

function grow(a: Float64Array, capacity: number): Float64Array {
  const b = new Float64Array(capacity);
  b.set(a);
  b.fill(NaN, a.length);
  return b;
}

/** 1234567 -> "1,234,567" */
function grouped(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function printable(delimiter: string): string {
  return delimiter === '\t' ? '\\t' : delimiter;
}

/** A plain decimal ("12", "-3.5", "1e3") as a number; NaN for anything else, including "007"-style ids. */
function plainNumber(s: string): number {
  const n = s.length;
  if (n === 0 || n > 24) return NaN;
  const c0 = s.charCodeAt(0), cl = s.charCodeAt(n - 1);
  if (!((c0 >= 48 && c0 <= 57) || c0 === 45) || !(cl >= 48 && cl <= 57)) return NaN;
  // leading zeros are identifiers, not numbers: keep the text
  if (c0 === 48 && n > 1 && s.charCodeAt(1) !== 46) return NaN;
  if (c0 === 45 && s.charCodeAt(1) === 48 && n > 2 && s.charCodeAt(2) !== 46) return NaN;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 120 || c === 88 || c === 32) return NaN; // hex, spaces
  }
  return +s;
}

function guessDelimiter(line: string): string {
  let best = ',', bestCount = 0;
  for (const d of [',', ';', '\t', '|']) {
    let inQuote = false, count = 0;
    for (const ch of line) {
      if (ch === '"') inQuote = !inQuote;
      else if (ch === d && !inQuote) count++;
    }
    if (count > bestCount) { best = d; bestCount = count; }
  }
  return best;
}

function looksDecimalComma(rows: string[][]): boolean {
  for (const r of rows) for (const c of r) if (/^\s*-?\d+,\d+\s*$/.test(c)) return true;
  return false;
}

/**
 * Reads a number from a cell. Returns null for an empty cell and NaN for text that is not a number.
 * With `decimalComma`, "1.234,5" and "1234,5" read as 1234.5.
 * @example parseNumber('12,5', true) // 12.5
 */
export function parseNumber(raw: string | undefined, decimalComma: boolean): number | null {
  if (raw === undefined) return null;
  let s = raw.trim();
  if (s === '') return null;
  if (decimalComma) s = s.replace(/\.(?=\d{3}(\D|$))/g, '').replace(',', '.');
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return NaN;
  return Number(s);
}

/** Lower-case, trimmed, with spaces and hyphens as underscores: how column names are matched. */
export function normalizeName(name: string): string {
  return name.trim().toLowerCase().replace(/[\s\-.]+/g, '_');
}
