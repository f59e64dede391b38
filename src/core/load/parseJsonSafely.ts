import { DEFAULT_LOAD_LIMITS, megabytes, resolveLimits, type LoadLimits } from './limits';
import { coded, type Coded, type ProblemLog } from './problems';

export { DEFAULT_LOAD_LIMITS, type LoadLimits, type LoadOptions } from './limits';

/** Why a JSON text is refused: `field` is the JSON path where it happens, when there is one. */
export interface JsonRefusal { field?: string; message: string; code: string; params: Record<string, string | number> }

/** path components shown in messages; deeper ones are elided */
const PATH_SHOWN = 6;

/**
 * Checks a JSON text's size and nesting without parsing it: JSON.parse itself copes with deep
 * nesting, but every recursive walk after it (JSON.stringify in a message, structured clone to a
 * worker) overflows the stack. Brackets inside strings are not counted. Syntax errors are left to
 * JSON.parse. Returns null when the text may be parsed.
 * @example checkJsonText('[[[1]]]', { maxJsonDepth: 2 }) // { field: '[0][0]', message: 'nests arrays/objects more than 2 levels deep; ...' }
 */
export function checkJsonText(text: string, limits?: Partial<LoadLimits>): JsonRefusal | null {
  const { maxJsonDepth, maxJsonBytes } = resolveLimits(limits);
  if (text.length > maxJsonBytes) {
    return { message: `is ${megabytes(text.length)} of text; the limit for a JSON file is ${megabytes(maxJsonBytes)}: clip it to the district or simplify the polygons`, code: 'jsonTooLarge', params: { bytes: text.length, limitBytes: maxJsonBytes } };
  }
  // per open container (1-based depth): array or object, element index, last key, key expected next
  const isArray: boolean[] = [false], index: number[] = [0], key: string[] = [''], wantKey: boolean[] = [false];
  let depth = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) { // a string: find its closing quote, one not escaped by an odd run of backslashes
      let j = text.indexOf('"', i + 1);
      while (j !== -1) {
        let slashes = 0;
        while (text.charCodeAt(j - 1 - slashes) === 0x5c) slashes++;
        if (slashes % 2 === 0) break;
        j = text.indexOf('"', j + 1);
      }
      if (j === -1) return null; // unterminated: JSON.parse says so
      if (depth > 0 && !isArray[depth] && wantKey[depth]) {
        wantKey[depth] = false;
        if (depth <= PATH_SHOWN) key[depth] = text.slice(i + 1, Math.min(j, i + 41));
      }
      i = j;
    } else if (c === 0x7b || c === 0x5b) { // { [
      if (depth === maxJsonDepth) {
        return { field: pathOf(depth, isArray, index, key), message: `nests arrays/objects more than ${maxJsonDepth} levels deep; GeoJSON needs about 8, so the file is refused`, code: 'jsonTooDeep', params: { depth: maxJsonDepth } };
      }
      depth++;
      isArray[depth] = c === 0x5b; index[depth] = 0; key[depth] = ''; wantKey[depth] = c === 0x7b;
    } else if (c === 0x7d || c === 0x5d) { // } ]
      if (depth > 0) depth--;
    } else if (c === 0x2c && depth > 0) { // ,
      if (isArray[depth]) index[depth]++;
      else wantKey[depth] = true;
    }
  }
  return null;
}

function pathOf(depth: number, isArray: boolean[], index: number[], key: string[]): string {
  let p = '';
  for (let d = 1; d <= Math.min(depth, PATH_SHOWN); d++) {
    if (isArray[d]) p += `[${index[d]}]`;
    else p += (p ? '.' : '') + (key[d] || '?');
  }
  return depth > PATH_SHOWN ? `${p}…` : p || '(top level)';
}

/**
 * JSON.parse behind the size and nesting checks of checkJsonText, with a leading BOM dropped.
 * Never throws: a refusal or a syntax error comes back as a message of one line.
 * @example parseJsonSafely('{"a":1}') // { ok: true, value: { a: 1 } }
 */
export function parseJsonSafely(text: string, limits?: Partial<LoadLimits>): ({ ok: true; value: unknown }) | ({ ok: false } & JsonRefusal) {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const refused = checkJsonText(text, limits);
  if (refused) return { ok: false, ...refused };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    const detail = String((e as Error).message).replace(/\s+/g, ' ');
    return { ok: false, message: `not valid JSON (${detail})`, code: 'jsonSyntax', params: { detail } };
  }
}

const KIND_OF_START: Record<string, string> = { '[': 'an array', '"': 'a string', t: 'true', f: 'false', n: 'null' };

/**
 * For the GeoJSON loaders, before the text is parsed: refuses (into `log`) text that is too large,
 * nested too deep, or whose top level is not an object. Returns false when refused.
 * Empty text and syntax errors are left to the parser's messages.
 */
export function guardGeoJsonText(text: string, log: ProblemLog, limits: Partial<LoadLimits> = DEFAULT_LOAD_LIMITS): boolean {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const refused = checkJsonText(text, limits);
  if (refused) {
    log.error({}, refused.field, refusal(refused));
    return false;
  }
  const start = /\S/.exec(text.slice(0, 1000));
  if (!start || start[0] === '{') return true;
  // not an object: never GeoJSON. Parsing tells a JSON value from text that is no JSON at all.
  const parsed = parseJsonSafely(text, limits);
  if (!parsed.ok) {
    log.error({}, parsed.field, parsed.code === 'jsonSyntax' ? coded('notJson', parsed.params, `${parsed.message}; expected a GeoJSON FeatureCollection`) : refusal(parsed));
    return false;
  }
  const kind = KIND_OF_START[start[0]] ?? 'a number';
  log.error({}, undefined, coded('notJsonObject', { kind: start[0] === '"' ? 'string' : start[0] === '[' ? 'array' : 'value', value: kind }, `holds ${kind}, not a JSON object; expected a GeoJSON FeatureCollection ({"type": "FeatureCollection", "features": [...]})`));
  return false;
}

/** A refusal as a coded message. */
export function refusal(r: JsonRefusal): Coded {
  return coded(r.code, r.params, r.message);
}
