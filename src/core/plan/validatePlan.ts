// Over 400 lines on purpose: one checker per field of the plan format, in the order of the format, so that
// a new field is added next to its neighbours; splitting it would scatter the format across files.
import { grouped } from '../util/numberWords';
import type { Problem } from '../load/problems';
import type { SchoolStatus } from '../model';
import type { ScenarioAction } from '../scenario/actions';
import { checkSettingsInto, type Settings } from '../settings/settings';
import { Checker, describeValue, exampleParams, examples, EXAMPLES, fieldPath, idProblemCoded, notValid, numberProblemCoded, valueParams, type NumberRule } from '../util/checker';
import { coded, type Coded } from '../util/problems';
import { emptyPlanLevel, PLAN_FORMAT, PLAN_VERSION, type Plan, type PlanLevel } from './plan';
import type { SchoolEdit, SchoolEdits } from './schoolEdits';

export { checkSettings, parseSettingsFile, SettingsError, type SettingsCheck } from '../settings/settings';

/**
 * The accepted range of every number in a plan: far beyond any real school or district, so that
 * only broken or hostile values are refused.
 */
export const PLAN_RULES = {
  capacity: { min: 0, max: 100_000, what: 'a number of places' },
  classrooms: { min: 0, max: 2_000, what: 'a number of classrooms' },
  teachers: { min: 0, max: 10_000, what: 'a number of teachers' },
  homes: { min: 0, max: 1_000_000, what: 'a number of homes' },
  yieldPerHome: { min: 0, max: 10, what: 'pupils per home' },
  lon: { min: -180, max: 180, what: 'a longitude in degrees' },
  lat: { min: -90, max: 90, what: 'a latitude in degrees' },
  year: { min: 1900, max: 2200, integer: true, what: 'a year' },
  nextActionSeq: { min: 1, max: 1_000_000_000, integer: true, what: 'a whole number' },
  count: { min: 0, max: 100_000_000, integer: true, what: 'a whole number' },
} satisfies Record<string, NumberRule>;

/** Sizes beyond which a plan is refused before anything else is read from the part concerned. */
export const PLAN_SIZE_LIMITS = {
  actions: 10_000,
  ringPoints: 100_000,
  actionIdLength: 64,
  idLength: 256,
  nameLength: 500,
  noteLength: 100_000,
  fingerprintLength: 200,
  /** ids in one level's lockedUnits or lockedSchools */
  lockedIds: 100_000_000,
} as const;

export const ACTION_KINDS = ['close', 'merge', 'teaching_point', 'open', 'change', 'housing'] as const satisfies readonly ScenarioAction['kind'][];
export const SCHOOL_STATUSES = ['open', 'closed', 'proposed'] as const satisfies readonly SchoolStatus[];

const PLAN_KEYS = ['format', 'version', 'id', 'name', 'note', 'createdAt', 'updatedAt', 'dataset', 'settings', 'schoolEdits', 'levels', 'actions', 'nextActionSeq'];
const DATASET_KEYS = ['name', 'schoolsFingerprint', 'populationFingerprint', 'units', 'schools'];
const EDIT_KEYS = ['capacity', 'classrooms', 'teachers', 'status'];
const LEVEL_KEYS = ['overrides', 'lockedUnits', 'lockedSchools'];
const ACTION_KEYS: Record<ScenarioAction['kind'], string[]> = {
  close: ['kind', 'id', 'school', 'receiver'],
  merge: ['kind', 'id', 'school', 'into', 'campusRetained', 'moveStaff'],
  teaching_point: ['kind', 'id', 'school', 'into', 'keepUpTo'],
  open: ['kind', 'id', 'name', 'type', 'lon', 'lat', 'capacity', 'classrooms'],
  change: ['kind', 'id', 'school', 'capacity', 'classrooms', 'type'],
  housing: ['kind', 'id', 'name', 'ring', 'lon', 'lat', 'homes', 'yieldPerHome', 'occupiedYear', 'homesByType', 'yieldByType'],
};
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/**
 * The ids of the data a plan is applied to. Anything with `has` works: a Set, or `schools.indexById`
 * and `unitIndexById(units)` as they are.
 */
export interface PlanContext {
  schoolIds?: { has(id: string): boolean };
  unitIds?: { has(id: string): boolean };
  /** the name of a plan that has none (default "Imported plan"; the app gives it in the user's language) */
  defaultName?: string;
}

