import type { LevelAssignment } from '../catchment/assignNearest';
import type { CatchmentResult, SchoolReport } from '../catchment/computeCatchments';
import { unitId, type Schools, type Units } from '../model';
import type { ProjectionResult } from '../project/projectEnrollment';
import type { PlanBalance } from '../balance/balanceOfPlan';
import type { Settings } from '../settings/settings';
import { greatCircleMeters } from '../spatial/sphere';
import { weightedQuantile } from '../stats/weightedQuantile';

/** One indicator's CV at one level before and after a plan's layout actions. */
export interface BalanceChange { level: string; indicator: string; name: string; before: number; after: number; threshold: number; notAssessed: string | null }

/** The rows of the outcomes' balance table from the plan's balance evaluation. */
export function balanceChanges(b: PlanBalance): BalanceChange[] {
  const out: BalanceChange[] = [];
  for (const la of b.after.levels) {
    const lb = b.before.levels.find((x) => x.level === la.level);
    for (const ia of la.indicators) {
      const ib = lb?.indicators.find((x) => x.id === ia.id);
      out.push({ level: la.level, indicator: ia.id, name: ia.name.en, before: ib?.cv ?? NaN, after: ia.cv, threshold: ia.threshold, notAssessed: ib?.notAssessed ?? ia.notAssessed });
    }
    if (b.after.standard.rule === 'composite') out.push({ level: la.level, indicator: 'composite', name: 'mean of the indicators', before: lb?.composite ?? NaN, after: la.composite, threshold: la.compositeThreshold, notAssessed: Number.isFinite(la.composite) && Number.isFinite(lb?.composite ?? NaN) ? null : 'not assessed: an indicator is not assessed' });
  }
  return out;
}

/** Children of one unit and level whose school changes. */
export interface Move { unitId: string; level: string; from: string | null; to: string | null; children: number; distanceBeforeM: number; distanceAfterM: number }

export interface TravelStats { children: number; meanM: number; p90M: number; maxM: number; beyondStandard: number }

export interface Outcomes {
  schoolsByLevel: { level: string; before: number; after: number }[];
  childrenMoved: Record<string, number>;
  travel: Record<string, { allBefore: TravelStats; allAfter: TravelStats; moversBefore: TravelStats; moversAfter: TravelStats }>;
  largestIncreases: Move[];
  receiving: { id: string; name: string; gained: number; utilizationBefore: number; utilizationAfter: number; avgClassBefore: number; avgClassAfter: number; classesNeeded: number; classrooms: number; projectedAvgClass: { year: number; value: number }[] }[];
  flagsResolved: { id: string; name: string; flag: string }[];
  flagsCreated: { id: string; name: string; flag: string }[];
  /** places of closed schools less places added; NaN = not assessed (a school's capacity is not in the data) */
  capacityFreed: number;
  /**
   * every indicator's student-weighted coefficient of variation per level under the settings' balance
   * standard (and the composite where the standard has one), before and after; NaN = not assessed, with the reason
   */
  balance: BalanceChange[];
}

/**
 * Children whose school changes between two assignments of the same units (data indices are shared:
 * schools opened by a scenario are appended), plus the older grades a teaching point sends on.
 */
export function movesBetween(
  s0: Schools, u0: Units, before: LevelAssignment[], s1: Schools, u1: Units, after: LevelAssignment[],
  gradeMoves: { from: number; to: number; grades: string[] }[], settings: Settings,
  /** the derivation's distance (routes); straight line when not given */
  distance?: (u: number, s: number) => number,
): Move[] {
  const moves: Move[] = [];
  for (const a1 of after) {
    const a0 = before.find((x) => x.level === a1.level)!;
    const ch = u1.childrenByLevel[a1.level];
    for (let k = 0; k < u1.count; k++) {
      const from = a0.schoolByUnit[k] === a0.noSchool ? null : s0.ids[a0.schoolByUnit[k]];
      const to = a1.schoolByUnit[k] === a1.noSchool ? null : s1.ids[a1.schoolByUnit[k]];
      if (from === to || !(ch[k] > 0)) continue;
      moves.push({ unitId: unitId(u0, k), level: a1.level, from, to, children: ch[k], distanceBeforeM: a0.distanceByUnit[k], distanceAfterM: a1.distanceByUnit[k] });
    }
    // a teaching point keeps its zone but its older pupils travel on: their share of the zone's children moves
    const level = settings.levels.find((l) => l.id === a1.level)!;
    for (const g of gradeMoves) {
      const share = g.grades.filter((x) => level.grades.includes(x)).length / level.grades.length;
      if (!(share > 0)) continue;
      for (let k = 0; k < u1.count; k++) {
        if (a1.schoolByUnit[k] !== g.from || !(ch[k] > 0)) continue;
        moves.push({ unitId: unitId(u0, k), level: a1.level, from: s1.ids[g.from], to: s1.ids[g.to], children: ch[k] * share, distanceBeforeM: a1.distanceByUnit[k], distanceAfterM: distance ? distance(k, g.to) : greatCircleMeters(u1.lon[k], u1.lat[k], s1.lon[g.to], s1.lat[g.to]) });
      }
    }
  }
  return moves;
}

