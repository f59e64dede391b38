import type { LevelDef } from '../settings/profiles';
import type { Settings } from '../settings/settings';
import { birthEntryRates, birthYearFor, type ZoneBirths } from './birthEntry';
import { dampedYears, entryTrends } from './entryCohorts';
import { advanceGrades, progressionRatios, type GradeSeries } from './ratios';

/** One school projected from an earlier year of its own data to a later known year. */
export interface BacktestPoint {
  school: number;
  /** the year projected from */
  origin: number;
  /** the year projected to (known) */
  year: number;
  /** years ahead: year - origin */
  horizon: number;
  actual: number;
  /**
   * the engine: `same + lambda * (progression - same)`, lambda the change weight chosen on the years
   * before `year` only (or the setting)
   */
  engine: number;
  /** the engine's grade progression from history: credibility-weighted ratios, entry from births or the damped entry trend */
  progression: number;
  /** the same total as in the origin year */
  same: number;
  /** plain grade progression: each school's own mean ratios (else the district's, else 1.0), entry held */
  plain: number;
}

/** Mean absolute percentage errors of school totals of the three methods. */
export interface BacktestErrors { n: number; engine: number; same: number; plain: number }

export interface Backtest {
  points: BacktestPoint[];
  /** one year ahead, over every origin */
  oneYear: BacktestErrors;
  byHorizon: (BacktestErrors & { horizon: number })[];
  /** district totals (schools with a one-year-ahead point) per year projected */
  district: { year: number; actual: number; engine: number; same: number; plain: number }[];
  /** per school: its one-year-ahead absolute percentage error of the engine (mean over origins); NaN without */
  schoolError: Float64Array;
  /** the 10% and 90% quantiles of actual / engine - 1, one year ahead; null with fewer than MIN_RANGE_POINTS */
  range: { low: number; high: number; n: number } | null;
  /** years with data, and the origins used */
  origins: number[];
  /** the change weight lambda of the projection from the base year, and the backtest's MAPE of each candidate */
  changeWeight: ChangeWeight;
  note: string;
}

/** How much of the projected change from the base year a projection keeps (README: change weight). */
export interface ChangeWeight {
  value: number;
  /** setting: projection.changeWeight; backtest: the candidate with the least MAPE; default: no backtest */
  source: 'setting' | 'backtest' | 'default';
  /** every candidate's MAPE of school totals over all the backtest's points (all years ahead) */
  candidates: { weight: number; mape: number }[];
}

/** The change weights a data set's backtest chooses among (1: grade progression as it is). */
export const CHANGE_WEIGHTS = [0.3, 0.5, 0.7, 1];
/** The change weight without a backtest: the one Edinburgh's 2019-2023 backtest chooses. */
export const DEFAULT_CHANGE_WEIGHT = 0.7;

/** A total with only lambda of its projected change: `same + lambda * (progression - same)`. */
export const withChange = (same: number, progression: number, lambda: number) => same + lambda * (progression - same);

function weightErrors(points: BacktestPoint[]): { weight: number; mape: number }[] {
  return CHANGE_WEIGHTS.map((weight) => ({ weight, mape: points.length ? points.reduce((a, x) => a + ape(withChange(x.same, x.progression, weight), x.actual), 0) / points.length : NaN }));
}

/** The candidate with the least MAPE over some points (the first on a tie); null without points. */
export function bestChangeWeight(points: BacktestPoint[]): number | null {
  if (!points.length) return null;
  return weightErrors(points).reduce((b, c) => (c.mape < b.mape - 1e-12 ? c : b)).weight;
}

/** Fewest one-year-ahead errors that give a range. */
export const MIN_RANGE_POINTS = 20;

/** Empirical quantile with linear interpolation between order statistics. */
export function quantile(sorted: number[], q: number): number {
  if (!sorted.length) return NaN;
  const x = (sorted.length - 1) * q, i = Math.floor(x), f = x - i;
  return i + 1 < sorted.length ? sorted[i] * (1 - f) + sorted[i + 1] * f : sorted[i];
}

const ape = (p: number, a: number) => Math.abs(p - a) / a;

/** MAPE of the three methods over some points. */
export function backtestErrors(points: BacktestPoint[]): BacktestErrors {
  const n = points.length;
  const mean = (k: 'engine' | 'same' | 'plain') => (n ? points.reduce((s, x) => s + ape(x[k], x.actual), 0) / n : NaN);
  return { n, engine: mean('engine'), same: mean('same'), plain: mean('plain') };
}

/**
 * The range of relative errors `actual / engine - 1` one year ahead (10% and 90% quantiles), widened
 * for h years ahead by sqrt(h): low = mid * (1 + q10 * sqrt(h)), high = mid * (1 + q90 * sqrt(h)).
 */
export function rangeOf(points: BacktestPoint[]): { low: number; high: number; n: number } | null {
  const r = points.filter((x) => x.horizon === 1 && x.engine > 0).map((x) => x.actual / x.engine - 1).sort((a, b) => a - b);
  return r.length >= MIN_RANGE_POINTS ? { low: quantile(r, 0.1), high: quantile(r, 0.9), n: r.length } : null;
}

/** The low and high variants of a projected value h years ahead. */
export function rangeAt(mid: number, range: { low: number; high: number }, h: number): [number, number] {
  const w = Math.sqrt(h);
  return [Math.max(0, mid * (1 + range.low * w)), mid * (1 + range.high * w)];
}

