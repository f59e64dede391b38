import type { LevelAssignment } from '../catchment/assignNearest';

/**
 * Running totals per school for one level, kept up to date while a planner paints: moving a unit
 * subtracts it from its old school and adds it to the new one. Tests prove the totals equal a full
 * recompute (`tallyAssignment` of the final assignment).
 */
export interface ZoneTally {
  children: Float64Array;
  /** sum of children x distance (metres): mean = distanceSum / children */
  distanceSum: Float64Array;
  /** children beyond the level's distance standard */
  childrenBeyond: Float64Array;
  units: Uint32Array;
  standardM: number;
}

/** Totals of an assignment from scratch. */
export function tallyAssignment(a: LevelAssignment, children: Float32Array, schoolCount: number, standardM: number): ZoneTally {
  const t: ZoneTally = {
    children: new Float64Array(schoolCount), distanceSum: new Float64Array(schoolCount),
    childrenBeyond: new Float64Array(schoolCount), units: new Uint32Array(schoolCount), standardM,
  };
  for (let u = 0; u < a.schoolByUnit.length; u++) {
    const s = a.schoolByUnit[u];
    if (s === a.noSchool) continue;
    addUnit(t, s, children[u], a.distanceByUnit[u], 1);
  }
  return t;
}

function addUnit(t: ZoneTally, s: number, w: number, d: number, sign: 1 | -1) {
  t.units[s] += sign;
  if (!(w > 0)) return;
  t.children[s] += sign * w;
  t.distanceSum[s] += sign * w * d;
  if (d > t.standardM) t.childrenBeyond[s] += sign * w;
}

/**
 * Moves unit `u` (with `w` children) from school `from` to school `to` (either may be `noSchool`),
 * updating the assignment arrays and the totals in place. Returns false when nothing changed.
 */
export function moveUnit(t: ZoneTally, a: LevelAssignment, u: number, to: number, w: number, distanceTo: number): boolean {
  const from = a.schoolByUnit[u];
  if (from === to) return false;
  // distances are stored as float32: tally exactly what a recompute would read back
  const d = Math.fround(distanceTo);
  if (from !== a.noSchool) addUnit(t, from, w, a.distanceByUnit[u], -1);
  if (to !== a.noSchool) addUnit(t, to, w, d, 1);
  a.schoolByUnit[u] = to;
  a.distanceByUnit[u] = to === a.noSchool ? NaN : d;
  return true;
}

/**
 * Replaces the distance of unit `u` (with `w` children) at its current school, updating the totals:
 * a distance measured later than the move (the route, once the engine has it) takes the place of the
 * provisional one. Returns false when the unit has no school.
 */
export function setUnitDistance(t: ZoneTally, a: LevelAssignment, u: number, w: number, distance: number): boolean {
  const s = a.schoolByUnit[u];
  if (s === a.noSchool) return false;
  const d = Math.fround(distance);
  addUnit(t, s, w, a.distanceByUnit[u], -1);
  addUnit(t, s, w, d, 1);
  a.distanceByUnit[u] = d;
  return true;
}
