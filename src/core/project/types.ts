import type { Problem } from '../load/problems';
import type { ChangeWeight } from './backtest';


/** One projected school year of one school. */
export interface ProjectionYear {
  /** years after the base year (1 = next year) */
  offset: number;
  year: number;
  byGrade: Record<string, number>;
  byLevel: Record<string, number>;
  total: number;
  classesByGrade: Record<string, number>;
  classesNeeded: number;
  classrooms: number;
  /** pupils per class: enrollment / classes needed, or / classrooms when classrooms are too few */
  avgClassSize: number;
  /** more classes needed than there are classrooms */
  capped: boolean;
  /** flags of the mid projection: likely */
  flags: string[];
  /** low and high variants of the total from the backtest's error range (NaN: no range) */
  low: number;
  high: number;
  /** flags of the low or high variant only (over capacity in the high variant only): possible */
  possibleFlags: string[];
}

/** Where a grade progression ratio comes from. */
export type RatioSource = 'school history' | 'district history' | 'none (1.0)';

/**
 * How a level's entry grade is projected: from the children of the school's zone (first level), from
 * the feeding schools' last grade (later levels), or, without population data for it, from the
 * school's own entry trend (damped toward the district's), the district's entry trend, the base
 * year's cohorts (no entry history anywhere), or held.
 */
export type EntryMethod = 'births' | 'births by area' | 'zone ages' | 'feeder schools' | 'school entry trend' | 'district entry trend' | 'base-year cohorts' | 'held at base year';

/** The entry trend of one school and level (see README: entry without population data). */
export interface EntryTrend {
  /** yearly factor applied to the entry grade: the school's trend damped toward the district's */
  factor: number;
  /** the school's own pooled factor, null without history pairs */
  school: number | null;
  /** the district's pooled factor (1 without any history) */
  district: number;
  /** year pairs of the school's entry grade behind `school` */
  pairs: number;
  /** year pairs of all schools behind `district` (0: no school has history; the entry is held) */
  districtPairs: number;
}

export interface SchoolProjection {
  index: number;
  id: string;
  /** where the grade progression ratios came from, per grade transition ("g1->g2": "school history") */
  ratioSource: Record<string, RatioSource>;
  ratios: Record<string, number>;
  /** how each level's entry cohort is projected, in words starting with the method ("zone ages: …") */
  entry: Record<string, string>;
  /** the method of each level's entry cohort */
  entryMethod: Record<string, EntryMethod>;
  /** per level projected by trend (school, district or held): the factors used */
  entryTrend: Record<string, EntryTrend>;
  /** level -> the area (township) whose births the school shares, for entry from births by area */
  entryArea: Record<string, string>;
  /** per grade transition: the weight z of the school's own ratio (credibility; 0 without history) */
  ratioWeight: Record<string, number>;
  /** the years of enrollment data the school's projection rests on (history and base year) */
  historyYearsUsed: number[];
  /** one-year-ahead absolute percentage error of its backtest (mean over origins), null when not backtested */
  backtestError: number | null;
  years: ProjectionYear[];
  /** first projected year each flag appears, null if never */
  firstYear: Record<string, number | null>;
  /** why a school is not projected (no enrollment data), or notes on assumptions */
  notes: string[];
}

/** One projected year of the district: total per level and schools flagged. */
export interface DistrictYear {
  year: number;
  totalByLevel: Record<string, number>;
  schoolsFlagged: number;
  flagged: Record<string, number>;
}

export interface ProjectionResult {
  /** the year of the enrollment the projection starts from (0 when neither settings nor data give one) */
  baseYear: number;
  /** how the base year was chosen, e.g. "base year 2023: the latest year with enrollment in every grade (…)" */
  baseYearNote: string;
  years: number[];
  schools: SchoolProjection[];
  district: DistrictYear[];
  transitionRate: number;
  transitionSource: string;
  /**
   * Errors that stop the projection (`file: field: message` with formatProblem), e.g. a history column
   * for a year after the base year. With any error no school is projected (each says why in its notes).
   */
  problems: Problem[];
  /** the built-in backtest (README: backtest and ranges); without points, to keep the result small */
  backtest: BacktestSummary;
}

/** The built-in backtest of a projection, summarised. */
export interface BacktestSummary {
  /** "backtest: 113 schools projected from 2020, 2021, 2022 …" or why it is not assessed */
  note: string;
  origins: number[];
  /** the share lambda of each grade's projected change kept (README: change weight); null: not projected */
  changeWeight: ChangeWeight | null;
  /** MAPE of school totals one year ahead (null: not assessed): engine, same as last year, plain grade progression */
  oneYear: { n: number; engine: number | null; same: number | null; plain: number | null };
  byHorizon: { horizon: number; n: number; engine: number; same: number; plain: number }[];
  district: { year: number; actual: number; engine: number; same: number; plain: number }[];
  /** relative error quantiles one year ahead (10%, 90%) behind the ranges; null: no range (too few points) */
  range: { low: number; high: number; n: number } | null;
}
