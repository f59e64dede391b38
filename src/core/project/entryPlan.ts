import type { LevelAssignment } from '../catchment/assignNearest';
import type { Units } from '../model';
import type { LevelDef } from '../settings/profiles';
import type { Settings } from '../settings/settings';
import { areaBirths, birthEntryRates, birthYearFor, zoneBirths, type AreaBirths, type BirthRates, type ZoneBirths } from './birthEntry';
import { cohortEntry, cohortEntryCohort, entryTrends, trendEntryCohort, zoneEntryCohort, zoneEntryRates, type CohortEntry, type GradeState } from './entryCohorts';
import { feederIntake, feederShares, transitionRate, type FeederShares } from './levelTransitions';
import type { GradeSeries } from './ratios';
import type { EntryMethod, EntryTrend } from './types';

/** How one level's entry grade is projected, for every school of the level. */
export type LevelEntry =
  | { method: 'births'; level: LevelDef; births: ZoneBirths; rates: BirthRates; trends: EntryTrend[]; byArea: AreaBirths | null }
  | { method: 'zone ages'; level: LevelDef; assignment: LevelAssignment; rate: Float64Array }
  | { method: 'feeder schools'; level: LevelDef; prevLast: string; flows: FeederShares; rate: number }
  | { method: 'trend'; level: LevelDef; trends: EntryTrend[]; growth: boolean }
  | { method: 'cohorts'; level: LevelDef; cohorts: CohortEntry; growth: boolean };

/** The entry plan of every level, what each school is told about it, and the transition rate. */
export interface EntryPlan {
  levels: LevelEntry[];
  /** per school, level -> the method and its figures in words ("zone ages: 100% of …") */
  entry: Record<string, string>[];
  entryMethod: Record<string, EntryMethod>[];
  entryTrend: Record<string, EntryTrend>[];
  /** per school, level -> the area whose births it shares (births by area only) */
  entryArea: Record<string, string>[];
  /** the last level's transition rate (1.0 with one level) and its source */
  transitionRate: number;
  transitionSource: string;
}

const pct = (x: number) => `${(x * 100).toFixed(0)}%`;
const times = (x: number) => `x${x.toFixed(3)}`;

/**
 * Decides per level how its entry grade is projected:
 * - first level: from births (`birth_YYYY` columns on the population, or a births file), entry = births x
 *   an entry rate calibrated per school, shrunk toward the district's (by area: its area's). The births are matched by area
 *   (areaBirths: the births of the school's township shared by its entry pupils now) when the units and
 *   the schools name the same area field and `birthsMatch` is 'area', else the births of the school's
 *   zone; a school with no births matched in the calibration years takes its entry trend;
 * - else from the children of the entry age in each school's zone (`zone ages`) when the
 *   population has single-year ages with children of that age in the zones;
 * - later levels: from the feeding schools' last grade (`feeder schools`) when the population counts
 *   children of the previous level;
 * - otherwise (no population units, no single-year ages, no children counted, no catchments): by the
 *   school's entry trend damped toward the district's (entryTrends), the district's trend for a school
 *   without history, or, when no school has any, from the base year's cohorts (cohortEntry; held with
 *   `cohortEntryYears` 1).
 * Every school with the level's first grade is told the method and why.
 * @param state base-year grades per school
 * @param series every school's grade series (history and base year)
 * @param schoolExtra the schools' other columns, where births by area find each school's area
 */
