// Over 400 lines on purpose: the settings type, its defaults and the field-by-field check of every setting
// live together, so that a setting and its rule cannot drift apart.
import { coded, formatProblem, type Problem } from '../util/problems';
import { Checker, describeValue, fieldPath, valueParams, type NumberRule } from '../util/checker';
import { defaultBalanceSettings, readBalanceSettings, type BalanceSettings } from './balanceSettings';
import { profiles, type LevelDef, type Profile, type SchoolTypeDef } from './profiles';

/** Every threshold the engine uses. One object; the defaults come from the chosen profile. */
export interface Settings {
  profile: string;
  levels: LevelDef[];
  schoolTypes: Record<string, SchoolTypeDef>;
  largeClassFrom: number | null;
  superLargeClassFrom: number | null;
  /** utilization (enrollment or demand / capacity) above which a school is overcrowded */
  overcrowdedAbove: number;
  /** utilization below which a school is under-used */
  underUsedBelow: number;
  /** share of a school's catchment children beyond the distance standard that flags it as far */
  farShareAbove: number;
  /** for population inputs with only an all-ages total: share of the total in each level (estimate) */
  shareOfTotal: Record<string, number>;
  /** drawn plans: a unit whose school is more than this many times as far as its nearest is reported */
  farFromNearestFactor: number;
  projection: ProjectionSettings;
  /** the county balance evaluation (standard, nine-year pupil weights, column mappings); absent in older plans: the defaults */
  balance?: BalanceSettings;
  /** straight-line or route distance, and how the road network is read */
  network: NetworkSettings;
}

/** Walking distance along a road network (used where the data set has one). */
export interface NetworkSettings {
  /** the distance every figure uses: straight line, or the route along the network (where the data set has one) */
  distance: 'straight' | 'network';
  /** road classes that can be walked; empty: every class that is not a barrier */
  walkableClasses: string[];
  /** road classes that cannot be walked along or crossed (crossings only where a walkable road joins) */
  barrierClasses: string[];
  /** walking speed, km/h (route times) */
  walkingSpeedKmh: number;
  /** a unit or school farther than this from a walkable road uses straight-line distance, marked */
  maxSnapM: number;
}

/** Enrollment projections (see README: method and formulas). */
export interface ProjectionSettings {
  /**
   * school year of the enrollment in the data (e.g. 2012 for autumn 2012); null: the latest year with
   * enrollment in every grade, from the data (the projection's baseYearNote says which and why)
   */
  baseYear: number | null;
  /** years projected, 1-10 */
  horizonYears: number;
  /** earlier years averaged for grade progression ratios */
  historyYears: number;
  /** growth of each future entry cohort per year (births, housing), e.g. 0.02 = +2% a year */
  entryGrowthPerYear: number;
  /** share of the last grade of one level that enters the next level's first grade; null: calibrated on the data */
  transitionRate: number | null;
  /**
   * credibility of a school's own grade ratio, in pupils: the ratio is shrunk toward the district's
   * with weight `z = n / (n + credibilityPupils)`, n the pupils it rests on (README); 0: unshrunk
   */
  credibilityPupils: number;
  /** damping of an entry trend per year ahead: year k moves by `T^(phi^0 + … + phi^(k-1))`; 1: undamped */
  entryTrendDamping: number;
  /**
   * weight lambda of the projected change against "same as last year": each projected grade is
   * `E_base + lambda * (E_progressed - E_base)` (README); null: chosen by the backtest among
   * CHANGE_WEIGHTS on the data set's own earlier years (DEFAULT_CHANGE_WEIGHT without a backtest)
   */
  changeWeight: number | null;
  /**
   * base-year cohorts of a level averaged for its entry when no school has entry history (the grade
   * k entered k - 1 years ago); null: every grade of the level; 1: the entry is held at the base year
   */
  cohortEntryYears: number | null;
  /**
   * how births are matched to schools: 'area' shares each area's (township's) births among its schools
   * when the population and the schools both name it (AREA_FIELDS), else by zone; 'zone': always the
   * births of each school's nearest-school zone
   */
  birthsMatch: 'area' | 'zone';
}

