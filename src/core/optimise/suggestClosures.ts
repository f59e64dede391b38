import { levelsServed } from '../settings/settings';
import { greatCircleMeters } from '../spatial/sphere';
import { RowBuilder, type LpSolver } from './lpSolver';
import type { ProposeInput } from './proposeZones';

export interface ClosureOptions {
  level: string;
  solver: LpSolver;
  /** how many schools to close */
  count: number;
  /** only schools with fewer pupils of the level than this may close (default: any) */
  closableBelow?: number;
  /** receiving schools stay within this share of their places (default 1.0) */
  maxUse?: number;
  /** candidate schools per unit (default 6) */
  k?: number;
}

export interface ClosureSuggestion {
  /** `receiver`: the school that takes most of its children (the layout action's receiving school) */
  close: { id: string; name: string; pupils: number; openShare: number; receiver: string | null; receiverName: string | null }[];
  /** child-metres with the closures, against today's nearest-school travel */
  travelBefore: number;
  travelAfter: number;
  childrenMoved: number;
  addedTravelPerMovedChildM: number;
  /** the LP relaxation's optimum: no set of closures of this size does better */
  lowerBound: number;
  gap: number;
  /** receiving schools that end above their limit (capacity cannot absorb the closures) */
  overLimit: { id: string; name: string; children: number; limit: number }[];
}

/**
 * Which schools to close: a capacitated p-median over the same LP machinery as "Propose zones".
 * Each closable school has an open share y in [0, 1], every unit is served by open schools among
 * its k nearest, receiving schools stay within their places, and the closable schools' open shares
 * sum to (closable - count). The schools with the smallest shares close; the children of the
 * closed schools then go to the nearest school with room. Reports the LP bound and the gap.
 * @example suggestClosures(input, { level: 'primary', solver, count: 3, closableBelow: 100 }).close
 */
