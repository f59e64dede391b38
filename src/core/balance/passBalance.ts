import type { LpSolver } from '../optimise/lpSolver';
import { RowBuilder } from '../optimise/lpSolver';
import { greatCircleMeters } from '../spatial/sphere';
import { weightedCvTerms, type IndicatorBalance } from './evaluateBalance';

export interface Transfer { from: string; fromName: string; to: string; toName: string; amount: number; distanceM: number }

export interface RotationPlan {
  indicator: string;
  cvBefore: number;
  cvAfter: number;
  target: number;
  /** total amount moved (teachers) */
  moved: number;
  transfers: Transfer[];
  /** resource per school after the moves, by school id */
  after: Record<string, number>;
  reached: boolean;
}

export interface AdditionPlan {
  indicator: string;
  cvBefore: number;
  cvAfter: number;
  target: number;
  added: number;
  additions: { id: string; name: string; amount: number }[];
  reached: boolean;
}

/**
 * The least total amount of a movable resource (teachers) moved between schools that brings its CV to
 * the target, and who sends to whom. Minimising the amount moved under the CV limit is convex, and its
 * optimality conditions say the answer is a floor and a ceiling per pupil: schools below the floor are
 * raised to it, schools above the ceiling cut to it, the rest untouched, as much taken as given. The
 * amount is found by bisection (the CV falls as it grows); the pairing of senders and receivers is a
 * transportation LP (HiGHS) over the distances, whose basic solution has at most senders + receivers - 1
 * transfers. The county total is unchanged.
 * @param lonLat school position by index, for the distances of the moves
 * @example rotationPlan(evaluation.levels[0].indicators[0], 0.5, solver, lonLat).transfers
 */
export function rotationPlan(ind: IndicatorBalance, target: number, solver: LpSolver, lonLat: (index: number) => [number, number]): RotationPlan {
  const rows = ind.schools;
  const k = rows.length;
  const n = rows.map((r) => r.pupils), r0 = rows.map((r) => r.resource);
  const before = weightedCvTerms(r0, n);
  const X = before.pooled;
  const empty: RotationPlan = { indicator: ind.id, cvBefore: before.cv, cvAfter: before.cv, target, moved: 0, transfers: [], after: Object.fromEntries(rows.map((r) => [r.id, r.resource])), reached: before.cv <= target };
  if (!(before.cv > target) || !(X > 0)) return empty;
  const x = r0.map((r, i) => r / n[i]);
  // the floor that takes m to raise the lowest schools, and the ceiling that frees m from the highest: exact,
  // from prefix sums over the schools in order of resource per pupil
  const order = Array.from({ length: k }, (_, i) => i).sort((a, c) => x[a] - x[c]);
  const floorFor = (m: number) => {
    let R = 0, N = 0;
    for (let j = 0; j < k; j++) {
      R += r0[order[j]]; N += n[order[j]];
      const f = (m + R) / N;
      if (j === k - 1 || f <= x[order[j + 1]]) return f;
    }
    return X;
  };
  const ceilFor = (m: number) => {
    let R = 0, N = 0;
    for (let j = k - 1; j >= 0; j--) {
      R += r0[order[j]]; N += n[order[j]];
      const c = (R - m) / N;
      if (j === 0 || c >= x[order[j - 1]]) return c;
    }
    return X;
  };
  const afterFor = (m: number) => {
    const floor = floorFor(m), ceil = ceilFor(m);
    return r0.map((r, i) => (x[i] < floor ? floor * n[i] : x[i] > ceil ? ceil * n[i] : r));
  };
  const taken = (ceil: number) => { let a = 0; for (let i = 0; i < k; i++) if (x[i] > ceil) a += r0[i] - ceil * n[i]; return a; };
  let lo = 0, hi = taken(X);
  for (let it = 0; it < 100 && hi - lo > 1e-7 * (1 + hi); it++) {
    const mid = (lo + hi) / 2;
    if (weightedCvTerms(afterFor(mid), n).cv <= target) hi = mid; else lo = mid;
  }
  const after = afterFor(hi);
  const senders: number[] = [], receivers: number[] = [];
  for (let i = 0; i < k; i++) { if (after[i] < r0[i] - 1e-9) senders.push(i); else if (after[i] > r0[i] + 1e-9) receivers.push(i); }
  const dist = (i: number, j: number) => { const a = lonLat(rows[i].index), b = lonLat(rows[j].index); return greatCircleMeters(a[0], a[1], b[0], b[1]); };
  // who sends to whom: the least teacher-distance pairing of the amounts (a transportation problem)
  const pairs: [number, number][] = [];
  for (const i of senders) for (const j of receivers) pairs.push([i, j]);
  const cost = Float64Array.from(pairs, ([i, j]) => dist(i, j) / 1000);
  const b = new RowBuilder();
  const give = new Map(senders.map((i) => [i, [] as number[]])), get = new Map(receivers.map((j) => [j, [] as number[]]));
  pairs.forEach(([i, j], p) => { give.get(i)!.push(p); get.get(j)!.push(p); });
  // the totals match up to rounding: each sender gives at most its surplus, each receiver gets its need
  const scale = Math.min(1, senders.reduce((a, i) => a + r0[i] - after[i], 0) / Math.max(1e-12, receivers.reduce((a, j) => a + after[j] - r0[j], 0)));
  for (const i of senders) b.add(give.get(i)!, give.get(i)!.map(() => 1), 0, r0[i] - after[i] + 1e-9);
  for (const j of receivers) { const need = (after[j] - r0[j]) * scale; b.add(get.get(j)!, get.get(j)!.map(() => 1), need, need); }
  const sol = solver(b.build({ cost, lower: new Float64Array(pairs.length), upper: new Float64Array(pairs.length).fill(Infinity) }));
  if (sol.status !== 'optimal') return empty;
  const transfers: Transfer[] = [];
  const final = r0.slice();
  pairs.forEach(([i, j], p) => {
    const t = sol.colValue[p];
    if (t > 1e-6) { transfers.push({ from: rows[i].id, fromName: rows[i].name, to: rows[j].id, toName: rows[j].name, amount: t, distanceM: dist(i, j) }); final[i] -= t; final[j] += t; }
  });
  transfers.sort((a, c) => c.amount - a.amount);
  const cvAfter = weightedCvTerms(final, n).cv;
  return {
    indicator: ind.id, cvBefore: before.cv, cvAfter, target, moved: transfers.reduce((a, t) => a + t.amount, 0), transfers,
    after: Object.fromEntries(rows.map((r, i) => [r.id, final[i]])), reached: cvAfter <= target + 1e-6,
  };
}