/** A checked copy of the plan and its warnings, or every problem that keeps it from being used. */
export type PlanValidation = { ok: true; plan: Plan; problems: Problem[] } | { ok: false; problems: Problem[] };

const plural = (n: number, one: string, many = `${one}s`) => `${grouped(n)} ${n === 1 ? one : many}`;

/**
 * Checks every field of a plan (types, ranges, known kinds and statuses, no self-merges, no
 * prototype keys, grades and school types of its own settings) and, given the data's ids, every
 * reference to a school or an area. Problems are `file: field: message` with JSON-path-like fields
 * (`actions[2].homes`, `schoolEdits.5520924.capacity`). Returns a fresh copy of the plan built only
 * from checked values (unknown fields are dropped with a warning) and never a half-valid plan.
 * Absent optional fields take their defaults: name, note, dates, schoolEdits, levels (one empty
 * level per level of the settings), actions, action ids and nextActionSeq.
 * @example validatePlan(JSON.parse(text), 'plan.json', { schoolIds: schools.indexById, unitIds: unitIndexById(units) })
 */
export function validatePlan(raw: unknown, file: string, context: PlanContext = {}): PlanValidation {
  const c = new Checker(file);
  const o = c.object(raw, '', 'a plan (a JSON object)');
  if (!o) return { ok: false, problems: c.problems() };
  c.keys(o, '', PLAN_KEYS, 'warning');
  if (o.format !== PLAN_FORMAT) c.error('format', coded('planFormat', { ...valueParams(o.format), format: PLAN_FORMAT }, `${describeValue(o.format)} is not valid; expected "${PLAN_FORMAT}" (a plan file exported by the planner)`));
  if (o.version !== PLAN_VERSION) c.error('version', coded('planVersionExact', { ...valueParams(o.version), version: PLAN_VERSION }, `${describeValue(o.version)} is not valid; expected ${PLAN_VERSION} (older files are upgraded when read with parsePlanFile)`));
  const now = new Date().toISOString();
  const id = o.id === undefined ? `plan-${Date.now().toString(36)}` : c.id(o.id, 'id', 'a plan id', PLAN_SIZE_LIMITS.idLength);
  const name = o.name === undefined ? context.defaultName ?? 'Imported plan' : c.string(o.name, 'name', PLAN_SIZE_LIMITS.nameLength);
  const note = o.note === undefined ? '' : c.string(o.note, 'note', PLAN_SIZE_LIMITS.noteLength);
  const createdAt = o.createdAt === undefined ? now : isoDate(o.createdAt, c, 'createdAt');
  const updatedAt = o.updatedAt === undefined ? now : isoDate(o.updatedAt, c, 'updatedAt');
  const dataset = readDataset(o.dataset, c);
  let settings: Settings | undefined;
  if (c.object(o.settings, 'settings', 'the settings the plan was drawn with (an object)')) settings = checkSettingsInto(o.settings, c, 'settings');
  const schoolEdits = o.schoolEdits === undefined ? {} : readSchoolEdits(o.schoolEdits, c, context);
  const levels = o.levels === undefined ? {} : readLevels(o.levels, c, settings);
  const layout = o.actions === undefined ? { actions: undefined, opened: new Set<string>() } : readActions(o.actions, c, settings, context);
  const nextActionSeq = o.nextActionSeq === undefined ? undefined : c.number(o.nextActionSeq, 'nextActionSeq', PLAN_RULES.nextActionSeq);
  if (levels) checkLevelReferences(levels, c, context, layout.opened);
  if (c.errorCount > 0 || !settings || !levels || !dataset || !schoolEdits || (o.actions !== undefined && !layout.actions)) return { ok: false, problems: c.problems() };
  for (const l of settings.levels) if (!Object.hasOwn(levels, l.id)) levels[l.id] = emptyPlanLevel();
  const plan: Plan = {
    format: PLAN_FORMAT, version: PLAN_VERSION, id: id!, name: name!, note: note!, createdAt: createdAt!, updatedAt: updatedAt!,
    dataset, settings, schoolEdits, levels,
  };
  if (layout.actions) plan.actions = layout.actions;
  if (nextActionSeq !== undefined) plan.nextActionSeq = nextActionSeq;
  return { ok: true, plan, problems: c.problems() };
}

