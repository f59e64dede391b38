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
}

/** Enrollment projections (see README: method and formulas). */
export interface ProjectionSettings {
  /** school year of the enrollment in the data (e.g. 2012 for autumn 2012); null: years are shown as +1, +2 … */
  baseYear: number | null;
  /** years projected, 1-10 */
  horizonYears: number;
  /** earlier years averaged for grade progression ratios */
  historyYears: number;
  /** growth of each future entry cohort per year (births, housing), e.g. 0.02 = +2% a year */
  entryGrowthPerYear: number;
  /** share of the last grade of one level that enters the next level's first grade; null: calibrated on the data */
  transitionRate: number | null;
}

/** Settings with the defaults of a profile. */
export function defaultSettings(profileId = 'china'): Settings {
  const p: Profile | undefined = profiles[profileId];
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
    projection: { baseYear: null, horizonYears: 6, historyYears: 5, entryGrowthPerYear: 0, transitionRate: null },
  };
}

const NUMBER_KEYS = ['overcrowdedAbove', 'underUsedBelow', 'farShareAbove', 'farFromNearestFactor'] as const;
const NULLABLE_NUMBER_KEYS = ['largeClassFrom', 'superLargeClassFrom'] as const;
const LEVEL_NUMBER_KEYS = ['classSize', 'minPupils', 'minPupilsRural', 'distanceStandardM'] as const;

/**
 * Applies a JSON override object (e.g. from `--settings FILE`) on top of a profile's defaults.
 * Levels are overridden by id: `{"levels": {"primary": {"classSize": 40}}}`.
 * Throws an Error naming the offending key; never returns half-applied settings.
 * @example resolveSettings({ profile: 'scotland', farShareAbove: 0.2 }, 'settings.json')
 */
export function resolveSettings(override: unknown, file = 'settings'): Settings {
  if (override === undefined || override === null) return defaultSettings();
  if (typeof override !== 'object' || Array.isArray(override)) throw new Error(`${file}: expected a JSON object of settings`);
  const o = override as Record<string, unknown>;
  if (o.profile !== undefined && (typeof o.profile !== 'string' || !profiles[o.profile])) {
    throw new Error(`${file}: profile: "${String(o.profile)}" is not a known profile; expected one of ${Object.keys(profiles).join(', ')}`);
  }
  const s = defaultSettings((o.profile as string | undefined) ?? 'china');
  const known = new Set(['profile', 'levels', 'schoolTypes', 'shareOfTotal', 'projection', ...NUMBER_KEYS, ...NULLABLE_NUMBER_KEYS]);
  for (const key of Object.keys(o)) if (!known.has(key)) throw new Error(`${file}: ${key}: unknown setting; expected one of ${[...known].join(', ')}`);
  for (const key of NUMBER_KEYS) {
    if (o[key] === undefined) continue;
    s[key] = nonNegative(o[key], `${file}: ${key}`);
  }
  for (const key of NULLABLE_NUMBER_KEYS) {
    if (o[key] === undefined) continue;
    s[key] = o[key] === null ? null : nonNegative(o[key], `${file}: ${key}`);
  }
  if (o.levels !== undefined) {
    if (typeof o.levels !== 'object' || o.levels === null || Array.isArray(o.levels)) throw new Error(`${file}: levels: expected an object keyed by level id`);
    for (const [id, patch] of Object.entries(o.levels as Record<string, unknown>)) {
      let level = s.levels.find((l) => l.id === id);
      if (!level) {
        level = { id, name: id, grades: [], ages: [0, 0], classSize: 45, minPupils: 0, distanceStandardM: 2000 };
        s.levels.push(level);
      }
      applyLevelPatch(level, patch, `${file}: levels.${id}`);
    }
  }
  if (o.schoolTypes !== undefined) {
    if (typeof o.schoolTypes !== 'object' || o.schoolTypes === null) throw new Error(`${file}: schoolTypes: expected an object keyed by school type`);
    for (const [type, def] of Object.entries(o.schoolTypes as Record<string, unknown>)) {
      const d = def as Partial<SchoolTypeDef>;
      if (!d || !Array.isArray(d.levels) || d.levels.some((l) => typeof l !== 'string')) throw new Error(`${file}: schoolTypes.${type}.levels: expected an array of level ids`);
      s.schoolTypes[type] = { levels: [...d.levels], zoned: d.zoned !== false };
    }
  }
  if (o.shareOfTotal !== undefined) {
    if (typeof o.shareOfTotal !== 'object' || o.shareOfTotal === null) throw new Error(`${file}: shareOfTotal: expected an object of level id -> share (0-1)`);
    for (const [id, v] of Object.entries(o.shareOfTotal as Record<string, unknown>)) {
      const share = nonNegative(v, `${file}: shareOfTotal.${id}`);
      if (share > 1) throw new Error(`${file}: shareOfTotal.${id}: ${share} is above 1; expected a share between 0 and 1`);
      s.shareOfTotal[id] = share;
    }
  }
  if (o.projection !== undefined) s.projection = readProjection(o.projection, s.projection, `${file}: projection`);
  for (const t of Object.values(s.schoolTypes)) {
    for (const l of t.levels) if (!s.levels.some((x) => x.id === l)) throw new Error(`${file}: schoolTypes: level "${l}" is not defined in levels`);
  }
  return s;
}

