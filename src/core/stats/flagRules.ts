import type { LevelDef } from '../settings/profiles';
import type { Settings } from '../settings/settings';

/**
 * The flag rules, once: the current-year flags (stats/flags.ts) and the per-year projection flags
 * (project/yearFigures.ts) both decide with these functions, so a threshold means the same in both.
 * Messages, CSV columns and flag names stay with their callers.
 */

/** Class-size bands, worst first: the severity of the current-year `large_classes` flag. */
export type ClassBand = 'super_large' | 'large' | 'over_standard';

/** The per-year projection flag of each class band. */
export const CLASS_BAND_FLAG = { super_large: 'super_large_class', large: 'large_class', over_standard: 'over_standard' } as const satisfies Record<ClassBand, string>;

/** Per-year projection flags (`undersized` is written `undersized:<level>`). */
export const PROJECTION_FLAG_NAMES = ['overcrowded', 'classrooms_short', 'over_standard', 'large_class', 'super_large_class', 'undersized'] as const;
export type ProjectionFlagName = (typeof PROJECTION_FLAG_NAMES)[number];

/** A capacity a school can be judged against: a positive number of places. */
export function hasCapacity(capacity: number): boolean {
  return Number.isFinite(capacity) && capacity > 0;
}

/**
 * Pupils (or children) above `settings.overcrowdedAbove` times the capacity. False without a capacity
 * (callers report that as not assessed) and for a NaN count.
 * @example isOvercrowded(341, 320, settings) // true with the default limit 1.0
 */
export function isOvercrowded(pupils: number, capacity: number, settings: Pick<Settings, 'overcrowdedAbove'>): boolean {
  return hasCapacity(capacity) && pupils / capacity > settings.overcrowdedAbove;
}

/** Utilization below `settings.underUsedBelow`. False without a capacity or a count. */
export function isUnderUsed(pupils: number, capacity: number, settings: Pick<Settings, 'underUsedBelow'>): boolean {
  return hasCapacity(capacity) && pupils / capacity < settings.underUsedBelow;
}

/**
 * The standard class size of a mix of pupils: the pupil-weighted mean of their levels' class sizes.
 * NaN when there are no pupils.
 * @param parts [pupils, class size] per level or per grade; parts without pupils are skipped
 * @example standardClassSize([[90, 45], [50, 50]]) // 46.79
 */
export function standardClassSize(parts: Iterable<readonly [number, number]>): number {
  let weighted = 0, pupils = 0;
  for (const [p, size] of parts) if (p > 0) { weighted += p * size; pupils += p; }
  return pupils > 0 ? weighted / pupils : NaN;
}

/** An average class only this much above the standard is a rounding artefact, not a flag. */
const CLASS_SIZE_TOLERANCE = 1e-9;

/**
 * The class-size band of an average class: super-large / large from the settings' bands (when set),
 * else over the standard; null when within the standard or the average is unknown.
 * @example classBand(57, 45, defaultSettings('china')) // 'large'
 */
export function classBand(avg: number, standard: number, settings: Pick<Settings, 'largeClassFrom' | 'superLargeClassFrom'>): ClassBand | null {
  if (!Number.isFinite(avg)) return null;
  if (settings.superLargeClassFrom !== null && avg >= settings.superLargeClassFrom) return 'super_large';
  if (settings.largeClassFrom !== null && avg >= settings.largeClassFrom) return 'large';
  if (avg > standard + CLASS_SIZE_TOLERANCE) return 'over_standard';
  return null;
}

/** More classes needed than the school has classrooms (a school without a classroom count is never short). */
export function classroomsShort(classes: number, classrooms: number): boolean {
  return Number.isFinite(classrooms) && classrooms > 0 && classes > classrooms;
}

/** A school marked rural in its `urban_rural` field. */
export function isRural(extra: Record<string, unknown> | undefined): boolean {
  return /rural/i.test(String(extra?.urban_rural ?? ''));
}

/** The minimum pupils of a level for a school: the rural minimum where the level has one and the school is rural. */
export function minimumPupils(level: LevelDef, rural: boolean): number {
  return rural && level.minPupilsRural !== undefined ? level.minPupilsRural : level.minPupils;
}

/** Fewer pupils of a level than its minimum. False for a NaN count (callers report not assessed). */
export function isUndersized(pupils: number, min: number): boolean {
  return pupils < min;
}

/** More of a catchment's children beyond the distance standard than `settings.farShareAbove`. */
export function isFar(shareBeyond: number, settings: Pick<Settings, 'farShareAbove'>): boolean {
  return shareBeyond > settings.farShareAbove;
}