function isoDate(v: unknown, c: Checker, field: string): string | undefined {
  const s = c.string(v, field, 40, 'an ISO 8601 date such as 2026-11-23T20:00:00.000Z');
  if (s === undefined) return undefined;
  if (ISO_DATE.test(s) && Number.isFinite(Date.parse(s))) return s;
  c.error(field, notValid(s, 'an ISO 8601 date such as 2026-11-23T20:00:00.000Z'));
  return undefined;
}

function readDataset(raw: unknown, c: Checker): Plan['dataset'] | undefined {
  const d = c.object(raw, 'dataset', 'the data the plan was drawn on (name, schoolsFingerprint, populationFingerprint, units, schools)');
  if (!d) return undefined;
  const before = c.errorCount;
  c.keys(d, 'dataset', DATASET_KEYS, 'warning');
  const name = d.name === undefined ? '' : c.string(d.name, 'dataset.name', PLAN_SIZE_LIMITS.nameLength);
  const fp = (key: 'schoolsFingerprint' | 'populationFingerprint') =>
    d[key] === undefined ? (c.error(fieldPath('dataset', key), notValid(undefined, 'the fingerprint of the data the plan was drawn on')), undefined) : c.string(d[key], fieldPath('dataset', key), PLAN_SIZE_LIMITS.fingerprintLength);
  const schoolsFingerprint = fp('schoolsFingerprint'), populationFingerprint = fp('populationFingerprint');
  const units = d.units === undefined ? 0 : c.number(d.units, 'dataset.units', PLAN_RULES.count);
  const schools = d.schools === undefined ? 0 : c.number(d.schools, 'dataset.schools', PLAN_RULES.count);
  if (c.errorCount > before) return undefined;
  return { name: name!, schoolsFingerprint: schoolsFingerprint!, populationFingerprint: populationFingerprint!, units: units!, schools: schools! };
}

function readSchoolEdits(raw: unknown, c: Checker, context: PlanContext): SchoolEdits | undefined {
  const o = c.object(raw, 'schoolEdits', 'an object of school id -> corrections');
  if (!o) return undefined;
  const before = c.errorCount;
  const out: SchoolEdits = {};
  for (const id of Object.keys(o)) {
    const w = fieldPath('schoolEdits', id);
    const bad = idProblemCoded(id, 'a school id', PLAN_SIZE_LIMITS.idLength);
    if (bad) { c.error(w, bad); continue; }
    if (context.schoolIds && !context.schoolIds.has(id)) c.error(w, coded('notASchool', { id }, `"${id}" is not a school of this data`));
    const e = c.object(o[id], w, 'an object of corrections (capacity, classrooms, teachers, status)');
    if (!e) continue;
    const edit: SchoolEdit = {};
    for (const key of c.keys(e, w, EDIT_KEYS, 'warning')) {
      if (e[key] === undefined) continue;
      if (key === 'status') {
        const s = c.oneOf(e.status, fieldPath(w, key), SCHOOL_STATUSES, 'a school status');
        if (s) edit.status = s;
      } else {
        const k = key as 'capacity' | 'classrooms' | 'teachers';
        const v = c.nullableNumber(e[k], fieldPath(w, k), PLAN_RULES[k]);
        if (v !== undefined) edit[k] = v;
      }
    }
    out[id] = edit;
  }
  return c.errorCount > before ? undefined : out;
}

/** A map of unit id -> school id; bad entries are counted, the first few listed with their field. */
function readOverrides(raw: unknown, c: Checker, where: string): Record<string, string> | undefined {
  const o = c.object(raw, where, 'an object of unit id -> school id');
  if (!o) return undefined;
  const out: Record<string, string> = {};
  const keys = Object.keys(o);
  const bad: [string, Coded][] = [];
  let badCount = 0;
  for (const k of keys) {
    const v = o[k];
    const kp = idProblemCoded(k, 'a unit id', PLAN_SIZE_LIMITS.idLength);
    const vp = kp ? null : idProblemCoded(v, 'a school id', PLAN_SIZE_LIMITS.idLength);
    if (kp || vp) {
      if (++badCount <= EXAMPLES) bad.push([fieldPath(where, k), (kp ?? vp)!]);
      continue;
    }
    out[k] = v as string;
  }
  if (!badCount) return out;
  c.error(where, coded(badCount > EXAMPLES ? 'badOverridesListed' : 'badOverrides', { count: badCount, total: grouped(keys.length), shown: EXAMPLES }, `${plural(badCount, 'entry is', 'entries are')} not unit id -> school id (of ${grouped(keys.length)})${badCount > EXAMPLES ? `; the first ${EXAMPLES} are listed` : ''}`));
  for (const [f, m] of bad) c.error(f, m);
  return undefined;
}

