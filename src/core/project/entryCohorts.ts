import type { LevelAssignment } from '../catchment/assignNearest';
import type { Units } from '../model';
import type { LevelDef } from '../settings/profiles';
import { yearPairs, type GradeSeries } from './ratios';
import type { EntryTrend } from './types';

/**
 * Weight of the district's entry trend in a school's, in years of an average school's entry cohort:
 * `T_s = (sum E_s[y+1] + K * Ebar * T_D) / (sum E_s[y] + K * Ebar)` with K = 2 (README).
 */
export const ENTRY_TREND_DISTRICT_WEIGHT = 2;

/** Grade -> pupils per school in one year (null: not projected). */
export type GradeState = (Record<string, number> | null)[];

/**
 * Entry trends of a level's first grade, for projecting it without population data (README: "entry
 * without population data"). Over every school's last `historyYears` pairs of consecutive years
 * `(E[y], E[y+1])` of the grade (history columns and the base year, `E[y] > 0`):
 * - district trend `T_D = sum E[y+1] / sum E[y]` over all schools' pairs (1 without any pair);
 * - average cohort `Ebar = sum E[y] / number of pairs`;
 * - a school with pairs: `T_s = (sum_s E[y+1] + K * Ebar * T_D) / (sum_s E[y] + K * Ebar)`, its own
 *   trend damped toward the district's as if the district added K years of an average cohort;
 * - a school without: `T_s = T_D`.
 * @param series every school's grade series, by school index
 * @returns the trend per school (the factor applied each year is `factor`)
 * @example entryTrends(series, 'g1', 5)[0].factor // 1.0678 for 40, 44, 48, 52 against a flat district
 */
export function entryTrends(series: GradeSeries[], first: string, historyYears: number): EntryTrend[] {
  const pairs = series.map((m) => yearPairs(m, first, first, historyYears));
  let sumX = 0, sumY = 0, n = 0;
  for (const ps of pairs) for (const [x, y] of ps) { sumX += x; sumY += y; n++; }
  const district = sumX > 0 ? sumY / sumX : 1;
  const prior = n > 0 ? (ENTRY_TREND_DISTRICT_WEIGHT * sumX) / n : 0;
  return pairs.map((ps) => {
    if (!ps.length) return { factor: district, school: null, district, pairs: 0, districtPairs: n };
    let x = 0, y = 0;
    for (const [a, b] of ps) { x += a; y += b; }
    return { factor: (y + prior * district) / (x + prior), school: y / x, district, pairs: ps.length, districtPairs: n };
  });
}

/** Children of one single-year age living in each school's zone of a level. */
export function zoneChildren(units: Units, schoolCount: number, a: LevelAssignment, age: number): Float64Array {
  const out = new Float64Array(schoolCount);
  const c = units.childrenByAge[age];
  if (!c) return out;
  for (let u = 0; u < units.count; u++) { const s = a.schoolByUnit[u]; if (s !== a.noSchool) out[s] += c[u]; }
  return out;
}

/**
 * Entry rates of the first level's first grade on the base year: `rho_s = E[first, base] / P_s(a0)`,
 * P_s(a0) the children of the entry age in the school's zone; the district rate `sum E / sum P` over
 * schools whose zone has such children for the others. null when no zone has a child of that age.
 * @param state base-year grades per school
 */
export function zoneEntryRates(units: Units, state: GradeState, level: LevelDef, a: LevelAssignment): { rate: Float64Array; zoneNow: Float64Array; districtRate: number } | null {
  const first = level.grades[0], a0 = level.ages[0];
  const zoneNow = zoneChildren(units, state.length, a, a0);
  let sumE = 0, sumP = 0;
  for (let s = 0; s < state.length; s++) if (state[s]?.[first] !== undefined && zoneNow[s] > 0) { sumE += state[s]![first]; sumP += zoneNow[s]; }
  if (!(sumP > 0)) return null;
  const districtRate = sumE / sumP;
  const rate = new Float64Array(state.length).fill(NaN);
  for (let s = 0; s < state.length; s++) if (state[s]?.[first] !== undefined) rate[s] = zoneNow[s] > 0 ? state[s]![first] / zoneNow[s] : districtRate;
  return { rate, zoneNow, districtRate };
}

