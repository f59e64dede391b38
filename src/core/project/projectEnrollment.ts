import type { LevelAssignment } from '../catchment/assignNearest';
import type { Schools, Units } from '../model';
import type { HousingArrival } from '../scenario/actions';
import type { LevelDef } from '../settings/profiles';
import type { Settings } from '../settings/settings';
import { baseGrades } from './baseGrades';
import { chooseBaseYear } from './baseYear';
import type { GradeState } from './entryCohorts';
import { backtest, rangeAt, withChange } from './backtest';
import { applyEntries, planEntries } from './entryPlan';
import { advanceGrades, gradeSeries, progressionRatios } from './ratios';
import type { BacktestSummary, ProjectionResult, ProjectionYear, SchoolProjection } from './types';
import { districtYears, firstFlagYears, yearFigures } from './yearFigures';

export type { BacktestSummary, DistrictYear, EntryMethod, EntryTrend, ProjectionResult, ProjectionYear, RatioSource, SchoolProjection } from './types';

/**
 * Projects every school's enrollment by grade for `settings.projection.horizonYears` years (README:
 * "Enrollment projections"), in steps:
 * 1. the base year, chosen and explained (baseYear.ts); data after it is an error and stops the projection;
 * 2. each school's base-year grades (baseGrades.ts);
 * 3. grade progression ratios from the schools' and the district's history (ratios.ts);
 * 4. how each level's entry grade is projected: zone ages, feeder schools or entry trend (entryPlan.ts,
 *    entryCohorts.ts, levelTransitions.ts);
 * 5. year by year, all schools together (a level is fed by the previous level's last grade): progression,
 *    entry cohorts, then classes and flags (yearFigures.ts);
 * 6. of each grade's projected change from the base year, the share lambda the backtest chooses (backtest.ts).
 * @param assignments the plan's assignment per level (units -> schools)
 * @param options schoolsFile: the schools file's name in problems (default "schools")
 * @example projectEnrollment(schools, units, settings, result.assignments).schools[0].years[0].total
 */
export function projectEnrollment(schools: Schools, units: Units, settings: Settings, assignments: LevelAssignment[], options: { schoolsFile?: string; housing?: HousingArrival[] } = {}): ProjectionResult {
  const p = settings.projection;
  const horizon = Math.max(1, Math.min(10, Math.round(p.horizonYears)));
  const base = chooseBaseYear(schools, settings, options.schoolsFile);
  const baseYear = base.year;
  const years = Array.from({ length: horizon }, (_, i) => baseYear + i + 1);
  const levels = settings.levels;
  const start = baseGrades(schools, settings);
  const series = schools.ids.map((_, s) => gradeSeries(schools, s, baseYear));
  const ratios = progressionRatios(settings, series);
  const plan = planEntries(units, settings, assignments, start.grades, series, baseYear, schools.extra);
  const birthsPlan = plan.levels.find((e) => e.method === 'births');
  const bt = base.problems.length ? null : backtest(series, start.grades, settings, baseYear, birthsPlan?.method === 'births' ? birthsPlan.births : null, birthsPlan?.method === 'births' ? birthsPlan.byArea?.area : undefined);
  const summary: BacktestSummary = bt
    ? { note: bt.note, origins: bt.origins, changeWeight: bt.changeWeight, oneYear: { n: bt.oneYear.n, engine: nullIfNaN(bt.oneYear.engine), same: nullIfNaN(bt.oneYear.same), plain: nullIfNaN(bt.oneYear.plain) }, byHorizon: bt.byHorizon, district: bt.district, range: bt.range }
    : { note: 'backtest: not assessed (errors in the data)', origins: [], changeWeight: null, oneYear: { n: 0, engine: null, same: null, plain: null }, byHorizon: [], district: [], range: null };
  const result = (out: SchoolProjection[]): ProjectionResult => ({
    baseYear, baseYearNote: base.note, years, schools: out, district: districtYears(years, levels, out),
    transitionRate: plan.transitionRate, transitionSource: plan.transitionSource, problems: base.problems, backtest: summary,
  });
  const school = (s: number, years: ProjectionYear[], notes: string[]): SchoolProjection => ({
    index: s, id: schools.ids[s], ratioSource: ratios.sources[s], ratios: ratios.ratios[s], ratioWeight: ratios.weights[s],
    entry: plan.entry[s], entryMethod: plan.entryMethod[s], entryTrend: plan.entryTrend[s], entryArea: plan.entryArea[s],
    historyYearsUsed: [...series[s].keys()].filter((y) => y <= baseYear).sort((a, b) => a - b),
    backtestError: bt ? nullIfNaN(bt.schoolError[s]) : null, years, firstYear: firstFlagYears(years), notes,
  });
  if (base.problems.length) {
    const why = `not projected: ${base.problems.length} error${base.problems.length > 1 ? 's' : ''} in the data for the base year ${baseYear} (${base.problems[0].field}: ${base.problems[0].message})`;
    return result(schools.ids.map((_, s) => school(s, [], [why])));
  }

  const gradeLevel = new Map<string, LevelDef>();
  for (const l of levels) for (const g of l.grades) gradeLevel.set(g, l);
  const allGrades = levels.flatMap((l) => l.grades);
  const yearsOut: ProjectionYear[][] = schools.ids.map(() => []);
  let state: GradeState = start.grades.map((e) => (e ? { ...e } : null));
  for (let k = 1; k <= horizon; k++) {
    const next = advanceGrades(state, ratios, gradeLevel);
    applyEntries(plan, units, settings, k, start.grades, state, next, baseYear);
    // grades in school order (the CSV and charts list them so)
    state = next.map((e) => (e ? Object.fromEntries(allGrades.filter((g) => e[g] !== undefined).map((g) => [g, e[g]])) : null));
    const arriving = housingPupilsBySchool(options.housing ?? [], assignments, levels, baseYear + k, schools.count);
    const lambda = bt!.changeWeight.value;
    for (let s = 0; s < schools.count; s++) {
      if (!state[s]) continue;
      // only lambda of the projected change (README: change weight); the progression itself goes on unblended
      const base = start.grades[s]!, kept = Object.fromEntries(Object.entries(state[s]!).map(([g, v]) => [g, withChange(base[g] ?? 0, v, lambda)]));
      yearsOut[s].push(withRange(schools, s, withHousing(kept, arriving[s], levels), k, baseYear + k, settings, gradeLevel, summary.range));
    }
  }
  return result(schools.ids.map((_, s) => school(s, yearsOut[s], start.notes[s])));
}

