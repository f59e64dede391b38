import { unitId, type Schools, type Units } from '../model';
import type { Plan } from './plan';

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

