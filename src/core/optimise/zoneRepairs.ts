import type { UnitAdjacency } from '../zones/unitAdjacency';
import { connectedPatch } from '../zones/connectedPatch';

// The repairs after rounding the zone LP: detached pieces joined to a neighbour, schools brought into
// their capacity bands (direct moves, then ejection chains toward room), and a local descent on travel.
// Every move keeps both zones in one piece.

/** Pieces of each school's zone (connected through adjacency). */
function zonePieces(schoolByUnit: Int32Array, noSchool: number, adj: UnitAdjacency): { school: number; units: number[] }[] {
  const seen = new Uint8Array(schoolByUnit.length);
  const pieces: { school: number; units: number[] }[] = [];
  for (let u = 0; u < schoolByUnit.length; u++) {
    if (seen[u] || schoolByUnit[u] === noSchool) continue;
    const units = connectedPatch(adj, schoolByUnit, u);
    for (const v of units) seen[v] = 1;
    pieces.push({ school: schoolByUnit[u], units });
  }
  return pieces;
}

/** Detached pieces of a zone join the neighbouring zone they are nearest to; the main piece stays. */
export function repairContiguity(
  schoolByUnit: Int32Array, noSchool: number, adj: UnitAdjacency, fixed: Uint8Array, children: Float32Array, distTo: (u: number, s: number) => number, schoolCount: number,
  limits?: Map<number, [number, number]>,
): number {
  // a piece goes to a neighbour with room for it when there is one: a piece dropped on a full school
  // leaves the capacity repair an overflow it may not be able to push on
  const intake = new Float64Array(schoolCount);
  for (let u = 0; u < schoolByUnit.length; u++) if (schoolByUnit[u] !== noSchool) intake[schoolByUnit[u]] += children[u];
  let changed = 0;
  for (let round = 0; round < 20; round++) {
    const pieces = zonePieces(schoolByUnit, noSchool, adj);
    const main = new Int32Array(schoolCount).fill(-1);
    const size = (p: (typeof pieces)[number]) => p.units.reduce((a, u) => a + children[u], 0) + p.units.length * 1e-6;
    pieces.forEach((p, i) => { if (main[p.school] < 0 || size(pieces[main[p.school]]) < size(p)) main[p.school] = i; });
    let moves = 0;
    pieces.forEach((p, i) => {
      if (main[p.school] === i || p.units.some((u) => fixed[u])) return;
      // the piece goes whole to the adjacent school nearest to its units
      const around = new Set<number>();
      for (const u of p.units) for (let q = adj.start[u]; q < adj.start[u + 1]; q++) { const s = schoolByUnit[adj.neighbours[q]]; if (s !== p.school && s !== noSchool) around.add(s); }
      const kids = p.units.reduce((a, u) => a + children[u], 0);
      let best = -1, bestD = Infinity;
      for (const s of around) {
        const full = intake[s] + kids > (limits?.get(s)?.[1] ?? Infinity) + 1e-6;
        const d = p.units.reduce((a, u) => a + (children[u] + 1e-3) * distTo(u, s), 0) + (full ? 1e30 : 0);
        if (d < bestD) { bestD = d; best = s; }
      }
      if (best < 0) return;
      intake[p.school] -= kids; intake[best] += kids;
      for (const u of p.units) schoolByUnit[u] = best;
      moves += p.units.length;
    });
    changed += moves;
    if (!moves) break;
  }
  return changed;
}

/**
 * Schools outside their band trade boundary units with adjacent zones (with candidate schools when
 * there is no adjacency): an over-full school hands a unit to a neighbour with room, an under-full
 * one takes a unit from a neighbour that can spare it; cheapest added travel first, both zones kept
 * in one piece; where no single move mends a band, an ejection chain pushes the overflow one zone
 * nearer to room. Stops when no such move is left.
 */
