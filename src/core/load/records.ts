import { normalizeName, parseNumber, parseTable } from './table';
import { coded, type Coded, type Location, type ProblemLog } from './problems';

type Geometry = { type: string; coordinates: unknown };

/**
 * The rows of a CSV or the features of a GeoJSON, read the same way by the loaders. Column access
 * goes through getters resolved once per column: a million-row file must not pay a lookup per cell.
 */
export interface RecordSource {
  kind: 'csv' | 'geojson';
  columns: string[];
  count: number;
  decimalComma: boolean;
  /** where record i is, for messages */
  loc(i: number): Location;
  /** value accessor for a column (undefined for an unknown column) */
  getter(column: string): (i: number) => unknown;
  geometry(i: number): Geometry | null;
}

/** Reads the records of a CSV or GeoJSON text; file-level problems go to `log`, null when unreadable. */
export function readRecords(text: string, log: ProblemLog, expect: 'csv' | 'geojson'): RecordSource | null {
  if (expect === 'geojson') return readGeoJSON(text, log);
  const parsed = parseTable(text);
  if ('error' in parsed) {
    log.error({ row: parsed.line }, undefined, parsed.problem);
    return null;
  }
  const { header, rowCount, lineByRow, decimalComma, cell } = parsed.table;
  if (rowCount === 0) log.error({}, undefined, coded('noDataRows', {}, 'file has a header but no data rows'));
  return {
    kind: 'csv', columns: header, count: rowCount, decimalComma,
    loc: (i) => ({ row: lineByRow[i] }),
    getter: (c) => {
      const k = header.indexOf(c);
      return k < 0 ? () => undefined : (i) => cell(k, i);
    },
    geometry: () => null,
  };
}

function readGeoJSON(text: string, log: ProblemLog): RecordSource | null {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') {
    log.error({}, undefined, coded('emptyGeoJson', {}, 'file is empty; expected a GeoJSON FeatureCollection'));
    return null;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    log.error({}, undefined, coded('notJson', { detail: (e as Error).message }, `not valid JSON (${(e as Error).message}); expected a GeoJSON FeatureCollection`));
    return null;
  }
  const fc = json as { type?: string; features?: unknown[]; crs?: { properties?: { name?: string } } };
  if (!fc || typeof fc !== 'object' || (fc.type !== 'FeatureCollection' && fc.type !== 'Feature')) {
    log.error({}, 'type', coded('notFeatureCollection', { found: JSON.stringify(fc?.type ?? typeof fc) }, `found ${JSON.stringify(fc?.type ?? typeof fc)}; expected a GeoJSON FeatureCollection`));
    return null;
  }
  const crsName = fc.crs?.properties?.name;
  if (crsName && !/(4326|CRS84)$/i.test(crsName)) {
    log.error({}, 'crs', coded('crsNotWgs84', { crs: crsName }, `declares ${crsName}; expected WGS84 longitude/latitude (EPSG:4326 / CRS84): reproject the file first`));
    return null;
  }
  const features = (fc.type === 'Feature' ? [fc] : fc.features) as { properties?: Record<string, unknown> | null; geometry?: Geometry | null }[];
  if (!Array.isArray(features)) {
    log.error({}, 'features', coded('missing', { expect: 'features' }, 'missing; expected an array of features'));
    return null;
  }
  if (features.length === 0) log.error({}, 'features', coded('noFeatures', {}, 'the collection is empty; expected at least one feature'));
  const columns = new Set<string>();
  for (const f of features) for (const k of Object.keys(f?.properties ?? {})) columns.add(k);
  const props = features.map((f) => (f && typeof f === 'object' && f.properties) || {});
  return {
    kind: 'geojson', columns: [...columns], count: features.length, decimalComma: false,
    loc: (i) => ({ feature: i }),
    getter: (c) => (i) => props[i][c],
    geometry: (i) => features[i]?.geometry ?? null,
  };
}

/**
 * Finds the column for each field among the aliases (case, spaces and hyphens ignored).
 * @returns field -> original column name, for the fields found
 */
export function matchColumns<F extends string>(columns: string[], aliases: Record<F, string[]>): Partial<Record<F, string>> {
  const byNorm = new Map<string, string>();
  for (const c of columns) if (!byNorm.has(normalizeName(c))) byNorm.set(normalizeName(c), c);
  const out: Partial<Record<F, string>> = {};
  for (const field of Object.keys(aliases) as F[]) {
    for (const a of aliases[field]) {
      const c = byNorm.get(a);
      if (c !== undefined) { out[field] = c; break; }
    }
  }
  return out;
}

/** Reads a numeric cell/property; reports text and negatives. Returns NaN when empty or bad. */
export function readCount(
  raw: unknown, locate: (i: number) => Location, i: number, field: string, decimalComma: boolean, log: ProblemLog,
  opts: { required: boolean; what: string; expect?: string; expectParams?: Record<string, string | number> },
): number {
  if (typeof raw === 'number' && raw >= 0) return raw;
  let v: number | null;
  if (typeof raw === 'number') v = raw;
  else if (raw === null || raw === undefined) v = null;
  else v = parseNumber(String(raw), decimalComma);
  if (v === null) {
    if (opts.required) log.error(locate(i), field, coded('missing', { expect: opts.expect ?? 'value', ...opts.expectParams }, `missing; expected ${opts.what}`));
    return NaN;
  }
  if (Number.isNaN(v) || !Number.isFinite(v)) {
    log.error(locate(i), field, coded('notNumber', { value: JSON.stringify(raw), expect: opts.expect ?? 'value', ...opts.expectParams }, `${JSON.stringify(raw)} is not a number; expected ${opts.what}`));
    return NaN;
  }
  if (v < 0) {
    log.error(locate(i), field, coded('negative', { value: v, expect: opts.expect ?? 'value', ...opts.expectParams }, `${v} is negative; expected ${opts.what}`));
    return NaN;
  }
  return v;
}