export function suggestClosures(input: ProposeInput, options: ClosureOptions): ClosureSuggestion {
  const { schools, units, settings } = input;
  const dist = input.distance ?? ((u: number, s: number) => greatCircleMeters(units.lon[u], units.lat[u], schools.lon[s], schools.lat[s]));
  const level = options.level, k = options.k ?? 6, maxUse = options.maxUse ?? 1;
  const w = units.childrenByLevel[level];
  const open: number[] = [];
  for (let s = 0; s < schools.count; s++) if (schools.status[s] === 'open' && levelsServed(settings, schools.types[s]).includes(level)) open.push(s);
  const pupils = (s: number) => { let n = 0; for (let u = 0; u < units.count; u++) if (input.current[u] === s) n += w[u]; return n; };
  const demand = new Map(open.map((s) => [s, pupils(s)]));
  const closable = open.filter((s) => options.closableBelow === undefined || (demand.get(s) ?? 0) < options.closableBelow);
  if (options.count < 1 || options.count > closable.length || options.count >= open.length) throw new Error(`cannot close ${options.count} of ${closable.length} closable schools`);
  const yCol = new Map<number, number>();
  closable.forEach((s, i) => yCol.set(s, i));
  // candidates: each unit's k nearest open schools
  const cand: { u: number; s: number; d: number }[] = [];
  for (let u = 0; u < units.count; u++) {
    if (!(w[u] > 0)) continue;
    const ds = open.map((s) => ({ s, d: dist(u, s) })).sort((a, b) => a.d - b.d || a.s - b.s);
    // at least one candidate that cannot close, so that every unit stays served
    let chosen = ds.slice(0, k);
    if (chosen.every((c) => yCol.has(c.s))) { const keep = ds.find((c) => !yCol.has(c.s)); if (keep) chosen = [...chosen, keep]; }
    for (const c of chosen) cand.push({ u, s: c.s, d: c.d });
  }
  const nx = cand.length, ny = closable.length;
  const cost = new Float64Array(nx + ny), lower = new Float64Array(nx + ny), upper = new Float64Array(nx + ny).fill(1);
  cand.forEach((c, i) => { cost[i] = w[c.u] * c.d; });
  const rows = new RowBuilder();
  const byUnit = new Map<number, number[]>();
  cand.forEach((c, i) => { const l = byUnit.get(c.u); if (l) l.push(i); else byUnit.set(c.u, [i]); });
  for (const cols of byUnit.values()) rows.add(cols, cols.map(() => 1), 1, 1);
  // strong linking: a unit is served by a closable school only as far as it stays open
  cand.forEach((c, i) => { const y = yCol.get(c.s); if (y !== undefined) rows.add([i, nx + y], [1, -1], -Infinity, 0); });
  const bySchool = new Map<number, number[]>();
  cand.forEach((c, i) => { const l = bySchool.get(c.s); if (l) l.push(i); else bySchool.set(c.s, [i]); });
  for (const s of open) {
    const places = (schools.capacity[s] - input.otherLevelDemand[s]) * maxUse;
    if (!(places > 0)) continue;
    const cols = bySchool.get(s) ?? [];
    const y = yCol.get(s);
    if (y === undefined) rows.add(cols, cols.map((i) => w[cand[i].u]), -Infinity, places);
    else rows.add([...cols, nx + y], [...cols.map((i) => w[cand[i].u]), -places], -Infinity, 0);
  }
  rows.add(closable.map((_, i) => nx + i), closable.map(() => 1), ny - options.count, ny - options.count);
  const lp = options.solver(rows.build({ cost, lower, upper }));
  if (lp.status !== 'optimal') throw new Error(`the closure programme was not solved (${lp.status}); the receiving schools may lack the places`);
  const share = closable.map((s, i) => ({ s, y: lp.colValue[nx + i] })).sort((a, b) => a.y - b.y || (demand.get(a.s) ?? 0) - (demand.get(b.s) ?? 0));
  const closed = new Set(share.slice(0, options.count).map((x) => x.s));
  // the children of the closed schools go to the nearest school with room (largest areas first)
  const intake = new Map<number, number>();
  const after = Int32Array.from(input.current);
  for (let u = 0; u < units.count; u++) if (!closed.has(after[u]) && after[u] !== input.noSchool) intake.set(after[u], (intake.get(after[u]) ?? 0) + w[u]);
  const limit = (s: number) => { const p = (schools.capacity[s] - input.otherLevelDemand[s]) * maxUse; return p > 0 ? p : Infinity; };
  const movers = Array.from({ length: units.count }, (_, u) => u).filter((u) => closed.has(input.current[u])).sort((a, b) => w[b] - w[a] || a - b);
  for (const u of movers) {
    const ds = open.filter((s) => !closed.has(s)).map((s) => ({ s, d: dist(u, s) })).sort((a, b) => a.d - b.d || a.s - b.s);
    const pick = ds.find((x) => (intake.get(x.s) ?? 0) + w[u] <= limit(x.s)) ?? ds[0];
    after[u] = pick.s;
    intake.set(pick.s, (intake.get(pick.s) ?? 0) + w[u]);
  }
  let before = 0, afterTravel = 0, moved = 0, movedBefore = 0, movedAfter = 0;
  for (let u = 0; u < units.count; u++) {
    if (input.current[u] === input.noSchool || !(w[u] > 0)) continue;
    const d0 = dist(u, input.current[u]);
    const d1 = dist(u, after[u]);
    before += w[u] * d0; afterTravel += w[u] * d1;
    if (after[u] !== input.current[u]) { moved += w[u]; movedBefore += w[u] * d0; movedAfter += w[u] * d1; }
  }
  const overLimit = [...intake.entries()].filter(([s, c]) => c > limit(s) + 1e-6).map(([s, c]) => ({ id: schools.ids[s], name: schools.names[s], children: c, limit: limit(s) }));
  const receiverOf = (s: number): number | null => {
    const got = new Map<number, number>();
    for (const u of movers) if (input.current[u] === s) got.set(after[u], (got.get(after[u]) ?? 0) + w[u]);
    let best: number | null = null;
    for (const [r, c] of got) if (best === null || c > got.get(best)! || (c === got.get(best)! && r < best)) best = r;
    return best;
  };
  return {
    close: share.slice(0, options.count).map((x) => {
      const r = receiverOf(x.s);
      return { id: schools.ids[x.s], name: schools.names[x.s], pupils: demand.get(x.s) ?? 0, openShare: x.y, receiver: r === null ? null : schools.ids[r], receiverName: r === null ? null : schools.names[r] };
    }),
    travelBefore: before, travelAfter: afterTravel, childrenMoved: moved, addedTravelPerMovedChildM: moved > 0 ? (movedAfter - movedBefore) / moved : 0,
    lowerBound: lp.objective, gap: lp.objective > 0 ? Math.max(0, (afterTravel - lp.objective) / lp.objective) : 0, overLimit,
  };
}
