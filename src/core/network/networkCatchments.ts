import type { Schools } from '../model';
import { greatCircleMeters } from '../spatial/sphere';
import { snapToGraph, type RoadGraph, type Snap } from './roadGraph';

export interface NetworkCatchments {
  /** school index by unit (-1 where no candidate) */
  schoolByUnit: Int32Array;
  /** route distance in metres: access to the network + along the roads + access to the school */
  distanceByUnit: Float64Array;
  /** 1 = by the network; 0 = straight line (the unit, or its school, is too far from the network) */
  viaNetwork: Uint8Array;
  unitsOffNetwork: number;
  schoolsOffNetwork: string[];
  /** nodes settled by the search (for the benchmark) */
  settled: number;
}

/** Tie order of schools: by id, so that equal distances give the same answer whatever the indices. */
export function rankById(schools: Pick<Schools, 'ids'>): Int32Array {
  const order = schools.ids.map((_, i) => i).sort((a, b) => (schools.ids[a] < schools.ids[b] ? -1 : schools.ids[a] > schools.ids[b] ? 1 : 0));
  const rank = new Int32Array(order.length);
  order.forEach((s, r) => { rank[s] = r; });
  return rank;
}

/**
 * Multi-source shortest paths from the given schools over the network: every node learns its
 * nearest school and distance in one pass (Dijkstra from all sources at once, ties by school id).
 * Sources join the network at their nearest edge, part-way along it, plus their access distance.
 * @returns per node: distance (Infinity where unreachable) and school (-1)
 */
export function multiSourceSearch(graph: RoadGraph, sources: { school: number; snap: Snap }[], rank: Int32Array, walkable: Uint8Array | null = null): { dist: Float64Array; school: Int32Array; settled: number } {
  const n = graph.nodeCount;
  const dist = new Float64Array(n).fill(Infinity);
  const school = new Int32Array(n).fill(-1);
  const heap = new NodeHeap(n, school, rank);
  const relax = (v: number, d: number, s: number) => {
    if (d < dist[v] || (d === dist[v] && school[v] >= 0 && rank[s] < rank[school[v]])) { dist[v] = d; school[v] = s; heap.update(v, d); }
  };
  for (const { school: s, snap } of sources) {
    const len = graph.edgeLength[snap.edge];
    relax(graph.edgeA[snap.edge], snap.accessM + snap.t * len, s);
    relax(graph.edgeB[snap.edge], snap.accessM + (1 - snap.t) * len, s);
  }
  const { adjStart, adjNode, adjEdge, edgeClass } = graph;
  const adjLength = adjacentLengths(graph);
  const pos = heap.pos;
  let settled = 0;
  // the hot loop: typed arrays only, one heap entry per node (decrease-key), no allocation
  while (heap.size) {
    const v = heap.pop();
    settled++;
    const d = dist[v], s = school[v], r = rank[s];
    for (let q = adjStart[v], end = adjStart[v + 1]; q < end; q++) {
      const w = adjNode[q], dw = d + adjLength[q];
      // a settled node is never farther than dw (lengths are not negative): only a tie asks whether it is settled
      if ((dw < dist[w] || (dw === dist[w] && r < rank[school[w]] && pos[w] !== SETTLED)) && (walkable === null || walkable[edgeClass[adjEdge[q]]])) {
        dist[w] = dw; school[w] = s; heap.update(w, dw);
      }
    }
  }
  return { dist, school, settled };
}

/** Per graph: the length of each adjacency entry's edge, in adjacency order (one less lookup per relaxation). */
const lengthsByGraph = new WeakMap<RoadGraph, Float64Array>();
function adjacentLengths(graph: RoadGraph): Float64Array {
  let l = lengthsByGraph.get(graph);
  if (!l) {
    l = new Float64Array(graph.adjEdge.length);
    for (let q = 0; q < l.length; q++) l[q] = graph.edgeLength[graph.adjEdge[q]];
    lengthsByGraph.set(graph, l);
  }
  return l;
}

/**
 * Nearest school of every unit by route: one multi-source search from all candidate schools, then
 * each unit takes the better of its edge's two ends (or a school on its own edge), plus its access
 * distance. Units or schools farther than `maxSnapM` from the network use straight-line distance
 * instead, and are marked. Exact: equal to the best of one search per school (tested).
 * @example networkCatchments(graph, schools, [0, 1, 2], units).schoolByUnit
 */