/**
 * The least amount of a resource to add (no school loses any) that brings its CV to the target:
 * the schools lowest per pupil are raised to a common floor, the floor found by bisection (raising
 * the lowest first is what lowers the weighted spread fastest per unit added).
 * @example additionPlan(evaluation.levels[0].indicators[4], 0.5).additions
 */
export function additionPlan(ind: IndicatorBalance, target: number): AdditionPlan {
  const rows = ind.schools;
  const n = rows.map((r) => r.pupils), r0 = rows.map((r) => r.resource);
  const before = weightedCvTerms(r0, n).cv;
  const raise = (floor: number) => r0.map((r, i) => Math.max(r, floor * n[i]));
  const base: AdditionPlan = { indicator: ind.id, cvBefore: before, cvAfter: before, target, added: 0, additions: [], reached: before <= target };
  if (!(before > target)) return base;
  let lo = Math.min(...rows.map((_, i) => r0[i] / n[i])), hi = Math.max(...rows.map((_, i) => r0[i] / n[i]));
  if (!(weightedCvTerms(raise(hi), n).cv <= target + 1e-12)) return base;
  for (let it = 0; it < 60; it++) {
    const mid = (lo + hi) / 2;
    if (weightedCvTerms(raise(mid), n).cv <= target) hi = mid; else lo = mid;
  }
  const after = raise(hi);
  const additions = rows.map((r, i) => ({ id: r.id, name: r.name, amount: after[i] - r0[i] })).filter((a) => a.amount > 1e-9).sort((a, b) => b.amount - a.amount);
  return { indicator: ind.id, cvBefore: before, cvAfter: weightedCvTerms(after, n).cv, target, added: additions.reduce((a, x) => a + x.amount, 0), additions, reached: true };
}