const nullIfNaN = (x: number) => (Number.isFinite(x) ? x : null);

/**
 * One projected year with its range: the low and high totals (rangeAt) and the flags only the low or
 * high variant has (every grade scaled alike), which are possible rather than likely.
 */
function withRange(schools: Schools, s: number, grades: Record<string, number>, k: number, year: number, settings: Settings, gradeLevel: Map<string, LevelDef>, range: BacktestSummary['range']): ProjectionYear {
  const mid = yearFigures(schools, s, grades, k, year, settings, gradeLevel);
  if (!range || !(mid.total > 0)) return mid;
  const [low, high] = rangeAt(mid.total, range, k);
  const possible = new Set<string>();
  for (const v of [low, high]) {
    const f = v / mid.total;
    const scaled = Object.fromEntries(Object.entries(grades).map(([g, x]) => [g, x * f]));
    for (const flag of yearFigures(schools, s, scaled, k, year, settings, gradeLevel).flags) if (!mid.flags.includes(flag)) possible.add(flag);
  }
  return { ...mid, low, high, possibleFlags: [...possible] };
}

/**
 * Pupils of new homes per school and level in `year`: each arrival from its occupancy year (null: from
 * the first projected year), shared equally by the units it lies in, at the school whose zone of the
 * level holds each unit. A steady yield per home (student generation rate), not progressed by ratios.
 */
export function housingPupilsBySchool(housing: HousingArrival[], assignments: LevelAssignment[], levels: LevelDef[], year: number, schoolCount: number): Record<string, number>[] {
  const out: Record<string, number>[] = Array.from({ length: schoolCount }, () => ({}));
  for (const h of housing) {
    if (h.occupiedYear !== null && year < h.occupiedYear) continue;
    for (const l of levels) {
      const n = h.pupilsByLevel[l.id];
      const a = assignments.find((x) => x.level === l.id);
      if (!n || !a) continue;
      for (const u of h.units) {
        const s = a.schoolByUnit[u];
        if (s !== a.noSchool) out[s][l.id] = (out[s][l.id] ?? 0) + n / h.units.length;
      }
    }
  }
  return out;
}

/** A school's grades with new homes' pupils of each level spread evenly over the level's grades it has. */
function withHousing(grades: Record<string, number>, add: Record<string, number>, levels: LevelDef[]): Record<string, number> {
  if (!Object.keys(add).length) return grades;
  const out = { ...grades };
  for (const l of levels) {
    const have = l.grades.filter((g) => out[g] !== undefined);
    if (!add[l.id] || !have.length) continue;
    for (const g of have) out[g] += add[l.id] / have.length;
  }
  return out;
}