/** Default credibility of a school's own grade ratio, in pupils (tuned on the Edinburgh backtest). */
export const DEFAULT_CREDIBILITY_PUPILS = 150;
/** Default damping of entry trends (tuned on the Edinburgh backtest). */
export const DEFAULT_ENTRY_TREND_DAMPING = 0.3;

/** Settings with the defaults of a profile. */
export function defaultSettings(profileId = 'china'): Settings {
  const p: Profile | undefined = Object.hasOwn(profiles, profileId) ? profiles[profileId] : undefined;
  if (!p) throw new Error(`unknown profile "${profileId}"; expected one of ${Object.keys(profiles).join(', ')}`);
  return {
    profile: p.id,
    levels: p.levels.map((l) => ({ ...l, grades: [...l.grades], ages: [l.ages[0], l.ages[1]] })),
    schoolTypes: Object.fromEntries(Object.entries(p.schoolTypes).map(([k, v]) => [k, { ...v, levels: [...v.levels] }])),
    largeClassFrom: p.largeClassFrom,
    superLargeClassFrom: p.superLargeClassFrom,
    overcrowdedAbove: 1.0,
    underUsedBelow: 0.75,
    farShareAbove: 0.1,
    shareOfTotal: {},
    farFromNearestFactor: 1.5,
    projection: { baseYear: null, horizonYears: 6, historyYears: 5, entryGrowthPerYear: 0, transitionRate: null, credibilityPupils: DEFAULT_CREDIBILITY_PUPILS, entryTrendDamping: DEFAULT_ENTRY_TREND_DAMPING, changeWeight: null, cohortEntryYears: null, birthsMatch: 'area' },
    balance: defaultBalanceSettings(),
    network: defaultNetworkSettings(),
  };
}

/** Straight-line distance; when switched to routes: every class but motorways walkable, 4.8 km/h, 500 m to the nearest road. */
export function defaultNetworkSettings(): NetworkSettings {
  return { distance: 'straight', walkableClasses: [], barrierClasses: ['Motorway', 'motorway', 'motorway_link'], walkingSpeedKmh: 4.8, maxSnapM: 500 };
}

/**
 * The accepted range of every numeric setting: far beyond any real standard, so that only broken or
 * hostile values are refused (a class of 5,000 pupils, a distance standard of 10,000 km, Infinity).
 */
export const SETTING_RULES = {
  classSize: { min: 1, max: 200, what: 'a class size in pupils' },
  pupils: { min: 0, max: 100_000, what: 'a number of pupils' },
  distanceM: { min: 0, max: 1_000_000, what: 'a distance in metres (up to 1,000 km)' },
  age: { min: 0, max: 25, integer: true, what: 'an age in whole years' },
  utilization: { min: 0, max: 10, what: 'a utilization (1 = 100%)' },
  share: { min: 0, max: 1, what: 'a share' },
  factor: { min: 0, max: 100, what: 'a factor' },
  year: { min: 1900, max: 2200, integer: true, what: 'a year' },
  horizonYears: { min: 1, max: 10, integer: true, what: 'a whole number of years' },
  historyYears: { min: 0, max: 50, what: 'a number of years' },
  growth: { min: -0.99, max: 1, what: 'a yearly growth (e.g. 0.02 = +2%)' },
  transitionRate: { min: 0, max: 2, what: 'a transition rate' },
  speedKmh: { min: 0.5, max: 50, what: 'a walking speed in km/h' },
  snapM: { min: 0, max: 50_000, what: 'a distance to the nearest road in metres (up to 50 km)' },
  credibilityPupils: { min: 0, max: 1_000_000, what: 'a number of pupils' },
  damping: { min: 0, max: 1, what: 'a damping factor from 0 to 1' },
  cohortYears: { min: 1, max: 50, integer: true, what: 'a whole number of cohorts' },
} satisfies Record<string, NumberRule>;

const MAX_LEVELS = 20, MAX_GRADES = 50, MAX_SCHOOL_TYPES = 200, ID_MAX = 64, NAME_MAX = 200;

