import { RowBuilder, type LpSolver } from './lpSolver';

/**
 * The zone programme's columns, shared by the exact and the aggregated solve: unit u's candidate
 * columns are candStart[u]..candStart[u+1]; a column's cost is its children x distance (plus the
 * moved-child price); each capped school has a band [lo, hi] of children.
 */
export interface ZoneColumns {
  n: number;
  candStart: Int32Array;
  candSchool: ArrayLike<number>;
  cost: Float64Array;
  children: Float32Array;
  fixed: Uint8Array;
  /** capped schools and their bands, in row order */
  capSchools: number[];
  lo: Float64Array;
  hi: Float64Array;
  /** a child outside a band costs this much (the programme's slack price) */
  penalty: number;
  schoolCount: number;
}

/** Prices per capped school: `over` for the band's top (>= 0), `under` for its floor (>= 0), both at most the penalty. */
export interface BandPrices { over: Float64Array; under: Float64Array }

/**
 * The Lagrangian bound of the zone programme for given band prices: every unit takes its cheapest
 * candidate at cost + children x (over - under) of the school, less the prices times the bands. By
 * weak duality this is at most the programme's optimum for any prices in [0, penalty], so it bounds
 * every plan over the same candidates (contiguous or not) whatever prices it is given.
 * @example lagrangianBound(cols, prices).value <= lpOptimum
 */
export function lagrangianBound(cols: ZoneColumns, prices: BandPrices): { value: number; load: Float64Array } {
  const { candStart, candSchool, cost, children } = cols;
  const shift = schoolShift(cols, prices);
  const load = new Float64Array(cols.capSchools.length);
  const row = capRowOf(cols);
  let value = 0;
  for (let u = 0; u < cols.n; u++) {
    let best = Infinity, bestS = -1;
    for (let c = candStart[u]; c < candStart[u + 1]; c++) {
      const v = cost[c] + children[u] * shift[candSchool[c]];
      if (v < best) { best = v; bestS = candSchool[c]; }
    }
    if (bestS < 0) continue;
    value += best;
    if (row[bestS] >= 0) load[row[bestS]] += children[u];
  }
  for (let i = 0; i < cols.capSchools.length; i++) value += -prices.over[i] * cols.hi[i] + prices.under[i] * cols.lo[i];
  return { value, load };
}

/**
 * Raises the Lagrangian bound from given prices by projected subgradient steps (the best bound
 * seen is kept, so it never falls): a school loaded over its band gets dearer, one under it cheaper.
 */
export function polishBound(cols: ZoneColumns, start: BandPrices, iterations: number, scale: number): { value: number; prices: BandPrices } {
  let prices = { over: start.over.slice(), under: start.under.slice() };
  let { value, load } = lagrangianBound(cols, prices);
  let best = { value, prices: { over: prices.over.slice(), under: prices.under.slice() } };
  for (let t = 0; t < iterations; t++) {
    let norm = 0;
    for (let i = 0; i < load.length; i++) norm = Math.max(norm, load[i] - cols.hi[i], cols.lo[i] - load[i]);
    if (norm === 0) break;
    const step = scale / (1 + t / 4);
    const next = { over: prices.over.slice(), under: prices.under.slice() };
    for (let i = 0; i < load.length; i++) {
      next.over[i] = clamp(next.over[i] + step * (load[i] - cols.hi[i]) / norm, 0, cols.penalty);
      next.under[i] = clamp(next.under[i] + step * (cols.lo[i] - load[i]) / norm, 0, cols.penalty);
    }
    prices = next;
    ({ value, load } = lagrangianBound(cols, prices));
    if (value > best.value) best = { value, prices: { over: prices.over.slice(), under: prices.under.slice() } };
  }
  return best;
}

/**
 * The programme over planning units: units in one grid cell with the same two nearest candidates
 * form one planning unit (fixed units stay alone), solved exactly by the LP solver. Its band rows'
 * duals are the prices (for the Lagrangian bound); `x` gives each unit one column, sharing out each
 * planning unit's answer among its members (whole units: the repairs then meet the bands).
 */
