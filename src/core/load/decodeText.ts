import { detectFileKind } from './fileKind';
import { megabytes, resolveLimits } from './limits';
import type { LoadResult, Problem } from './problems';

/** How many of the first bytes are looked at to tell UTF-16 and binary content from text. */
const SAMPLE_BYTES = 4096;

/** The largest text file read: a JavaScript string holds at most about 536 million characters. */
export const MAX_TEXT_BYTES = 500_000_000;

/**
 * The text of an input file (CSV or GeoJSON), or why it cannot be read as text:
 * - UTF-8, with or without a BOM, is read as it is;
 * - UTF-16 (a FF FE / FE FF byte-order mark, or NUL bytes in every other position) is refused:
 *   "UTF-16 is not supported; save as UTF-8";
 * - binary content (NUL bytes that are not UTF-16) is refused;
 * - any other text that is not valid UTF-8 (Latin-1 / Windows-1252 from older spreadsheets, where
 *   "ñ" is the single byte F1) is read as Windows-1252, with a warning naming the file and the line
 *   of the first such byte: never mangled into U+FFFD replacement characters without a word.
 * A stray NUL byte inside a field is left in the text for the table reader, which names its row and field.
 * @example decodeText(new Uint8Array([0x69, 0x64]), 'schools.csv') // { ok: true, value: 'id', problems: [] }
 */
export function decodeText(bytes: Uint8Array, file: string): LoadResult<string> {
  const error = (message: string, code: string, params: Record<string, string | number> = {}): LoadResult<string> => ({ ok: false, problems: [{ severity: 'error', file, message, code, params }] });
  if (bytes.length > MAX_TEXT_BYTES) return error(`is ${megabytes(bytes.length)}; the largest text file that can be read is ${megabytes(MAX_TEXT_BYTES)}: clip it to the district`, 'textTooLarge', { bytes: bytes.length, limitBytes: MAX_TEXT_BYTES });
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    return error(`UTF-16 is not supported; save as UTF-8 (the file starts with a UTF-16 ${bytes[0] === 0xff ? 'little' : 'big'}-endian byte-order mark)`, bytes[0] === 0xff ? 'utf16Le' : 'utf16Be');
  }
  const nul = nulPattern(bytes);
  if (nul.utf16) return error('UTF-16 is not supported; save as UTF-8 (every other byte is NUL: the file looks like UTF-16 without a byte-order mark)', 'utf16NoBom');
  if (nul.binary) return error(`binary content (${nul.count} NUL bytes in the first ${nul.sampled} bytes), not text; expected a UTF-8 CSV or GeoJSON file`, 'binaryText', { count: nul.count, sampled: nul.sampled });
  try {
    return { ok: true, value: new TextDecoder('utf-8', { fatal: true }).decode(bytes), problems: [] };
  } catch {
    const at = firstInvalidUtf8(bytes);
    const line = at >= 0 ? lineAt(bytes, at) : undefined;
    const what = at >= 0 ? `byte 0x${bytes[at].toString(16).toUpperCase().padStart(2, '0')}${line !== undefined ? ` on line ${line}` : ''}` : 'some bytes';
    const warning: Problem = {
      severity: 'warning', file, row: line,
      message: `not valid UTF-8 (${what}); read as Windows-1252 (Western European, Latin-1): check accented names, and save the file as UTF-8 to be sure of them`,
      code: at < 0 ? 'notUtf8' : line !== undefined ? 'notUtf8ByteLine' : 'notUtf8Byte', params: at < 0 ? {} : { byte: `0x${bytes[at].toString(16).toUpperCase().padStart(2, '0')}`, line: line ?? 0 },
    };
    return { ok: true, value: decodeWindows1252(bytes), problems: [warning] };
  }
}

/**
 * The data of a population input: a GeoTIFF stays bytes, a text format is decoded by decodeText.
 * Other binary content, and a GeoJSON beyond the loader's size limit, stay bytes too, for
 * loadPopulation to name them before anything is decoded.
 * @example decodePopulation(bytes, 'population.tif') // { ok: true, value: bytes, problems: [] }
 */