export function repairCapacity(
  schoolByUnit: Int32Array, noSchool: number, adj: UnitAdjacency | null, fixed: Uint8Array, closedToNew: Set<number>, children: Float32Array,
  distTo: (u: number, s: number) => number, limits: Map<number, [number, number]>, candStart: Int32Array, candSchool: ArrayLike<number>,
): number {
  const b = new Bands(schoolByUnit, noSchool, children, limits, candSchool, closedToNew);
  const neighbourSchools = schoolsAround(schoolByUnit, adj, candStart, candSchool);
  // a unit never goes back to a school it has left: ejection chains toward a school with too little room
  // for a whole unit would otherwise push the same units back and forth
  const left = new Map<number, Set<number>>();
  const tabu = (u: number, t: number) => left.get(u)?.has(t) ?? false;
  let moves = 0;
  for (let iter = 0; iter < 10_000; iter++) {
    const anyUnder = b.countUnder();
    if (!anyUnder && !b.countOver()) break;
    let best: { u: number; to: number; cost: number } | null = null;
    // units whose removal cannot split their zone (a local test) first: a rejected move costs a whole
    // scan, and most of the cheapest moves of a grid's boundary would split a zone
    for (const strict of adj ? [true, false] : [false]) {
      for (let u = 0; u < schoolByUnit.length; u++) {
        const s = schoolByUnit[u];
        if (s === noSchool || fixed[u] || !(children[u] > 0)) continue;
        const sOver = b.over(s);
        if (!sOver && !anyUnder) continue;
        neighbourSchools(u, (t) => {
          if (t === s || t === noSchool || b.blocked[t] || tabu(u, t)) return;
          // a move must mend a band and break none
          const mends = (sOver && b.room(t, children[u])) || (b.under(t) && b.spare(s, children[u]) && b.room(t, children[u]));
          if (!mends) return;
          const cost = distTo(u, t) - distTo(u, s);
          if ((!best || cost < best.cost) && (!strict || removable(schoolByUnit, adj!, u))) best = { u, to: t, cost };
        });
      }
      if (!best) best = chainMove(schoolByUnit, noSchool, neighbourSchools, adj, fixed, children, distTo, b, strict, tabu);
      if (best) break;
    }
    if (!best) break;
    const { u, to } = best as { u: number; to: number };
    const from = schoolByUnit[u];
    const safe = adj ? removable(schoolByUnit, adj, u) : true;
    schoolByUnit[u] = to;
    if (adj && !safe && !connected(schoolByUnit, from, adj)) { schoolByUnit[u] = from; fixedSkip(fixed, u); continue; }
    b.move(from, to, children[u]);
    let was = left.get(u);
    if (!was) left.set(u, was = new Set());
    was.add(from);
    moves++;
  }
  return moves;
}

/** Each school's intake against its band, in typed arrays (a repair scans every unit per move). */
class Bands {
  readonly intake: Float64Array;
  readonly lo: Float64Array;
  readonly hi: Float64Array;
  readonly blocked: Uint8Array;
  constructor(schoolByUnit: Int32Array, noSchool: number, children: Float32Array, limits: Map<number, [number, number]>, candSchool: ArrayLike<number>, closedToNew: Set<number>) {
    let size = 0;
    for (const s of schoolByUnit) if (s !== noSchool) size = Math.max(size, s + 1);
    for (let c = 0; c < candSchool.length; c++) size = Math.max(size, candSchool[c] + 1);
    for (const s of [...limits.keys(), ...closedToNew]) size = Math.max(size, s + 1);
    this.intake = new Float64Array(size);
    this.lo = new Float64Array(size).fill(-Infinity);
    this.hi = new Float64Array(size).fill(Infinity);
    this.blocked = new Uint8Array(size);
    for (const s of closedToNew) this.blocked[s] = 1;
    for (const [s, [lo, hi]] of limits) { this.lo[s] = lo; this.hi[s] = hi; }
    for (let u = 0; u < schoolByUnit.length; u++) if (schoolByUnit[u] !== noSchool) this.intake[schoolByUnit[u]] += children[u];
  }
  room(t: number, add: number) { return this.intake[t] + add <= this.hi[t] + 1e-6; }
  spare(t: number, take: number) { return this.intake[t] - take >= this.lo[t] - 1e-6; }
  over(t: number) { return this.intake[t] > this.hi[t] + 1e-6; }
  under(t: number) { return this.intake[t] < this.lo[t] - 1e-6; }
  hasRoom(t: number) { return this.intake[t] < this.hi[t] - 1e-6; }
  countOver() { let n = 0; for (let s = 0; s < this.intake.length; s++) if (this.over(s)) n++; return n; }
  countUnder() { let n = 0; for (let s = 0; s < this.intake.length; s++) if (this.under(s)) n++; return n; }
  move(from: number, to: number, kids: number) { this.intake[from] -= kids; this.intake[to] += kids; }
}

/** The schools a unit could move to: its neighbours' zones, or its candidate schools without adjacency. */
function schoolsAround(schoolByUnit: Int32Array, adj: UnitAdjacency | null, candStart: Int32Array, candSchool: ArrayLike<number>): (u: number, f: (t: number) => void) => void {
  return adj
    ? (u, f) => { for (let q = adj.start[u]; q < adj.start[u + 1]; q++) f(schoolByUnit[adj.neighbours[q]]); }
    : (u, f) => { for (let c = candStart[u]; c < candStart[u + 1]; c++) f(candSchool[c]); };
}

/**
 * Local descent after rounding: a boundary unit moves to an adjacent zone (a candidate school without
 * adjacency) when that lowers the cost, keeps both schools within their bands and both zones in one
 * piece. A few passes suffice.
 */
