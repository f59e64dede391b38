import type { Schools } from '../model';
import type { Settings } from '../settings/settings';
import type { RatioSource } from './types';

/** A school's enrollment by year: year -> grade -> pupils. */
export type GradeSeries = Map<number, Record<string, number>>;

/**
 * A school's enrollment by year: its history columns (years before or at the base year) and its
 * current enrollment by grade in the base year (which wins over a history column of the same year).
 */
export function gradeSeries(schools: Schools, s: number, baseYear: number): GradeSeries {
  const m: GradeSeries = new Map();
  const h = schools.historyByYear?.[s];
  if (h) for (const [y, g] of Object.entries(h)) m.set(Number(y), g);
  const c = schools.enrollmentByGrade[s];
  if (c) m.set(baseYear, { ...(m.get(baseYear) ?? {}), ...c });
  return m;
}

/**
 * The pairs `[E[grade, y], E[next, y + 1]]` of consecutive years in a series where both are known and
 * `E[grade, y] > 0`, the last `historyYears` of them. `next` may be `grade` itself (an entry trend).
 * @example yearPairs(series, 'g1', 'g2', 5) // [[50, 55]]
 */
export function yearPairs(series: GradeSeries, grade: string, next: string, historyYears: number): [number, number][] {
  const out: [number, number][] = [];
  for (const [y, e] of series) {
    const later = series.get(y + 1);
    if (later && e[grade] > 0 && later[next] !== undefined) out.push([e[grade], later[next]]);
  }
  return out.slice(-historyYears);
}

/** Grade progression ratios of every school, keyed by transition ("g1->g2"). */
export interface ProgressionRatios {
  /** consecutive grades over all levels, in order ([g6, g7] crosses levels and is not used to progress) */
  transitions: [string, string][];
  ratios: Record<string, number>[];
  sources: Record<string, RatioSource>[];
  /** per school and transition: the weight z of its own history (0 without any; 1 unshrunk) */
  weights: Record<string, number>[];
  /** per school and transition: the pupils its own ratio rests on (sum of E[g, y] over its pairs) */
  pupils: Record<string, number>[];
}

/**
 * Grade progression ratios `R[g] = E[g+1, y+1] / E[g, y]`. Per school, its own ratio `r_s` is the mean
 * over its last `historyYears` year pairs, shrunk toward the district's pooled ratio
 * `R_D = sum E[g+1, y+1] / sum E[g, y]` (over every school's pairs) by credibility:
 * `R = z * r_s + (1 - z) * R_D` with `z = n / (n + k)`, n the pupils `r_s` rests on (sum of E[g, y]
 * over its pairs) and k `credibilityPupils` (0: unshrunk). Without pairs of its own: R_D; without any
 * pairs in the district: 1.0. Each ratio says which source it came from.
 * @param series every school's grade series (gradeSeries), by school index
 * @param credibilityPupils k (default: the settings'); 0 gives the plain school ratios
 */
export function progressionRatios(settings: Settings, series: GradeSeries[], credibilityPupils = settings.projection.credibilityPupils): ProgressionRatios {
  const h = settings.projection.historyYears;
  const allGrades = settings.levels.flatMap((l) => l.grades);
  const transitions: [string, string][] = [];
  for (let i = 0; i + 1 < allGrades.length; i++) transitions.push([allGrades[i], allGrades[i + 1]]);
  const district: Record<string, number> = {};
  const districtHas: Record<string, boolean> = {};
  for (const [g, next] of transitions) {
    let a = 0, b = 0;
    for (const m of series) for (const [x, y] of yearPairs(m, g, next, h)) { a += x; b += y; }
    districtHas[`${g}->${next}`] = a > 0;
    district[`${g}->${next}`] = a > 0 ? b / a : 1;
  }
  const k = Math.max(0, credibilityPupils);
  const ratios: Record<string, number>[] = [], sources: Record<string, RatioSource>[] = [], weights: Record<string, number>[] = [], pupils: Record<string, number>[] = [];
  for (const m of series) {
    const r: Record<string, number> = {}, src: Record<string, RatioSource> = {}, w: Record<string, number> = {}, n: Record<string, number> = {};
    for (const [g, next] of transitions) {
      const key = `${g}->${next}`;
      const pairs = yearPairs(m, g, next, h);
      if (pairs.length) {
        const own = pairs.reduce((a, [x, y]) => a + y / x, 0) / pairs.length;
        n[key] = pairs.reduce((a, [x]) => a + x, 0);
        w[key] = k > 0 ? n[key] / (n[key] + k) : 1;
        r[key] = w[key] * own + (1 - w[key]) * district[key];
        src[key] = 'school history';
      } else {
        n[key] = 0; w[key] = 0;
        if (districtHas[key]) { r[key] = district[key]; src[key] = 'district history'; }
        else { r[key] = 1; src[key] = 'none (1.0)'; }
      }
    }
    ratios.push(r); sources.push(src); weights.push(w); pupils.push(n);
  }
  return { transitions, ratios, sources, weights, pupils };
}

/**
 * One year of grade progression within each level: `E[g+1, t+1] = R[g] * E[g, t]` for every grade a
 * school has but its levels' first grades (those come from the entry cohorts).
 * @param state grade -> pupils per school in year t (null: not projected)
 * @returns grade -> pupils per school in year t+1, entry grades not yet set
 */
export function advanceGrades(state: (Record<string, number> | null)[], ratios: ProgressionRatios, gradeLevel: Map<string, unknown>): (Record<string, number> | null)[] {
  return state.map((e, s) => {
    if (!e) return null;
    const n: Record<string, number> = {};
    for (const [g, ng] of ratios.transitions) if (e[g] !== undefined && e[ng] !== undefined && gradeLevel.get(g) === gradeLevel.get(ng)) n[ng] = e[g] * ratios.ratios[s][`${g}->${ng}`];
    return n;
  });
}
