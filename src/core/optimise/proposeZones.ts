import type { Schools, Units } from '../model';
import { levelsServed, type Settings } from '../settings/settings';
import { greatCircleMeters } from '../spatial/sphere';
import type { UnitAdjacency } from '../zones/unitAdjacency';
import { RowBuilder, type LpModel, type LpSolver } from './lpSolver';
import { polishBound, pricesByAggregation, type ZoneColumns } from './zonePrices';
import { improveBoundary, repairCapacity, repairContiguity } from './zoneRepairs';

/** What to optimise and within which limits. Every number is a setting with a default. */
export interface ProposeOptions {
  level: string;
  solver: LpSolver;
  /** candidate schools per unit: its k nearest open schools of the level (default 6) */
  k?: number;
  /** each school's children of the level must lie within [lo, hi] x its places (default 0.85-1.0) */
  band?: [number, number];
  bandBySchool?: Record<string, [number, number]>;
  /** candidates farther than this are left out (the unit's nearest school is always kept); null = none */
  maxDistanceM?: number | null;
  /** zones in one piece, no enclaves (default on with adjacency): detached pieces join a neighbouring zone */
  contiguity?: boolean;
  /** metres of travel one child moved from the current plan is worth (0 = travel only) */
  movedWeight?: number;
  timeLimitS?: number;
  /** branch-and-bound nodes for placing the split units exactly (default 20; a count, not a clock, so answers repeat) */
  mipMaxNodes?: number;
  /** above this many units, prices come from planning units (cells of similar units) and the bound is Lagrangian (default 25,000) */
  maxLpUnits?: number;
  onProgress?: (stage: string) => void;
}

/** The inputs of one level, as the plan gives them now. */
export interface ProposeInput {
  schools: Schools;
  units: Units;
  settings: Settings;
  adjacency: UnitAdjacency | null;
  /** the current plan's school per unit (noSchool where none) */
  current: ArrayLike<number>;
  noSchool: number;
  /** units whose school must not change (locked units and the zones of locked schools) */
  fixed: Uint8Array;
  /** schools nobody may be added to (locked zones) */
  closedToNew: Set<number>;
  /** children of other levels each school already teaches (its places for this level are the rest) */
  otherLevelDemand: Float64Array;
  /** unit-to-school distance of the derivation (by route when chosen); straight line when not given */
  distance?: (u: number, s: number) => number;
}

export interface SchoolOutsideBand { index: number; id: string; name: string; children: number; lower: number; upper: number; by: number }

export interface ProposedZones {
  level: string;
  /** school per unit (noSchool where no school serves the level) */
  schoolByUnit: Int32Array;
  /** child-metres plus the moved-children and capacity terms of the rounded, repaired plan */
  objective: number;
  /** the optimum of the programme without contiguity rows: no plan within the bands can do better */
  lowerBound: number;
  /** (objective - lowerBound) / lowerBound, capacity-band terms included */
  gap: number;
  /** the same for travel and moved children alone, against the bound's travel part: how far from the best travel */
  travelGap: number;
  travelChildMeters: number;
  childrenMoved: number;
  outsideBand: SchoolOutsideBand[];
  /** schools without places in the data: their intake is not limited (said so) */
  uncapped: string[];
  /** units whose nearest school is beyond the maximum distance */
  beyondMax: number;
  stats: { units: number; planningUnits: number; columns: number; rows: number; splitUnits: number; repairedUnits: number; lpStatus: string };
}

/**
 * Proposes attendance zones for one level: minimises children x distance (plus a price per child
 * moved from the current plan) with each school's intake inside a band of its places, contiguous
 * zones, locked units and zones kept, over each unit's k nearest schools. Solves the LP relaxation,
 * rounds each unit to its largest share, then repairs contiguity and capacity; reports the LP bound
 * and the gap. A band that cannot be met is priced, not refused: the schools outside it are listed.
 * @example proposeZones(input, { level: 'primary', solver }).gap
 */
