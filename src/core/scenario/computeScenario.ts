import { allocateSchoolByUnit, assignNearest, candidateSchools, type LevelAssignment } from '../catchment/assignNearest';
import { summarise, type CatchmentResult, type SchoolReport } from '../catchment/computeCatchments';
import { unitId, type Schools, type Units } from '../model';
import { computePlan, compilePlan } from '../plan/applyPlan';
import type { Plan } from '../plan/plan';
import { applySchoolEdits } from '../plan/schoolEdits';
import { projectEnrollment, type ProjectionResult } from '../project/projectEnrollment';
import type { Settings } from '../settings/settings';
import { greatCircleMeters } from '../spatial/sphere';
import { applyActions, type ScenarioAction } from './actions';

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
  capacityFreed: number;
  /** coefficient of variation across schools of per-pupil resources, weighted by enrollment (pooled mean) */
  balance: { indicator: string; before: number; after: number }[];
}

export interface ScenarioResult {
  baseline: CatchmentResult & { schools: SchoolReport[] };
  result: CatchmentResult;
  schools: Schools;
  units: Units;
  nearest: LevelAssignment[];
  moves: Move[];
  outcomes: Outcomes;
  projection: ProjectionResult;
  problems: string[];
}

/** A scenario = a plan with layout actions (optional field of the plan record). */
export type ScenarioPlan = Plan & { actions?: ScenarioAction[] };

/**
 * Applies a scenario's layout actions and drawn zones, and measures it against the baseline
 * (the same data and corrections, nearest-school zones, no actions). Deterministic; app and CLI share it.
 * @example computeScenario(schools, units, scenario).outcomes.childrenMoved
 */
export function computeScenario(schools: Schools, units: Units, plan: ScenarioPlan, settings: Settings = plan.settings): ScenarioResult {
  const baselinePlan: Plan = { ...plan, levels: {} };
  const base = computePlan(schools, units, baselinePlan, settings);
  const edited = applySchoolEdits(schools, plan.schoolEdits).schools;
  const layout = applyActions(edited, units, settings, plan.actions ?? [], base.nearest);
  const s = layout.schools, u = layout.units;
  const { levels } = compilePlan(plan, s, u);
  const nearest = settings.levels.map((l) => assignNearest(u, s, candidateSchools(s, settings, l.id), l.id));
  const assignments = nearest.map((a) => {
    const { array: schoolByUnit } = allocateSchoolByUnit(s.count, u.count);
    schoolByUnit.set(a.schoolByUnit);
    const distanceByUnit = a.distanceByUnit.slice();
    const drawn = levels[a.level]?.overrideByUnit, receiver = layout.receiverByUnit[a.level], site = layout.siteByUnit[a.level];
    for (let k = 0; k < u.count; k++) {
      // drawn (or locked) areas keep their school unless it closed; then a named receiver; else nearest
      let t = drawn && drawn[k] >= 0 && s.status[drawn[k]] === 'open' ? drawn[k] : -1;
      if (t < 0 && receiver[k] >= 0) t = receiver[k];
      const campus = t >= 0 && site[k] >= 0 && t === receiver[k];
      if (t < 0 || (t === a.schoolByUnit[k] && !campus)) continue;
      schoolByUnit[k] = t;
      const at = campus ? site[k] : t;
      distanceByUnit[k] = greatCircleMeters(u.lon[k], u.lat[k], s.lon[at], s.lat[at]);
    }
    return { level: a.level, schoolByUnit, noSchool: a.noSchool, distanceByUnit } as LevelAssignment;
  });
  const result = summarise(s, u, settings, assignments);
  const moves = movesBetween(base.schoolsWithEdits, units, base.assignments, s, u, assignments, layout.gradeMoves, settings);
  const projection = projectEnrollment(s, u, settings, assignments);
  const outcomes = measure(base, units, result, u, moves, projection, settings);
  return { baseline: base, result, schools: s, units: u, nearest, moves, outcomes, projection, problems: layout.problems };
}

