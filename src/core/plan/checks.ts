import type { LevelAssignment } from '../catchment/assignNearest';
import type { SchoolReport } from '../catchment/computeCatchments';
import type { Schools, Units } from '../model';
import type { Settings } from '../settings/settings';
import type { UnitAdjacency } from '../zones/unitAdjacency';

export type PlanProblemKind = 'fragmented' | 'closed_school' | 'wrong_level' | 'unassigned' | 'far_from_nearest' | 'over_capacity';

/** One problem of a plan, with a place to show on the map. */
export interface PlanProblem {
  kind: PlanProblemKind;
  level: string;
  schoolId: string | null;
  units: number;
  children: number;
  /** a point of the problem (a unit of the piece, the school...) */
  lon: number;
  lat: number;
  /** English text; the app shows the kind with `params` in the user's language */
  message: string;
  params?: Record<string, string | number>;
}

const n0 = (x: number) => Math.round(x).toLocaleString('en-GB');

/**
 * Checks a plan's assignment: zones in several pieces, units with children but no school, children sent much farther than their nearest school,
 * schools over capacity. Pure; cost is linear in units.
 * @example checkPlan(schools, units, settings, result.assignments, result.nearest, adjacency, result.schools)
 */
export function checkPlan(
  schools: Schools, units: Units, settings: Settings, assignments: LevelAssignment[], nearest: LevelAssignment[],
  adjacency: UnitAdjacency | null, reports: SchoolReport[],
): PlanProblem[] {
  const out: PlanProblem[] = [];
  for (const a of assignments) {
    const level = a.level;
    const ch = units.childrenByLevel[level];
    const base = nearest.find((x) => x.level === level);
    // per unit: unassigned, far from nearest (drawn areas on closed schools are resolved and reported by derivePlan)
    let unassignedUnits = 0, unassignedChildren = 0, firstUnassigned = -1;
    let farUnits = 0, farChildren = 0, farExample = -1, farWorst = 0;
    for (let u = 0; u < units.count; u++) {
      const s = a.schoolByUnit[u];
      if (s === a.noSchool) {
        if (ch[u] > 0) { unassignedUnits++; unassignedChildren += ch[u]; if (firstUnassigned < 0) firstUnassigned = u; }
        continue;
      }
      const dn = base ? base.distanceByUnit[u] : NaN;
      const d = a.distanceByUnit[u];
      // a few hundred metres more is no detour worth reporting, whatever the factor
      if (Number.isFinite(dn) && d > dn * settings.farFromNearestFactor && d - dn > 500 && ch[u] > 0) {
        farUnits++; farChildren += ch[u];
        if (d / Math.max(dn, 1) > farWorst) { farWorst = d / Math.max(dn, 1); farExample = u; }
      }
    }
    if (unassignedUnits) out.push({ kind: 'unassigned', level, schoolId: null, units: unassignedUnits, children: unassignedChildren, lon: units.lon[firstUnassigned], lat: units.lat[firstUnassigned], params: { children: Math.round(unassignedChildren), level, units: unassignedUnits }, message: `${n0(unassignedChildren)} ${level} children in ${unassignedUnits} areas have no school` });
    if (farUnits) out.push({ kind: 'far_from_nearest', level, schoolId: schools.ids[a.schoolByUnit[farExample]], units: farUnits, children: farChildren, lon: units.lon[farExample], lat: units.lat[farExample], params: { children: Math.round(farChildren), level, units: farUnits, factor: settings.farFromNearestFactor, worst: Math.round(farWorst * 10) / 10 }, message: `${n0(farChildren)} ${level} children in ${farUnits} areas are sent more than ${settings.farFromNearestFactor}x as far as their nearest school (worst ${farWorst.toFixed(1)}x)` });
    if (adjacency) out.push(...fragments(schools, units, a, adjacency, ch));
  }
  for (const r of reports) {
    if (r.status !== 'open' || !(r.capacity > 0) || r.demand <= r.capacity * settings.overcrowdedAbove) continue;
    const s = r.index;
    out.push({ kind: 'over_capacity', level: r.levels.join('+'), schoolId: r.id, units: 0, children: r.demand, lon: schools.lon[s], lat: schools.lat[s], params: { school: r.name, children: Math.round(r.demand), capacity: Math.round(r.capacity), share: r.demand / r.capacity }, message: `${r.name}: ${n0(r.demand)} children for ${n0(r.capacity)} places (${Math.round((r.demand / r.capacity) * 100)}%)` });
  }
  return out;
}

/** Zones in more than one piece: every piece but the largest (by children, then units) is reported. */
function fragments(schools: Schools, units: Units, a: LevelAssignment, adj: UnitAdjacency, ch: Float32Array): PlanProblem[] {
  const piece = new Int32Array(units.count).fill(-1);
  const pieces: { school: number; units: number; children: number; first: number }[] = [];
  const stack: number[] = [];
  for (let u0 = 0; u0 < units.count; u0++) {
    const s = a.schoolByUnit[u0];
    if (piece[u0] >= 0 || s === a.noSchool) continue;
    const id = pieces.length;
    const p = { school: s, units: 0, children: 0, first: u0 };
    pieces.push(p);
    piece[u0] = id;
    stack.push(u0);
    while (stack.length) {
      const u = stack.pop()!;
      p.units++; p.children += ch[u];
      for (let k = adj.start[u]; k < adj.start[u + 1]; k++) {
        const v = adj.neighbours[k];
        if (piece[v] < 0 && a.schoolByUnit[v] === s) { piece[v] = id; stack.push(v); }
      }
    }
  }
  const bySchool = new Map<number, typeof pieces>();
  for (const p of pieces) { const l = bySchool.get(p.school) ?? []; l.push(p); bySchool.set(p.school, l); }
  const out: PlanProblem[] = [];
  for (const [s, ps] of bySchool) {
    if (ps.length < 2) continue;
    ps.sort((x, y) => y.children - x.children || y.units - x.units);
    for (const p of ps.slice(1)) {
      out.push({
        kind: 'fragmented', level: a.level, schoolId: schools.ids[s], units: p.units, children: p.children,
        lon: units.lon[p.first], lat: units.lat[p.first], params: { school: schools.names[s], units: p.units, children: Math.round(p.children) },
        message: `${schools.names[s]}: a detached piece of ${p.units} area${p.units > 1 ? 's' : ''} (${n0(p.children)} children), apart from the main zone`,
      });
    }
  }
  return out;
}