export function proposeZones(input: ProposeInput, options: ProposeOptions): ProposedZones {
  const { schools, units, settings, adjacency } = input;
  const level = options.level;
  const progress = options.onProgress ?? (() => {});
  const k = Math.max(1, options.k ?? 6);
  const contiguity = (options.contiguity ?? true) && !!adjacency;
  const moved = options.movedWeight ?? 0;
  const children = units.childrenByLevel[level] ?? new Float32Array(units.count);
  const open: number[] = [];
  for (let s = 0; s < schools.count; s++) if (schools.status[s] === 'open' && levelsServed(settings, schools.types[s]).includes(level)) open.push(s);
  const n = units.count;
  const noSchool = input.noSchool;
  const dist = input.distance ?? ((u: number, s: number) => greatCircleMeters(units.lon[u], units.lat[u], schools.lon[s], schools.lat[s]));

  progress('candidates');
  // candidates per unit: k nearest open schools (the current and fixed school always among them);
  // typed arrays and an insertion into the k best, not a sort of every school per unit
  const candStart = new Int32Array(n + 1);
  const candSchool: number[] = [], candDist: number[] = [];
  let beyondMax = 0;
  const maxD = options.maxDistanceM ?? Infinity;
  const blocked = new Uint8Array(schools.count);
  for (const s of input.closedToNew) blocked[s] = 1;
  const topS = new Int32Array(k), topD = new Float64Array(k);
  for (let u = 0; u < n; u++) {
    candStart[u] = candSchool.length;
    if (!open.length) continue;
    const cur = input.current[u];
    if (input.fixed[u] && cur !== noSchool) {
      candSchool.push(cur); candDist.push(dist(u, cur));
      continue;
    }
    let m = 0, curD = NaN;
    for (const s of open) {
      if (blocked[s] && s !== cur) continue;
      const d = dist(u, s);
      if (s === cur) curD = d;
      // open is in index order, so an equal distance already kept has the smaller index and stays first
      if (m === k && !(d < topD[k - 1])) continue;
      let p = m < k ? m++ : k - 1;
      while (p > 0 && topD[p - 1] > d) { topD[p] = topD[p - 1]; topS[p] = topS[p - 1]; p--; }
      topD[p] = d; topS[p] = s;
    }
    if (!m) continue;
    if (topD[0] > maxD) beyondMax++;
    let hasCur = false;
    for (let i = 0; i < m; i++) {
      if (i > 0 && topD[i] > maxD) break;
      candSchool.push(topS[i]); candDist.push(topD[i]);
      if (topS[i] === cur) hasCur = true;
    }
    if (cur !== noSchool && !hasCur && curD <= maxD) { candSchool.push(cur); candDist.push(curD); }
  }
  candStart[n] = candSchool.length;
  const columns = candSchool.length;

  // places for this level: capacity less the other levels' children; unknown capacity = no limit
  const bandOf = (s: number): [number, number] => options.bandBySchool?.[schools.ids[s]] ?? options.band ?? [0.85, 1.0];
  const placesOf = (s: number) => schools.capacity[s] - input.otherLevelDemand[s];
  const uncapped = open.filter((s) => !(placesOf(s) > 0)).map((s) => schools.ids[s]);
  let maxCand = 1;
  for (const d of candDist) if (d > maxCand) maxCand = d;
  // a child outside a band costs more than any detour, so the LP only breaks a band it cannot keep
  const penalty = 10 * maxCand + 1;

  progress('building the linear programme');
  const capSchools = open.filter((s) => placesOf(s) > 0);
  const numCols = columns + 2 * capSchools.length;
  const cost = new Float64Array(numCols), lower = new Float64Array(numCols), upper = new Float64Array(numCols).fill(1);
  for (let u = 0; u < n; u++) {
    for (let c = candStart[u]; c < candStart[u + 1]; c++) {
      cost[c] = children[u] * candDist[c] + (candSchool[c] !== input.current[u] ? moved * children[u] : 0);
      if (input.fixed[u]) lower[c] = 1;
    }
  }
  for (let i = columns; i < numCols; i++) { cost[i] = penalty; upper[i] = Infinity; }
  const zc: ZoneColumns = {
    n, candStart, candSchool, cost, children, fixed: input.fixed, capSchools, penalty, schoolCount: schools.count,
    lo: Float64Array.from(capSchools, (s) => bandOf(s)[0] * placesOf(s)), hi: Float64Array.from(capSchools, (s) => bandOf(s)[1] * placesOf(s)),
  };
  // the bound: the programme without contiguity is a relaxation of every plan whose zones are each in
  // one piece, so its optimum bounds them all; the repairs after rounding make the zones whole
  // (measured: guiding the rounding with contiguity rows cost 3x the time for no better gap)
  let x: Float64Array, lowerBound: number, boundSlack = 0, lpStatus: string, planningUnits = n, rowCount = 0;
  const maxLpUnits = options.maxLpUnits ?? 25_000;
  if (n > maxLpUnits) {
    // large grids: the programme over planning units, each unit taking its planning unit's answer
    // whole; the bound is the Lagrangian bound of the full programme at the best band prices found
    // (valid for any prices), so the gap stays a proof. Its band part cannot be told apart from its
    // travel part, so the travel gap takes the planning units' priced slack as that part
    progress(`pricing over planning units (${n.toLocaleString('en-GB')} units)`);
    const agg = pricesByAggregation(zc, units.lon, units.lat, Math.round(maxLpUnits / 2), options.solver, options.timeLimitS);
    let mean = 0;
    for (let u = 0; u < n; u++) if (candStart[u + 1] > candStart[u]) mean += candDist[candStart[u]] / n;
    const polished = polishBound(zc, agg.prices, 100, mean / 20);
    x = agg.x; lowerBound = polished.value; boundSlack = agg.slack; lpStatus = 'optimal (planning units)'; planningUnits = agg.planningUnits;
  } else {
    const model = zoneProgramme(zc, lower, upper);
    rowCount = model.numRows;
    progress(`solving the bound (${numCols.toLocaleString('en-GB')} columns, ${rowCount.toLocaleString('en-GB')} rows)`);
    const bound = options.solver(model, { timeLimitS: options.timeLimitS });
    if (bound.status !== 'optimal') throw new Error(`the linear programme was not solved (${bound.status}: ${bound.message ?? ''})`);
    x = bound.colValue; lowerBound = bound.objective; lpStatus = bound.status;
    for (let i = columns; i < numCols; i++) boundSlack += penalty * bound.colValue[i];
  }

  progress('rounding and repair');
  const limits = new Map<number, [number, number]>(capSchools.map((s, i) => [s, [zc.lo[i], zc.hi[i]]]));
  const distTo = (u: number, s: number) => { for (let c = candStart[u]; c < candStart[u + 1]; c++) if (candSchool[c] === s) return candDist[c]; return dist(u, s); };
  // whole units first; the few split units (at most about one per band row the LP keeps tight) are
  // placed by a small MIP over just them, in the room the whole units leave, then the repairs run.
  // Where that leaves a school outside its band, the split units' largest shares are tried too and
  // the better plan kept: a repair can fail on one start and not on another
  const whole = new Int32Array(n).fill(noSchool);
  const split: number[] = [];
  for (let u = 0; u < n; u++) {
    let best = -1, bestX = -1;
    for (let c = candStart[u]; c < candStart[u + 1]; c++) if (x[c] > bestX + 1e-9) { best = c; bestX = x[c]; }
    if (best < 0) continue;
    if (bestX >= 1 - 1e-6) whole[u] = candSchool[best]; else split.push(u);
  }
  split.sort((a, b) => children[b] - children[a] || a - b);
  const finish = (exact: boolean) => {
    const schoolByUnit = whole.slice();
    const intake0 = new Float64Array(schools.count);
    for (let u = 0; u < n; u++) if (schoolByUnit[u] !== noSchool) intake0[schoolByUnit[u]] += children[u];
    const placed = exact ? roundSplitExactly(split, {
      candStart, candSchool, cost, colUpper: upper, children, maxNodes: options.mipMaxNodes ?? 20, limits, intake0, penalty, solver: options.solver,
    }) : null;
    if (placed) split.forEach((u, i) => { schoolByUnit[u] = placed[i]; intake0[placed[i]] += children[u]; });
    for (const u of placed ? [] : split) {
      const shares: { s: number; x: number }[] = [];
      for (let c = candStart[u]; c < candStart[u + 1]; c++) if (x[c] > 1e-6) shares.push({ s: candSchool[c], x: x[c] });
      shares.sort((a, b) => b.x - a.x);
      const fits = shares.find((x) => intake0[x.s] + children[u] <= (limits.get(x.s)?.[1] ?? Infinity) + 1e-6) ?? shares[0];
      schoolByUnit[u] = fits.s;
      intake0[fits.s] += children[u];
    }
    let repairedUnits = 0;
    if (adjacency && contiguity) repairedUnits += repairContiguity(schoolByUnit, noSchool, adjacency, input.fixed, children, distTo, schools.count, limits);
    // the repair marks units it must not move again: on its own copy, never the caller's array;
    // each round forbids a unit to return to a school it left (no ping-pong); a fresh round may finish
    // a chain the last one stopped; moves are ranked by metres per child, a moved child's price included
    const perChild = (u: number, t: number) => distTo(u, t) + (t !== input.current[u] ? moved : 0);
    for (let round = 0; round < 3; round++) {
      const moves = repairCapacity(schoolByUnit, noSchool, adjacency, input.fixed.slice(), input.closedToNew, children, perChild, limits, candStart, candSchool);
      repairedUnits += moves;
      if (!moves) break;
    }
    repairedUnits += improveBoundary(schoolByUnit, noSchool, adjacency, input.fixed, input.closedToNew, children, (u, t) => children[u] * distTo(u, t) + (t !== input.current[u] ? moved * children[u] : 0), limits, candStart, candSchool);
    return { schoolByUnit, repairedUnits, ...figures(schoolByUnit) };
  };
  // the plan's figures
  const figures = (schoolByUnit: Int32Array) => {
    let travel = 0, movedChildren = 0;
    const intake = new Float64Array(schools.count);
    for (let u = 0; u < n; u++) {
      const s = schoolByUnit[u];
      if (s === noSchool) continue;
      travel += children[u] * distTo(u, s);
      intake[s] += children[u];
      if (s !== input.current[u]) movedChildren += children[u];
    }
    const outsideBand: SchoolOutsideBand[] = [];
    let bandCost = 0;
    for (const [s, [lo, hi]] of limits) {
      const by = intake[s] > hi + 1e-6 ? intake[s] - hi : intake[s] < lo - 1e-6 ? intake[s] - lo : 0;
      if (by !== 0) { outsideBand.push({ index: s, id: schools.ids[s], name: schools.names[s], children: intake[s], lower: lo, upper: hi, by }); bandCost += Math.abs(by) * penalty; }
    }
    return { travel, movedChildren, outsideBand, objective: travel + moved * movedChildren + bandCost };
  };
  let plan = finish(true);
  if (plan.outsideBand.length && split.length) { const other = finish(false); if (other.objective < plan.objective) plan = other; }
  const { schoolByUnit, repairedUnits, travel, movedChildren, outsideBand, objective } = plan;
  const splitUnits = split.length;
  // the bound's own band slack, priced: what is left is the least travel (and moved children) possible
  const boundTravel = lowerBound - boundSlack;
  const planTravel = travel + moved * movedChildren;
  return {
    level, schoolByUnit, objective, lowerBound, gap: lowerBound > 0 ? Math.max(0, (objective - lowerBound) / lowerBound) : 0,
    travelGap: boundTravel > 0 ? Math.max(0, (planTravel - boundTravel) / boundTravel) : 0,
    travelChildMeters: travel, childrenMoved: movedChildren, outsideBand, uncapped, beyondMax,
    stats: { units: n, planningUnits, columns: numCols, rows: rowCount, splitUnits, repairedUnits, lpStatus },
  };
}

