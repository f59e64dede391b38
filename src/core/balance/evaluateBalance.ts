import type { SchoolReport } from '../catchment/computeCatchments';
import type { Schools } from '../model';
import type { BalanceIndicator, BalanceStandard } from './balanceStandards';

/** One school's share of an indicator at one level. */
export interface BalanceSchool { index: number; id: string; name: string; pupils: number; resource: number; value: number; contribution: number }

export interface IndicatorBalance {
  id: string;
  name: BalanceIndicator['name'];
  per: 1 | 100;
  unit: string;
  /** the county value: sum of resources / sum of pupils, on the indicator's scale */
  countyValue: number;
  /** student-weighted coefficient of variation; NaN = not assessed */
  cv: number;
  threshold: number;
  /** null = not assessed */
  pass: boolean | null;
  notAssessed: string | null;
  schools: BalanceSchool[];
}

export interface SchoolStandards { id: string; name: string; met: string[]; missed: { indicator: string; value: number; standard: number; share: number }[]; pass: boolean | null; notAssessed: string[] }

export interface LevelBalance {
  level: string;
  pupils: number;
  schools: number;
  excluded: { id: string; name: string; reason: string }[];
  indicators: IndicatorBalance[];
  /** mean of the single CVs (the 2012 composite); NaN when any indicator is not assessed */
  composite: number;
  compositeThreshold: number;
  pass: boolean | null;
  perSchool: SchoolStandards[];
}

export interface BalanceEvaluation { standard: { id: string; name: string; source: string; rule: BalanceStandard['rule'] }; levels: LevelBalance[] }

export interface BalanceOptions {
  /** pupil weights for splitting a school's resources between its levels (nine-year schools: junior 1.1) */
  levelWeights?: Record<string, number>;
}

const norm = (s: string) => s.toLowerCase().replace(/[\s-]+/g, '_');

/** A school's amount of a resource from the first of the indicator's columns the data has; NaN = not in the data. */
export function resourceOf(schools: Schools, s: number, columns: string[]): number {
  for (const c of columns) {
    if (c === 'teachers' || c === 'fte_teachers') { if (Number.isFinite(schools.teachers[s])) return schools.teachers[s]; continue; }
    if (c === 'classrooms') { if (Number.isFinite(schools.classrooms[s])) return schools.classrooms[s]; continue; }
    if (c === 'capacity') { if (Number.isFinite(schools.capacity[s])) return schools.capacity[s]; continue; }
    const extra = schools.extra[s];
    for (const [k, v] of Object.entries(extra)) {
      if (norm(k) !== c) continue;
      const x = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
      if (Number.isFinite(x)) return x;
    }
  }
  return NaN;
}

/**
 * Student-weighted coefficient of variation of resource_i / pupils_i around the pooled value:
 * X = sum r / sum n, CV = sqrt(sum (n_i / N)(x_i - X)^2) / X. Returns each school's term too.
 * @example weightedCvTerms([279, 137, 935, 160, 402], [45, 37, 89, 76, 55]).cv // 0.515 (DOMAIN.md B.4)
 */
export function weightedCvTerms(resource: ArrayLike<number>, pupils: ArrayLike<number>): { cv: number; pooled: number; terms: Float64Array } {
  let R = 0, N = 0;
  for (let i = 0; i < pupils.length; i++) { R += resource[i]; N += pupils[i]; }
  const terms = new Float64Array(pupils.length);
  if (!(N > 0) || !(R > 0)) return { cv: NaN, pooled: N > 0 ? R / N : NaN, terms };
  const X = R / N;
  let acc = 0;
  for (let i = 0; i < pupils.length; i++) { terms[i] = (pupils[i] / N) * (resource[i] / pupils[i] - X) ** 2; acc += terms[i]; }
  return { cv: Math.sqrt(acc) / X, pooled: X, terms };
}

/**
 * The county's balance evaluation under a standard, per level: each indicator's county value and CV
 * against its threshold, the composite where the standard uses one, each school's per-pupil standards
 * (2017 set), and the schools left out (closed, no pupils, teaching points under the size limit).
 * A resource missing for any included school makes that indicator "not assessed", never 0.
 * @example evaluateBalance(schools, reports, BALANCE_STANDARDS.quality2017, ['primary', 'junior'])
 */