export function improveBoundary(
  schoolByUnit: Int32Array, noSchool: number, adj: UnitAdjacency | null, fixed: Uint8Array, closedToNew: Set<number>, children: Float32Array,
  costOf: (u: number, s: number) => number, limits: Map<number, [number, number]>, candStart: Int32Array, candSchool: ArrayLike<number>,
): number {
  const b = new Bands(schoolByUnit, noSchool, children, limits, candSchool, closedToNew);
  const around = schoolsAround(schoolByUnit, adj, candStart, candSchool);
  let moves = 0;
  for (let pass = 0; pass < 8; pass++) {
    let improved = 0;
    for (let u = 0; u < schoolByUnit.length; u++) {
      const s = schoolByUnit[u];
      if (s === noSchool || fixed[u]) continue;
      let best = -1, bestGain = 1e-9;
      const here = costOf(u, s);
      around(u, (t) => {
        if (t === s || t === noSchool || b.blocked[t]) return;
        const gain = here - costOf(u, t);
        if (gain <= bestGain || !b.room(t, children[u]) || !b.spare(s, children[u])) return;
        best = t; bestGain = gain;
      });
      if (best < 0) continue;
      const safe = adj ? removable(schoolByUnit, adj, u) : true;
      schoolByUnit[u] = best;
      if (adj && !safe && !connected(schoolByUnit, s, adj)) { schoolByUnit[u] = s; continue; }
      b.move(s, best, children[u]);
      improved++;
    }
    moves += improved;
    if (!improved) break;
  }
  return moves;
}

/** The cheapest move of a unit from an over-full zone to a zone it touches that is fewer hops from a school with room. */
function chainMove(
  schoolByUnit: Int32Array, noSchool: number, around: (u: number, f: (t: number) => void) => void, adj: UnitAdjacency | null, fixed: Uint8Array,
  children: Float32Array, distTo: (u: number, s: number) => number, b: Bands, strict: boolean, tabu: (u: number, t: number) => boolean,
): { u: number; to: number; cost: number } | null {
  // zones that touch, and each zone's hops to a zone with room
  const touch = new Map<number, Set<number>>();
  for (let u = 0; u < schoolByUnit.length; u++) {
    const s = schoolByUnit[u];
    if (s === noSchool) continue;
    around(u, (t) => {
      if (t === s || t === noSchool) return;
      let set = touch.get(s); if (!set) touch.set(s, set = new Set()); set.add(t);
    });
  }
  // hops run against the direction of a move: t -> s when a unit of s can move to t
  const into = new Map<number, number[]>();
  for (const [s, ts] of touch) for (const t of ts) { const l = into.get(t); if (l) l.push(s); else into.set(t, [s]); }
  const hops = new Map<number, number>();
  const queue: number[] = [];
  for (const s of into.keys()) if (b.hasRoom(s) && !b.blocked[s]) { hops.set(s, 0); queue.push(s); }
  for (let i = 0; i < queue.length; i++) {
    const t = queue[i];
    if (b.blocked[t]) continue;
    for (const s of into.get(t) ?? []) if (!hops.has(s)) { hops.set(s, hops.get(t)! + 1); queue.push(s); }
  }
  let best: { u: number; to: number; cost: number } | null = null;
  for (let u = 0; u < schoolByUnit.length; u++) {
    const s = schoolByUnit[u];
    if (s === noSchool || fixed[u] || !(children[u] > 0) || !b.over(s)) continue;
    const hs = hops.get(s) ?? Infinity;
    around(u, (t) => {
      if (t === s || t === noSchool || b.blocked[t] || tabu(u, t) || !((hops.get(t) ?? Infinity) < hs)) return;
      const cost = distTo(u, t) - distTo(u, s);
      if ((!best || cost < best.cost) && (!strict || removable(schoolByUnit, adj!, u))) best = { u, to: t, cost };
    });
  }
  return best;
}

/**
 * A sufficient test that taking unit u out of its zone leaves the zone in one piece: u's neighbours in
 * the zone are connected to each other through zone units within two steps of u (never through u).
 * Any path through u can then go round it. When it fails, the zone may still stay whole: ask connected().
 */
export function removable(schoolByUnit: Int32Array, adj: UnitAdjacency, u: number): boolean {
  const s = schoolByUnit[u];
  const near: number[] = [];
  for (let q = adj.start[u]; q < adj.start[u + 1]; q++) { const v = adj.neighbours[q]; if (v !== u && schoolByUnit[v] === s) near.push(v); }
  if (near.length <= 1) return true;
  // the zone's units within two steps of u, u left out
  const ring = new Set<number>(near);
  for (const v of near) for (let q = adj.start[v]; q < adj.start[v + 1]; q++) { const w = adj.neighbours[q]; if (w !== u && schoolByUnit[w] === s) ring.add(w); }
  const seen = new Set<number>([near[0]]);
  const stack = [near[0]];
  while (stack.length) {
    const v = stack.pop()!;
    for (let q = adj.start[v]; q < adj.start[v + 1]; q++) { const w = adj.neighbours[q]; if (ring.has(w) && !seen.has(w)) { seen.add(w); stack.push(w); } }
  }
  return near.every((v) => seen.has(v));
}

/** A unit whose move would split its zone is not tried again (marked as fixed for the repair only). */
function fixedSkip(fixed: Uint8Array, u: number) { fixed[u] = 2; }

/** A school's zone is in one piece. */
function connected(schoolByUnit: Int32Array, s: number, adj: UnitAdjacency): boolean {
  let start = -1, count = 0;
  for (let u = 0; u < schoolByUnit.length; u++) if (schoolByUnit[u] === s) { count++; if (start < 0) start = u; }
  return count <= 1 || connectedPatch(adj, schoolByUnit, start).length === count;
}
