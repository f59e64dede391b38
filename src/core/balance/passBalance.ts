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
 * The fewest transfers of a movable resource (teachers) between schools that bring its CV to the
 * target: every school is held within a band around the county value (per pupil), the band as wide
 * as the target allows (found by bisection), and the moves into and out of the band are a
 * transportation LP (HiGHS) that moves the least, nearest first. The county total is unchanged.
 * @param lonLat school position by index, for the distances of the moves
 * @example rotationPlan(evaluation.levels[0].indicators[0], 0.5, solver, lonLat).transfers
 */
export function rotationPlan(ind: IndicatorBalance, target: number, solver: LpSolver, lonLat: (index: number) => [number, number]): RotationPlan {
  const rows = ind.schools;
  const n = rows.map((r) => r.pupils), r0 = rows.map((r) => r.resource);
  const before = weightedCvTerms(r0, n);
  const X = before.pooled;
  const empty: RotationPlan = { indicator: ind.id, cvBefore: before.cv, cvAfter: before.cv, target, moved: 0, transfers: [], after: Object.fromEntries(rows.map((r) => [r.id, r.resource])), reached: before.cv <= target };
  if (!(before.cv > target) || !(X > 0)) return empty;
  const dist = (i: number, j: number) => { const a = lonLat(rows[i].index), b = lonLat(rows[j].index); return greatCircleMeters(a[0], a[1], b[0], b[1]); };
  const solve = (delta: number) => {
    // t_ij >= 0 for every ordered pair; each school's resource after the moves stays in [n(X - d), n(X + d)]
    const k = rows.length;
    const pairs: [number, number][] = [];
    for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) if (i !== j && r0[i] > n[i] * (X - delta) && r0[j] < n[j] * (X + delta)) pairs.push([i, j]);
    const cost = new Float64Array(pairs.length), lo = new Float64Array(pairs.length), up = new Float64Array(pairs.length).fill(Infinity);
    // one unit moved costs 1; the distance only breaks ties (nearest partner first)
    pairs.forEach(([i, j], p) => { cost[p] = 1 + dist(i, j) / 1e9; });
    const b = new RowBuilder();
    const out: number[][] = Array.from({ length: k }, () => []), inn: number[][] = Array.from({ length: k }, () => []);
    pairs.forEach(([i, j], p) => { out[i].push(p); inn[j].push(p); });
    for (let i = 0; i < k; i++) {
      const cols = [...out[i], ...inn[i]], vals = [...out[i].map(() => -1), ...inn[i].map(() => 1)];
      b.add(cols, vals, n[i] * (X - delta) - r0[i], n[i] * (X + delta) - r0[i]);
    }
    const sol = solver(b.build({ cost, lower: lo, upper: up }));
    if (sol.status !== 'optimal') return null;
    const after = r0.slice();
    pairs.forEach(([i, j], p) => { const t = sol.colValue[p]; if (t > 1e-9) { after[i] -= t; after[j] += t; } });
    return { after, sol, pairs, cv: weightedCvTerms(after, n).cv };
  };
  // the widest band whose moves bring the CV to the target: fewer moves than any narrower band
  let lo = 0, hi = Math.max(...rows.map((_, i) => Math.abs(r0[i] / n[i] - X)));
  let best = solve(0);
  if (!best) return empty;
  for (let it = 0; it < 40; it++) {
    const mid = (lo + hi) / 2;
    const r = solve(mid);
    if (r && r.cv <= target) { best = r; lo = mid; } else hi = mid;
    if (hi - lo < 1e-6 * X) break;
  }
  const transfers: Transfer[] = [];
  best.pairs.forEach(([i, j], p) => {
    const t = best!.sol.colValue[p];
    if (t > 1e-6) transfers.push({ from: rows[i].id, fromName: rows[i].name, to: rows[j].id, toName: rows[j].name, amount: t, distanceM: dist(i, j) });
  });
  transfers.sort((a, b) => b.amount - a.amount);
  return {
    indicator: ind.id, cvBefore: before.cv, cvAfter: best.cv, target, moved: transfers.reduce((a, t) => a + t.amount, 0), transfers,
    after: Object.fromEntries(rows.map((r, i) => [r.id, best!.after[i]])), reached: best.cv <= target + 1e-9,
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