const NUMBER_KEYS = { overcrowdedAbove: SETTING_RULES.utilization, underUsedBelow: SETTING_RULES.utilization, farShareAbove: SETTING_RULES.share, farFromNearestFactor: SETTING_RULES.factor } as const;
const NULLABLE_NUMBER_KEYS = { largeClassFrom: SETTING_RULES.classSize, superLargeClassFrom: SETTING_RULES.classSize } as const;
const LEVEL_NUMBER_KEYS = { classSize: SETTING_RULES.classSize, minPupils: SETTING_RULES.pupils, minPupilsRural: SETTING_RULES.pupils, distanceStandardM: SETTING_RULES.distanceM } as const;
const PROJECTION_KEYS = ['baseYear', 'horizonYears', 'historyYears', 'entryGrowthPerYear', 'transitionRate', 'credibilityPupils', 'entryTrendDamping', 'changeWeight', 'cohortEntryYears', 'birthsMatch'] as const;
const NETWORK_KEYS = ['distance', 'walkableClasses', 'barrierClasses', 'walkingSpeedKmh', 'maxSnapM'] as const;
const MAX_CLASSES = 200;
const OVERRIDE_KEYS = ['profile', 'levels', 'schoolTypes', 'shareOfTotal', 'projection', 'balance', 'network', ...Object.keys(NUMBER_KEYS), ...Object.keys(NULLABLE_NUMBER_KEYS)];
const FULL_KEYS = [...OVERRIDE_KEYS];

/** Thrown by resolveSettings and readSettings: every problem found, each naming its field. */
export class SettingsError extends Error {
  constructor(readonly problems: Problem[]) {
    super(problems.filter((p) => p.severity === 'error').map(formatProblem).join('\n'));
    this.name = 'SettingsError';
  }
}

/** Settings, or every problem that keeps them from being used. */
export type SettingsCheck = { ok: true; settings: Settings; problems: Problem[] } | { ok: false; problems: Problem[] };

function finish(c: Checker, settings: Settings | undefined, before = 0): SettingsCheck {
  return settings && c.errorCount === before ? { ok: true, settings, problems: c.problems() } : { ok: false, problems: c.problems() };
}

/**
 * Applies a JSON override object (e.g. from `--settings FILE`) on top of a profile's defaults.
 * Levels are overridden by id: `{"levels": {"primary": {"classSize": 40}}}`.
 * Throws a SettingsError listing every bad field (`file: field: message`, one per line); never
 * returns half-applied settings.
 * @example resolveSettings({ profile: 'scotland', farShareAbove: 0.2 }, 'settings.json')
 */
export function resolveSettings(override: unknown, file = 'settings'): Settings {
  const c = new Checker(file);
  const r = finish(c, checkSettingsOverride(override, c, ''));
  if (!r.ok) throw new SettingsError(r.problems);
  return r.settings;
}

/**
 * Reads a settings file (the override form of `resolveSettings`) without throwing: the settings, or
 * every problem with the field it is in.
 * @example parseSettingsFile('{"profile":"scotland","levels":null}', 's.json') // { ok: false, problems: [{ field: 'levels', ... }] }
 */
export function parseSettingsFile(text: string, file: string): SettingsCheck {
  const c = new Checker(file);
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\ufeff/, ''));
  } catch (e) {
    const detail = (e as Error).message;
    c.error('', coded('settingsNotJson', { detail }, `not valid JSON (${detail}); expected a JSON object of settings`));
    return finish(c, undefined);
  }
  if (!c.object(raw, '', 'a JSON object of settings')) return finish(c, undefined);
  return finish(c, checkSettingsOverride(raw, c, ''));
}

/**
 * Checks settings in either form without throwing: a complete object (as the app stores it in
 * plans, `levels` an array) or an override object (`levels` keyed by id). `field` prefixes every
 * field name (e.g. "settings" inside a plan file).
 * @example checkSettings(plan.settings, 'plan.json', 'settings')
 */
export function checkSettings(raw: unknown, file = 'settings', field = ''): SettingsCheck {
  const c = new Checker(file);
  return finish(c, checkSettingsInto(raw, c, field));
}

/**
 * The checker behind checkSettings, for files that hold settings (plans): records problems in `c`
 * and returns the settings, or undefined when any field is invalid.
 */
export function checkSettingsInto(raw: unknown, c: Checker, at: string): Settings | undefined {
  const before = c.errorCount;
  const isFull = raw !== null && typeof raw === 'object' && !Array.isArray(raw) && Array.isArray((raw as Settings).levels);
  const s = isFull ? checkSettingsFull(raw as Record<string, unknown>, c, at) : checkSettingsOverride(raw, c, at);
  return c.errorCount === before ? s : undefined;
}