/** An array of ids (lockedUnits, lockedSchools); bad entries are counted, the first few listed. */
function readIdList(raw: unknown, c: Checker, where: string, what: string): string[] | undefined {
  const a = c.array(raw, where, `an array of ${what}s`, PLAN_SIZE_LIMITS.lockedIds);
  if (!a) return undefined;
  const bad: [string, Coded][] = [];
  let badCount = 0;
  a.forEach((v, i) => {
    const p = idProblemCoded(v, what, PLAN_SIZE_LIMITS.idLength);
    if (p && ++badCount <= EXAMPLES) bad.push([fieldPath(where, i), p]);
  });
  if (!badCount) return [...(a as string[])];
  c.error(where, coded(badCount > EXAMPLES ? 'badIdsListed' : 'badIds', { count: badCount, total: grouped(a.length), shown: EXAMPLES, what }, `${plural(badCount, 'item is', 'items are')} not ${what}s (of ${grouped(a.length)})${badCount > EXAMPLES ? `; the first ${EXAMPLES} are listed` : ''}`));
  for (const [f, m] of bad) c.error(f, m);
  return undefined;
}

function readLevels(raw: unknown, c: Checker, settings: Settings | undefined): Record<string, PlanLevel> | undefined {
  const o = c.object(raw, 'levels', 'an object keyed by level id');
  if (!o) return undefined;
  const before = c.errorCount;
  const out: Record<string, PlanLevel> = {};
  for (const level of c.keys(o, 'levels', null)) {
    const w = fieldPath('levels', level);
    if (settings && !settings.levels.some((l) => l.id === level)) {
      const options = settings.levels.map((l) => l.id).join(', ');
      c.error(w, coded('planLevelUnknown', { level, options }, `"${level}" is not a level of the plan's settings; expected one of ${options}`));
      continue;
    }
    const l = c.object(o[level], w, 'an object with overrides, lockedUnits and lockedSchools');
    if (!l) continue;
    c.keys(l, w, LEVEL_KEYS, 'warning');
    const overrides = l.overrides === undefined ? {} : readOverrides(l.overrides, c, fieldPath(w, 'overrides'));
    const lockedUnits = l.lockedUnits === undefined ? [] : readIdList(l.lockedUnits, c, fieldPath(w, 'lockedUnits'), 'a unit id');
    const lockedSchools = l.lockedSchools === undefined ? [] : readIdList(l.lockedSchools, c, fieldPath(w, 'lockedSchools'), 'a school id');
    if (overrides && lockedUnits && lockedSchools) out[level] = { overrides, lockedUnits, lockedSchools };
  }
  return c.errorCount > before ? undefined : out;
}

/**
 * Ids in overrides and locks that the data does not have: listed as warnings (count and examples),
 * never dropped silently; the engine leaves them out. Schools opened by an action count as known.
 */