export function planEntries(units: Units, settings: Settings, assignments: LevelAssignment[], state: GradeState, series: GradeSeries[], baseYear: number, schoolExtra: Record<string, unknown>[] = []): EntryPlan {
  const p = settings.projection;
  const levels = settings.levels;
  const byLevel = new Map(assignments.map((a) => [a.level, a]));
  const ages = Object.keys(units.childrenByAge).map(Number).sort((x, y) => x - y);
  const entry: Record<string, string>[] = state.map(() => ({}));
  const entryMethod: Record<string, EntryMethod>[] = state.map(() => ({}));
  const entryTrend: Record<string, EntryTrend>[] = state.map(() => ({}));
  const entryArea: Record<string, string>[] = state.map(() => ({}));
  const out: LevelEntry[] = [];
  let lastRate = { rate: p.transitionRate ?? 1, source: p.transitionRate !== null ? 'setting' : 'none (1.0)' };
  const has = (s: number, g: string) => state[s]?.[g] !== undefined;
  let level: LevelDef = levels[0];
  const describeTrend = (s: number, t: EntryTrend, why: string) => {
    const first = level.grades[0];
    entryTrend[s][level.id] = t;
    if (t.school !== null) {
      entryMethod[s][level.id] = 'school entry trend';
      entry[s][level.id] = `school entry trend: ${first} ${times(t.factor)} a year (its own ${times(t.school)} over ${t.pairs} year${t.pairs > 1 ? 's' : ''}, damped toward the district's ${times(t.district)}${p.entryTrendDamping < 1 ? `, fading by ${p.entryTrendDamping} a year` : ''}); ${why}`;
    } else if (t.districtPairs > 0) {
      entryMethod[s][level.id] = 'district entry trend';
      entry[s][level.id] = `district entry trend: ${first} ${times(t.factor)} a year (no ${first} history at this school); ${why}`;
    } else {
      entryMethod[s][level.id] = 'held at base year';
      entry[s][level.id] = `held at base year (no history): ${why}`;
    }
  };

  levels.forEach((l, k) => {
    level = l;
    const first = l.grades[0];
    const a = byLevel.get(l.id);
    let why: string;
    if (k === 0) {
      const a0 = l.ages[0];
      const byArea = k === 0 && p.birthsMatch === 'area' && units.areaByUnit ? areaBirths(units, state.map((_, s) => areaOf(schoolExtra[s], units.areaByUnit!.field)), state.map((g) => g?.[first] ?? NaN)) : null;
      const births = byArea ? byArea.births : a && units.birthsByYear ? zoneBirths(units, state.length, a) : null;
      const br = births && births.size ? birthEntryRates(series, births, first, a0, baseYear, p.historyYears, p.credibilityPupils, byArea?.area) : null;
      if (births && br) {
        const trends = entryTrends(series, first, p.historyYears);
        out.push({ method: 'births', level: l, births, rates: br, trends, byArea });
        const known = Math.max(...births.keys());
        const field = byArea?.field;
        for (let s = 0; s < state.length; s++) {
          if (!has(s, first)) continue;
          if (Number.isNaN(br.rate[s])) {
            const town = byArea?.area[s] ?? '';
            describeTrend(s, trends[s], !byArea ? 'no births in the zone in the calibration years'
              : byArea.share[s] === 0 && byArea.unitAreas.has(town) ? `no ${first} pupils now, so no share of the births of its ${field} (${town})`
              : `no births in its ${field}${town ? ` (${town})` : ''} in the calibration years`);
            continue;
          }
          entryMethod[s][l.id] = byArea ? 'births by area' : 'births';
          if (byArea) entryArea[s][l.id] = byArea.area[s];
          const whose = byArea ? `its ${pct(byArea.share[s])} share (by ${first} pupils now) of the births of its ${field} ${byArea.area[s]}` : `the zone's births`;
          entry[s][l.id] = `births (${field ?? 'zone'}): ${pct(br.rate[s])} of ${whose} ${a0} years earlier (its own ${pct(br.own[s])} over ${br.years[s].join(', ')}, weight ${br.weight[s].toFixed(2)}, ${byArea ? `its ${field}'s ${pct(br.target[s])}, ` : ''}district ${pct(br.district)}); births known through the ${known + a0} intake, later years at the ${known} births`;
        }
        return;
      }
      const rates = units.count > 0 && a && ages.includes(a0) ? zoneEntryRates(units, state, l, a) : null;
      if (rates) {
        out.push({ method: 'zone ages', level: l, assignment: a!, rate: rates.rate });
        for (let s = 0; s < state.length; s++) {
          if (!has(s, first)) continue;
          entryMethod[s][l.id] = 'zone ages';
          entry[s][l.id] = `zone ages: ${pct(rates.rate[s])} of the zone's children aged ${a0}${rates.zoneNow[s] > 0 ? '' : ' (district rate: no such children in the zone)'}`;
        }
        return;
      }
      why = units.count === 0 ? 'no population data' : !a ? `no ${l.name.toLowerCase()} catchments` : !ages.includes(a0) ? 'no single-year ages in the population' : `no children aged ${a0} counted in the zones`;
    } else {
      const prev = levels[k - 1], prevLast = prev.grades[prev.grades.length - 1];
      const tr = transitionRate(state, first, prevLast, p.transitionRate);
      lastRate = tr;
      const pa = byLevel.get(prev.id);
      const flows = a && pa && units.count > 0 ? feederShares(units, state.length, pa, a, units.childrenByLevel[prev.id]) : null;
      if (flows && flows.size > 0) {
        out.push({ method: 'feeder schools', level: l, prevLast, flows, rate: tr.rate });
        for (let s = 0; s < state.length; s++) {
          if (!has(s, first)) continue;
          entryMethod[s][l.id] = 'feeder schools';
          entry[s][l.id] = `feeder schools: ${pct(tr.rate)} of the ${prevLast} pupils of the feeding ${prev.name.toLowerCase()} schools, by where their pupils live`;
        }
        return;
      }
      why = units.count === 0 ? 'no population data' : !a || !pa ? `no ${(!a ? l : prev).name.toLowerCase()} catchments` : `no ${prev.name.toLowerCase()} children counted in the population`;
    }
    const trends = entryTrends(series, first, p.historyYears);
    if (!trends.some((t) => t.districtPairs > 0) && p.cohortEntryYears !== 1) {
      const c = cohortEntry(state, l.grades, p.cohortEntryYears);
      out.push({ method: 'cohorts', level: l, cohorts: c, growth: k === 0 });
      for (let s = 0; s < state.length; s++) {
        if (!has(s, first)) continue;
        entryMethod[s][l.id] = 'base-year cohorts';
        entry[s][l.id] = `base-year cohorts: the mean of its ${c.cohorts[s]} cohort${c.cohorts[s] > 1 ? 's' : ''} ${first}${c.cohorts[s] > 1 ? `-${l.grades[c.cohorts[s] - 1]}` : ''} (${c.mean[s].toFixed(1)}), moved by the district's cohort trend ${times(c.trend)} a year (no entry history); ${why}`;
      }
      return;
    }
    out.push({ method: 'trend', level: l, trends, growth: k === 0 });
    for (let s = 0; s < state.length; s++) if (has(s, first)) describeTrend(s, trends[s], why);
  });
  return { levels: out, entry, entryMethod, entryTrend, entryArea, transitionRate: lastRate.rate, transitionSource: lastRate.source };
}