export function evaluateBalance(schools: Schools, reports: SchoolReport[], standard: BalanceStandard, levels: string[], options: BalanceOptions = {}): BalanceEvaluation {
  const weight = (l: string) => options.levelWeights?.[l] ?? (l === 'junior' ? 1.1 : 1);
  const out: LevelBalance[] = [];
  for (const level of levels) {
    const threshold = standard.cvMax[level] ?? NaN;
    const excluded: LevelBalance['excluded'] = [];
    const included: { r: SchoolReport; pupils: number; share: number }[] = [];
    for (const r of reports) {
      if (!r.levels.includes(level)) continue;
      if (r.status !== 'open') continue;
      const pupils = r.enrollmentByLevel[level];
      if (!(pupils > 0)) { excluded.push({ id: r.id, name: r.name, reason: Number.isFinite(pupils) ? 'no pupils' : 'enrollment not in the data' }); continue; }
      const total = r.levels.reduce((a, l) => a + (r.enrollmentByLevel[l] > 0 ? r.enrollmentByLevel[l] : 0), 0);
      if (standard.excludeBelowPupils && total < standard.excludeBelowPupils) { excluded.push({ id: r.id, name: r.name, reason: `under ${standard.excludeBelowPupils} pupils (teaching point)` }); continue; }
      // a school of several levels shares its resources by pupils weighted per level
      const wsum = r.levels.reduce((a, l) => a + (r.enrollmentByLevel[l] > 0 ? r.enrollmentByLevel[l] * weight(l) : 0), 0);
      included.push({ r, pupils, share: wsum > 0 ? (pupils * weight(level)) / wsum : 1 });
    }
    const indicators: IndicatorBalance[] = standard.indicators.map((ind) => {
      const resource = included.map((x) => resourceOf(schools, x.r.index, ind.columns) * x.share);
      const pupils = included.map((x) => x.pupils);
      const missing = resource.filter((v) => !Number.isFinite(v)).length;
      const base = { id: ind.id, name: ind.name, per: ind.per, unit: ind.unit, threshold };
      if (!included.length || missing) {
        return { ...base, countyValue: NaN, cv: NaN, pass: null, notAssessed: included.length ? `not assessed: ${missing} of ${included.length} schools have no ${ind.columns[0]} in the data` : 'not assessed: no school with pupils', schools: [] };
      }
      const { cv, pooled, terms } = weightedCvTerms(resource, pupils);
      const total = terms.reduce((a, b) => a + b, 0);
      const rows: BalanceSchool[] = included.map((x, i) => ({ index: x.r.index, id: x.r.id, name: x.r.name, pupils: pupils[i], resource: resource[i], value: (resource[i] / pupils[i]) * ind.per, contribution: total > 0 ? terms[i] / total : 0 }));
      return { ...base, countyValue: pooled * ind.per, cv, pass: standard.rule === 'each' && Number.isFinite(threshold) ? cv <= threshold : null, notAssessed: Number.isFinite(cv) ? null : 'not assessed: the county has none of this resource', schools: rows };
    });
    const assessed = indicators.every((i) => Number.isFinite(i.cv));
    const composite = assessed && indicators.length ? indicators.reduce((a, i) => a + i.cv, 0) / indicators.length : NaN;
    const pass = standard.rule === 'composite'
      ? (Number.isFinite(composite) && Number.isFinite(threshold) ? composite <= threshold : null)
      : (indicators.some((i) => i.pass === false) ? false : indicators.every((i) => i.pass === true) ? true : null);
    const perSchool: SchoolStandards[] = [];
    if (standard.perSchool) {
      for (const x of included) {
        const met: string[] = [], missed: SchoolStandards['missed'] = [], na: string[] = [];
        for (const ind of standard.indicators) {
          const std = ind.standard?.[level];
          if (std === undefined) continue;
          const v = (resourceOf(schools, x.r.index, ind.columns) * x.share / x.pupils) * ind.per;
          if (!Number.isFinite(v)) { na.push(ind.id); continue; }
          if (v >= std) met.push(ind.id); else missed.push({ indicator: ind.id, value: v, standard: std, share: v / std });
        }
        const rule = standard.perSchool;
        const counted = met.length + missed.length + na.length;
        // a certain failure stays a failure; a missing figure otherwise leaves the school not assessed
        const passSchool = missed.length > counted - rule.minMet || missed.some((m) => m.share < rule.restMinShare) ? false : na.length ? null : met.length >= rule.minMet;
        perSchool.push({ id: x.r.id, name: x.r.name, met, missed, pass: passSchool, notAssessed: na });
      }
    }
    out.push({ level, pupils: included.reduce((a, x) => a + x.pupils, 0), schools: included.length, excluded, indicators, composite, compositeThreshold: standard.rule === 'composite' ? threshold : NaN, pass, perSchool });
  }
  return { standard: { id: standard.id, name: standard.name, source: standard.source, rule: standard.rule }, levels: out };
}