function checkSettingsOverride(override: unknown, c: Checker, at: string): Settings | undefined {
  if (override === undefined || override === null) return defaultSettings();
  const before = c.errorCount;
  const o = c.object(override, at, 'a JSON object of settings');
  if (!o) return undefined;
  const keys = c.keys(o, at, OVERRIDE_KEYS, 'error', 'setting');
  let profile = 'china';
  if (o.profile !== undefined) {
    if (typeof o.profile === 'string' && Object.hasOwn(profiles, o.profile)) profile = o.profile;
    else c.error(fieldPath(at, 'profile'), unknownProfile(o.profile));
  }
  const s = defaultSettings(profile);
  for (const [key, rule] of Object.entries(NUMBER_KEYS) as [keyof typeof NUMBER_KEYS, NumberRule][]) {
    if (!keys.includes(key) || o[key] === undefined) continue;
    const v = c.number(o[key], fieldPath(at, key), rule);
    if (v !== undefined) s[key] = v;
  }
  for (const [key, rule] of Object.entries(NULLABLE_NUMBER_KEYS) as [keyof typeof NULLABLE_NUMBER_KEYS, NumberRule][]) {
    if (!keys.includes(key) || o[key] === undefined) continue;
    const v = c.nullableNumber(o[key], fieldPath(at, key), rule);
    if (v !== undefined) s[key] = v;
  }
  if (keys.includes('levels') && o.levels !== undefined) {
    const where = fieldPath(at, 'levels');
    const levels = c.object(o.levels, where, 'an object keyed by level id');
    if (levels) {
      for (const id of c.keys(levels, where, null)) {
        const w = fieldPath(where, id);
        if (id.length > ID_MAX) { c.error(w, coded('levelIdTooLong', { count: id.length, max: ID_MAX }, `a level id of ${id.length} characters; at most ${ID_MAX} are allowed`)); continue; }
        let level = s.levels.find((l) => l.id === id);
        if (!level) {
          if (s.levels.length >= MAX_LEVELS) { c.error(w, coded('tooManyLevels', { max: MAX_LEVELS }, `more than ${MAX_LEVELS} levels`)); continue; }
          level = { id, name: id, grades: [], ages: [0, 0], classSize: 45, minPupils: 0, distanceStandardM: 2000 };
          s.levels.push(level);
        }
        applyLevelPatch(level, levels[id], c, w);
      }
    }
  }
  if (keys.includes('schoolTypes') && o.schoolTypes !== undefined) {
    const where = fieldPath(at, 'schoolTypes');
    const types = c.object(o.schoolTypes, where, 'an object keyed by school type');
    if (types) {
      const ids = c.keys(types, where, null);
      if (ids.length > MAX_SCHOOL_TYPES) c.error(where, tooManyTypes(ids.length));
      else for (const type of ids) {
        const def = readSchoolType(types[type], c, fieldPath(where, type), false);
        if (def) s.schoolTypes[type] = def;
      }
    }
  }
  if (keys.includes('shareOfTotal') && o.shareOfTotal !== undefined) {
    const share = readShares(o.shareOfTotal, c, fieldPath(at, 'shareOfTotal'));
    if (share) Object.assign(s.shareOfTotal, share);
  }
  if (keys.includes('projection') && o.projection !== undefined) {
    const p = readProjection(o.projection, s.projection, c, fieldPath(at, 'projection'));
    if (p) s.projection = p;
  }
  if (keys.includes('balance') && o.balance !== undefined) {
    const b = readBalanceSettings(o.balance, c, fieldPath(at, 'balance'));
    if (b) s.balance = b;
  }
  if (keys.includes('network') && o.network !== undefined) {
    const n = readNetwork(o.network, s.network, c, fieldPath(at, 'network'));
    if (n) s.network = n;
  }
  if (c.errorCount > before) return undefined;
  checkConsistency(s, c, at);
  return c.errorCount > before ? undefined : s;
}