/**
 * The single-year age whose children reach the entry age `a0` in `k` years: `a0 - k`, held at the
 * data's youngest age when younger, else the nearest age below it the data has.
 * @param ages the ages the population has, ascending
 */
export function cohortAge(ages: number[], a0: number, k: number): number | undefined {
  const want = a0 - k;
  return ages.includes(want) ? want : want < ages[0] ? ages[0] : ages.filter((x) => x <= want).pop();
}

/**
 * The first level's entry cohort in year `base + k` from the zones: `rho_s * P_s(a0 - k) * (1 + growth)^k`.
 * @param rate entry rate per school (zoneEntryRates)
 */
export function zoneEntryCohort(units: Units, a: LevelAssignment, rate: Float64Array, ages: number[], a0: number, k: number, growth: number): Float64Array {
  const age = cohortAge(ages, a0, k);
  const cohort = age === undefined ? new Float64Array(rate.length) : zoneChildren(units, rate.length, a, age);
  const out = new Float64Array(rate.length);
  for (let s = 0; s < rate.length; s++) out[s] = rate[s] * cohort[s] * growth;
  return out;
}

/**
 * The exponent of a damped trend after k years: `phi + phi^2 + … + phi^k` (k with phi = 1; 0, the
 * entry held, with phi = 0), so that a trend is trusted partly and fades instead of compounding.
 */
export function dampedYears(k: number, damping: number): number {
  if (damping >= 1) return k;
  let e = 0;
  for (let j = 1; j <= k; j++) e += damping ** j;
  return e;
}

/**
 * An entry cohort in year `base + k` by trend: `E[first, base] * T_s^(phi + … + phi^k)` (damped;
 * `T_s^k` with damping 1), times `(1 + growth)^k` for the first level (pass growth 1 for later levels).
 */
export function trendEntryCohort(base: number, trend: EntryTrend, k: number, growth: number, damping = 1): number {
  return base * trend.factor ** dampedYears(k, damping) * growth;
}

/** A level's entry read from the base year's grades, for a district without any entry history. */
export interface CohortEntry {
  /** per school the mean of its first n cohorts of the level (NaN: not projected) */
  mean: Float64Array;
  /** per school the cohorts averaged */
  cohorts: Int32Array;
  /** the district's trend between consecutive cohorts, sum E[g_k] / sum E[g_k+1] over those pairs (1 without) */
  trend: number;
}

/**
 * With no entry history, a school's base-year grades of a level are its last intakes (grade k entered
 * k - 1 years ago, at ratio 1): its entry is the mean `Ebar_s` of its first n cohorts, moved to the
 * base year and on by the district's trend between consecutive cohorts `T_D = sum E[g_k] / sum
 * E[g_k+1]` (k < n, all schools): `E[first, base+j] = Ebar_s * T_D^((n - 1) / 2 + d(j))` (README).
 * n = 1 holds the entry at the base year.
 * @param n cohorts averaged (null: every grade of the level)
 */
export function cohortEntry(state: GradeState, grades: string[], n: number | null): CohortEntry {
  const use = Math.max(1, Math.min(grades.length, n ?? grades.length));
  const mean = new Float64Array(state.length).fill(NaN), cohorts = new Int32Array(state.length);
  let num = 0, den = 0;
  state.forEach((e, s) => {
    if (!e || e[grades[0]] === undefined) return;
    const have = grades.slice(0, use).filter((g) => e[g] !== undefined);
    mean[s] = have.reduce((a, g) => a + e[g], 0) / have.length;
    cohorts[s] = have.length;
    for (let k = 0; k + 1 < use; k++) if (e[grades[k]] !== undefined && e[grades[k + 1]] !== undefined) { num += e[grades[k]]; den += e[grades[k + 1]]; }
  });
  return { mean, cohorts, trend: den > 0 && num > 0 ? num / den : 1 };
}

/** The cohort entry of school s in year base + j (cohortEntry). */
export function cohortEntryCohort(c: CohortEntry, s: number, j: number, growth: number, damping: number): number {
  return c.mean[s] * c.trend ** ((c.cohorts[s] - 1) / 2 + dampedYears(j, damping)) * growth;
}