/** Travel of weighted distances: mean, weighted 90th percentile, maximum, weight beyond the standard. */
function travel(pairs: { w: number; d: number }[], standard: number): TravelStats {
  return travelOf(Float64Array.from(pairs, (p) => p.d), Float64Array.from(pairs, (p) => p.w), pairs.length, standard);
}

/** As `travel`, over the first n entries of typed arrays (a million units without a million objects). */
function travelOf(d: Float64Array, w: Float64Array, n: number, standard: number): TravelStats {
  let m = 0, total = 0, sum = 0, beyond = 0, max = NaN;
  for (let i = 0; i < n; i++) {
    if (!(w[i] > 0) || !Number.isFinite(d[i])) continue;
    d[m] = d[i]; w[m] = w[i]; m++;
    total += w[i]; sum += w[i] * d[i];
    if (d[i] > standard) beyond += w[i];
    if (!(d[i] <= max)) max = d[i];
  }
  return { children: total, meanM: total ? sum / total : NaN, p90M: weightedQuantile(d.subarray(0, m), w.subarray(0, m), 0.9), maxM: max, beyondStandard: beyond };
}

/** Coefficient of variation of x_i = resource_i / n_i weighted by n_i, X pooled: sqrt(sum (n_i/N)(x_i - X)^2) / X. */
export function weightedCv(resource: number[], pupils: number[]): number {
  let R = 0, N = 0;
  for (let i = 0; i < pupils.length; i++) if (pupils[i] > 0 && Number.isFinite(resource[i])) { R += resource[i]; N += pupils[i]; }
  if (!(N > 0) || !(R > 0)) return NaN;
  const X = R / N;
  let acc = 0;
  for (let i = 0; i < pupils.length; i++) if (pupils[i] > 0 && Number.isFinite(resource[i])) acc += (pupils[i] / N) * (resource[i] / pupils[i] - X) ** 2;
  return Math.sqrt(acc) / X;
}

