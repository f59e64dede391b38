/**
 * Road lines as flat arrays: every line's points in x/y, line k from lineStart[k] to lineStart[k+1],
 * its road class, and the features that were not lines. What the graph is built from, whether the
 * GeoJSON came as an object or as text.
 */
export interface RoadLines {
  x: Float64Array;
  y: Float64Array;
  lineStart: Int32Array;
  /** class of each line (index into classNames) */
  lineClass: Int32Array;
  classNames: string[];
  features: number;
  notLines: number;
  firstNotLine: number;
}

export const CLASS_FIELDS = ['road_function', 'highway', 'class', 'fclass', 'type', 'road_class'];

/** Collects lines; the class of a feature comes from its properties. */
export class LineCollector {
  private xs = new Float64Array(1 << 16);
  private ys = new Float64Array(1 << 16);
  private n = 0;
  private starts = new Int32Array(1 << 12);
  private lineCount = 0;
  private classes = new Int32Array(1 << 12);
  private classIds = new Map<string, number>();
  features = 0;
  notLines = 0;
  firstNotLine = -1;
  /** points of the feature being read, committed when it is known to be a line feature */
  private featureStartPoint = 0;
  private featureStartLine = 0;
  constructor(private classField?: string) {}

  beginFeature(): void { this.featureStartPoint = this.n; this.featureStartLine = this.lineCount; }
  point(x: number, y: number): void {
    if (this.n === this.xs.length) {
      const nx = new Float64Array(this.n * 2), ny = new Float64Array(this.n * 2);
      nx.set(this.xs); ny.set(this.ys); this.xs = nx; this.ys = ny;
    }
    this.xs[this.n] = x; this.ys[this.n++] = y;
  }
  endLine(): void {
    if (this.n <= this.starts[this.lineCount]) return;
    if (this.lineCount + 2 >= this.starts.length) { const b = new Int32Array(this.starts.length * 2); b.set(this.starts); this.starts = b; }
    this.starts[++this.lineCount] = this.n;
  }
  /** keeps the feature's lines when its geometry is a LineString or MultiLineString, else drops them and counts it */
  endFeature(geometryType: unknown, props: unknown): void {
    const isLine = geometryType === 'LineString' || geometryType === 'MultiLineString';
    let cls = '';
    if (isLine) {
      const p = props !== null && typeof props === 'object' ? (props as Record<string, unknown>) : {};
      const field = this.classField ?? CLASS_FIELDS.find((k) => k in p);
      cls = field ? String(p[field] ?? '') : '';
    }
    this.endFeatureAs(isLine, cls);
  }
  /** the same with the class already read (the text reader) */
  endFeatureAs(isLine: boolean, cls: string): void {
    const f = this.features++;
    if (!isLine) {
      this.n = this.featureStartPoint;
      this.lineCount = this.featureStartLine;
      this.notLines++;
      if (this.firstNotLine < 0) this.firstNotLine = f;
      return;
    }
    let id = this.classIds.get(cls);
    if (id === undefined) { id = this.classIds.size; this.classIds.set(cls, id); }
    if (this.classes.length < this.starts.length) { const b = new Int32Array(this.starts.length); b.set(this.classes); this.classes = b; }
    for (let k = this.featureStartLine; k < this.lineCount; k++) this.classes[k] = id;
  }
  done(): RoadLines {
    return {
      x: this.xs.slice(0, this.n), y: this.ys.slice(0, this.n), lineStart: this.starts.slice(0, this.lineCount + 1), lineClass: this.classes.slice(0, this.lineCount),
      classNames: [...this.classIds.keys()], features: this.features, notLines: this.notLines, firstNotLine: this.firstNotLine,
    };
  }
}

/** Lines of a parsed GeoJSON FeatureCollection, or null when it is not one. */
export function linesOfObject(fc: unknown, classField?: string): RoadLines | null {
  const features = (fc as { features?: unknown })?.features;
  if (!Array.isArray(features)) return null;
  const c = new LineCollector(classField);
  for (const feat of features as { properties?: unknown; geometry?: { type?: unknown; coordinates?: unknown } }[]) {
    c.beginFeature();
    const g = feat?.geometry;
    const lines = g?.type === 'LineString' ? [g.coordinates] : g?.type === 'MultiLineString' ? (g.coordinates as unknown[]) : null;
    if (Array.isArray(lines)) {
      for (const line of lines) {
        if (!Array.isArray(line)) continue;
        for (const p of line) {
          if (Array.isArray(p)) c.point(Number(p[0]), Number(p[1])); else c.point(NaN, NaN);
        }
        c.endLine();
      }
    }
    c.endFeature(Array.isArray(lines) ? g!.type : null, feat?.properties);
  }
  return c.done();
}

/**
 * Lines of a GeoJSON text without building its objects: coordinates go straight into typed arrays and
 * only each feature's road class is read from its properties (a 130 MB network is read without a
 * hundred million small arrays or a million property objects). Null when the text is not valid JSON
 * or not a FeatureCollection this reader follows; the caller then parses it the ordinary way for the message.
 */
