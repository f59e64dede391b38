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
    const f = this.features++;
    if (geometryType !== 'LineString' && geometryType !== 'MultiLineString') {
      this.n = this.featureStartPoint;
      this.lineCount = this.featureStartLine;
      this.notLines++;
      if (this.firstNotLine < 0) this.firstNotLine = f;
      return;
    }
    const p = props !== null && typeof props === 'object' ? (props as Record<string, unknown>) : {};
    const field = this.classField ?? CLASS_FIELDS.find((k) => k in p);
    const cls = field ? String(p[field] ?? '') : '';
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
 * Lines of a GeoJSON text without building its objects: coordinates go straight into typed arrays
 * (a 130 MB network is read without a hundred million small arrays). Null when the text is not a
 * FeatureCollection this reader follows; the caller then parses it the ordinary way for the message.
 */
export function linesOfText(text: string, classField?: string): RoadLines | null {
  const s = text, n = s.length;
  let i = 0;
  const c = new LineCollector(classField);
  const fail = (): never => { throw SYNTAX; };
  const ws = () => { for (;;) { const ch = s.charCodeAt(i); if (ch === 32 || ch === 10 || ch === 13 || ch === 9) i++; else break; } };
  const expect = (ch: number) => { ws(); if (s.charCodeAt(i) !== ch) fail(); i++; };
  const str = (): string => {
    ws();
    if (s.charCodeAt(i) !== 34) fail();
    const start = ++i;
    let escaped = false;
    for (; i < n; i++) {
      const ch = s.charCodeAt(i);
      if (ch === 92) { escaped = true; i++; continue; }
      if (ch === 34) break;
    }
    if (i >= n) fail();
    const raw = s.slice(start, i++);
    return escaped ? (JSON.parse(`"${raw}"`) as string) : raw;
  };
  const num = (): number => {
    ws();
    const start = i;
    // plain decimals of up to 15 digits: mantissa / 10^k is one correctly rounded division, as Number() gives
    let neg = false, m = 0, digits = 0, frac = -1;
    if (s.charCodeAt(i) === 45) { neg = true; i++; }
    for (; i < n; i++) {
      const ch = s.charCodeAt(i);
      if (ch >= 48 && ch <= 57) { m = m * 10 + (ch - 48); digits++; if (frac >= 0) frac++; } else if (ch === 46 && frac < 0) frac = 0; else break;
    }
    const ch = s.charCodeAt(i);
    if (digits > 0 && digits <= 15 && ch !== 101 && ch !== 69) { const v = frac > 0 ? m / POW10[frac] : m; return neg ? -v : v; }
    for (; i < n; i++) { const d = s.charCodeAt(i); if (!((d >= 48 && d <= 57) || d === 45 || d === 43 || d === 46 || d === 101 || d === 69)) break; }
    if (i === start) fail();
    const v = Number(s.slice(start, i));
    if (Number.isNaN(v)) fail();
    return v;
  };
  /** any JSON value, built (properties and other small parts) */
  const value = (): unknown => {
    ws();
    const ch = s.charCodeAt(i);
    if (ch === 123) {
      i++;
      const o: Record<string, unknown> = {};
      ws();
      if (s.charCodeAt(i) === 125) { i++; return o; }
      for (;;) {
        const k = str(); expect(58);
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
    if (ch === 34) return str();
    if (s.startsWith('true', i)) { i += 4; return true; }
    if (s.startsWith('false', i)) { i += 5; return false; }
    if (s.startsWith('null', i)) { i += 4; return null; }
    return num();
  };
  /** coordinates at any depth: an array of numbers is a position; an array of positions is a line */
  const coords = (): void => {
    expect(91);
    ws();
    if (s.charCodeAt(i) === 93) { i++; return; }
    const ch = s.charCodeAt(i);
    if (ch !== 91) {
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
  const geometry = (): unknown => {
    ws();
    if (s.startsWith('null', i)) { i += 4; return null; }
    expect(123);
    let type: unknown = null;
    ws();
    if (s.charCodeAt(i) === 125) { i++; return null; }
    for (;;) {
      const k = str(); expect(58);
      if (k === 'coordinates') coords(); else { const v = value(); if (k === 'type') type = v; }
      ws();
      const d = s.charCodeAt(i++);
      if (d === 125) return type;
      if (d !== 44) fail();
    }
  };
  const feature = (): void => {
    expect(123);
    c.beginFeature();
    let type: unknown = null, props: unknown = null;
    ws();
    if (s.charCodeAt(i) !== 125) {
      for (;;) {
        const k = str(); expect(58);
        if (k === 'geometry') type = geometry(); else { const v = value(); if (k === 'properties') props = v; }
        ws();
        const d = s.charCodeAt(i++);
        if (d === 125) break;
        if (d !== 44) fail();
      }
    } else i++;
    c.endFeature(type, props);
  };
  try {
    if (s.charCodeAt(0) === 0xfeff) i = 1;
    expect(123);
    let sawFeatures = false;
    ws();
    if (s.charCodeAt(i) === 125) return null;
    for (;;) {
      const k = str(); expect(58);
      if (k === 'features') {
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
      } else value();
      ws();
      const d = s.charCodeAt(i++);
      if (d === 125) break;
      if (d !== 44) fail();
    }
    ws();
    if (i < n || !sawFeatures) return null;
    return c.done();
  } catch (e) {
    if (e === SYNTAX) return null;
    throw e;
  }
}

const SYNTAX = new Error('syntax');
const POW10 = Array.from({ length: 16 }, (_, k) => 10 ** k);