export function pricesByAggregation(cols: ZoneColumns, lon: ArrayLike<number>, lat: ArrayLike<number>, target: number, solver: LpSolver, timeLimitS?: number):
  { prices: BandPrices; x: Float64Array; planningUnits: number; slack: number } {
  const { n, candStart, candSchool, cost, children } = cols;
  // cells sized for about n / target units each, in locally square metres
  let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
  for (let u = 0; u < n; u++) { minX = Math.min(minX, lon[u]); maxX = Math.max(maxX, lon[u]); minY = Math.min(minY, lat[u]); maxY = Math.max(maxY, lat[u]); }
  const kx = Math.cos((((minY + maxY) / 2) * Math.PI) / 180);
  const area = Math.max(1e-12, (maxX - minX) * kx * (maxY - minY));
  const cell = Math.sqrt(area / Math.max(1, target));
  const clusterOf = new Int32Array(n);
  const keyIndex = new Map<string, number>();
  const first: number[] = [];
  for (let u = 0; u < n; u++) {
    const a = candStart[u], b = candStart[u + 1];
    const key = clusterKey(u, a, b);
    let id = keyIndex.get(key);
    if (id === undefined) { id = first.length; keyIndex.set(key, id); first.push(u); }
    clusterOf[u] = id;
  }
  function clusterKey(u: number, a: number, b: number): string {
    if (cols.fixed[u] || b - a < 2) return `u${u}`;
    const set: number[] = [];
    for (let c = a; c < b; c++) set.push(candSchool[c]);
    return `${Math.floor(((lon[u] - minX) * kx) / cell)},${Math.floor((lat[u] - minY) / cell)},${set.sort((p, q) => p - q).join(',')}`;
  }
  // members share their set of candidates (the key holds it), so a planning unit's columns are its
  // first member's candidates and each column costs the members' own columns for that school
  const m = first.length;
  const pStart = new Int32Array(m + 1);
  for (let i = 0; i < m; i++) pStart[i + 1] = pStart[i] + candStart[first[i] + 1] - candStart[first[i]];
  const pSchool = new Int32Array(pStart[m]);
  for (let i = 0; i < m; i++) for (let c = candStart[first[i]], j = pStart[i]; c < candStart[first[i] + 1]; c++, j++) pSchool[j] = candSchool[c];
  const colOf = (u: number, school: number) => { let c = candStart[u]; while (candSchool[c] !== school) c++; return c; };
  const pCost = new Float64Array(pStart[m]);
  const pChildren = new Float64Array(m);
  for (let u = 0; u < n; u++) {
    const i = clusterOf[u];
    pChildren[i] += children[u];
    for (let j = pStart[i]; j < pStart[i + 1]; j++) pCost[j] += cost[colOf(u, pSchool[j])];
  }
  const row = capRowOf(cols);
  const k = cols.capSchools.length;
  const numCols = pStart[m] + 2 * k;
  const lower = new Float64Array(numCols), upper = new Float64Array(numCols).fill(1), colCost = new Float64Array(numCols);
  colCost.set(pCost);
  for (let j = pStart[m]; j < numCols; j++) { colCost[j] = cols.penalty; upper[j] = Infinity; }
  const rows = new RowBuilder();
  for (let i = 0; i < m; i++) {
    const idx: number[] = [];
    for (let j = pStart[i]; j < pStart[i + 1]; j++) idx.push(j);
    // units without a candidate (no open school may take them) have no row
    if (idx.length) rows.add(idx, new Float64Array(idx.length).fill(1), 1, 1);
  }
  const bySchool: number[][] = Array.from({ length: k }, () => []);
  for (let i = 0; i < m; i++) for (let j = pStart[i]; j < pStart[i + 1]; j++) if (row[pSchool[j]] >= 0) bySchool[row[pSchool[j]]].push(j);
  const overRow = new Int32Array(k), underRow = new Int32Array(k);
  let meanChildren = 0;
  for (let u = 0; u < n; u++) meanChildren += children[u] / n;
  const unitOf = new Int32Array(pStart[m]);
  for (let i = 0; i < m; i++) for (let j = pStart[i]; j < pStart[i + 1]; j++) unitOf[j] = i;
  for (let r = 0; r < k; r++) {
    const js = bySchool[r], w = js.map((j) => pChildren[unitOf[j]]);
    const slack = pStart[m] + 2 * r;
    // a little room is kept back below each top: members of split planning units are whole units,
    // and what they overshoot must fit next door for the repair to put it there
    const reserve = Math.min(0.02 * cols.hi[r], meanChildren);
    overRow[r] = rows.add([...js, slack], [...w, -1], -Infinity, Math.max(cols.lo[r], cols.hi[r] - reserve));
    underRow[r] = rows.add([...js, slack + 1], [...w, 1], cols.lo[r], Infinity);
  }
  const sol = solver(rows.build({ cost: colCost, lower, upper }), { timeLimitS });
  if (sol.status !== 'optimal' || !sol.rowDual) throw new Error(`the linear programme over planning units was not solved (${sol.status}: ${sol.message ?? ''})`);
  // HiGHS's duals are d objective / d bound: <= 0 on a binding top, >= 0 on a binding floor
  const prices: BandPrices = { over: new Float64Array(k), under: new Float64Array(k) };
  for (let r = 0; r < k; r++) {
    prices.over[r] = clamp(-sol.rowDual[overRow[r]], 0, cols.penalty);
    prices.under[r] = clamp(sol.rowDual[underRow[r]], 0, cols.penalty);
  }
  let slack = 0;
  for (let j = pStart[m]; j < numCols; j++) slack += sol.colValue[j];
  // each planning unit's members share out its programme's answer: where it is split, the members
  // that gain most from a school go to it until its share of children is met (whole units)
  const members: number[][] = Array.from({ length: m }, () => []);
  for (let u = 0; u < n; u++) members[clusterOf[u]].push(u);
  const x = new Float64Array(candStart[n]);
  for (let i = 0; i < m; i++) {
    const shares: { school: number; x: number }[] = [];
    for (let j = pStart[i]; j < pStart[i + 1]; j++) if (sol.colValue[j] > 1e-9) shares.push({ school: pSchool[j], x: sol.colValue[j] });
    shares.sort((a, b) => b.x - a.x);
    let left = members[i];
    for (let h = 0; h < shares.length && left.length; h++) {
      const { school } = shares[h];
      if (h === shares.length - 1) { for (const u of left) x[colOf(u, school)] = 1; break; }
      // members by how much dearer this school is than their cheapest other candidate, per child
      const gain = (u: number) => { const c = colOf(u, school); let other = Infinity; for (let d = candStart[u]; d < candStart[u + 1]; d++) if (d !== c) other = Math.min(other, cost[d]); return (cost[c] - other) / Math.max(children[u], 1e-9); };
      const order = left.map((u) => ({ u, g: gain(u) })).sort((a, b) => a.g - b.g || a.u - b.u);
      const want = shares[h].x * pChildren[i];
      let got = 0;
      const rest: number[] = [];
      for (const { u } of order) {
        if (got + children[u] / 2 <= want) { x[colOf(u, school)] = 1; got += children[u]; } else rest.push(u);
      }
      left = rest;
    }
  }
  return { prices, x, planningUnits: m, slack: slack * cols.penalty };
}

/** Each school's price shift per child (over - under; 0 for uncapped schools). */
function schoolShift(cols: ZoneColumns, prices: BandPrices): Float64Array {
  const shift = new Float64Array(cols.schoolCount);
  cols.capSchools.forEach((s, i) => { shift[s] = prices.over[i] - prices.under[i]; });
  return shift;
}

function capRowOf(cols: ZoneColumns): Int32Array {
  const row = new Int32Array(cols.schoolCount).fill(-1);
  cols.capSchools.forEach((s, i) => { row[s] = i; });
  return row;
}

const clamp = (v: number, a: number, b: number) => Math.min(b, Math.max(a, v));