/** Cross-field rules: every school type's levels are defined; shares name levels; grades are not repeated. */
function checkConsistency(s: Settings, c: Checker, at: string) {
  const levelIds = new Set(s.levels.map((l) => l.id));
  for (const [type, t] of Object.entries(s.schoolTypes)) {
    for (const l of t.levels) if (!levelIds.has(l)) c.error(fieldPath(fieldPath(fieldPath(at, 'schoolTypes'), type), 'levels'), coded('typeLevelUndefined', { level: l }, `level "${l}" is not defined in levels`));
  }
  for (const id of Object.keys(s.shareOfTotal)) if (!levelIds.has(id)) c.warning(fieldPath(fieldPath(at, 'shareOfTotal'), id), coded('shareNotALevel', { level: id }, `"${id}" is not a level of these settings; it is not used`));
  const gradeLevel = new Map<string, string>();
  for (const l of s.levels) {
    for (const g of l.grades) {
      const other = gradeLevel.get(g);
      if (other !== undefined) c.error(fieldPath(fieldPath(at, 'levels'), l.id), other === l.id
        ? coded('gradeTwiceInLevel', { grade: g }, `grade "${g}" is also a grade of this level; expected each grade once`)
        : coded('gradeInTwoLevels', { grade: g, level: other }, `grade "${g}" is also a grade of level "${other}"; expected each grade once`));
      else gradeLevel.set(g, l.id);
    }
  }
}

function readShares(raw: unknown, c: Checker, where: string): Record<string, number> | undefined {
  const o = c.object(raw, where, 'an object of level id -> share (0-1)');
  if (!o) return undefined;
  const out: Record<string, number> = {};
  for (const id of c.keys(o, where, null)) {
    const v = c.number(o[id], fieldPath(where, id), SETTING_RULES.share);
    if (v !== undefined) out[id] = v;
  }
  return out;
}

function readSchoolType(raw: unknown, c: Checker, where: string, full: boolean): SchoolTypeDef | undefined {
  const d = c.object(raw, where, 'an object with levels (an array of level ids) and zoned (true or false)');
  if (!d) return undefined;
  c.keys(d, where, ['levels', 'zoned'], full ? 'warning' : 'error', 'school type setting');
  const lw = fieldPath(where, 'levels');
  const levels = c.array(d.levels, lw, 'an array of level ids', MAX_LEVELS);
  let ok = !!levels;
  levels?.forEach((l, i) => { if (c.id(l, fieldPath(lw, i), 'a level id', ID_MAX) === undefined) ok = false; });
  let zoned = true;
  if (d.zoned !== undefined || full) {
    const z = c.boolean(d.zoned, fieldPath(where, 'zoned'));
    if (z === undefined) ok = false; else zoned = z;
  }
  return ok ? { levels: [...(levels as string[])], zoned } : undefined;
}

function readProjection(raw: unknown, base: ProjectionSettings, c: Checker, where: string): ProjectionSettings | undefined {
  const p = c.object(raw, where, `an object of ${PROJECTION_KEYS.join(', ')}`);
  if (!p) return undefined;
  const before = c.errorCount;
  c.keys(p, where, PROJECTION_KEYS, 'error', 'setting');
  const out = { ...base };
  if (p.baseYear !== undefined) {
    const v = c.nullableNumber(p.baseYear, fieldPath(where, 'baseYear'), SETTING_RULES.year);
    if (v !== undefined) out.baseYear = v;
  }
  if (p.horizonYears !== undefined) {
    const v = c.number(p.horizonYears, fieldPath(where, 'horizonYears'), SETTING_RULES.horizonYears);
    if (v !== undefined) out.horizonYears = v;
  }
  if (p.historyYears !== undefined) {
    const v = c.number(p.historyYears, fieldPath(where, 'historyYears'), SETTING_RULES.historyYears);
    if (v !== undefined) out.historyYears = Math.max(1, Math.round(v));
  }
  if (p.entryGrowthPerYear !== undefined) {
    const v = c.number(p.entryGrowthPerYear, fieldPath(where, 'entryGrowthPerYear'), SETTING_RULES.growth);
    if (v !== undefined) out.entryGrowthPerYear = v;
  }
  if (p.transitionRate !== undefined) {
    const v = c.nullableNumber(p.transitionRate, fieldPath(where, 'transitionRate'), SETTING_RULES.transitionRate);
    if (v !== undefined) out.transitionRate = v;
  }
  if (p.credibilityPupils !== undefined) {
    const v = c.number(p.credibilityPupils, fieldPath(where, 'credibilityPupils'), SETTING_RULES.credibilityPupils);
    if (v !== undefined) out.credibilityPupils = v;
  }
  if (p.entryTrendDamping !== undefined) {
    const v = c.number(p.entryTrendDamping, fieldPath(where, 'entryTrendDamping'), SETTING_RULES.damping);
    if (v !== undefined) out.entryTrendDamping = v;
  }
  if (p.changeWeight !== undefined) {
    const v = c.nullableNumber(p.changeWeight, fieldPath(where, 'changeWeight'), SETTING_RULES.share);
    if (v !== undefined) out.changeWeight = v;
  }
  if (p.cohortEntryYears !== undefined) {
    const v = c.nullableNumber(p.cohortEntryYears, fieldPath(where, 'cohortEntryYears'), SETTING_RULES.cohortYears);
    if (v !== undefined) out.cohortEntryYears = v;
  }
  if (p.birthsMatch !== undefined) out.birthsMatch = c.oneOf(p.birthsMatch, fieldPath(where, 'birthsMatch'), ['area', 'zone'] as const, 'how births are matched to schools') ?? out.birthsMatch;
  return c.errorCount > before ? undefined : out;
}

