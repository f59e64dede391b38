import { allocateSchoolByUnit, assignNearest, candidateSchools, type LevelAssignment } from '../catchment/assignNearest';
import { summarise, type CatchmentResult } from '../catchment/computeCatchments';
import { unitId, type Schools, type Units } from '../model';
import type { Settings } from '../settings/settings';
import { greatCircleMeters } from '../spatial/sphere';
import type { Plan } from './plan';
import { applySchoolEdits } from './schoolEdits';

/** A level of a plan in array form: the school index each unit is moved to (-1 = nearest), and locks. */
export interface CompiledLevel {
  level: string;
  overrideByUnit: Int32Array;
  lockedByUnit: Uint8Array;
  lockedSchools: Set<number>;
}

/** Ids in a plan that the data does not have (a plan may outlive a unit or a school): reported, not applied. */
export interface UnknownIds { units: string[]; schools: string[] }

/** Unit id -> index for the units' ids (or their 0-based indices when the input had no ids). */
export function unitIndexById(units: Units): Map<string, number> {
  const m = new Map<string, number>();
  for (let u = 0; u < units.count; u++) m.set(unitId(units, u), u);
  return m;
}

/**
 * Turns a plan's sparse records into arrays for computation.
 * @example compilePlan(plan, schools, units).levels.primary.overrideByUnit
 */
export function compilePlan(plan: Plan, schools: Schools, units: Units, byId = unitIndexById(units)): { levels: Record<string, CompiledLevel>; unknown: UnknownIds } {
  const unknown: UnknownIds = { units: [], schools: [] };
  const levels: Record<string, CompiledLevel> = {};
  for (const [level, l] of Object.entries(plan.levels)) {
    const overrideByUnit = new Int32Array(units.count).fill(-1);
    const lockedByUnit = new Uint8Array(units.count);
    for (const [unit, school] of Object.entries(l.overrides)) {
      const u = byId.get(unit), s = schools.indexById.get(school);
      if (u === undefined) unknown.units.push(unit);
      else if (s === undefined) unknown.schools.push(school);
      else overrideByUnit[u] = s;
    }
    for (const unit of l.lockedUnits) {
      const u = byId.get(unit);
      if (u === undefined) unknown.units.push(unit); else lockedByUnit[u] = 1;
    }
    const lockedSchools = new Set<number>();
    for (const id of l.lockedSchools) {
      const s = schools.indexById.get(id);
      if (s === undefined) unknown.schools.push(id); else lockedSchools.add(s);
    }
    levels[level] = { level, overrideByUnit, lockedByUnit, lockedSchools };
  }
  return { levels, unknown };
}

/**
 * The plan's assignment for one level: the nearest-school assignment with the overrides applied,
 * distances measured to the assigned school.
 */
export function applyOverrides(base: LevelAssignment, compiled: CompiledLevel | undefined, schools: Schools, units: Units): LevelAssignment {
  if (!compiled) return base;
  const { array: schoolByUnit } = allocateSchoolByUnit(schools.count, units.count);
  schoolByUnit.set(base.schoolByUnit);
  const distanceByUnit = base.distanceByUnit.slice();
  const o = compiled.overrideByUnit;
  for (let u = 0; u < units.count; u++) {
    const s = o[u];
    if (s < 0 || s === base.schoolByUnit[u]) continue;
    schoolByUnit[u] = s;
    distanceByUnit[u] = greatCircleMeters(units.lon[u], units.lat[u], schools.lon[s], schools.lat[s]);
  }
  return { level: base.level, schoolByUnit, noSchool: base.noSchool, distanceByUnit };
}

export interface PlanResult extends CatchmentResult {
  /** the nearest-school assignment of the same schools (baseline for comparison and checks) */
  nearest: LevelAssignment[];
  schoolsWithEdits: Schools;
  unknown: UnknownIds;
}

/**
 * Everything a plan implies: its school edits applied, nearest catchments of the resulting open
 * schools, the plan's overrides on top, statistics and flags. Deterministic; the app and the CLI
 * both call this.
 * @example computePlan(schools, units, plan).summary.flagCounts
 */
export function computePlan(schools: Schools, units: Units, plan: Plan, settings: Settings = plan.settings): PlanResult {
  const edited = applySchoolEdits(schools, plan.schoolEdits).schools;
  const { levels, unknown } = compilePlan(plan, edited, units);
  const nearest = settings.levels.map((l) => assignNearest(units, edited, candidateSchools(edited, settings, l.id), l.id));
  const assignments = nearest.map((a) => applyOverrides(a, levels[a.level], edited, units));
  return { ...summarise(edited, units, settings, assignments), nearest, schoolsWithEdits: edited, unknown };
}