function checkLevelReferences(levels: Record<string, PlanLevel>, c: Checker, context: PlanContext, opened: ReadonlySet<string>) {
  const { schoolIds, unitIds } = context;
  const schoolKnown = (id: string) => !schoolIds || schoolIds.has(id) || opened.has(id);
  const unitKnown = (id: string) => !unitIds || unitIds.has(id);
  const them = (n: number) => (n === 1 ? 'it is' : 'they are');
  for (const [level, l] of Object.entries(levels)) {
    const w = fieldPath('levels', level);
    const units = Object.keys(l.overrides).filter((u) => !unitKnown(u));
    if (units.length) c.warning(fieldPath(w, 'overrides'), coded('unknownUnits', { count: units.length, ...exampleParams(units) }, `${plural(units.length, 'unit id is not an area', 'unit ids are not areas')} of this data (${examples(units)}); ${them(units.length)} ignored`));
    const drawnOnto = new Map<string, number>();
    for (const [u, s] of Object.entries(l.overrides)) if (unitKnown(u) && !schoolKnown(s)) drawnOnto.set(s, (drawnOnto.get(s) ?? 0) + 1);
    if (drawnOnto.size) {
      const areas = [...drawnOnto.values()].reduce((a, b) => a + b, 0);
      const ids = [...drawnOnto.keys()];
      c.warning(fieldPath(w, 'overrides'), coded(ids.length === 1 ? 'drawnOntoUnknownSchool' : 'drawnOntoUnknownSchools', { count: areas, schools: ids.length, ...exampleParams(ids) }, `${plural(areas, 'area is', 'areas are')} drawn onto ${plural(drawnOnto.size, 'school')} not in this data (${examples(ids)}); ${areas === 1 ? 'it goes' : 'they go'} to the nearest school`));
    }
    const lockedUnits = l.lockedUnits.filter((u) => !unitKnown(u));
    if (lockedUnits.length) c.warning(fieldPath(w, 'lockedUnits'), coded('unknownLockedUnits', { count: lockedUnits.length, ...exampleParams(lockedUnits) }, `${plural(lockedUnits.length, 'locked unit id is not an area', 'locked unit ids are not areas')} of this data (${examples(lockedUnits)}); ${them(lockedUnits.length)} ignored`));
    const lockedSchools = l.lockedSchools.filter((s) => !schoolKnown(s));
    if (lockedSchools.length) c.warning(fieldPath(w, 'lockedSchools'), coded('unknownLockedSchools', { count: lockedSchools.length, ...exampleParams(lockedSchools) }, `${plural(lockedSchools.length, 'locked school id is not a school', 'locked school ids are not schools')} of this data (${examples(lockedSchools)}); ${them(lockedSchools.length)} ignored`));
  }
}

function readRing(raw: unknown, c: Checker, where: string): [number, number][] | null | undefined {
  if (raw === null) return null;
  if (!Array.isArray(raw)) {
    c.error(where, coded('ringNotValid', valueParams(raw), `${describeValue(raw)} is not valid; expected null or an array of [lon, lat] points`));
    return undefined;
  }
  if (raw.length > PLAN_SIZE_LIMITS.ringPoints) {
    c.error(where, coded('ringTooLong', { count: raw.length, max: PLAN_SIZE_LIMITS.ringPoints }, `${grouped(raw.length)} points; at most ${grouped(PLAN_SIZE_LIMITS.ringPoints)} are allowed`));
    return undefined;
  }
  if (raw.length < 3) {
    c.error(where, coded('ringTooShort', { count: raw.length }, `${raw.length} points; expected at least 3 [lon, lat] points, or null for a single point`));
    return undefined;
  }
  const out: [number, number][] = new Array(raw.length);
  let bad = 0;
  const report = (field: string, message: Coded) => { if (++bad <= 3) c.error(field, message); };
  for (let i = 0; i < raw.length; i++) {
    const p = raw[i] as unknown;
    const w = fieldPath(where, i);
    if (!Array.isArray(p) || p.length !== 2) { report(w, coded('notLonLatPair', valueParams(p), `${describeValue(p)} is not valid; expected a [lon, lat] pair`)); continue; }
    const lonProblem = numberProblemCoded(p[0], PLAN_RULES.lon), latProblem = numberProblemCoded(p[1], PLAN_RULES.lat);
    if (lonProblem) report(fieldPath(w, 0), lonProblem);
    else if (latProblem) report(fieldPath(w, 1), latProblem);
    else out[i] = [p[0], p[1]];
  }
  if (bad > 3) c.error(where, coded('badRingPoints', { count: bad }, `${plural(bad, 'point is', 'points are')} not valid [lon, lat] pairs; the first 3 are listed`));
  return bad ? undefined : out;
}