function readNetwork(raw: unknown, base: NetworkSettings, c: Checker, where: string): NetworkSettings | undefined {
  const p = c.object(raw, where, `an object of ${NETWORK_KEYS.join(', ')}`);
  if (!p) return undefined;
  const before = c.errorCount;
  c.keys(p, where, NETWORK_KEYS, 'error', 'setting');
  const out = { ...base, walkableClasses: [...base.walkableClasses], barrierClasses: [...base.barrierClasses] };
  if (p.distance !== undefined) {
    if (p.distance === 'straight' || p.distance === 'network') out.distance = p.distance;
    else c.error(fieldPath(where, 'distance'), coded('distanceKind', valueParams(p.distance), `${describeValue(p.distance)} is not valid; expected "straight" or "network"`));
  }
  for (const key of ['walkableClasses', 'barrierClasses'] as const) {
    if (p[key] === undefined) continue;
    const w = fieldPath(where, key);
    const list = c.array(p[key], w, 'an array of road classes', MAX_CLASSES);
    if (!list) continue;
    const ok = list.every((x, i) => c.string(x, fieldPath(w, i), NAME_MAX) !== undefined);
    if (ok) out[key] = list as string[];
  }
  if (p.walkingSpeedKmh !== undefined) {
    const v = c.number(p.walkingSpeedKmh, fieldPath(where, 'walkingSpeedKmh'), SETTING_RULES.speedKmh);
    if (v !== undefined) out.walkingSpeedKmh = v;
  }
  if (p.maxSnapM !== undefined) {
    const v = c.number(p.maxSnapM, fieldPath(where, 'maxSnapM'), SETTING_RULES.snapM);
    if (v !== undefined) out.maxSnapM = v;
  }
  return c.errorCount > before ? undefined : out;
}

function readAges(raw: unknown, c: Checker, where: string): [number, number] | undefined {
  if (!Array.isArray(raw) || raw.length !== 2) {
    c.error(where, coded('agesNotValid', valueParams(raw), `${describeValue(raw)} is not valid; expected [youngest, oldest] whole years from 0 to 25`));
    return undefined;
  }
  const a = c.number(raw[0], fieldPath(where, 0), SETTING_RULES.age), b = c.number(raw[1], fieldPath(where, 1), SETTING_RULES.age);
  if (a === undefined || b === undefined) return undefined;
  if (a > b) { c.error(where, coded('agesOrder', { from: a, to: b }, `[${a}, ${b}] is not valid; expected [youngest, oldest] with the youngest age first`)); return undefined; }
  return [a, b];
}

function readGrades(raw: unknown, c: Checker, where: string): string[] | undefined {
  const grades = c.array(raw, where, 'an array of grade ids', MAX_GRADES);
  if (!grades) return undefined;
  let ok = true;
  grades.forEach((g, i) => { if (c.id(g, fieldPath(where, i), 'a grade id', ID_MAX) === undefined) ok = false; });
  return ok ? (grades as string[]) : undefined;
}