/** A school's area in its `field` column (names compared as the loaders do: case and spacing aside). */
function areaOf(extra: Record<string, unknown> | undefined, field: string): string | null {
  if (!extra) return null;
  const want = field.trim().toLowerCase();
  const key = Object.keys(extra).find((k) => k.trim().toLowerCase() === want);
  const v = key === undefined ? null : extra[key];
  return typeof v === 'string' || typeof v === 'number' ? String(v).trim() || null : null;
}

/**
 * Sets each level's entry grade of year `base + k` in `next` for the schools that have it, by the
 * level's plan: births, zone cohorts, feeder intake (from year `base + k - 1`, `state`) or trend.
 * @param start base-year grades per school
 */
export function applyEntries(plan: EntryPlan, units: Units, settings: Settings, k: number, start: GradeState, state: GradeState, next: GradeState, baseYear: number): void {
  const p = settings.projection;
  const growth = (1 + p.entryGrowthPerYear) ** k;
  const ages = Object.keys(units.childrenByAge).map(Number).sort((x, y) => x - y);
  for (const e of plan.levels) {
    const first = e.level.grades[0];
    const values =
      e.method === 'zone ages' ? zoneEntryCohort(units, e.assignment, e.rate, ages, e.level.ages[0], k, growth)
      : e.method === 'feeder schools' ? feederIntake(e.flows, state, e.prevLast, e.rate, state.length)
      : e.method === 'births' ? birthEntryCohorts(e.births, e.rates, baseYear + k, e.level.ages[0], p.entryGrowthPerYear)
      : null;
    for (let s = 0; s < state.length; s++) {
      if (!next[s] || state[s]![first] === undefined) continue;
      if (e.method === 'trend') next[s]![first] = trendEntryCohort(start[s]![first], e.trends[s], k, e.growth ? growth : 1, p.entryTrendDamping);
      else if (e.method === 'cohorts') next[s]![first] = cohortEntryCohort(e.cohorts, s, k, e.growth ? growth : 1, p.entryTrendDamping);
      else if (e.method === 'births' && Number.isNaN(values![s])) next[s]![first] = trendEntryCohort(start[s]![first], e.trends[s], k, growth, p.entryTrendDamping);
      else next[s]![first] = values![s];
    }
  }
}

/**
 * Entry cohorts of `year` from births: `rho_s * B_s[year - a0]`; past the last births year, the last
 * year's births moved by the entry growth per year. NaN for schools without a rate.
 */
export function birthEntryCohorts(births: ZoneBirths, rates: BirthRates, year: number, a0: number, growthPerYear: number): Float64Array {
  const by = birthYearFor(births, year, a0);
  const out = new Float64Array(rates.rate.length);
  const g = by === null ? 1 : (1 + growthPerYear) ** (year - a0 - by);
  for (let s = 0; s < out.length; s++) out[s] = by === null ? NaN : rates.rate[s] * births.get(by)![s] * g;
  return out;
}