function readProjection(raw: unknown, base: ProjectionSettings, where: string): ProjectionSettings {
  if (raw === undefined || raw === null) return { ...base };
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new Error(`${where}: expected an object`);
  const p = raw as Record<string, unknown>;
  const out = { ...base };
  for (const key of Object.keys(p)) {
    if (!['baseYear', 'horizonYears', 'historyYears', 'entryGrowthPerYear', 'transitionRate'].includes(key)) throw new Error(`${where}.${key}: unknown setting; expected baseYear, horizonYears, historyYears, entryGrowthPerYear, transitionRate`);
  }
  if (p.baseYear !== undefined) out.baseYear = p.baseYear === null ? null : nonNegative(p.baseYear, `${where}.baseYear`);
  if (p.horizonYears !== undefined) {
    const h = nonNegative(p.horizonYears, `${where}.horizonYears`);
    if (!Number.isInteger(h) || h < 1 || h > 10) throw new Error(`${where}.horizonYears: ${h} is not valid; expected a whole number of years from 1 to 10`);
    out.horizonYears = h;
  }
  if (p.historyYears !== undefined) out.historyYears = Math.max(1, Math.round(nonNegative(p.historyYears, `${where}.historyYears`)));
  if (p.entryGrowthPerYear !== undefined) {
    if (typeof p.entryGrowthPerYear !== 'number' || !Number.isFinite(p.entryGrowthPerYear) || p.entryGrowthPerYear <= -1) throw new Error(`${where}.entryGrowthPerYear: ${JSON.stringify(p.entryGrowthPerYear)} is not valid; expected a yearly growth above -1 (e.g. 0.02)`);
    out.entryGrowthPerYear = p.entryGrowthPerYear;
  }
  if (p.transitionRate !== undefined) out.transitionRate = p.transitionRate === null ? null : nonNegative(p.transitionRate, `${where}.transitionRate`);
  return out;
}

