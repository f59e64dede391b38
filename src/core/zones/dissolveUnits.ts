import type { Lattice, PolygonCoords, Units } from '../model';
import { toLonLat } from '../load/crs';
import { traceRings } from './traceRings';

/**
 * Dissolves the units' geometry by label (e.g. the school of each unit) into one MultiPolygon per
 * label. Neighbouring units must share vertices (topological data, grids); the outlines of
 * different labels then share edges exactly: no gaps, no overlaps.
 * @param labelByUnit label by unit; units with `noLabel` are left out
 * @returns label -> MultiPolygon coordinates (lon/lat), empty for point units
 * @example dissolveUnits(units, assignment.schoolByUnit, assignment.noSchool).get(3)
 */
export function dissolveUnits(units: Units, labelByUnit: ArrayLike<number>, noLabel: number): Map<number, PolygonCoords[]> {
  const g = units.geometry;
  if (g.kind === 'lattice') return dissolveLattice(g.lattice, labelByUnit, noLabel);
  if (g.kind === 'polygons') return dissolvePolygons(g.polygons, labelByUnit, noLabel);
  return new Map();
}

/**
 * Traces the rings of every label from one list of directed boundary edges (global vertex ids).
 * Edges are bucketed by label and each label's vertices renumbered compactly, so the work is
 * proportional to the number of edges, not labels x vertices.
 */
function traceByLabel(
  eFrom: ArrayLike<number>, eTo: ArrayLike<number>, eLabel: ArrayLike<number>, edgeCount: number,
  X: Float64Array, Y: Float64Array,
): Map<number, number[][][]> {
  let maxLabel = -1;
  for (let i = 0; i < edgeCount; i++) if (eLabel[i] > maxLabel) maxLabel = eLabel[i];
  const start = new Uint32Array(maxLabel + 2);
  for (let i = 0; i < edgeCount; i++) start[eLabel[i] + 1]++;
  for (let l = 0; l <= maxLabel; l++) start[l + 1] += start[l];
  const order = new Uint32Array(edgeCount);
  const fill = start.slice(0, maxLabel + 1);
  for (let i = 0; i < edgeCount; i++) order[fill[eLabel[i]]++] = i;
  const local = new Int32Array(X.length).fill(-1);
  const result = new Map<number, number[][][]>();
  for (let l = 0; l <= maxLabel; l++) {
    const m = start[l + 1] - start[l];
    if (m === 0) continue;
    const globalIds: number[] = [];
    const from = new Uint32Array(m), to = new Uint32Array(m);
    const id = (v: number) => {
      if (local[v] < 0) { local[v] = globalIds.length; globalIds.push(v); }
      return local[v];
    };
    for (let k = 0; k < m; k++) {
      const e = order[start[l] + k];
      from[k] = id(eFrom[e]);
      to[k] = id(eTo[e]);
    }
    const lx = Float64Array.from(globalIds, (v) => X[v]), ly = Float64Array.from(globalIds, (v) => Y[v]);
    const polys = traceRings(from, to, lx, ly);
    for (const v of globalIds) local[v] = -1;
    result.set(l, polys.map((rings) => rings.map((ring) => ring.map((v) => globalIds[v]))));
  }
  return result;
}

/** A growable Uint32Array: edge lists of big grids would otherwise be arrays of boxed numbers. */
class U32List {
  data = new Uint32Array(1024);
  length = 0;
  push(v: number) {
    if (this.length === this.data.length) { const d = new Uint32Array(this.data.length * 2); d.set(this.data); this.data = d; }
    this.data[this.length++] = v;
  }
}

