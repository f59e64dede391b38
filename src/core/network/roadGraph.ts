import Flatbush from 'flatbush';
import { parseJsonSafely, refusal } from '../load/parseJsonSafely';
import { coded, parts, type Problem } from '../load/problems';
import { greatCircleMeters } from '../spatial/sphere';
import { linesOfObject, linesOfText, type RoadLines } from './readRoadLines';

/** Which road classes can be walked. A class that is not walkable is also a barrier: it is never joined. */
export interface NetworkOptions {
  /** property holding the road class (default: road_function, highway, class, fclass, type) */
  classField?: string;
  /** classes that cannot be walked along (default: Motorway); any other class is walkable */
  barriers?: string[];
  /** at most this many edges (default 5,000,000): a larger file is refused, not half-read */
  maxEdges?: number;
}

/**
 * A road network as compact arrays: nodes at shared vertices (coordinates to 1e-7 degree), each
 * line segment an undirected edge with its great-circle length. Adjacency is CSR over both directions.
 */
export interface RoadGraph {
  nodeCount: number;
  lon: Float64Array;
  lat: Float64Array;
  /** edges: endpoints and length in metres */
  edgeA: Int32Array;
  edgeB: Int32Array;
  edgeLength: Float64Array;
  /** for node v, neighbours adjNode[adjStart[v]..adjStart[v+1]] over edges adjEdge[...] */
  adjStart: Int32Array;
  adjNode: Int32Array;
  adjEdge: Int32Array;
  /** connected piece of each node, pieces numbered by size, largest first */
  component: Int32Array;
  componentSizes: number[];
  /** spatial index of the edges (bounding boxes in degrees) */
  index: Flatbush;
  /** length of all walkable edges, metres */
  totalLengthM: number;
  classesSkipped: Record<string, number>;
  /** road class of each edge, an index into classNames ('' where the line had none) */
  edgeClass: Uint16Array;
  classNames: string[];
}

/**
 * Builds the walkable network of a GeoJSON of LineStrings / MultiLineStrings. Problems are reported
 * as `file: field: message` (features that are not lines are listed, never dropped silently).
 * @example buildRoadGraph(fc, 'roads.geojson').graph.nodeCount
 */
export function buildRoadGraph(fc: unknown, file: string, options: NetworkOptions = {}): { graph: RoadGraph | null; problems: Problem[] } {
  const lines = linesOfObject(fc, options.classField);
  if (!lines) return { graph: null, problems: [{ severity: 'error', file, ...parts(coded('roadsNotCollection', {}, 'not a GeoJSON FeatureCollection; expected road lines')) }] };
  return graphOfLines(lines, file, options);
}

/**
 * The same from the file's text, read straight into typed arrays (no object per coordinate): what the
 * CLI and the worker use. Text this reader does not follow is parsed the ordinary way.
 * @example buildRoadGraphFromText(text, 'roads.geojson', { barriers: [] }).graph.edgeA.length
 */
export function buildRoadGraphFromText(text: string, file: string, options: NetworkOptions = {}): { graph: RoadGraph | null; problems: Problem[] } {
  const lines = linesOfText(text, options.classField);
  if (lines) return graphOfLines(lines, file, options);
  const json = parseJsonSafely(text.replace(/^\ufeff/, ''));
  if (!json.ok) return { graph: null, problems: [{ severity: 'error', file, field: json.field, ...parts(refusal(json)) }] };
  return buildRoadGraph(json.value, file, options);
}

