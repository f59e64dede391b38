import Papa from 'papaparse';

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
 * Parses CSV text with the habits of real files: UTF-8 BOM, `,` `;` tab or `|` delimiters,
 * quoted fields with delimiters, quotes and newlines. Returns an error message instead of throwing.
 * @example parseTable('id;name\n1;"A; B"').table.header // ['id', 'name']
 */
export function parseTable(text: string): { table: Table } | { error: string; line?: number } {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') return { error: 'file is empty; expected a header row and data rows' };
  const nl = text.indexOf('\n');
  const firstLine = nl < 0 ? text : text.slice(0, nl);
  const delimiter = guessDelimiter(firstLine);
  const sample = Papa.parse<string[]>(text.slice(0, 1 << 16), { delimiter, skipEmptyLines: 'greedy', preview: 201 }).data;
  const decimalComma = delimiter === ';' && looksDecimalComma(sample.slice(1));
  const quoted = text.includes('"');

  let estimate = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) estimate++;
  let header: string[] | null = null;
  let nums: Float64Array[] = [];
  let strs: (string | undefined)[][] = [];
  let lineByRow = new Uint32Array(estimate);
  let rowCount = 0;
  let line = 1;
  let quoteError: { message: string; line: number } | null = null;
  Papa.parse<string[]>(text, {
    delimiter,
    skipEmptyLines: 'greedy',
    step: (res, parser) => {
      const row = res.data;
      const err = res.errors.find((e) => e.type === 'Quotes');
      if (err) { quoteError = { message: err.message, line }; parser.abort(); return; }
      if (!header) {
        header = row.map((h) => h.trim());
        nums = header.map(() => new Float64Array(estimate).fill(NaN));
        strs = header.map(() => []);
        line += 1 + (quoted ? countNewlines(row) : 0);
        return;
      }
      const i = rowCount++;
      lineByRow[i] = line;
      line += 1 + (quoted ? countNewlines(row) : 0);
      const n = Math.min(row.length, header.length);
      for (let k = 0; k < n; k++) {
        const v = decimalComma ? NaN : plainNumber(row[k]);
        if (v === v) nums[k][i] = v;
        else strs[k][i] = row[k];
      }
      // a short row leaves its missing cells undefined, a long row's extra cells are ignored
      for (let k = n; k < header.length; k++) strs[k][i] = undefined;
    },
  });
  if (quoteError) {
    const q = quoteError as { message: string; line: number };
    return { error: `${q.message.toLowerCase()}; expected every opening quote to be closed`, line: q.line };
  }
  if (!header) return { error: 'file is empty; expected a header row and data rows' };
  const h = header as string[];
  if (h.length < 2) return { error: `only one column found (delimiter "${delimiter}"); expected a delimited table with a header row` };
  lineByRow = lineByRow.slice(0, rowCount);
  const numsF = nums, strsF = strs;
  return {
    table: {
      header: h, rowCount, lineByRow, delimiter, decimalComma,
      cell: (k, i) => {
        const v = numsF[k][i];
        return v === v ? v : strsF[k][i];
      },
    },
  };
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

function countNewlines(cells: string[]): number {
  let n = 0;
  for (const c of cells) for (let i = c.indexOf('\n'); i >= 0; i = c.indexOf('\n', i + 1)) n++;
  return n;
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