/** The programme over every unit: one row per unit (its shares sum to 1), a band's top and floor per capped school with slack columns. */
function zoneProgramme(zc: ZoneColumns, lower: Float64Array, upper: Float64Array): LpModel {
  const { n, candStart, candSchool, children } = zc;
  const columns = candStart[n];
  const rows = new RowBuilder();
  for (let u = 0; u < n; u++) {
    const a = candStart[u], b = candStart[u + 1];
    if (b > a) rows.add(range(a, b), new Float64Array(b - a).fill(1), 1, 1);
  }
  const bySchool = new Map<number, number[]>();
  const weights = new Map<number, number[]>();
  for (let u = 0; u < n; u++) {
    for (let c = candStart[u]; c < candStart[u + 1]; c++) {
      const s = candSchool[c];
      if (!bySchool.has(s)) { bySchool.set(s, []); weights.set(s, []); }
      bySchool.get(s)!.push(c); weights.get(s)!.push(children[u]);
    }
  }
  zc.capSchools.forEach((s, i) => {
    const cols = bySchool.get(s) ?? [], w = weights.get(s) ?? [];
    const slack = columns + 2 * i;
    rows.add([...cols, slack], [...w, -1], -Infinity, zc.hi[i]);
    rows.add([...cols, slack + 1], [...w, 1], zc.lo[i], Infinity);
  });
  return rows.build({ cost: zc.cost, lower, upper });
}