function graphOfLines(lines: RoadLines, file: string, options: NetworkOptions): { graph: RoadGraph | null; problems: Problem[] } {
  const problems: Problem[] = [];
  const barriers = new Set((options.barriers ?? ['Motorway', 'motorway', 'motorway_link']).map((x) => x.toLowerCase()));
  const maxEdges = options.maxEdges ?? 5_000_000;
  if (lines.classNames.length > 0xffff) return { graph: null, problems: [{ severity: 'error', file, field: options.classField ?? 'class', ...parts(coded('roadsTooManyClasses', { max: 0xffff }, 'more than 65,535 road classes; expected a class field with a few values')) }] };
  const barrierClass = lines.classNames.map((c) => (c !== '' && barriers.has(c.toLowerCase()) ? 1 : 0));
  const nodes = new VertexTable(lines.x.length);
  // a line of k points has k - 1 segments: the points bound the edges, so the arrays never grow
  const cap = Math.max(1, lines.x.length);
  const EA0 = new Int32Array(cap), EB0 = new Int32Array(cap), EL0 = new Float64Array(cap), EC0 = new Uint16Array(cap);
  let m = 0;
  const skipped: Record<string, number> = {};
  const { x: X, y: Y, lineStart } = lines;
  for (let k = 0; k + 1 < lineStart.length; k++) {
    const cls = lines.lineClass[k];
    if (barrierClass[cls]) { const name = lines.classNames[cls]; skipped[name] = (skipped[name] ?? 0) + 1; continue; }
    let prev = -1, px = 0, py = 0;
    for (let q = lineStart[k]; q < lineStart[k + 1]; q++) {
      const x = X[q], y = Y[q];
      if (!(x >= -180 && x <= 180 && y >= -90 && y <= 90)) { prev = -1; continue; }
      const v = nodes.id(x, y);
      if (prev >= 0 && prev !== v) {
        EA0[m] = prev; EB0[m] = v; EC0[m] = cls; EL0[m++] = greatCircleMeters(px, py, x, y);
        if (m > maxEdges) return { graph: null, problems: [{ severity: 'error', file, ...parts(coded('roadsTooManySegments', { max: maxEdges }, `more than ${maxEdges.toLocaleString('en-GB')} road segments; split the network or raise the limit`)) }] };
      }
      prev = v; px = x; py = y;
    }
  }
  if (lines.notLines) problems.push({ severity: 'warning', file, feature: lines.firstNotLine, field: 'geometry', ...parts(coded('roadsNotLines', { count: lines.notLines }, `${lines.notLines} feature(s) are not LineString or MultiLineString and were left out of the network`)) });
  if (!m) return { graph: null, problems: [...problems, { severity: 'error', file, ...parts(coded('roadsNone', {}, 'no road segments found; expected LineString or MultiLineString features in WGS84 longitude/latitude')) }] };
  const n = nodes.count;
  const LON = nodes.lon.slice(0, n), LAT = nodes.lat.slice(0, n), EA = EA0.slice(0, m), EB = EB0.slice(0, m), EL = EL0.slice(0, m);
  const deg = new Int32Array(n + 1);
  for (let e = 0; e < m; e++) { deg[EA[e] + 1]++; deg[EB[e] + 1]++; }
  for (let v = 0; v < n; v++) deg[v + 1] += deg[v];
  const adjStart = deg.slice();
  const fill = deg.slice(0, n);
  const adjNode = new Int32Array(2 * m), adjEdge = new Int32Array(2 * m);
  for (let e = 0; e < m; e++) {
    adjNode[fill[EA[e]]] = EB[e]; adjEdge[fill[EA[e]]++] = e;
    adjNode[fill[EB[e]]] = EA[e]; adjEdge[fill[EB[e]]++] = e;
  }
  // connected pieces, numbered largest first
  const comp = new Int32Array(n).fill(-1);
  const sizes: number[] = [];
  const stack = new Int32Array(n);
  for (let s = 0; s < n; s++) {
    if (comp[s] >= 0) continue;
    const id = sizes.length;
    let size = 0, top = 0;
    comp[s] = id; stack[top++] = s;
    while (top) {
      const v = stack[--top]; size++;
      for (let q = adjStart[v]; q < adjStart[v + 1]; q++) { const w = adjNode[q]; if (comp[w] < 0) { comp[w] = id; stack[top++] = w; } }
    }
    sizes.push(size);
  }
  const order = sizes.map((_, i) => i).sort((a, b) => sizes[b] - sizes[a] || a - b);
  const rank = new Int32Array(sizes.length);
  order.forEach((c, r) => { rank[c] = r; });
  for (let v = 0; v < n; v++) comp[v] = rank[comp[v]];
  const index = new Flatbush(m);
  for (let e = 0; e < m; e++) index.add(Math.min(LON[EA[e]], LON[EB[e]]), Math.min(LAT[EA[e]], LAT[EB[e]]), Math.max(LON[EA[e]], LON[EB[e]]), Math.max(LAT[EA[e]], LAT[EB[e]]));
  index.finish();
  if (sizes.length > 1) {
    // the number travels unformatted: the app writes it per language, the CLI with one decimal
    const share = (sizes[order[0]] / n) * 100;
    problems.push({ severity: 'warning', file, ...parts(coded('roadsDisconnected', { count: sizes.length, largestPercent: share }, `the network has ${sizes.length} disconnected pieces; the largest holds ${share.toFixed(1)}% of the junctions`)) });
  }
  return {
    graph: {
      nodeCount: n, lon: LON, lat: LAT, edgeA: EA, edgeB: EB, edgeLength: EL,
      adjStart, adjNode, adjEdge, component: comp, componentSizes: order.map((c) => sizes[c]), index,
      totalLengthM: EL.reduce((a, b) => a + b, 0), classesSkipped: skipped,
      edgeClass: EC0.slice(0, m), classNames: lines.classNames,
    },
    problems,
  };
}

