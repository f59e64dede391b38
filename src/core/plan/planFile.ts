import type { Problem } from '../load/problems';
import { describeValue } from '../util/checker';
import { PLAN_FORMAT, PLAN_VERSION, type Plan } from './plan';
import { validatePlan, type PlanContext } from './validatePlan';

/**
 * Upgrades older project files step by step. Version 1 is the first; a change of the format adds
 * a function here (from version k to k+1) and bumps PLAN_VERSION.
 */
const MIGRATIONS: Record<number, (old: Record<string, unknown>) => Record<string, unknown>> = {};

/**
 * Reads a project (plan) file: migrates older versions, refuses files it cannot apply faithfully
 * (other format, newer version, other data) and checks every field with `validatePlan`. Returns the
 * plan and its warnings, or every problem (`file: field: message`) and no plan.
 * @param expected the data the plan will be applied to: a mismatch is refused, not applied wrongly
 * @param context the ids of that data: unknown schools in edits and actions are errors, unknown
 *   areas and schools in drawn zones and locks are listed as warnings
 * @example parsePlanFile(text, 'plan.json', { schoolsFingerprint, populationFingerprint }, { schoolIds: schools.indexById, unitIds })
 */
export function parsePlanFile(
  text: string, file: string,
  expected?: { schoolsFingerprint: string; populationFingerprint: string },
  context?: PlanContext,
): { ok: true; plan: Plan; problems: Problem[]; migratedFrom: number | null } | { ok: false; problems: Problem[] } {
  const fail = (message: string, field: string | undefined, code: string, params: Record<string, string | number> = {}) => ({ ok: false as const, problems: [{ severity: 'error' as const, file, field, message, code, params }] });
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\ufeff/, ''));
  } catch (e) {
    return fail(`not valid JSON (${(e as Error).message}); expected a plan file exported by the planner`, undefined, 'planNotJson', { detail: (e as Error).message });
  }
  if (!json || typeof json !== 'object' || Array.isArray(json) || (json as Record<string, unknown>).format !== PLAN_FORMAT) {
    const format = json && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>).format : undefined;
    const found = typeof format === 'string' ? JSON.stringify(format.slice(0, 60)) : format === undefined || format === null ? 'null' : describeValue(format);
    return fail(`is ${found}; expected "${PLAN_FORMAT}" (a plan file exported by the planner)`, 'format', 'planNotAPlan', { found, format: PLAN_FORMAT });
  }
  let record = json as Record<string, unknown>;
  const version = record.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) return fail(`${describeValue(version)} is not a plan version; expected 1 to ${PLAN_VERSION}`, 'version', 'planVersion', { value: describeValue(version), version: PLAN_VERSION });
  if (version > PLAN_VERSION) return fail(`${version} was written by a newer version of the planner; this one reads up to version ${PLAN_VERSION}`, 'version', 'planNewer', { value: version, version: PLAN_VERSION });
  const migratedFrom = version < PLAN_VERSION ? version : null;
  for (let v = version; v < PLAN_VERSION; v++) {
    const step = MIGRATIONS[v];
    if (!step) return fail(`version ${v} cannot be upgraded`, 'version', 'planNoUpgrade', { value: v });
    record = step(record);
  }
  if (migratedFrom !== null) record = { ...record, version: PLAN_VERSION };
  const ds = record.dataset as Record<string, unknown> | null | undefined;
  if (!ds || typeof ds !== 'object' || Array.isArray(ds) || typeof ds.schoolsFingerprint !== 'string' || typeof ds.populationFingerprint !== 'string') return fail('missing the fingerprints of the data it was drawn on', 'dataset', 'planNoFingerprints');
  if (expected && (ds.schoolsFingerprint !== expected.schoolsFingerprint || ds.populationFingerprint !== expected.populationFingerprint)) {
    const which = ds.schoolsFingerprint !== expected.schoolsFingerprint ? (ds.populationFingerprint !== expected.populationFingerprint ? 'schools and population files' : 'schools file') : 'population file';
    const name = typeof ds.name === 'string' ? ds.name.slice(0, 200) : '';
    return fail(`the plan was drawn on "${name}" and its ${which} differ from the data loaded now; open the data set it was made for (or re-draw the plan)`, 'dataset', `planOtherData_${which.replace(/ /g, '_')}`, { name });
  }
  const r = validatePlan(record, file, context);
  return r.ok ? { ok: true, plan: r.plan, problems: r.problems, migratedFrom } : r;
}

/** The project file text of a plan (stable key order, readable). */
export function planFileText(plan: Plan): string {
  return JSON.stringify(plan, null, 1) + '\n';
}