/** The outcome tables of a plan against its baseline (same data and corrections, nearest zones, no actions). */
export function measureOutcomes(base: CatchmentResult, baseUnits: Units, after: CatchmentResult, afterUnits: Units, moves: Move[], projection: ProjectionResult, settings: Settings, planBalance: PlanBalance): Outcomes {
  const open = (r: CatchmentResult, level: string) => r.schools.filter((x) => x.status === 'open' && x.levels.includes(level)).length;
  const schoolsByLevel = settings.levels.map((l) => ({ level: l.id, before: open(base, l.id), after: open(after, l.id) }));
  const childrenMoved: Record<string, number> = {};
  const travelOut: Outcomes['travel'] = {};
  const memo = new Map<ArrayLike<number>, { children: Float32Array; stats: TravelStats }>();
  for (const l of settings.levels) {
    const m = moves.filter((x) => x.level === l.id);
    childrenMoved[l.id] = m.reduce((a, x) => a + x.children, 0);
    // the same assignment before and after (no change yet) is measured once: a million units cost a sort
    const all = (r: CatchmentResult, children: Float32Array) => {
      const a = r.assignments.find((x) => x.level === l.id)!;
      const key = a.schoolByUnit;
      let t = memo.get(key);
      if (!t || t.children !== children) {
        const n = a.distanceByUnit.length;
        const d = new Float64Array(n), w = new Float64Array(n);
        for (let k = 0; k < n; k++) { d[k] = a.distanceByUnit[k]; w[k] = a.schoolByUnit[k] === a.noSchool ? 0 : children[k]; }
        t = { children, stats: travelOf(d, w, n, l.distanceStandardM) };
        memo.set(key, t);
      }
      return t.stats;
    };
    travelOut[l.id] = {
      allBefore: all(base, baseUnits.childrenByLevel[l.id]),
      allAfter: all(after, afterUnits.childrenByLevel[l.id]),
      moversBefore: travel(m.map((x) => ({ w: x.children, d: x.distanceBeforeM })), l.distanceStandardM),
      moversAfter: travel(m.map((x) => ({ w: x.children, d: x.distanceAfterM })), l.distanceStandardM),
    };
  }
  const largestIncreases = [...moves].sort((a, b) => (b.distanceAfterM - b.distanceBeforeM) - (a.distanceAfterM - a.distanceBeforeM)).slice(0, 10);
  const beforeById = new Map(base.schools.map((r) => [r.id, r]));
  const gained = new Map<string, number>();
  for (const m of moves) if (m.to) gained.set(m.to, (gained.get(m.to) ?? 0) + m.children);
  const receiving = [...gained.entries()].sort((a, b) => b[1] - a[1]).map(([id, g]) => {
    const r = after.schools.find((x) => x.id === id)!, b = beforeById.get(id);
    const sp = projection.schools.find((x) => x.id === id);
    const dem = (x: SchoolReport | undefined) => (x && x.capacity > 0 ? x.demand / x.capacity : NaN);
    return {
      id, name: r.name, gained: g, utilizationBefore: dem(b), utilizationAfter: dem(r),
      avgClassBefore: b && b.classrooms > 0 ? b.demand / b.classrooms : NaN, avgClassAfter: r.classrooms > 0 ? r.demand / r.classrooms : NaN,
      classesNeeded: r.levels.reduce((acc, lv) => acc + Math.ceil((r.distanceByLevel[lv]?.children ?? 0) / (settings.levels.find((x) => x.id === lv)?.classSize ?? 1)), 0),
      classrooms: r.classrooms, projectedAvgClass: (sp?.years ?? []).map((y) => ({ year: y.year, value: y.avgClassSize })),
    };
  });
  const flagSet = (r: SchoolReport) => new Set(r.flags.filter((f) => f.status === 'flagged').map((f) => [f.flag, f.level].filter(Boolean).join(':')));
  const flagsResolved: Outcomes['flagsResolved'] = [], flagsCreated: Outcomes['flagsCreated'] = [];
  const afterById = new Map(after.schools.map((r) => [r.id, r]));
  for (const b of base.schools) {
    const a = afterById.get(b.id);
    const fb = b.status === 'open' ? flagSet(b) : new Set<string>();
    const fa = a && a.status === 'open' ? flagSet(a) : new Set<string>();
    for (const f of fb) if (!fa.has(f)) flagsResolved.push({ id: b.id, name: b.name, flag: a?.status === 'open' ? f : `${f} (school closed)` });
    for (const f of fa) if (!fb.has(f)) flagsCreated.push({ id: b.id, name: b.name, flag: f });
  }
  for (const a of after.schools) if (!beforeById.has(a.id)) for (const f of flagSet(a)) flagsCreated.push({ id: a.id, name: a.name, flag: f });
  // capacity freed is not assessed (NaN) when a school whose places it counts has no capacity in the data
  let capacityFreed = 0;
  for (const b of base.schools) {
    const a = afterById.get(b.id);
    if (b.status === 'open' && a && a.status !== 'open') capacityFreed += Number.isFinite(b.capacity) ? b.capacity : NaN;
  }
  for (const a of after.schools) {
    const b = beforeById.get(a.id);
    if (!b || a.status !== 'open' || a.capacity === b.capacity) continue;
    capacityFreed -= Number.isFinite(a.capacity) && Number.isFinite(b.capacity) ? Math.max(0, a.capacity - b.capacity) : NaN;
  }
  const balance = balanceChanges(planBalance);
  return { schoolsByLevel, childrenMoved, travel: travelOut, largestIncreases, receiving, flagsResolved, flagsCreated, capacityFreed: Number.isFinite(capacityFreed) ? Math.max(0, capacityFreed) : NaN, balance };
}
