import type { LevelAssignment } from '../catchment/assignNearest';
import type { Units } from '../model';
import type { GradeSeries } from './ratios';

/** Births per school zone by birth year: year -> births per school index. */
export type ZoneBirths = Map<number, Float64Array>;

/**
 * Births of every year the population gives (`birth_YYYY`) summed over each school's zone of a level.
 * Empty without birth columns.
 */
export function zoneBirths(units: Units, schoolCount: number, a: LevelAssignment): ZoneBirths {
  const out: ZoneBirths = new Map();
  for (const [y, b] of Object.entries(units.birthsByYear ?? {})) {
    const z = new Float64Array(schoolCount);
    for (let u = 0; u < units.count; u++) { const s = a.schoolByUnit[u]; if (s !== a.noSchool) z[s] += b[u]; }
    out.set(Number(y), z);
  }
  return out;
}

/** Births matched to schools by area: the births per school and each school's share of its area's births. */
export interface AreaBirths {
  /** the units' and schools' field naming the area ("township") */
  field: string;
  births: ZoneBirths;
  /** per school: its area ('' for none) and its share of that area's births (0 without an area with births) */
  area: string[];
  share: Float64Array;
  /** the areas the units name */
  unitAreas: Set<string>;
}

/**
 * Births of every year summed per area (the units' `areaByUnit`), each area's shared among its schools
 * that have the level's first grade (`entryNow` not NaN) in proportion to their entry pupils now, equally
 * when none of them has any. null without areas on the units, or when no such school names an area of
 * the units in `schoolArea` (its `field` column).
 */
export function areaBirths(units: Units, schoolArea: (string | null)[], entryNow: number[]): AreaBirths | null {
  if (!units.areaByUnit || !units.birthsByYear) return null;
  const unitArea = units.areaByUnit.values;
  const area = schoolArea.map((a, s) => (a && !Number.isNaN(entryNow[s]) ? a : ''));
  const known = new Set(unitArea);
  if (!area.some((a) => a && known.has(a))) return null;
  const pupils = new Map<string, { sum: number; n: number }>();
  area.forEach((a, s) => { if (a) { const e = pupils.get(a) ?? { sum: 0, n: 0 }; e.sum += entryNow[s]; e.n++; pupils.set(a, e); } });
  const share = new Float64Array(area.length);
  area.forEach((a, s) => { const e = pupils.get(a); if (a && known.has(a) && e) share[s] = e.sum > 0 ? entryNow[s] / e.sum : 1 / e.n; });
  const births: ZoneBirths = new Map();
  for (const [y, b] of Object.entries(units.birthsByYear)) {
    const byArea = new Map<string, number>();
    for (let u = 0; u < units.count; u++) byArea.set(unitArea[u], (byArea.get(unitArea[u]) ?? 0) + b[u]);
    births.set(Number(y), Float64Array.from(area, (a, s) => (share[s] > 0 ? share[s] * byArea.get(a)! : 0)));
  }
  return { field: units.areaByUnit.field, births, area, share, unitAreas: known };
}

/** The births a cohort entering in `year` comes from: births of `year - a0`, else of the nearest earlier year given. */
export function birthYearFor(births: ZoneBirths, year: number, a0: number): number | null {
  const want = year - a0;
  if (births.has(want)) return want;
  let best: number | null = null;
  for (const y of births.keys()) if (y < want && (best === null || y > best)) best = y;
  return best;
}

/** Entry rates from births of one level's first grade, per school. */
export interface BirthRates {
  /** entry rate per school (NaN: no births in its zone in the calibration years; it takes another source) */
  rate: Float64Array;
  /** the school's own rate sum E / sum B before shrinking (NaN without) */
  own: Float64Array;
  /** credibility weight z of the school's own rate */
  weight: Float64Array;
  /** entry years the school's rate is calibrated on */
  years: number[][];
  /** the district's rate sum E / sum B over all schools */
  district: number;
  /** per school, the rate its own is shrunk toward: its area's sum E / sum B with births by area, else the district's */
  target: Float64Array;
}

/**
 * Entry rates `rho = E[first, t] / B[t - a0]` calibrated on the entry years up to `origin` (the last
 * `historyYears` with both the school's entry grade and its zone's births): the school's own
 * `sum E / sum B` shrunk toward the district's by `z = n / (n + k)`, n the entry pupils it rests on;
 * with `area` (births by area) toward its area's, whose schools share the area's births and so its rate.
 * null when no school has births in its zone for any such year.
 * @example birthEntryRates(series, births, 'g1', 6, 2024, 5, 60)!.rate[0] // 0.93
 */
export function birthEntryRates(series: GradeSeries[], births: ZoneBirths, first: string, a0: number, origin: number, historyYears: number, k: number, area?: string[]): BirthRates | null {
  const count = series.length;
  const own = new Float64Array(count).fill(NaN), weight = new Float64Array(count), rate = new Float64Array(count).fill(NaN);
  const years: number[][] = [];
  const sums: [number, number][] = [];
  let sumE = 0, sumB = 0;
  for (let s = 0; s < count; s++) {
    const ys = [...series[s].keys()].filter((t) => t <= origin && series[s].get(t)![first] !== undefined && (births.get(t - a0)?.[s] ?? 0) > 0).sort((x, y) => x - y).slice(-historyYears);
    let e = 0, b = 0;
    for (const t of ys) { e += series[s].get(t)![first]; b += births.get(t - a0)![s]; }
    years.push(ys);
    sums.push([e, b]);
    sumE += e; sumB += b;
  }
  if (!(sumB > 0)) return null;
  const district = sumE / sumB;
  const byArea = new Map<string, [number, number]>();
  if (area) sums.forEach(([e, b], s) => { const t = byArea.get(area[s]) ?? [0, 0]; t[0] += e; t[1] += b; byArea.set(area[s], t); });
  const target = Float64Array.from(sums, (_, s) => { const t = area ? byArea.get(area[s])! : null; return t && t[1] > 0 ? t[0] / t[1] : district; });
  for (let s = 0; s < count; s++) {
    const [e, b] = sums[s];
    if (!(b > 0)) continue;
    own[s] = e / b;
    weight[s] = k > 0 ? e / (e + k) : 1;
    rate[s] = weight[s] * own[s] + (1 - weight[s]) * target[s];
  }
  return { rate, own, weight, years, district, target };
}