export function networkCatchments(
  graph: RoadGraph, schools: Pick<Schools, 'ids' | 'lon' | 'lat'>, candidates: number[], units: { count: number; lon: Float64Array; lat: Float64Array },
  options: { maxSnapM?: number; walkable?: Uint8Array | null; unitSnap?: (u: number) => Snap | null } = {},
): NetworkCatchments {
  const maxSnap = options.maxSnapM ?? 500;
  const walkable = options.walkable ?? null;
  const rank = rankById(schools);
  const sources: { school: number; snap: Snap }[] = [];
  const off: number[] = [];
  for (const s of candidates) {
    const snap = snapToGraph(graph, schools.lon[s], schools.lat[s], maxSnap, walkable);
    if (snap) sources.push({ school: s, snap }); else off.push(s);
  }
  const byEdge = new Map<number, { school: number; snap: Snap }[]>();
  for (const x of sources) { const l = byEdge.get(x.snap.edge); if (l) l.push(x); else byEdge.set(x.snap.edge, [x]); }
  const search = multiSourceSearch(graph, sources, rank, walkable);
  const schoolByUnit = new Int32Array(units.count).fill(-1);
  const distanceByUnit = new Float64Array(units.count).fill(NaN);
  const viaNetwork = new Uint8Array(units.count);
  const unitSnap = options.unitSnap ?? ((u: number) => snapToGraph(graph, units.lon[u], units.lat[u], maxSnap, walkable));
  let unitsOff = 0;
  for (let u = 0; u < units.count; u++) {
    let best = -1, bestD = Infinity, via = 0;
    const consider = (s: number, d: number, net: number) => { if (s >= 0 && (d < bestD || (d === bestD && rank[s] < rank[best]))) { best = s; bestD = d; via = net; } };
    const snap = sources.length ? unitSnap(u) : null;
    if (snap) {
      const e = snap.edge, len = graph.edgeLength[e], a = graph.edgeA[e], b = graph.edgeB[e];
      consider(search.school[a], snap.accessM + snap.t * len + search.dist[a], 1);
      consider(search.school[b], snap.accessM + (1 - snap.t) * len + search.dist[b], 1);
      for (const x of byEdge.get(e) ?? []) consider(x.school, snap.accessM + Math.abs(snap.t - x.snap.t) * len + x.snap.accessM, 1);
      // schools off the network are reached in a straight line
      for (const s of off) consider(s, greatCircleMeters(units.lon[u], units.lat[u], schools.lon[s], schools.lat[s]), 0);
    }
    // off the network, or on a piece of it no school's route reaches: straight line, marked
    if (best < 0) {
      unitsOff++;
      for (const s of candidates) consider(s, greatCircleMeters(units.lon[u], units.lat[u], schools.lon[s], schools.lat[s]), 0);
    }
    schoolByUnit[u] = best;
    distanceByUnit[u] = best >= 0 ? bestD : NaN;
    viaNetwork[u] = via;
  }
  return { schoolByUnit, distanceByUnit, viaNetwork, unitsOffNetwork: unitsOff, schoolsOffNetwork: off.map((s) => schools.ids[s]), settled: search.settled };
}

const SETTLED = -2;

/**
 * A 4-ary heap of nodes keyed by distance, ties by the rank of the node's school (read from the
 * search's arrays: ties are rare), with decrease-key: each node is in it at most once (pos: its place,
 * -1 never queued, SETTLED once popped), so the heap never outgrows the graph.
 */
class NodeHeap {
  readonly pos: Int32Array;
  private v: Int32Array;
  private d: Float64Array;
  size = 0;
  constructor(n: number, private school: Int32Array, private rank: Int32Array) {
    this.pos = new Int32Array(n).fill(-1);
    this.v = new Int32Array(n); this.d = new Float64Array(n);
  }
  /** x before y at equal distance */
  private first(x: number, y: number): boolean { return this.rank[this.school[x]] < this.rank[this.school[y]]; }
  /** queues node x at distance d, or moves it up when it is queued already (its key only ever drops) */
  update(x: number, d: number): void {
    const hv = this.v, hd = this.d, pos = this.pos;
    let i = pos[x];
    if (i < 0) i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 2;
      if (hd[p] < d || (hd[p] === d && !this.first(x, hv[p]))) break;
      hv[i] = hv[p]; hd[i] = hd[p]; pos[hv[i]] = i;
      i = p;
    }
    hv[i] = x; hd[i] = d; pos[x] = i;
  }
  pop(): number {
    const hv = this.v, hd = this.d, pos = this.pos;
    const top = hv[0];
    pos[top] = SETTLED;
    const n = --this.size;
    if (n === 0) return top;
    const x = hv[n], d = hd[n];
    let i = 0;
    for (;;) {
      const c0 = 4 * i + 1;
      if (c0 >= n) break;
      let c = c0;
      const end = c0 + 4 < n ? c0 + 4 : n;
      for (let k = c0 + 1; k < end; k++) if (hd[k] < hd[c] || (hd[k] === hd[c] && this.first(hv[k], hv[c]))) c = k;
      if (d < hd[c] || (d === hd[c] && !this.first(hv[c], x))) break;
      hv[i] = hv[c]; hd[i] = hd[c]; pos[hv[i]] = i;
      i = c;
    }
    hv[i] = x; hd[i] = d; pos[x] = i;
    return top;
  }
}