export function linesOfText(text: string, classField?: string): RoadLines | null {
  const s = text, n = s.length;
  const c = new LineCollector(classField);
  const fields = classField !== undefined ? [classField] : CLASS_FIELDS;
  // the scanners keep the position in local variables and store it once: the closure's `i` is memory
  let i = 0;
  // the string scanned last: s[strStart, strEnd), raw, and whether it holds escapes
  let strStart = 0, strEnd = 0, strEscaped = false;
  const fail = (): never => { throw SYNTAX; };
  const ws = () => { let j = i; for (;;) { const ch = s.charCodeAt(j); if (ch === 32 || ch === 10 || ch === 13 || ch === 9) j++; else break; } i = j; };
  const expect = (ch: number) => { ws(); if (s.charCodeAt(i) !== ch) fail(); i++; };
  const scanString = (): void => {
    ws();
    let j = i;
    if (s.charCodeAt(j) !== 34) fail();
    const start = ++j;
    let escaped = false;
    for (;;) {
      if (j >= n) fail();
      const ch = s.charCodeAt(j);
      if (ch === 34) break;
      if (ch === 92) { escaped = true; j += 2; continue; }
      if (ch < 32) fail(); // JSON has no raw control characters in strings
      j++;
    }
    strStart = start; strEnd = j; strEscaped = escaped; i = j + 1;
  };
  /** the string scanned last, its escapes decoded */
  const decoded = (): string => {
    const raw = s.slice(strStart, strEnd);
    if (!strEscaped) return raw;
    try { return JSON.parse(`"${raw}"`) as string; } catch { return fail(); }
  };
  /**
   * Reads a string that is one of `words` (no backslash in them): its index, or -1 for another string.
   * The usual keys and types are matched in place, without scanning them character by character.
   */
  const oneOf = (words: readonly string[]): number => {
    ws();
    if (s.charCodeAt(i) !== 34) fail();
    for (let k = 0; k < words.length; k++) {
      const w = words[k];
      if (s.charCodeAt(i + 1 + w.length) === 34 && s.startsWith(w, i + 1)) { i += w.length + 2; return k; }
    }
    scanString();
    return strEscaped ? words.indexOf(decoded()) : -1;
  };
  const num = (): number => {
    ws();
    const start = i;
    let j = i;
    // plain decimals of up to 15 digits: mantissa / 10^k is one correctly rounded division, as Number() gives
    let neg = false, m = 0, digits = 0, frac = -1;
    if (s.charCodeAt(j) === 45) { neg = true; j++; }
    const first = s.charCodeAt(j), second = s.charCodeAt(j + 1);
    for (; j < n; j++) {
      const ch = s.charCodeAt(j);
      if (ch >= 48 && ch <= 57) { m = m * 10 + (ch - 48); digits++; if (frac >= 0) frac++; } else if (ch === 46 && frac < 0) frac = 0; else break;
    }
    const next = s.charCodeAt(j);
    const plain = first >= 48 && first <= 57 && !(first === 48 && second >= 48 && second <= 57) && frac !== 0;
    if (plain && digits <= 15 && next !== 101 && next !== 69) { i = j; const v = frac > 0 ? m / POW10[frac] : m; return neg ? -v : v; }
    NUMBER.lastIndex = start;
    const match = NUMBER.exec(s);
    if (!match) fail();
    i = start + match![0].length;
    return Number(match![0]);
  };
  const literal = (): unknown => {
    ws();
    if (s.startsWith('true', i)) { i += 4; return true; }
    if (s.startsWith('false', i)) { i += 5; return false; }
    if (s.startsWith('null', i)) { i += 4; return null; }
    return num();
  };
  /** any JSON value, built (a class that is not a string) */
  const value = (): unknown => {
    ws();
    const ch = s.charCodeAt(i);
    if (ch === 123) {
      i++;
      const o: Record<string, unknown> = {};
      ws();
      if (s.charCodeAt(i) === 125) { i++; return o; }
      for (;;) {
        scanString();
        const k = decoded();
        expect(58);
        const v = value();
        if (k !== '__proto__') o[k] = v;
        ws();
        const d = s.charCodeAt(i++);
        if (d === 125) return o;
        if (d !== 44) fail();
      }
    }
    if (ch === 91) {
      i++;
      const a: unknown[] = [];
      ws();
      if (s.charCodeAt(i) === 93) { i++; return a; }
      for (;;) {
        a.push(value());
        ws();
        const d = s.charCodeAt(i++);
        if (d === 93) return a;
        if (d !== 44) fail();
      }
    }
    if (ch === 34) { scanString(); return decoded(); }
    return literal();
  };
  /** any JSON value, checked and passed over without building it */
  const skip = (): void => {
    ws();
    const ch = s.charCodeAt(i);
    if (ch === 34) { scanString(); if (strEscaped) decoded(); return; }
    if (ch === 123 || ch === 91) {
      const close = ch === 123 ? 125 : 93;
      i++;
      ws();
      if (s.charCodeAt(i) === close) { i++; return; }
      for (;;) {
        if (close === 125) { scanString(); if (strEscaped) decoded(); expect(58); }
        skip();
        ws();
        const d = s.charCodeAt(i++);
        if (d === close) return;
        if (d !== 44) fail();
      }
    }
    literal();
  };
  /** coordinates at any depth: an array of numbers is a position; an array of positions is a line */
  const coords = (): void => {
    expect(91);
    ws();
    if (s.charCodeAt(i) === 93) { i++; return; }
    if (s.charCodeAt(i) !== 91) {
      // a position: its first two numbers
      const x = num(); let y = NaN, k = 1;
      for (;;) {
        ws();
        const d = s.charCodeAt(i++);
        if (d === 93) break;
        if (d !== 44) fail();
        const v = num();
        if (k++ === 1) y = v;
      }
      c.point(x, y);
      return;
    }
    // an array of arrays: a line when its elements are positions (the first element tells)
    let j = i + 1;
    while (s.charCodeAt(j) === 32 || s.charCodeAt(j) === 10 || s.charCodeAt(j) === 13 || s.charCodeAt(j) === 9) j++;
    const isLine = s.charCodeAt(j) !== 91;
    for (;;) {
      coords();
      ws();
      const d = s.charCodeAt(i++);
      if (d === 93) break;
      if (d !== 44) fail();
    }
    if (isLine) c.endLine();
  };
  /** reads a geometry's coordinates; whether it is a LineString or MultiLineString */
  const geometry = (): boolean => {
    ws();
    if (s.startsWith('null', i)) { i += 4; return false; }
    expect(123);
    let line = false;
    ws();
    if (s.charCodeAt(i) === 125) { i++; return false; }
    for (;;) {
      const key = oneOf(GEOMETRY_KEYS);
      expect(58);
      if (key === 0) coords();
      else if (key === 1) {
        ws();
        if (s.charCodeAt(i) === 34) line = oneOf(LINE_TYPES) >= 0; else { skip(); line = false; }
      } else skip();
      ws();
      const d = s.charCodeAt(i++);
      if (d === 125) return line;
      if (d !== 44) fail();
    }
  };
  // class names met so far, compared in place: a million features do not make a million strings
  const seen: string[] = [];
  const className = (): string => {
    ws();
    if (s.charCodeAt(i) !== 34) { const v = value(); return String(v ?? ''); }
    scanString();
    if (strEscaped) return decoded();
    const len = strEnd - strStart;
    for (let k = 0; k < seen.length; k++) { const w = seen[k]; if (w.length === len && s.startsWith(w, strStart)) return w; }
    const w = s.slice(strStart, strEnd);
    if (seen.length < 64) seen.push(w);
    return w;
  };
  /** the road class in a feature's properties: the first of `fields` present, as the object reader takes it */
  const properties = (): string => {
    ws();
    if (s.charCodeAt(i) !== 123) { skip(); return ''; }
    i++;
    let best = fields.length, cls = '';
    ws();
    if (s.charCodeAt(i) === 125) { i++; return ''; }
    for (;;) {
      const f = oneOf(fields);
      expect(58);
      if (f >= 0 && f <= best) { best = f; cls = className(); } else skip();
      ws();
      const d = s.charCodeAt(i++);
      if (d === 125) return cls;
      if (d !== 44) fail();
    }
  };
  const feature = (): void => {
    expect(123);
    c.beginFeature();
    let line = false, cls = '';
    ws();
    if (s.charCodeAt(i) !== 125) {
      for (;;) {
        const key = oneOf(FEATURE_KEYS);
        expect(58);
        if (key === 1) line = geometry(); else if (key === 2) cls = properties(); else skip();
        ws();
        const d = s.charCodeAt(i++);
        if (d === 125) break;
        if (d !== 44) fail();
      }
    } else i++;
    c.endFeatureAs(line, cls);
  };
  try {
    if (s.charCodeAt(0) === 0xfeff) i = 1;
    expect(123);
    let sawFeatures = false;
    ws();
    if (s.charCodeAt(i) === 125) return null;
    for (;;) {
      const isFeatures = oneOf(COLLECTION_KEYS) === 0;
      expect(58);
      if (isFeatures) {
        sawFeatures = true;
        expect(91);
        ws();
        if (s.charCodeAt(i) === 93) i++;
        else for (;;) {
          feature();
          ws();
          const d = s.charCodeAt(i++);
          if (d === 93) break;
          if (d !== 44) fail();
        }
      } else skip();
      ws();
      const d = s.charCodeAt(i++);
      if (d === 125) break;
      if (d !== 44) fail();
    }
    ws();
    if (i < n || !sawFeatures) return null;
    return c.done();
  } catch (e) {
    // a nesting too deep for the stack is left to the ordinary parser's checks too
    if (e === SYNTAX || e instanceof RangeError) return null;
    throw e;
  }
}

const SYNTAX = new Error('syntax');
// keys and values matched in place, the usual first
const FEATURE_KEYS = ['type', 'geometry', 'properties'], GEOMETRY_KEYS = ['coordinates', 'type'], LINE_TYPES = ['LineString', 'MultiLineString'], COLLECTION_KEYS = ['features'];
const POW10 = Array.from({ length: 16 }, (_, k) => 10 ** k);
/** a JSON number (sticky: matched where the reader stands) */
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
