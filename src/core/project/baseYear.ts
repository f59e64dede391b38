import { coded, parts, type Coded, type Problem } from '../load/problems';
import { baseYearReason, ENROLLMENT_YEAR_COLUMNS, historyAfter, parseSchoolYear } from '../load/records';
import { normalizeName } from '../load/table';
import type { Schools } from '../model';
import { levelsServed, type Settings } from '../settings/settings';

/** The year a projection starts from, why, and the data that contradicts it. */
export interface BaseYear {
  /** the base year; 0 when neither the settings nor the data give one (years then count 1, 2, …) */
  year: number;
  /** how it was chosen, in words: "base year 2023: …" */
  note: string;
  /** errors: history columns for a year after the base year, an incomplete current enrollment after it */
  problems: Problem[];
}

/**
 * The year the schools file gives for its enrollment (a column such as `enrollment_year`, kept among
 * the extra columns), the latest when rows differ (the loader reports that); null when it gives none.
 */
export function statedEnrollmentYear(schools: Schools): { year: number; column: string } | null {
  let out: { year: number; column: string } | null = null;
  for (const extra of schools.extra) {
    if (!extra) continue;
    for (const [column, raw] of Object.entries(extra)) {
      if (!ENROLLMENT_YEAR_COLUMNS.includes(normalizeName(column))) continue;
      const y = parseSchoolYear(raw);
      if (y !== null && Number.isFinite(y) && (!out || y > out.year)) out = { year: y, column };
    }
  }
  return out;
}

/** Years with history columns (any school), ascending. */
export function historyYears(schools: Schools): number[] {
  const years = new Set<number>();
  for (const h of schools.historyByYear ?? []) if (h) for (const y of Object.keys(h)) years.add(Number(y));
  return [...years].sort((a, b) => a - b);
}

/**
 * Chooses the base year of a projection, never silently:
 * 1. `settings.projection.baseYear` when set (the current enrollment is that year's);
 * 2. else the latest year with enrollment in every grade (of the levels the open schools serve, some
 *    school counting each grade), among the history years and the year of the current enrollment by
 *    grade: the year the file gives for it (column `enrollment_year` …), else the year after the
 *    latest history year; neither: no base year (0).
 * Any history column for a later year than the base year is an error (`file: g1_2024: …`), and so is
 * a current enrollment after a complete history year that lacks grades: the projection never mixes
 * a later year into its ratios.
 * @param file the schools file's name, for the problems
 * @example chooseBaseYear(schools, settings).note // "base year 2023: set in the settings (projection.baseYear)"
 */
export function chooseBaseYear(schools: Schools, settings: Settings, file = 'schools'): BaseYear {
  const hist = historyYears(schools);
  const stated = statedEnrollmentYear(schools);
  const set = settings.projection.baseYear;
  if (set !== null && set !== undefined) {
    const differs = stated && stated.year !== set ? `; the schools file gives ${stated.year} (column ${stated.column}), the settings win` : '';
    return { year: set, note: `base year ${set}: set in the settings (projection.baseYear)${differs}`, problems: laterHistory(schools, set, baseYearReason('setting', {}, 'projection.baseYear in the settings'), file) };
  }
  const latest = hist.length ? hist[hist.length - 1] : null;
  const current = stated ? stated.year : latest !== null ? latest + 1 : null;
  const currentWhy = stated
    ? baseYearReason('stated', { column: stated.column }, `the year the schools file gives for its enrollment, column ${stated.column}`)
    : baseYearReason('inferred', { latest: latest ?? '' }, `the current enrollment, taken as the year after the latest history column (${latest}) because the schools file does not say which year it is`);
  const expected = expectedGrades(schools, settings);
  const missingIn = (year: number) => {
    const have = new Set<string>();
    schools.historyByYear?.forEach((h) => { for (const g of Object.keys(h?.[year] ?? {})) have.add(g); });
    if (year === current) schools.enrollmentByGrade.forEach((e) => { for (const g of Object.keys(e ?? {})) have.add(g); });
    return expected.filter((g) => !have.has(g));
  };
  const candidates = [...new Set([...hist, ...(current !== null ? [current] : [])])].sort((a, b) => b - a);
  const full = candidates.find((y) => missingIn(y).length === 0);
  if (full !== undefined) {
    if (full === current) return { year: full, note: `base year ${full}: the latest year with enrollment in every grade (${currentWhy.text})`, problems: laterHistory(schools, full, baseYearReason('complete', {}, 'the latest year with enrollment in every grade'), file) };
    const lacks = missingIn(current!);
    const why = baseYearReason('lacking', { current: current!, lacks: lacks.join(', ') }, `the latest year with enrollment in every grade; the ${current} enrollment lacks ${lacks.join(', ')}`);
    const problems = laterHistory(schools, full, why, file);
    problems.push({
      severity: 'error', file, field: lacks[0],
      ...parts(coded('currentLacksGrades', { current: current!, lacks: lacks.join(', '), base: full }, `the current enrollment (${current}) has no pupils in ${lacks.join(', ')} at any school, so the base year is ${full}, the latest year with enrollment in every grade, and ${current} comes after it: give every grade, or set projection.baseYear`)),
    });
    return { year: full, note: `base year ${full}: ${why.text}`, problems };
  }
  if (current !== null) {
    const gaps = missingIn(current);
    return { year: current, note: `base year ${current}: ${currentWhy.text}; no year has enrollment in every grade (${current} lacks ${gaps.join(', ')})`, problems: laterHistory(schools, current, currentWhy, file) };
  }
  return { year: 0, note: 'no base year: the schools file does not say which year its enrollment is and has no history columns; years are counted from 0 (1 = next year): set projection.baseYear', problems: [] };
}

/** Grades of the levels the open schools serve, in level order. */
function expectedGrades(schools: Schools, settings: Settings): string[] {
  const served = new Set<string>();
  for (let s = 0; s < schools.count; s++) if (schools.status[s] === 'open') for (const l of levelsServed(settings, schools.types[s])) served.add(l);
  return settings.levels.filter((l) => served.has(l.id)).flatMap((l) => l.grades);
}

/** One error per history column (grade and year) with pupils in a year after the base year. */
function laterHistory(schools: Schools, base: number, why: Coded, file: string): Problem[] {
  const columns = new Set<string>();
  for (const h of schools.historyByYear ?? []) {
    if (!h) continue;
    for (const [y, grades] of Object.entries(h)) if (Number(y) > base) for (const g of Object.keys(grades)) columns.add(`${g}_${y}`);
  }
  return [...columns].sort().map((field) => ({ severity: 'error' as const, file, field, ...parts(historyAfter(field.slice(field.lastIndexOf('_') + 1), base, why)) }));
}