/**
 * Projects every school from each earlier year of its own data (`origin`, with at least one earlier
 * year for ratios) to each later known year up to the base year, with only the data up to the origin,
 * and compares the school totals with what happened, for the engine's method from history, "same as
 * last year" and plain grade progression. Population data (single-year ages, catchments of today) is of
 * one date and cannot be moved back, so the engine here uses births where the population gives them
 * and the damped entry trend elsewhere; later levels' entries by their trend.
 * @param series every school's grade series (history and base year)
 * @param grades per school the grades it is projected in (its base-year grades); null: not projected
 * @param births births per school of the first level (when the population gives them)
 * @param area with births by area, each school's area (its rate is shrunk toward the area's)
 */
export function backtest(series: GradeSeries[], grades: (Record<string, number> | null)[], settings: Settings, baseYear: number, births: ZoneBirths | null = null, area?: string[]): Backtest {
  const p = settings.projection;
  const levels = settings.levels;
  const gradeLevel = new Map<string, LevelDef>();
  for (const l of levels) for (const g of l.grades) gradeLevel.set(g, l);
  const years = [...new Set(series.flatMap((m) => [...m.keys()]))].filter((y) => y <= baseYear).sort((a, b) => a - b);
  const origins = years.filter((y) => y < baseYear && y > years[0]);
  const points: BacktestPoint[] = [];
  const totalOf = (e: Record<string, number> | undefined, gs: string[]) => {
    if (!e) return NaN;
    let t = 0;
    for (const g of gs) { if (e[g] === undefined) return NaN; t += e[g]; }
    return t;
  };
  for (const o of origins) {
    const trunc = series.map((m) => new Map([...m].filter(([y]) => y <= o)));
    const shrunk = progressionRatios(settings, trunc);
    const plainR = progressionRatios(settings, trunc, 0);
    const first = levels[0], a0 = first.ages[0];
    const br = births && births.size ? birthEntryRates(trunc, births, first.grades[0], a0, o, p.historyYears, p.credibilityPupils, area) : null;
    const trends = new Map(levels.map((l) => [l.id, entryTrends(trunc, l.grades[0], p.historyYears)]));
    const start = series.map((m, s) => {
      const gs = grades[s] ? Object.keys(grades[s]!) : [];
      const e = m.get(o);
      return gs.length && Number.isFinite(totalOf(e, gs)) ? Object.fromEntries(gs.map((g) => [g, e![g]])) : null;
    });
    let engine = start.map((e) => (e ? { ...e } : null)), plain = start.map((e) => (e ? { ...e } : null));
    for (let h = 1; o + h <= baseYear; h++) {
      const t = o + h;
      const ne = advanceGrades(engine, shrunk, gradeLevel), np = advanceGrades(plain, plainR, gradeLevel);
      const by = br ? birthYearFor(births!, t, a0) : null;
      for (let s = 0; s < series.length; s++) {
        if (!ne[s] || !np[s]) continue;
        for (const l of levels) {
          const g = l.grades[0];
          if (start[s]![g] === undefined) continue;
          np[s]![g] = start[s]![g];
          const b = br && by !== null && l === first && !Number.isNaN(br.rate[s]) ? br.rate[s] * births!.get(by)![s] : NaN;
          ne[s]![g] = Number.isFinite(b) ? b : start[s]![g] * trends.get(l.id)![s].factor ** dampedYears(h, p.entryTrendDamping);
        }
      }
      engine = ne; plain = np;
      for (let s = 0; s < series.length; s++) {
        if (!engine[s] || !plain[s]) continue;
        const gs = Object.keys(start[s]!);
        const actual = totalOf(series[s].get(t), gs), same = totalOf(start[s]!, gs);
        if (!(actual > 0)) continue;
        const progression = totalOf(engine[s]!, gs);
        points.push({ school: s, origin: o, year: t, horizon: h, actual, engine: progression, progression, same, plain: totalOf(plain[s]!, gs) });
      }
    }
  }
  // no peeking: each year's engine takes the weight its earlier years choose
  const fixed = p.changeWeight;
  for (const x of points) x.engine = withChange(x.same, x.progression, fixed ?? bestChangeWeight(points.filter((y) => y.year < x.year)) ?? DEFAULT_CHANGE_WEIGHT);
  const chosen = bestChangeWeight(points);
  const changeWeight: ChangeWeight = { value: fixed ?? chosen ?? DEFAULT_CHANGE_WEIGHT, source: fixed !== null ? 'setting' : chosen !== null ? 'backtest' : 'default', candidates: weightErrors(points) };
  const horizons = [...new Set(points.map((x) => x.horizon))].sort((a, b) => a - b);
  const one = points.filter((x) => x.horizon === 1);
  const schoolError = new Float64Array(series.length).fill(NaN);
  const perSchool = new Map<number, number[]>();
  for (const x of one) { const a = perSchool.get(x.school) ?? []; a.push(ape(x.engine, x.actual)); perSchool.set(x.school, a); }
  for (const [s, a] of perSchool) schoolError[s] = a.reduce((u, v) => u + v, 0) / a.length;
  const district = [...new Set(one.map((x) => x.year))].sort((a, b) => a - b).map((year) => {
    const xs = one.filter((x) => x.year === year);
    const sum = (k: 'actual' | 'engine' | 'same' | 'plain') => xs.reduce((u, x) => u + x[k], 0);
    return { year, actual: sum('actual'), engine: sum('engine'), same: sum('same'), plain: sum('plain') };
  });
  const note = origins.length
    ? `backtest: ${perSchool.size} schools projected from ${origins.join(', ')} to the known years up to ${baseYear}`
    : `backtest: not assessed (${years.length < 2 ? 'no enrollment history before the base year' : 'one year of history before the base year: no earlier year to estimate ratios from'})`;
  return { points, oneYear: backtestErrors(one), byHorizon: horizons.map((h) => ({ horizon: h, ...backtestErrors(points.filter((x) => x.horizon === h)) })), district, schoolError, range: rangeOf(points), origins, changeWeight, note };
}