function applyLevelPatch(level: LevelDef, patch: unknown, where: string) {
  if (typeof patch !== 'object' || patch === null) throw new Error(`${where}: expected an object`);
  const p = patch as Record<string, unknown>;
  for (const key of Object.keys(p)) {
    if ((LEVEL_NUMBER_KEYS as readonly string[]).includes(key)) {
      (level as unknown as Record<string, number>)[key] = nonNegative(p[key], `${where}.${key}`);
    } else if (key === 'name') {
      level.name = String(p.name);
    } else if (key === 'grades') {
      if (!Array.isArray(p.grades) || p.grades.some((g) => typeof g !== 'string')) throw new Error(`${where}.grades: expected an array of grade ids`);
      level.grades = (p.grades as string[]).map((g) => g.toLowerCase());
    } else if (key === 'ages') {
      const a = p.ages;
      if (!Array.isArray(a) || a.length !== 2 || a.some((x) => !Number.isInteger(x) || x < 0) || a[0] > a[1]) throw new Error(`${where}.ages: expected [youngest, oldest] whole years`);
      level.ages = [a[0], a[1]];
    } else if (key !== 'id') {
      throw new Error(`${where}.${key}: unknown level setting; expected one of name, grades, ages, ${LEVEL_NUMBER_KEYS.join(', ')}`);
    }
  }
  if (level.classSize <= 0) throw new Error(`${where}.classSize: must be above 0`);
}

function nonNegative(v: unknown, where: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new Error(`${where}: ${JSON.stringify(v)} is not valid; expected a non-negative number`);
  return v;
}

/** Levels a school type serves under these settings (empty for unknown or unzoned types). */
export function levelsServed(settings: Settings, type: string): string[] {
  const t = settings.schoolTypes[type];
  return t && t.zoned ? t.levels : [];
}

/**
 * Checks a complete settings object (as the app stores it in plans) and returns a copy; throws an
 * Error naming the first bad field. Objects in the override form go through `resolveSettings`.
 * @example readSettings(plan.settings, 'plan.json: settings')
 */
export function readSettings(raw: unknown, where = 'settings'): Settings {
  if (!raw || typeof raw !== 'object' || !Array.isArray((raw as Settings).levels)) return resolveSettings(raw, where);
  const s = raw as Settings;
  const base = defaultSettings(profiles[s.profile] ? s.profile : 'china');
  const num = (v: unknown, field: string, nullable = false) => {
    if (nullable && v === null) return null;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new Error(`${where}: ${field}: ${JSON.stringify(v)} is not valid; expected a non-negative number`);
    return v;
  };
  const levels = s.levels.map((l, i) => {
    if (!l || typeof l.id !== 'string' || !Array.isArray(l.grades) || !Array.isArray(l.ages) || l.ages.length !== 2) throw new Error(`${where}: levels[${i}]: expected id, grades and ages`);
    const out: LevelDef = {
      id: l.id, name: typeof l.name === 'string' ? l.name : l.id, grades: l.grades.map(String), ages: [num(l.ages[0], `levels[${i}].ages`)!, num(l.ages[1], `levels[${i}].ages`)!],
      classSize: num(l.classSize, `levels[${i}].classSize`)!, minPupils: num(l.minPupils, `levels[${i}].minPupils`)!, distanceStandardM: num(l.distanceStandardM, `levels[${i}].distanceStandardM`)!,
    };
    if (l.minPupilsRural !== undefined) out.minPupilsRural = num(l.minPupilsRural, `levels[${i}].minPupilsRural`)!;
    if (out.classSize <= 0) throw new Error(`${where}: levels[${i}].classSize: must be above 0`);
    return out;
  });
  const schoolTypes = s.schoolTypes && typeof s.schoolTypes === 'object' ? s.schoolTypes : base.schoolTypes;
  return {
    profile: s.profile, levels, schoolTypes: JSON.parse(JSON.stringify(schoolTypes)),
    largeClassFrom: num(s.largeClassFrom, 'largeClassFrom', true), superLargeClassFrom: num(s.superLargeClassFrom, 'superLargeClassFrom', true),
    overcrowdedAbove: num(s.overcrowdedAbove, 'overcrowdedAbove')!, underUsedBelow: num(s.underUsedBelow, 'underUsedBelow')!,
    farShareAbove: num(s.farShareAbove, 'farShareAbove')!, shareOfTotal: { ...(s.shareOfTotal ?? {}) },
    farFromNearestFactor: s.farFromNearestFactor === undefined ? base.farFromNearestFactor : num(s.farFromNearestFactor, 'farFromNearestFactor')!,
    projection: readProjection(s.projection, base.projection, `${where}: projection`),
  };
}
