import { newPlan, schoolIdsAfterActions, unitId, validatePlan, type Plan, type Problem } from '../core/index';
import { i18n } from '../i18n/i18n';
import type { Dataset } from './results';
import type { PlannerState } from './types';
import { planFromWorking, workingFromPlan, type Working } from './working';

/*
 * The plan record (what is saved, exported and sent to the engine) as read from the store's state.
 * Pure functions: they read the state they are given and change nothing.
 */

type PlanState = Pick<PlannerState, 'dataset' | 'settings' | 'edits' | 'working' | 'activePlanId' | 'plans'>;

/** The baseline's name in the user's language (the CLI's plan files say it in English). */
export const baselineName = (): string => i18n.t('plans:baseline');

export function datasetRef(ds: Dataset): Plan['dataset'] {
  return { name: ds.name, schoolsFingerprint: ds.schoolsFingerprint, populationFingerprint: ds.populationFingerprint, units: ds.units.count, schools: ds.schools.ids.length };
}

/** The record of what is on screen: the active plan with the painter's arrays, or the baseline. */
export function currentPlan(s: PlanState): Plan {
  const old = s.plans.find((p) => p.id === s.activePlanId);
  if (old && s.working) return planFromWorking(old, s.working, s.dataset!, s.settings!, s.edits);
  const base = newPlan(baselineName(), datasetRef(s.dataset!), s.settings!, new Date(0));
  return { ...base, id: 'baseline', schoolEdits: s.edits };
}

/** A new plan on the nearest-school zones with the current settings and corrections. */
export function freshPlan(s: PlanState, name: string): Plan {
  const plan = newPlan(name, datasetRef(s.dataset!), s.settings!);
  plan.schoolEdits = structuredClone(s.edits);
  return plan;
}

export function activePlan(s: PlanState): Plan | null {
  return s.plans.find((p) => p.id === s.activePlanId) ?? null;
}

/** "Plan N" in the user's language (a plan keeps the name it was given): the first number no plan has. */
export function nextPlanName(plans: Plan[]): string {
  const names = new Set(plans.map((p) => p.name));
  for (let i = 1; ; i++) {
    const name = i18n.t('store:planName', { n: i });
    if (!names.has(name)) return name;
  }
}

/** Working arrays for a plan, in the index space of its schools after its actions. */
export function workingOf(plan: Plan, ds: Dataset): Working {
  return workingFromPlan(plan, ds, schoolIdsAfterActions(ds.schools.ids, plan.actions ?? []));
}

/** Index of a school in the painter's index space (the data's schools, then opened ones); -1 if none. */
export function schoolIndexOf(s: PlanState & Pick<PlannerState, 'results'>, id: string | null): number {
  if (!id || !s.dataset) return -1;
  const ids = s.working?.schoolIds ?? s.results?.schools.ids ?? schoolIdsAfterActions(s.dataset.schools.ids, activePlan(s)?.actions ?? []);
  return ids.indexOf(id);
}

/** The ids of the data's units, for validating plans against it. */
export function unitIdsOf(ds: Dataset): Set<string> {
  const ids = new Set<string>();
  for (let u = 0; u < ds.units.count; u++) ids.add(unitId(ds.units, u));
  return ids;
}

/** Validates a plan against the open data: the checked copy, or the reasons it cannot be used. */
export function checkedPlan(raw: unknown, file: string, ds: Dataset, unitIds = unitIdsOf(ds)): { ok: true; plan: Plan } | { ok: false; problems: Problem[] } {
  const r = validatePlan(raw, file, { schoolIds: new Set(ds.schools.ids), unitIds });
  return r.ok ? { ok: true, plan: r.plan } : { ok: false, problems: r.problems };
}