function dissolvePolygons(polygons: (PolygonCoords[] | null)[], labelByUnit: ArrayLike<number>, noLabel: number): Map<number, PolygonCoords[]> {
  const vertexId = new Map<string, number>();
  const vx: number[] = [], vy: number[] = [];
  const id = (p: number[]) => {
    // 1e-7 degrees (~1 cm): merges float noise from format conversions, keeps real vertices apart
    const key = `${Math.round(p[0] * 1e7)},${Math.round(p[1] * 1e7)}`;
    let v = vertexId.get(key);
    if (v === undefined) { v = vx.length; vertexId.set(key, v); vx.push(p[0]); vy.push(p[1]); }
    return v;
  };
  const eFrom: number[] = [], eTo: number[] = [], eLabel: number[] = [];
  for (let u = 0; u < polygons.length; u++) {
    const label = labelByUnit[u];
    const polys = polygons[u];
    if (label === noLabel || !polys) continue;
    for (const poly of polys) {
      poly.forEach((ring, k) => {
        const ids = ring.map(id);
        let area = 0;
        for (let i = 0; i + 1 < ring.length; i++) area += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
        // interior on the left: outer rings counter-clockwise, holes clockwise
        const reverse = k === 0 ? area < 0 : area > 0;
        for (let i = 0; i + 1 < ids.length; i++) {
          const a = reverse ? ids[i + 1] : ids[i], b = reverse ? ids[i] : ids[i + 1];
          if (a !== b) { eFrom.push(a); eTo.push(b); eLabel.push(label); }
        }
      });
    }
  }
  const V = vx.length;
  const labelOfEdge = new Map<number, number>();
  for (let i = 0; i < eFrom.length; i++) labelOfEdge.set(eFrom[i] * V + eTo[i], eLabel[i]);
  const kFrom = new U32List(), kTo = new U32List(), kLabel = new U32List();
  for (let i = 0; i < eFrom.length; i++) {
    if (labelOfEdge.get(eTo[i] * V + eFrom[i]) === eLabel[i]) continue;
    kFrom.push(eFrom[i]); kTo.push(eTo[i]); kLabel.push(eLabel[i]);
  }
  const byLabel = traceByLabel(kFrom.data, kTo.data, kLabel.data, kFrom.length, Float64Array.from(vx), Float64Array.from(vy));
  const result = new Map<number, PolygonCoords[]>();
  for (const [label, polys] of byLabel) result.set(label, polys.map((rings) => rings.map((r) => r.map((v) => [vx[v], vy[v]]))));
  return result;
}

function dissolveLattice(lat: Lattice, labelByUnit: ArrayLike<number>, noLabel: number): Map<number, PolygonCoords[]> {
  const { cols, rows } = lat;
  const labelByCell = new Int32Array(cols * rows).fill(-1);
  for (let u = 0; u < lat.cellByUnit.length; u++) if (labelByUnit[u] !== noLabel) labelByCell[lat.cellByUnit[u]] = labelByUnit[u];
  const at = (r: number, c: number) => (r < 0 || c < 0 || r >= rows || c >= cols ? -1 : labelByCell[r * cols + c]);
  const vid = (r: number, c: number) => r * (cols + 1) + c;
  // edges below are counter-clockwise on the map when columns run east and rows south (the usual
  // raster layout); any other layout mirrors the grid, so the edges are reversed
  const flip = (lat.dx > 0) !== (lat.dy < 0);
  const eFrom = new U32List(), eTo = new U32List(), eLabel = new U32List();
  const push = (a: number, b: number, l: number) => { if (flip) { eFrom.push(b); eTo.push(a); } else { eFrom.push(a); eTo.push(b); } eLabel.push(l); };
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const l = labelByCell[r * cols + c];
      if (l < 0) continue;
      if (at(r + 1, c) !== l) push(vid(r + 1, c), vid(r + 1, c + 1), l);
      if (at(r, c + 1) !== l) push(vid(r + 1, c + 1), vid(r, c + 1), l);
      if (at(r - 1, c) !== l) push(vid(r, c + 1), vid(r, c), l);
      if (at(r, c - 1) !== l) push(vid(r, c), vid(r + 1, c), l);
    }
  }
  const V = (rows + 1) * (cols + 1);
  // planar coordinates on the map's orientation (y up) for turn and area tests
  const X = new Float64Array(V), Y = new Float64Array(V);
  for (let r = 0; r <= rows; r++) for (let c = 0; c <= cols; c++) { X[vid(r, c)] = c * Math.sign(lat.dx); Y[vid(r, c)] = r * Math.sign(lat.dy); }
  const project = toLonLat(lat.crs);
  const coord = (v: number) => {
    const r = Math.floor(v / (cols + 1)), c = v % (cols + 1);
    return project(lat.x0 + c * lat.dx, lat.y0 + r * lat.dy);
  };
  const result = new Map<number, PolygonCoords[]>();
  for (const [label, polys] of traceByLabel(eFrom.data, eTo.data, eLabel.data, eFrom.length, X, Y)) {
    result.set(label, polys.map((rings) => rings.map((ring) => dropCollinear(ring, X, Y).map(coord))));
  }
  return result;
}

/** Removes vertices in the middle of straight runs (grid outlines are mostly straight). */
function dropCollinear(ring: number[], X: Float64Array, Y: Float64Array): number[] {
  const n = ring.length - 1;
  const keep: number[] = [];
  for (let i = 0; i < n; i++) {
    const a = ring[(i - 1 + n) % n], b = ring[i], c = ring[(i + 1) % n];
    const cross = (X[b] - X[a]) * (Y[c] - Y[b]) - (Y[b] - Y[a]) * (X[c] - X[b]);
    if (cross !== 0) keep.push(b);
  }
  if (keep.length < 3) return ring;
  keep.push(keep[0]);
  return keep;
}
