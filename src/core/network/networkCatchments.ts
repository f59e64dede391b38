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
  const heap = new MinHeap();
  const better = (d: number, s: number, v: number) => d < dist[v] || (d === dist[v] && school[v] >= 0 && rank[s] < rank[school[v]]);
  const relax = (v: number, d: number, s: number) => { if (better(d, s, v)) { dist[v] = d; school[v] = s; heap.push(d, rank[s], v); } };
  for (const { school: s, snap } of sources) {
    const len = graph.edgeLength[snap.edge];
    relax(graph.edgeA[snap.edge], snap.accessM + snap.t * len, s);
    relax(graph.edgeB[snap.edge], snap.accessM + (1 - snap.t) * len, s);
  }
  let settled = 0;
  const done = new Uint8Array(n);
  while (heap.size) {
    const v = heap.pop();
    if (done[v]) continue;
    done[v] = 1; settled++;
    const d = dist[v], s = school[v];
    for (let q = graph.adjStart[v]; q < graph.adjStart[v + 1]; q++) {
      const w = graph.adjNode[q], e = graph.adjEdge[q];
      if (!done[w] && (!walkable || walkable[graph.edgeClass[e]])) relax(w, d + graph.edgeLength[e], s);
    }
  }
  return { dist, school, settled };
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

/** A binary heap of nodes keyed by (distance, tie rank), in growable typed arrays. */
class MinHeap {
  private d = new Float64Array(1024);
  private r = new Int32Array(1024);
  private v = new Int32Array(1024);
  size = 0;
  push(d: number, r: number, v: number): void {
    if (this.size === this.v.length) this.grow();
    const hd = this.d, hr = this.r, hv = this.v;
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (hd[p] < d || (hd[p] === d && hr[p] <= r)) break;
      hd[i] = hd[p]; hr[i] = hr[p]; hv[i] = hv[p];
      i = p;
    }
    hd[i] = d; hr[i] = r; hv[i] = v;
  }
  pop(): number {
    const hd = this.d, hr = this.r, hv = this.v;
    const top = hv[0];
    const n = --this.size;
    const d = hd[n], r = hr[n], v = hv[n];
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && (hd[c + 1] < hd[c] || (hd[c + 1] === hd[c] && hr[c + 1] < hr[c]))) c++;
      if (d < hd[c] || (d === hd[c] && r <= hr[c])) break;
      hd[i] = hd[c]; hr[i] = hr[c]; hv[i] = hv[c];
      i = c;
    }
    hd[i] = d; hr[i] = r; hv[i] = v;
    return top;
  }
  private grow(): void {
    const d = new Float64Array(this.d.length * 2); d.set(this.d); this.d = d;
    const r = new Int32Array(this.r.length * 2); r.set(this.r); this.r = r;
    const v = new Int32Array(this.v.length * 2); v.set(this.v); this.v = v;
  }
}