function applyLevelPatch(level: LevelDef, patch: unknown, c: Checker, where: string) {
  const p = c.object(patch, where, 'an object of level settings');
  if (!p) return;
  const known = ['id', 'name', 'grades', 'ages', ...Object.keys(LEVEL_NUMBER_KEYS)];
  for (const key of c.keys(p, where, known, 'error', 'level setting')) {
    const w = fieldPath(where, key);
    if (Object.hasOwn(LEVEL_NUMBER_KEYS, key)) {
      const v = c.number(p[key], w, LEVEL_NUMBER_KEYS[key as keyof typeof LEVEL_NUMBER_KEYS]);
      if (v !== undefined) (level as unknown as Record<string, number>)[key] = v;
    } else if (key === 'name') {
      const v = c.string(p.name, w, NAME_MAX);
      if (v !== undefined) level.name = v;
    } else if (key === 'grades') {
      const v = readGrades(p.grades, c, w);
      if (v) level.grades = v.map((g) => g.toLowerCase());
    } else if (key === 'ages') {
      const v = readAges(p.ages, c, w);
      if (v) level.ages = v;
    } else if (key === 'id' && p.id !== level.id) {
      c.error(w, coded('levelIdDiffers', { ...valueParams(p.id), level: level.id }, `${describeValue(p.id)} differs from the level's key "${level.id}"`));
    }
  }
}

function readLevelFull(raw: unknown, c: Checker, where: string): LevelDef | undefined {
  const l = c.object(raw, where, 'a level (id, name, grades, ages, classSize, minPupils, distanceStandardM)');
  if (!l) return undefined;
  const before = c.errorCount;
  c.keys(l, where, ['id', 'name', 'grades', 'ages', ...Object.keys(LEVEL_NUMBER_KEYS)], 'warning', 'level setting');
  const id = c.id(l.id, fieldPath(where, 'id'), 'a level id', ID_MAX);
  const name = l.name === undefined ? id : c.string(l.name, fieldPath(where, 'name'), NAME_MAX);
  const grades = readGrades(l.grades, c, fieldPath(where, 'grades'));
  const ages = readAges(l.ages, c, fieldPath(where, 'ages'));
  const num = (key: keyof typeof LEVEL_NUMBER_KEYS) => c.number(l[key], fieldPath(where, key), LEVEL_NUMBER_KEYS[key]);
  const classSize = num('classSize'), minPupils = num('minPupils'), distanceStandardM = num('distanceStandardM');
  const minPupilsRural = l.minPupilsRural === undefined ? undefined : num('minPupilsRural');
  if (c.errorCount > before) return undefined;
  const out: LevelDef = { id: id!, name: name!, grades: [...grades!], ages: ages!, classSize: classSize!, minPupils: minPupils!, distanceStandardM: distanceStandardM! };
  if (minPupilsRural !== undefined) out.minPupilsRural = minPupilsRural;
  return out;
}