/**
 * Which road classes may be walked under the settings: by class index, 1 = walkable; null when every
 * class is (no per-edge test in the searches). Case-insensitive; barriers win over the walkable list.
 * @example walkableClasses(graph, { walkableClasses: [], barrierClasses: ['Motorway'] })
 */
export function walkableClasses(graph: Pick<RoadGraph, 'classNames'>, s: { walkableClasses: string[]; barrierClasses: string[] }): Uint8Array | null {
  const walk = new Set(s.walkableClasses.map((x) => x.toLowerCase())), bar = new Set(s.barrierClasses.map((x) => x.toLowerCase()));
  const mask = Uint8Array.from(graph.classNames, (c) => { const k = c.toLowerCase(); return !bar.has(k) && (walk.size === 0 || walk.has(k)) ? 1 : 0; });
  return mask.every((x) => x === 1) ? null : mask;
}

/** Where a point joins the network: an edge, the fraction along it from edgeA, and the straight access distance. */
export interface Snap { edge: number; t: number; accessM: number }

/**
 * The nearest point of the network to (lon, lat) within `maxM` metres, or null (then the point
 * falls back to straight-line distance, and is marked so).
 * @example snapToGraph(graph, -3.19, 55.95, 500)
 */
export function snapToGraph(graph: RoadGraph, lon: number, lat: number, maxM: number, walkable: Uint8Array | null = null): Snap | null {
  // a box of maxM around the point, in degrees (longitude degrees shrink with latitude)
  const dLat = maxM / 111_195, dLon = dLat / Math.max(0.05, Math.cos((lat * Math.PI) / 180));
  const near = graph.index.search(lon - dLon, lat - dLat, lon + dLon, lat + dLat);
  const kx = Math.cos((lat * Math.PI) / 180);
  let best: Snap | null = null;
  for (const e of near) {
    if (walkable && !walkable[graph.edgeClass[e]]) continue;
    const a = graph.edgeA[e], b = graph.edgeB[e];
    // projection in a local plane (x scaled by cos latitude): segments are short, the error is negligible
    const ax = (graph.lon[a] - lon) * kx, ay = graph.lat[a] - lat, bx = (graph.lon[b] - lon) * kx, by = graph.lat[b] - lat;
    const dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy;
    const t = len2 > 0 ? Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2)) : 0;
    const px = graph.lon[a] + t * (graph.lon[b] - graph.lon[a]), py = graph.lat[a] + t * (graph.lat[b] - graph.lat[a]);
    const d = greatCircleMeters(lon, lat, px, py);
    if (d <= maxM && (!best || d < best.accessM || (d === best.accessM && e < best.edge))) best = { edge: e, t, accessM: d };
  }
  return best;
}

/**
 * Vertices by coordinates to 1e-7 degree (about 1 cm) in an open-addressing hash over two int32
 * keys: shared vertices become one node without building a string per vertex. A slot's two keys and
 * node sit side by side (one cache line per probe of a table of millions).
 */
class VertexTable {
  lon: Float64Array;
  lat: Float64Array;
  count = 0;
  /** per slot: key x, key y, node + 1 (0: empty) */
  private table: Int32Array;
  private mask: number;
  /** sized for `points` vertices at most: no rehash, no growth while reading */
  constructor(points: number) {
    let size = 1 << 16;
    while (size < points * 2) size *= 2;
    this.table = new Int32Array(size * 3);
    this.mask = size - 1;
    this.lon = new Float64Array(Math.max(1, points)); this.lat = new Float64Array(Math.max(1, points));
  }
  id(x: number, y: number): number {
    const qx = Math.round(x * 1e7), qy = Math.round(y * 1e7);
    const t = this.table, mask = this.mask;
    let h = (Math.imul(qx, 0x9e3779b1) ^ Math.imul(qy, 0x85ebca6b)) & mask;
    for (;;) {
      const o = h * 3, v = t[o + 2];
      if (v === 0) {
        t[o] = qx; t[o + 1] = qy; t[o + 2] = this.count + 1;
        this.lon[this.count] = x; this.lat[this.count] = y;
        return this.count++;
      }
      if (t[o] === qx && t[o + 1] === qy) return v - 1;
      h = (h + 1) & mask;
    }
  }
}
