import type { Settings } from '../settings/settings';
import type { SchoolEdits } from './schoolEdits';

export const PLAN_FORMAT = 'school-zoning-plan';
export const PLAN_VERSION = 1;

/** A planner's drawing for one level: units moved off their nearest school, and what is locked. */
export interface PlanLevel {
  /** unit id -> school id, for units not assigned to their nearest school */
  overrides: Record<string, string>;
  /** units that keep their assignment whatever else changes (their school is pinned in overrides) */
  lockedUnits: string[];
  /** schools whose zones are frozen: their units are locked and nothing is painted onto them */
  lockedSchools: string[];
}

/**
 * A zone plan (scenario): small, serialisable, versioned. Everything else — full assignments,
 * statistics, flags, outlines — is derived from it and the data sets it names.
 */
export interface Plan {
  format: typeof PLAN_FORMAT;
  version: typeof PLAN_VERSION;
  id: string;
  name: string;
  note: string;
  createdAt: string;
  updatedAt: string;
  /** the data the plan was drawn on: applying it to other data is refused */
  dataset: { name: string; schoolsFingerprint: string; populationFingerprint: string; units: number; schools: number };
  settings: Settings;
  schoolEdits: SchoolEdits;
  levels: Record<string, PlanLevel>;
  /** layout changes of a scenario, in order (closures, mergers, openings, housing); absent = none */
  actions?: import('../scenario/actions').ScenarioAction[];
  /** the number the next layout action's id gets (ids are never reused); absent in older files */
  nextActionSeq?: number;
}

export function emptyPlanLevel(): PlanLevel {
  return { overrides: {}, lockedUnits: [], lockedSchools: [] };
}

/**
 * A new plan that equals the nearest-school assignment (no overrides).
 * @example newPlan('Draft 1', dataset, settings)
 */
export function newPlan(name: string, dataset: Plan['dataset'], settings: Settings, now = new Date()): Plan {
  const levels: Record<string, PlanLevel> = {};
  for (const l of settings.levels) levels[l.id] = emptyPlanLevel();
  return {
    format: PLAN_FORMAT, version: PLAN_VERSION, id: `plan-${now.getTime().toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`,
    name, note: '', createdAt: now.toISOString(), updatedAt: now.toISOString(),
    dataset, settings, schoolEdits: {}, levels,
  };
}