export function decodePopulation(bytes: Uint8Array, file: string): LoadResult<string | Uint8Array> {
  const kind = detectFileKind(file, bytes);
  if (kind === 'geotiff' || (kind === 'geojson' && bytes.length > resolveLimits().maxJsonBytes)) return { ok: true, value: bytes, problems: [] };
  const nul = nulPattern(bytes);
  if (nul.binary && !nul.utf16 && !(bytes[0] === 0xff && bytes[1] === 0xfe) && !(bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { ok: true, value: bytes, problems: [] };
  }
  return decodeText(bytes, file);
}

/**
 * The result of loading decoded text, with the decoding's problems (a Windows-1252 warning) first.
 * @example withDecodeProblems(decoded.problems, loadSchools(file, decoded.value, settings))
 */
export function withDecodeProblems<T>(problems: Problem[], result: LoadResult<T>): LoadResult<T> {
  return problems.length ? { ...result, problems: [...problems, ...result.problems] } : result;
}

/** NUL bytes in the first SAMPLE_BYTES: UTF-16 puts them at one parity (ASCII text), binary files anywhere. */
function nulPattern(bytes: Uint8Array): { utf16: boolean; binary: boolean; count: number; sampled: number } {
  const n = Math.min(bytes.length, SAMPLE_BYTES);
  let even = 0, odd = 0;
  for (let i = 0; i < n; i++) if (bytes[i] === 0) { if (i & 1) odd++; else even++; }
  const count = even + odd, pairs = n >> 1;
  const most = Math.max(even, odd), least = Math.min(even, odd);
  const utf16 = pairs >= 2 && most >= 2 && most * 5 >= pairs && least * 10 <= most;
  // one or two NULs are a damaged field, named by the table reader; more are not text
  return { utf16, binary: count > 2, count, sampled: n };
}

/** Offset of the first byte that does not start or continue a well-formed UTF-8 sequence; -1 when none. */
function firstInvalidUtf8(b: Uint8Array): number {
  const n = b.length;
  for (let i = 0; i < n;) {
    const c = b[i];
    if (c < 0x80) { i++; continue; }
    let len: number, min: number, max = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) { len = 2; min = 0x80; }
    else if (c >= 0xe0 && c <= 0xef) { len = 3; min = c === 0xe0 ? 0xa0 : 0x80; if (c === 0xed) max = 0x9f; }
    else if (c >= 0xf0 && c <= 0xf4) { len = 4; min = c === 0xf0 ? 0x90 : 0x80; if (c === 0xf4) max = 0x8f; }
    else return i;
    if (i + len > n) return i;
    if (b[i + 1] < min || b[i + 1] > max) return i;
    for (let k = 2; k < len; k++) if (b[i + k] < 0x80 || b[i + k] > 0xbf) return i;
    i += len;
  }
  return -1;
}

/** 1-based line of a byte offset; a CRLF, LF or lone CR each end a line. */
function lineAt(b: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) {
    if (b[i] === 0x0a) line++;
    else if (b[i] === 0x0d && b[i + 1] !== 0x0a) line++;
  }
  return line;
}

/** Windows-1252 code points of bytes 0x80..0x9F (WHATWG encoding standard); the rest are Latin-1. */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

/** Bytes as Windows-1252 text, in chunks (no argument list of a million characters). */
function decodeWindows1252(bytes: Uint8Array): string {
  let start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const parts: string[] = [];
  const codes = new Uint16Array(8192);
  while (start < bytes.length) {
    const end = Math.min(bytes.length, start + codes.length);
    for (let i = start; i < end; i++) {
      const c = bytes[i];
      codes[i - start] = c >= 0x80 && c <= 0x9f ? CP1252_HIGH[c - 0x80] : c;
    }
    parts.push(String.fromCharCode(...codes.subarray(0, end - start)));
    start = end;
  }
  return parts.join('');
}
