import type { Problem } from '../load/problems';
import { readSettings, type Settings } from '../settings/settings';
import { emptyPlanLevel, PLAN_FORMAT, PLAN_VERSION, type Plan, type PlanLevel } from './plan';

/**
 * Upgrades older project files step by step. Version 1 is the first; a change of the format adds
 * a function here (from version k to k+1) and bumps PLAN_VERSION.
 */
const MIGRATIONS: Record<number, (old: Record<string, unknown>) => Record<string, unknown>> = {};

/**
 * Reads a project (plan) file: validates it, migrates older versions, and refuses files it cannot
 * apply faithfully (other format, newer version, broken fields) with messages naming the field.
 * @param expected the data the plan will be applied to: a mismatch is refused, not applied wrongly
 * @example parsePlanFile(text, 'plan.json', { schoolsFingerprint, populationFingerprint })
 */
export function parsePlanFile(
  text: string, file: string,
  expected?: { schoolsFingerprint: string; populationFingerprint: string },
): { ok: true; plan: Plan; migratedFrom: number | null } | { ok: false; problems: Problem[] } {
  const fail = (message: string, field?: string) => ({ ok: false as const, problems: [{ severity: 'error' as const, file, field, message }] });
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(text.replace(/^\ufeff/, ''));
  } catch (e) {
    return fail(`not valid JSON (${(e as Error).message}); expected a plan file exported by the planner`);
  }
  if (!json || typeof json !== 'object' || json.format !== PLAN_FORMAT) return fail(`is ${JSON.stringify((json as Record<string, unknown>)?.format ?? null)}; expected "${PLAN_FORMAT}" (a plan file exported by the planner)`, 'format');
  const version = json.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) return fail(`${JSON.stringify(version)} is not a plan version; expected 1 to ${PLAN_VERSION}`, 'version');
  if (version > PLAN_VERSION) return fail(`${version} was written by a newer version of the planner; this one reads up to version ${PLAN_VERSION}`, 'version');
  const migratedFrom = version < PLAN_VERSION ? version : null;
  for (let v = version; v < PLAN_VERSION; v++) {
    const step = MIGRATIONS[v];
    if (!step) return fail(`version ${v} cannot be upgraded`, 'version');
    json = step(json);
  }
  const ds = json.dataset as Plan['dataset'] | undefined;
  if (!ds || typeof ds.schoolsFingerprint !== 'string' || typeof ds.populationFingerprint !== 'string') return fail('missing the fingerprints of the data it was drawn on', 'dataset');
  if (expected && (ds.schoolsFingerprint !== expected.schoolsFingerprint || ds.populationFingerprint !== expected.populationFingerprint)) {
    const which = ds.schoolsFingerprint !== expected.schoolsFingerprint ? (ds.populationFingerprint !== expected.populationFingerprint ? 'schools and population files' : 'schools file') : 'population file';
    return fail(`the plan was drawn on "${ds.name}" and its ${which} differ from the data loaded now; open the data set it was made for (or re-draw the plan)`, 'dataset');
  }
  let settings: Settings;
  try {
    settings = readSettings(json.settings ?? undefined, 'settings');
  } catch (e) {
    return fail((e as Error).message.replace(/^settings: /, ''), 'settings');
  }
  const levels: Record<string, PlanLevel> = {};
  const rawLevels = (json.levels ?? {}) as Record<string, Partial<PlanLevel>>;
  for (const [level, l] of Object.entries(rawLevels)) {
    if (!settings.levels.some((x) => x.id === level)) return fail(`level "${level}" is not a level of the plan's settings`, 'levels');
    const overrides = l.overrides ?? {};
    if (typeof overrides !== 'object' || Array.isArray(overrides) || Object.values(overrides).some((v) => typeof v !== 'string')) return fail('expected an object of unit id -> school id', `levels.${level}.overrides`);
    const lockedUnits = l.lockedUnits ?? [], lockedSchools = l.lockedSchools ?? [];
    if (!Array.isArray(lockedUnits) || !Array.isArray(lockedSchools)) return fail('expected arrays of ids', `levels.${level}`);
    levels[level] = { overrides: { ...overrides }, lockedUnits: lockedUnits.map(String), lockedSchools: lockedSchools.map(String) };
  }
  for (const l of settings.levels) levels[l.id] ??= emptyPlanLevel();
  const str = (v: unknown, d: string) => (typeof v === 'string' ? v : d);
  const plan: Plan = {
    format: PLAN_FORMAT, version: PLAN_VERSION,
    id: str(json.id, `plan-${Date.now().toString(36)}`), name: str(json.name, 'Imported plan'), note: str(json.note, ''),
    createdAt: str(json.createdAt, new Date().toISOString()), updatedAt: str(json.updatedAt, new Date().toISOString()),
    dataset: { name: str(ds.name, ''), schoolsFingerprint: ds.schoolsFingerprint, populationFingerprint: ds.populationFingerprint, units: Number(ds.units) || 0, schools: Number(ds.schools) || 0 },
    settings, schoolEdits: (json.schoolEdits ?? {}) as Plan['schoolEdits'], levels,
  };
  if (json.actions !== undefined) {
    if (!Array.isArray(json.actions) || json.actions.some((a) => !a || typeof a !== 'object' || typeof (a as { kind?: unknown }).kind !== 'string')) return fail('expected an array of layout actions with a "kind"', 'actions');
    const kinds = ['close', 'merge', 'teaching_point', 'open', 'change', 'housing'];
    const bad = (json.actions as { kind: string }[]).findIndex((a) => !kinds.includes(a.kind));
    if (bad >= 0) return fail(`action ${bad + 1}: "${(json.actions as { kind: string }[])[bad].kind}" is not an action; expected one of ${kinds.join(', ')}`, 'actions');
    plan.actions = json.actions as Plan['actions'];
  }
  return { ok: true, plan, migratedFrom };
}

/** The project file text of a plan (stable key order, readable). */
export function planFileText(plan: Plan): string {
  return JSON.stringify(plan, null, 1) + '\n';
}