function readActions(raw: unknown, c: Checker, settings: Settings | undefined, context: PlanContext): { actions: ScenarioAction[] | undefined; opened: Set<string> } {
  const opened = new Set<string>();
  const list = c.array(raw, 'actions', 'an array of layout actions', PLAN_SIZE_LIMITS.actions);
  if (!list) return { actions: undefined, opened };
  const before = c.errorCount;
  const out: ScenarioAction[] = [];
  const idAt = new Map<string, number>();
  // ids opened anywhere in the list, to say so when an earlier action names one
  const openedLater = new Set(list.flatMap((a) => (a && typeof a === 'object' && (a as { kind?: unknown }).kind === 'open' && typeof (a as { id?: unknown }).id === 'string' ? [(a as { id: string }).id] : [])));
  const grades = settings ? settings.levels.flatMap((l) => l.grades) : null;
  const types = settings ? Object.keys(settings.schoolTypes) : null;

  list.forEach((rawAction, k) => {
    const w = fieldPath('actions', k);
    const a = c.object(rawAction, w, 'a layout action (an object with a "kind")');
    if (!a) return;
    const kind = c.oneOf(a.kind, fieldPath(w, 'kind'), ACTION_KINDS, 'an action');
    if (!kind) return;
    const mark = c.errorCount;
    c.keys(a, w, ACTION_KEYS[kind], 'warning');
    const f = (key: string) => fieldPath(w, key);

    let id: string | undefined;
    if (a.id !== undefined || kind === 'open') {
      id = c.id(a.id, f('id'), kind === 'open' ? "an id for the new school (the action's id)" : 'an action id', PLAN_SIZE_LIMITS.actionIdLength);
      if (id !== undefined) {
        const prev = idAt.get(id);
        if (prev !== undefined) c.error(f('id'), coded('actionIdRepeated', { id, at: prev }, `"${id}" is already the id of actions[${prev}]; expected unique action ids`));
        else idAt.set(id, k);
      }
    }
    const school = (key: string, what: string): string | undefined => {
      const v = c.id(a[key], f(key), what, PLAN_SIZE_LIMITS.idLength);
      if (v !== undefined && context.schoolIds && !context.schoolIds.has(v) && !opened.has(v)) {
        c.error(f(key), coded(openedLater.has(v) ? 'schoolOpenedLater' : 'schoolNotOpened', { id: v }, `"${v}" is not a school of this data${openedLater.has(v) ? ' (it is opened by a later action; a school must be opened before an action names it)' : ' nor one opened by an earlier action'}`));
      }
      return v;
    };
    const notSelf = (from: string | undefined, to: string | undefined, key: string, what: string) => {
      if (from !== undefined && from === to) c.error(f(key), coded(`self_${what.replace(/ /g, '_')}`, { id: to! }, `"${to}" is the school ${what}; a school cannot ${what === 'being closed' ? 'receive its own children' : 'merge into itself'}`));
    };
    const schoolType = (key: string): string | undefined => {
      const v = c.id(a[key], f(key), 'a school type', PLAN_SIZE_LIMITS.idLength);
      if (v !== undefined && types && !types.includes(v)) c.error(f(key), coded('planTypeUnknown', { value: v, options: types.join(', ') }, `"${v}" is not a school type of the plan's settings; expected one of ${types.join(', ')}`));
      return v;
    };
    const num = (key: string, rule: NumberRule) => c.number(a[key], f(key), rule);
    const nullable = (key: string, rule: NumberRule) => (a[key] === undefined ? null : c.nullableNumber(a[key], f(key), rule));
    const optional = (key: string, rule: NumberRule) => (a[key] === undefined ? undefined : c.nullableNumber(a[key], f(key), rule));
    const withId = <T extends object>(x: T) => (id === undefined ? x : { ...x, id }) as unknown as ScenarioAction;

    let action: ScenarioAction | undefined;
    switch (kind) {
      case 'close': {
        const s = school('school', 'the id of the school that closes');
        const r = a.receiver === undefined || a.receiver === null ? undefined : school('receiver', 'the id of the receiving school');
        notSelf(s, r, 'receiver', 'being closed');
        action = withId(r === undefined ? { kind, school: s } : { kind, school: s, receiver: r });
        break;
      }
      case 'merge': {
        const s = school('school', 'the id of the school that merges');
        const into = school('into', 'the id of the receiving school');
        notSelf(s, into, 'into', 'being merged');
        const campusRetained = c.boolean(a.campusRetained, f('campusRetained')), moveStaff = c.boolean(a.moveStaff, f('moveStaff'));
        action = withId({ kind, school: s, into, campusRetained, moveStaff });
        break;
      }
      case 'teaching_point': {
        const s = school('school', 'the id of the school that becomes a teaching point');
        const into = school('into', 'the id of the receiving school');
        notSelf(s, into, 'into', 'becoming a teaching point');
        const keepUpTo = c.id(a.keepUpTo, f('keepUpTo'), 'a grade id', PLAN_SIZE_LIMITS.actionIdLength);
        if (keepUpTo !== undefined && grades && !grades.includes(keepUpTo)) {
          c.error(f('keepUpTo'), coded('planGradeUnknown', { value: keepUpTo, options: grades.join(', ') }, `"${keepUpTo}" is not a grade of the plan's settings; expected one of ${grades.join(', ')}`));
        }
        action = withId({ kind, school: s, into, keepUpTo });
        break;
      }
      case 'open': {
        if (id !== undefined && context.schoolIds?.has(id)) c.error(f('id'), coded('openIdExists', { id }, `"${id}" is already a school of this data; expected the id of a new school`));
        if (id !== undefined) opened.add(id);
        const name = c.string(a.name, f('name'), PLAN_SIZE_LIMITS.nameLength, 'the name of the new school');
        const type = schoolType('type');
        const lon = num('lon', PLAN_RULES.lon), lat = num('lat', PLAN_RULES.lat);
        const capacity = nullable('capacity', PLAN_RULES.capacity), classrooms = nullable('classrooms', PLAN_RULES.classrooms);
        action = withId({ kind, name, type, lon, lat, capacity, classrooms });
        break;
      }
      case 'change': {
        const s = school('school', 'the id of the school that changes');
        const x: Record<string, unknown> = { kind, school: s };
        if (a.capacity !== undefined) x.capacity = optional('capacity', PLAN_RULES.capacity);
        if (a.classrooms !== undefined) x.classrooms = optional('classrooms', PLAN_RULES.classrooms);
        if (a.type !== undefined) x.type = schoolType('type');
        action = withId(x);
        break;
      }
      case 'housing': {
        const name = c.string(a.name, f('name'), PLAN_SIZE_LIMITS.nameLength, 'the name of the housing');
        const ring = readRing(a.ring === undefined ? null : a.ring, c, f('ring'));
        const lon = num('lon', PLAN_RULES.lon), lat = num('lat', PLAN_RULES.lat);
        const homes = num('homes', PLAN_RULES.homes);
        const yieldPerHome: Record<string, number> = {};
        const y = c.object(a.yieldPerHome, f('yieldPerHome'), 'an object of level id -> pupils per home');
        if (y) {
          for (const level of c.keys(y, f('yieldPerHome'), null)) {
            const v = c.number(y[level], fieldPath(f('yieldPerHome'), level), PLAN_RULES.yieldPerHome);
            if (v === undefined) continue;
            if (settings && !settings.levels.some((l) => l.id === level)) c.warning(fieldPath(f('yieldPerHome'), level), coded('yieldLevelUnknown', { level }, `"${level}" is not a level of the plan's settings; it adds no children`));
            yieldPerHome[level] = v;
          }
        }
        const occupiedYear = nullable('occupiedYear', PLAN_RULES.year);
        const x: Record<string, unknown> = { kind, name, ring, lon, lat, homes, yieldPerHome, occupiedYear };
        if (a.homesByType !== undefined || a.yieldByType !== undefined) {
          // homes and yields by dwelling type: every type with homes needs its yields
          const byType: Record<string, number> = {}, yields: Record<string, Record<string, number>> = {};
          const h = c.object(a.homesByType, f('homesByType'), 'an object of dwelling type -> homes');
          const ys = c.object(a.yieldByType, f('yieldByType'), 'an object of dwelling type -> (level id -> pupils per home)');
          if (h && ys) {
            for (const type of c.keys(h, f('homesByType'), null)) {
              const v = c.number(h[type], fieldPath(f('homesByType'), type), PLAN_RULES.homes);
              if (v !== undefined) byType[type] = v;
              if (!Object.hasOwn(ys, type)) c.error(fieldPath(f('yieldByType'), type), coded('yieldTypeMissing', { type }, `missing; expected the pupils per home of each level for the dwelling type "${type}"`));
            }
            for (const type of c.keys(ys, f('yieldByType'), null)) {
              const per = c.object(ys[type], fieldPath(f('yieldByType'), type), 'an object of level id -> pupils per home');
              if (!per) continue;
              yields[type] = {};
              for (const level of c.keys(per, fieldPath(f('yieldByType'), type), null)) {
                const v = c.number(per[level], fieldPath(fieldPath(f('yieldByType'), type), level), PLAN_RULES.yieldPerHome);
                if (v !== undefined) yields[type][level] = v;
              }
            }
          }
          x.homesByType = byType;
          x.yieldByType = yields;
        }
        action = withId(x);
        break;
      }
    }
    if (c.errorCount === mark && action) out.push(action);
  });
  return { actions: c.errorCount > before ? undefined : out, opened };
}