/** The complete form (as stored in plans): every field present, levels an array. */
function checkSettingsFull(o: Record<string, unknown>, c: Checker, at: string): Settings | undefined {
  const before = c.errorCount;
  const keys = c.keys(o, at, FULL_KEYS, 'warning', 'setting');
  let profile: string | undefined;
  if (typeof o.profile === 'string' && Object.hasOwn(profiles, o.profile)) profile = o.profile;
  else c.error(fieldPath(at, 'profile'), unknownProfile(o.profile));
  const base = defaultSettings(profile ?? 'china');
  const lw = fieldPath(at, 'levels');
  const rawLevels = o.levels as unknown[];
  const levels: LevelDef[] = [];
  if (rawLevels.length === 0 || rawLevels.length > MAX_LEVELS) c.error(lw, coded('levelCount', { count: rawLevels.length, max: MAX_LEVELS }, `${rawLevels.length} levels; expected 1 to ${MAX_LEVELS}`));
  else rawLevels.forEach((raw, i) => {
    const l = readLevelFull(raw, c, fieldPath(lw, i));
    if (!l) return;
    if (levels.some((x) => x.id === l.id)) c.error(fieldPath(fieldPath(lw, i), 'id'), coded('levelIdRepeated', { level: l.id }, `"${l.id}" is the id of an earlier level; expected unique level ids`));
    else levels.push(l);
  });
  let schoolTypes: Record<string, SchoolTypeDef> = base.schoolTypes;
  if (keys.includes('schoolTypes') && o.schoolTypes !== undefined) {
    const where = fieldPath(at, 'schoolTypes');
    const types = c.object(o.schoolTypes, where, 'an object keyed by school type');
    schoolTypes = {};
    if (types) {
      const ids = c.keys(types, where, null);
      if (ids.length > MAX_SCHOOL_TYPES) c.error(where, tooManyTypes(ids.length));
      else for (const type of ids) {
        const def = readSchoolType(types[type], c, fieldPath(where, type), true);
        if (def) schoolTypes[type] = def;
      }
    }
  }
  const nums = {} as Record<keyof typeof NUMBER_KEYS, number | undefined>;
  for (const [key, rule] of Object.entries(NUMBER_KEYS) as [keyof typeof NUMBER_KEYS, NumberRule][]) {
    // settings stored before farFromNearestFactor existed take its default
    nums[key] = key === 'farFromNearestFactor' && o[key] === undefined ? base.farFromNearestFactor : c.number(o[key], fieldPath(at, key), rule);
  }
  const nullable = {} as Record<keyof typeof NULLABLE_NUMBER_KEYS, number | null | undefined>;
  for (const [key, rule] of Object.entries(NULLABLE_NUMBER_KEYS) as [keyof typeof NULLABLE_NUMBER_KEYS, NumberRule][]) {
    nullable[key] = c.nullableNumber(o[key], fieldPath(at, key), rule);
  }
  const shareOfTotal = o.shareOfTotal === undefined ? {} : readShares(o.shareOfTotal, c, fieldPath(at, 'shareOfTotal'));
  const projection = o.projection === undefined ? { ...base.projection } : readProjection(o.projection, base.projection, c, fieldPath(at, 'projection'));
  const balance = o.balance === undefined ? undefined : readBalanceSettings(o.balance, c, fieldPath(at, 'balance'));
  // settings stored before routes existed take straight-line distance
  const network = o.network === undefined ? base.network : readNetwork(o.network, base.network, c, fieldPath(at, 'network'));
  if (c.errorCount > before) return undefined;
  const s: Settings = {
    profile: profile!, levels, schoolTypes: Object.fromEntries(Object.entries(schoolTypes).map(([k, v]) => [k, { levels: [...v.levels], zoned: v.zoned }])),
    largeClassFrom: nullable.largeClassFrom!, superLargeClassFrom: nullable.superLargeClassFrom!,
    overcrowdedAbove: nums.overcrowdedAbove!, underUsedBelow: nums.underUsedBelow!, farShareAbove: nums.farShareAbove!,
    shareOfTotal: shareOfTotal!, farFromNearestFactor: nums.farFromNearestFactor!, projection: projection!, network: network!,
    ...(balance ? { balance } : {}),
  };
  checkConsistency(s, c, at);
  return c.errorCount > before ? undefined : s;
}

/** Levels a school type serves under these settings (empty for unknown or unzoned types). */
export function levelsServed(settings: Settings, type: string): string[] {
  const t = Object.hasOwn(settings.schoolTypes, type) ? settings.schoolTypes[type] : undefined;
  return t && t.zoned ? t.levels : [];
}

/**
 * Checks a complete settings object (as the app stores it in plans) and returns a copy; objects in
 * the override form go through `resolveSettings`. Throws a SettingsError listing every bad field.
 * Use `checkSettings` for the same check without throwing.
 * @example readSettings(plan.settings, 'plan.json')
 */
export function readSettings(raw: unknown, where = 'settings'): Settings {
  const r = checkSettings(raw, where);
  if (!r.ok) throw new SettingsError(r.problems);
  return r.settings;
}

const unknownProfile = (v: unknown) => {
  const options = Object.keys(profiles).join(', ');
  return coded('unknownProfile', { ...valueParams(v), options }, `${describeValue(v)} is not a known profile; expected one of ${options}`);
};
const tooManyTypes = (n: number) => coded('tooManySchoolTypes', { count: n, max: MAX_SCHOOL_TYPES }, `${n} school types; at most ${MAX_SCHOOL_TYPES} are allowed`);
