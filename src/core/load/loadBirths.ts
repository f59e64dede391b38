import type { Units } from '../model';
import { coded, ProblemLog, type LoadResult, type Location, type Problem } from './problems';
import { matchColumns, readCount, readRecords } from './records';

/** The columns of a births file: the area (a population unit's id), the year and the births. */
export const BIRTH_COLUMN_ALIASES = {
  area: ['area', 'area_code', 'code', 'id', 'unit_id'],
  year: ['year', 'birth_year'],
  births: ['births', 'birth', 'count'],
};

/** One row of a births file. */
export interface BirthRow { area: string; year: number; births: number; at: Location }
/** A births file's rows and the name of its area column (for messages). */
export interface BirthsFile { areaColumn: string; rows: BirthRow[] }

/**
 * Reads a births file: CSV `area,year,births` (header names in BIRTH_COLUMN_ALIASES), one row per area
 * and year, `year` as in `birth_YYYY` columns (the year, or the intake window ending in it). All or
 * nothing: any error and no rows.
 * @example loadBirths('births.csv', 'area,year,births\nU1,2018,12\n').ok // true
 */
export function loadBirths(file: string, text: string): LoadResult<BirthsFile> {
  const log = new ProblemLog(file);
  const src = readRecords(text, log, 'csv');
  if (!src || log.hasErrors) return { ok: false, problems: log.finish() };
  const cols = matchColumns(src.columns, BIRTH_COLUMN_ALIASES);
  for (const f of ['area', 'year', 'births'] as const) {
    if (!cols[f]) log.error({ row: 1 }, f, coded('noColumn', { names: BIRTH_COLUMN_ALIASES[f].join(', ') }, `no column found; expected one named ${BIRTH_COLUMN_ALIASES[f].join(', ')}`));
  }
  if (log.hasErrors) return { ok: false, problems: log.finish() };
  const area = src.getter(cols.area!), year = src.getter(cols.year!), births = src.getter(cols.births!);
  const rows: BirthRow[] = [];
  const seen = new Map<string, number>();
  for (let i = 0; i < src.count; i++) {
    const at = src.loc(i);
    const a = String(area(i) ?? '').trim();
    if (!a) log.error(at, cols.area, coded('missing', { expect: 'areaCode' }, 'missing; expected the area code of a population unit'));
    const rawYear = String(year(i) ?? '').trim();
    const y = /^\d{4}$/.test(rawYear) ? Number(rawYear) : NaN;
    if (Number.isNaN(y)) log.error(at, cols.year, coded('notBirthYear', { value: JSON.stringify(rawYear) }, `${JSON.stringify(rawYear)} is not a year; expected a year such as 2018`));
    const b = readCount(births(i), src.loc, i, cols.births!, src.decimalComma, log, { required: true, what: 'a number of births (0 or more)', expect: 'births' });
    if (!a || Number.isNaN(y) || Number.isNaN(b)) continue;
    const key = `${a}\u0000${y}`;
    const before = seen.get(key);
    if (before !== undefined) log.error(at, cols.area, coded('duplicateBirths', { area: a, year: y, at: before }, `area "${a}" in ${y} is on line ${before} too; expected one row per area and year`));
    else seen.set(key, at.row ?? i + 2);
    rows.push({ area: a, year: y, births: b, at });
  }
  return log.hasErrors ? { ok: false, problems: log.finish() } : { ok: true, value: { areaColumn: cols.area!, rows }, problems: log.finish() };
}

/**
 * The units with a births file's births joined by area code (the unit ids): each year of the file
 * replaces that year of any `birth_YYYY` columns, a unit without a row that year counts 0. A row whose
 * area is not a unit is a warning naming the row, left out; so is the whole file when the population
 * has no ids.
 */
export function withBirths(file: string, units: Units, births: BirthsFile): { units: Units; problems: Problem[] } {
  const log = new ProblemLog(file);
  if (!units.ids) {
    log.warning({}, births.areaColumn, coded('birthsNoUnitIds', {}, 'the population has no area codes (no id column) to join births to; the births are left out'));
    return { units, problems: log.finish() };
  }
  const index = new Map(units.ids.map((id, u) => [id, u]));
  const byYear: Record<number, Float32Array> = { ...(units.birthsByYear ?? {}) };
  const fresh = new Set<number>();
  for (const r of births.rows) {
    const u = index.get(r.area);
    if (u === undefined) {
      log.warning(r.at, births.areaColumn, coded('birthsUnknownArea', { area: r.area }, `"${r.area}" is not an area of the population; its births are left out`));
      continue;
    }
    if (!fresh.has(r.year)) { byYear[r.year] = new Float32Array(units.count); fresh.add(r.year); }
    byYear[r.year][u] += r.births;
  }
  return { units: fresh.size ? { ...units, birthsByYear: byYear } : units, problems: log.finish() };
}
