import { emptyPlanLevel, unitId, type Plan, type PlanLevel, type SchoolEdits, type Settings } from '../core/index';
import type { Dataset } from './results';

/** The active plan in array form, changed in place while painting (one entry per unit). */
export interface WorkingLevel {
  /** school index the plan moves the unit to; -1 = its nearest school */
  overrideByUnit: Int32Array;
  lockedByUnit: Uint8Array;
  lockedSchools: Set<number>;
}

export interface Working {
  /**
   * The index space of the arrays: the data's schools, then the schools the plan's actions open
   * (the order `derivePlan` gives them). Rebuilt from the plan record whenever the actions change.
   */
  schoolIds: string[];
  levels: Record<string, WorkingLevel>;
}

const unitKey = (ds: Dataset, u: number) => unitId(ds.units, u);

/** Arrays of a plan for painting; ids the data does not have are left out here (the derivation reports them). */
export function workingFromPlan(plan: Plan, ds: Dataset, schoolIds: string[]): Working {
  const unitIndex = new Map<string, number>();
  for (let u = 0; u < ds.units.count; u++) unitIndex.set(unitKey(ds, u), u);
  const schoolIndex = new Map(schoolIds.map((id, i) => [id, i]));
  const levels: Record<string, WorkingLevel> = {};
  for (const l of plan.settings.levels) {
    const p: PlanLevel = plan.levels[l.id] ?? emptyPlanLevel();
    const overrideByUnit = new Int32Array(ds.units.count).fill(-1);
    for (const [unit, school] of Object.entries(p.overrides)) {
      const u = unitIndex.get(unit), s = schoolIndex.get(school);
      if (u !== undefined && s !== undefined) overrideByUnit[u] = s;
    }
    const lockedByUnit = new Uint8Array(ds.units.count);
    for (const unit of p.lockedUnits) { const u = unitIndex.get(unit); if (u !== undefined) lockedByUnit[u] = 1; }
    const lockedSchools = new Set<number>();
    for (const id of p.lockedSchools) { const s = schoolIndex.get(id); if (s !== undefined) lockedSchools.add(s); }
    levels[l.id] = { overrideByUnit, lockedByUnit, lockedSchools };
  }
  return { schoolIds, levels };
}

/**
 * The plan record of the working arrays (sparse, by id), with the current settings and corrections.
 * Ids the data does not have are carried over from the old record, so a save never drops them.
 */
export function planFromWorking(old: Plan, working: Working, ds: Dataset, settings: Settings, edits: SchoolEdits): Plan {
  const ids = working.schoolIds;
  const unitIndex = new Set<string>();
  for (let u = 0; u < ds.units.count; u++) unitIndex.add(unitKey(ds, u));
  const known = new Set(ids);
  const levels: Record<string, PlanLevel> = {};
  for (const [level, w] of Object.entries(working.levels)) {
    const overrides: Record<string, string> = {};
    const lockedUnits: string[] = [];
    const prev = old.levels[level] ?? emptyPlanLevel();
    // entries naming units or schools this data lacks are not in the arrays: keep them as they were
    for (const [unit, school] of Object.entries(prev.overrides)) if (!unitIndex.has(unit) || !known.has(school)) overrides[unit] = school;
    for (const unit of prev.lockedUnits) if (!unitIndex.has(unit)) lockedUnits.push(unit);
    for (let u = 0; u < w.overrideByUnit.length; u++) {
      if (w.overrideByUnit[u] >= 0) overrides[unitKey(ds, u)] = ids[w.overrideByUnit[u]];
      if (w.lockedByUnit[u]) lockedUnits.push(unitKey(ds, u));
    }
    const lockedSchools = [...w.lockedSchools].sort((a, b) => a - b).map((s) => ids[s]);
    for (const id of prev.lockedSchools) if (!known.has(id)) lockedSchools.push(id);
    levels[level] = { overrides, lockedUnits, lockedSchools };
  }
  return { ...old, settings, schoolEdits: edits, levels, updatedAt: new Date().toISOString() };
}