/**
 * The split units' exact rounding: each to one of its candidate schools (the contiguity repair
 * mends any enclave this makes), least cost, with each school's band kept in the room the
 * whole units leave (a breach priced as in the LP, so always solvable). Null when HiGHS finds no plan.
 */
function roundSplitExactly(split: number[], p: {
  candStart: Int32Array; candSchool: number[]; cost: Float64Array; colUpper: Float64Array; children: Float32Array;
  limits: Map<number, [number, number]>; intake0: Float64Array; penalty: number; solver: LpSolver; maxNodes: number;
}): Int32Array | null {
  if (!split.length) return new Int32Array(0);
  const colSchool: number[] = [], colUnit: number[] = [], colCost: number[] = [];
  const bySchool = new Map<number, number[]>();
  split.forEach((u, i) => {
    for (let c = p.candStart[u]; c < p.candStart[u + 1]; c++) {
      if (!(p.colUpper[c] > 0)) continue;
      const s = p.candSchool[c];
      const l = bySchool.get(s); if (l) l.push(colSchool.length); else bySchool.set(s, [colSchool.length]);
      colSchool.push(s); colUnit.push(i); colCost.push(p.cost[c]);
    }
  });
  const rows = new RowBuilder();
  const byUnit: number[][] = split.map(() => []);
  colUnit.forEach((i, j) => byUnit[i].push(j));
  for (const cols of byUnit) rows.add(cols, new Float64Array(cols.length).fill(1), 1, 1);
  const slackCosts: number[] = [];
  for (const [s, cols] of bySchool) {
    const lim = p.limits.get(s);
    if (!lim) continue;
    const w = cols.map((j) => p.children[split[colUnit[j]]]);
    const over = colSchool.length + slackCosts.length;
    slackCosts.push(p.penalty, p.penalty);
    rows.add([...cols, over], [...w, -1], -Infinity, lim[1] - p.intake0[s]);
    rows.add([...cols, over + 1], [...w, 1], lim[0] - p.intake0[s], Infinity);
  }
  const numCols = colSchool.length + slackCosts.length;
  const upper = new Float64Array(numCols).fill(1);
  upper.fill(Infinity, colSchool.length);
  // the slacks stay continuous: children may be fractional (shares of a census count)
  const model = rows.build({ cost: Float64Array.from([...colCost, ...slackCosts]), lower: new Float64Array(numCols), upper }, new Uint8Array(numCols).fill(1, 0, colSchool.length));
  // a 1% gap on the split units alone is a few hundredths of a percent of the plan; a node limit, not a
  // clock, ends the search so that a plan is the same on any machine (the clock is only a safety net)
  const sol = p.solver(model, { timeLimitS: 20, mipRelGap: 0.01, mipMaxNodes: p.maxNodes });
  if (sol.status !== 'optimal' && sol.status !== 'time_limit') return null;
  const out = new Int32Array(split.length).fill(-1);
  for (let j = 0; j < colSchool.length; j++) if (sol.colValue[j] > 0.5) { if (out[colUnit[j]] >= 0) return null; out[colUnit[j]] = colSchool[j]; }
  return out.every((s) => s >= 0) ? out : null;
}

function range(a: number, b: number): number[] {
  const out = new Array<number>(b - a);
  for (let i = a; i < b; i++) out[i - a] = i;
  return out;
}