function movesBetween(
  s0: Schools, u0: Units, before: LevelAssignment[], s1: Schools, u1: Units, after: LevelAssignment[],
  gradeMoves: { from: number; to: number; grades: string[] }[], settings: Settings,
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
        moves.push({ unitId: unitId(u0, k), level: a1.level, from: s1.ids[g.from], to: s1.ids[g.to], children: ch[k] * share, distanceBeforeM: a1.distanceByUnit[k], distanceAfterM: greatCircleMeters(u1.lon[k], u1.lat[k], s1.lon[g.to], s1.lat[g.to]) });
      }
    }
  }
  return moves;
}

function travel(pairs: { w: number; d: number }[], standard: number): TravelStats {
  const list = pairs.filter((p) => p.w > 0 && Number.isFinite(p.d)).sort((a, b) => a.d - b.d);
  const total = list.reduce((a, p) => a + p.w, 0);
  let cum = 0, p90 = NaN, sum = 0, beyond = 0;
  for (const p of list) { sum += p.w * p.d; if (p.d > standard) beyond += p.w; cum += p.w; if (Number.isNaN(p90) && cum >= 0.9 * total - 1e-9) p90 = p.d; }
  return { children: total, meanM: total ? sum / total : NaN, p90M: p90, maxM: list.length ? list[list.length - 1].d : NaN, beyondStandard: beyond };
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

function measure(base: CatchmentResult, baseUnits: Units, after: CatchmentResult, afterUnits: Units, moves: Move[], projection: ProjectionResult, settings: Settings): Outcomes {
  const open = (r: CatchmentResult, level: string) => r.schools.filter((x) => x.status === 'open' && x.levels.includes(level)).length;
  const schoolsByLevel = settings.levels.map((l) => ({ level: l.id, before: open(base, l.id), after: open(after, l.id) }));
  const childrenMoved: Record<string, number> = {};
  const travelOut: Outcomes['travel'] = {};
  for (const l of settings.levels) {
    const m = moves.filter((x) => x.level === l.id);
    childrenMoved[l.id] = m.reduce((a, x) => a + x.children, 0);
    const all = (r: CatchmentResult, children: Float32Array) => {
      const a = r.assignments.find((x) => x.level === l.id)!;
      return travel(Array.from(a.distanceByUnit, (d, k) => ({ w: a.schoolByUnit[k] === a.noSchool ? 0 : children[k], d })), l.distanceStandardM);
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
  let capacityFreed = 0;
  for (const b of base.schools) {
    const a = afterById.get(b.id);
    if (b.status === 'open' && a && a.status !== 'open' && Number.isFinite(b.capacity)) capacityFreed += b.capacity;
  }
  for (const a of after.schools) { const b = beforeById.get(a.id); if (b && Number.isFinite(a.capacity) && Number.isFinite(b.capacity) && a.status === 'open') capacityFreed -= Math.max(0, a.capacity - b.capacity); }
  const openList = (r: CatchmentResult) => r.schools.filter((x) => x.status === 'open' && Number.isFinite(x.enrollment) && x.enrollment > 0);
  const balance: Outcomes['balance'] = [];
  for (const [indicator, pick] of [['teachers per pupil', (x: SchoolReport) => x.teachers], ['classrooms per pupil', (x: SchoolReport) => x.classrooms], ['places per pupil', (x: SchoolReport) => x.capacity]] as const) {
    const b = openList(base), a = openList(after);
    const cvB = weightedCv(b.map(pick), b.map((x) => x.enrollment)), cvA = weightedCv(a.map(pick), a.map((x) => x.enrollment));
    if (Number.isFinite(cvB) || Number.isFinite(cvA)) balance.push({ indicator, before: cvB, after: cvA });
  }
  return { schoolsByLevel, childrenMoved, travel: travelOut, largestIncreases, receiving, flagsResolved, flagsCreated, capacityFreed: Math.max(0, capacityFreed), balance };
}