/** Reads a coordinate cell (any sign). NaN when missing or not a number, with the problem logged. */
export function readCoordinate(raw: unknown, locate: (i: number) => Location, i: number, field: string, decimalComma: boolean, log: ProblemLog): number {
  if (typeof raw === 'number') return raw;
  const v = raw === null || raw === undefined ? null : parseNumber(String(raw), decimalComma);
  if (v === null) { log.error(locate(i), field, coded('missing', { expect: field === 'lon' ? 'longitude' : 'latitude' }, `missing; expected a ${field === 'lon' ? 'longitude' : 'latitude'} in degrees`)); return NaN; }
  if (Number.isNaN(v)) { log.error(locate(i), field, coded('notNumber', { value: JSON.stringify(raw), expect: field === 'lon' ? 'longitude' : 'latitude' }, `${JSON.stringify(raw)} is not a number; expected a ${field === 'lon' ? 'longitude' : 'latitude'} in degrees`)); return NaN; }
  return v;
}

/** Columns that say which school year a schools file's enrollment is (normalized names). */
export const ENROLLMENT_YEAR_COLUMNS = ['enrollment_year', 'enrolment_year', 'school_year', 'academic_year', 'census_year', 'data_year'];

/**
 * The school year in a cell: 2023, "2023", "2023/24", "2023-24" or "2023/2024" give 2023 (the autumn
 * the year starts). null for an empty cell, NaN for anything else.
 * @example parseSchoolYear('2022/23') // 2022
 */
export function parseSchoolYear(raw: unknown): number | null {
  if (raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '')) return null;
  const m = /^\s*((?:19|20|21)\d\d)(?:\s*[/-]\s*(\d\d|\d{4}))?\s*$/.exec(String(raw));
  if (!m) return NaN;
  const y = Number(m[1]);
  if (m[2] !== undefined && (Number(m[2]) - (y + 1)) % 100 !== 0) return NaN;
  return y;
}

/**
 * The enrollment year of a schools file, read row by row from its year column (if it has one): every
 * row that gives a year must give the same one. Problems go to the log as `file:line: column: message`.
 */
export class EnrollmentYearReader {
  /** the year the file gives for its enrollment, null when it gives none */
  year: number | null = null;
  private firstAt: Location = {};
  private readonly get: ((i: number) => unknown) | null;
  constructor(private readonly src: RecordSource, private readonly log: ProblemLog, readonly column = src.columns.find((c) => ENROLLMENT_YEAR_COLUMNS.includes(normalizeName(c)))) {
    this.get = column === undefined ? null : src.getter(column);
  }

  read(i: number): void {
    if (!this.get) return;
    const raw = this.get(i);
    const y = parseSchoolYear(raw);
    const at = this.src.loc(i);
    if (y === null) return;
    if (Number.isNaN(y)) { this.log.error(at, this.column, coded('notSchoolYear', { value: JSON.stringify(raw) }, `${JSON.stringify(raw)} is not a school year; expected a year such as 2023 or 2023/24 (the year of the enrollment)`)); return; }
    if (this.year === null) { this.year = y; this.firstAt = at; return; }
    if (y === this.year) return;
    const first = this.firstAt.row !== undefined ? `line ${this.firstAt.row}` : `feature ${this.firstAt.feature}`;
    const params = { value: y, year: this.year, at: this.firstAt.row ?? this.firstAt.feature ?? '' };
    this.log.error(at, this.column, coded(this.firstAt.row !== undefined ? 'yearDiffersLine' : 'yearDiffersFeature', params, `${y} differs from ${this.year} (${first}); expected one school year for the whole file`));
  }

  /**
   * Reports each history column for a year after the base year: the settings' `projection.baseYear`,
   * else the year the file gives. History columns hold the base year or earlier years.
   */
  checkHistory(historyColumns: { column: string; year: number }[], settingsBaseYear: number | null): void {
    const base = settingsBaseYear ?? this.year;
    if (base === null) return;
    for (const h of historyColumns) {
      if (h.year <= base) continue;
      this.log.error(this.src.kind === 'csv' ? { row: 1 } : {}, h.column, historyAfterBase(h.year, base, settingsBaseYear !== null ? null : this.column ?? ''));
    }
  }
}

/**
 * A history column for a year after the base year; `yearColumn` is the column that gave the base
 * year, null when the settings' `projection.baseYear` did.
 */
export function historyAfterBase(year: number | string, base: number, yearColumn: string | null): Coded {
  return historyAfter(year, base, yearColumn === null
    ? baseYearReason('setting', {}, 'projection.baseYear in the settings')
    : baseYearReason('column', { column: yearColumn }, `the year of the enrollment, column ${yearColumn}`));
}

/** Why the base year is what it is: a part of a message (`historyAfter_<why>`), not a message. */
export const baseYearReason = (why: string, params: Coded['params'], text: string): Coded => ({ code: why, params, text });

/** A history column after the base year, with why the base year is what it is (code `historyAfter_<why>`). */
export function historyAfter(year: number | string, base: number, why: Coded): Coded {
  return coded(`historyAfter_${why.code}`, { ...why.params, year, base }, `a history column for ${year}, after the base year ${base} (${why.text}); history columns hold the base year or earlier years: remove the column or change the base year`);
}
