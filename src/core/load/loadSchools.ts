import { asSchoolIndex, type Schools, type SchoolStatus } from '../model';
import type { Settings } from '../settings/settings';
import { CoordinateChecks } from './coords';
import { coded, ProblemLog, type LoadResult } from './problems';
import type { Location } from './problems';
import { EnrollmentYearReader, matchColumns, readCoordinate, readCount, readRecords, type RecordSource } from './records';
import { normalizeName } from './table';
import { guardGeoJsonText } from './parseJsonSafely';

export const SCHOOL_COLUMN_ALIASES = {
  id: ['id', 'school_id', 'schoolid', 'school_code', 'code', 'seed_code', 'de_ref', 'urn', 'ref'],
  name: ['name', 'school_name', 'schoolname', 'school'],
  level: ['level', 'school_level', 'type', 'school_type', 'phase', 'sector'],
  lon: ['lon', 'lng', 'long', 'longitude', 'x'],
  lat: ['lat', 'latitude', 'y'],
  capacity: ['capacity', 'places', 'approved_enrolment', 'approved_enrollment', 'planned_capacity'],
  classrooms: ['classrooms', 'classroom_count', 'teaching_classes', 'classes'],
  enrollment: ['enrollment', 'enrolment', 'enrollment_total', 'enrolment_total', 'roll', 'pupils', 'students'],
  teachers: ['teachers', 'teacher_count', 'fte_teachers', 'staff'],
  status: ['status', 'state'],
};
type SchoolField = keyof typeof SCHOOL_COLUMN_ALIASES;

const TYPE_ALIASES: Record<string, string> = {
  primary: 'primary', primary_school: 'primary', elementary: 'primary', '小学': 'primary',
  junior: 'junior', junior_secondary: 'junior', lower_secondary: 'junior', middle: 'junior', '初中': 'junior', '初级中学': 'junior',
  nine_year: 'nine_year', nineyear: 'nine_year', '9_year': 'nine_year', '九年一贯制': 'nine_year', '九年一贯制学校': 'nine_year',
  secondary: 'secondary', high: 'secondary', post_primary: 'secondary', '中学': 'secondary',
  special: 'special', '特殊教育': 'special', '特殊教育学校': 'special',
};

const STATUS_ALIASES: Record<string, SchoolStatus> = {
  open: 'open', opened: 'open', active: 'open', '': 'open',
  closed: 'closed', close: 'closed', inactive: 'closed',
  proposed: 'proposed', planned: 'proposed', new: 'proposed',
};

export interface LoadedSchools {
  schools: Schools;
  /** field -> column taken from the file, e.g. lon -> "longitude" */
  columnsUsed: Record<string, string>;
}

/**
 * Loads schools from CSV (lon/lat columns) or GeoJSON points. All or nothing: any error and no
 * schools are returned. Schools come back sorted by id.
 * @param file name used in problem messages
 * @param text file contents
 * @example loadSchools('schools.csv', 'id,name,level,lon,lat\nA,A School,primary,1,2', settings)
 */
export function loadSchools(file: string, text: string, settings: Settings): LoadResult<LoadedSchools> {
  const log = new ProblemLog(file);
  const kind = /\.(geo)?json$/i.test(file) || /^\s*\{/.test(text.slice(0, 200).replace(/^\ufeff/, '')) ? 'geojson' : 'csv';
  // size and nesting are checked before the text is parsed (deep nesting overflows the stack later)
  if (kind === 'geojson' && !guardGeoJsonText(text, log)) return { ok: false, problems: log.finish() };
  const src = readRecords(text, log, kind);
  if (!src || log.hasErrors) return { ok: false, problems: log.finish() };

  const cols = matchColumns(src.columns, SCHOOL_COLUMN_ALIASES);
  const gradeIds = settings.levels.flatMap((l) => l.grades);
  const gradeColumns = matchColumns(src.columns, Object.fromEntries(gradeIds.map((g) => [g, [g]])) as Record<string, string[]>);
  // history columns: a grade id, an underscore and a year (g1_2022, p3_2011, k_2021, r_2022, pk_2020)
  const historyColumns: { grade: string; year: number; column: string }[] = [];
  const strays: string[] = [];
  for (const c of src.columns) {
    const m = /^([a-z]+\d*)_((?:19|20)\d\d)$/.exec(normalizeName(c));
    if (m && gradeIds.includes(m[1])) historyColumns.push({ grade: m[1], year: Number(m[2]), column: c });
    // shaped like a grade's history (a short grade id) but naming no grade of the profile: say so, never drop it silently
    else if (m && /^(?:[a-z]{1,2}\d{1,2}|k|r|pk|rec)$/.test(m[1])) strays.push(c);
  }
  if (strays.length) {
    const columns = `${strays.slice(0, 5).join(', ')}${strays.length > 5 ? ', ...' : ''}`;
    log.warning({ row: src.kind === 'csv' ? 1 : undefined }, strays[0], coded('strayHistory', { count: strays.length, columns, grades: gradeIds.join(', ') }, `${strays.length} column(s) look like enrollment history (${columns}) but name no grade of the profile (grades: ${gradeIds.join(', ')}); they are kept as other columns, not used as history`));
  }
  // the school year of the enrollment, when the file says it (kept among the extra columns too)
  const enrollmentYear = new EnrollmentYearReader(src, log);
  const required: SchoolField[] = src.kind === 'csv' ? ['id', 'level', 'lon', 'lat'] : ['id', 'level'];
  for (const f of required) {
    if (!cols[f]) log.error({ row: src.kind === 'csv' ? 1 : undefined }, f, coded('noColumn', { names: SCHOOL_COLUMN_ALIASES[f].join(', ') }, `no column found; expected one named ${SCHOOL_COLUMN_ALIASES[f].join(', ')}`));
  }
  if (log.hasErrors) return { ok: false, problems: log.finish() };
  if (!cols.name) log.warning({}, 'name', coded('noNameColumn', { names: SCHOOL_COLUMN_ALIASES.name.join(', ') }, `no column found (expected ${SCHOOL_COLUMN_ALIASES.name.join(', ')}); the id is used as the name`));

  const knownTypes = Object.keys(settings.schoolTypes);
  const used = new Set([...Object.values(cols), ...Object.values(gradeColumns), ...historyColumns.map((h) => h.column)].filter((c): c is string => typeof c === 'string'));
  const n = src.count;
  const get = (c: string | undefined) => (c ? src.getter(c) : () => undefined);
  const getId = get(cols.id), getLevel = get(cols.level), getStatus = get(cols.status), getName = get(cols.name);
  const gradeGetters = gradeIds.filter((g) => gradeColumns[g]).map((g) => [g, src.getter(gradeColumns[g]!)] as const);
  const extraColumns = src.columns.filter((c) => !used.has(c)).map((c) => [c, src.getter(c)] as const);
  const rows: {
    id: string; name: string; type: string; status: SchoolStatus; lon: number; lat: number;
    capacity: number; classrooms: number; teachers: number; enrollment: number; grades: Record<string, number> | null; extra: Record<string, unknown>;
    history: Record<number, Record<string, number>> | null;
  }[] = [];
  const historyGetters = historyColumns.map((h) => ({ ...h, get: src.getter(h.column) }));
  const firstSeen = new Map<string, string>();
  const coordChecks = new CoordinateChecks(src.kind);
  for (let i = 0; i < n; i++) {
    const at = src.loc(i);
    const where = at.row !== undefined ? `line ${at.row}` : `feature ${at.feature}`;
    const id = String(getId(i) ?? '').trim();
    if (!id) { log.error(at, 'id', coded('missing', { expect: 'schoolId' }, 'missing; expected a unique school id')); continue; }
    const prev = firstSeen.get(id);
    if (prev) { log.error(at, 'id', coded(prev.startsWith('line') ? 'duplicateIdLine' : 'duplicateIdFeature', { id, at: Number(prev.split(' ')[1]) }, `"${id}" is a duplicate of the school at ${prev}; expected unique ids`)); continue; }
    firstSeen.set(id, where);

    const { lon, lat } = readPoint(src, i, at, cols, log, coordChecks);
    const rawType = String(getLevel(i) ?? '').trim();
    const type = TYPE_ALIASES[normalizeName(rawType)] ?? normalizeName(rawType);
    if (!rawType) log.error(at, 'level', coded('missingOneOf', { options: knownTypes.join(', ') }, `missing; expected one of ${knownTypes.join(', ')}`));
    else if (!knownTypes.includes(type)) log.error(at, 'level', coded('unknownSchoolType', { value: rawType, profile: settings.profile, options: knownTypes.join(', ') }, `"${rawType}" is not a school type of profile "${settings.profile}"; expected one of ${knownTypes.join(', ')}`));
    let status: SchoolStatus = 'open';
    if (cols.status) {
      const raw = String(getStatus(i) ?? '').trim();
      const s = STATUS_ALIASES[normalizeName(raw)];
      if (!s) log.error(at, 'status', coded('badStatus', { value: raw }, `"${raw}" is not a status; expected open, closed or proposed`));
      else status = s;
    }
    const num = (f: SchoolField, what: string) => (cols[f] ? readCount(src.getter(cols[f]!)(i), src.loc, i, f, src.decimalComma, log, { required: false, what, expect: f }) : NaN);
    const capacity = num('capacity', 'a number of places (0 or more)');
    const classrooms = num('classrooms', 'a number of classrooms (0 or more)');
    const teachers = num('teachers', 'a number of teachers (0 or more)');
    let enrollment = num('enrollment', 'a number of pupils (0 or more)');
    let grades: Record<string, number> | null = null;
    for (const [g, getGrade] of gradeGetters) {
      const v = readCount(getGrade(i), src.loc, i, g, src.decimalComma, log, { required: false, what: `pupils in grade ${g} (0 or more)`, expect: 'gradePupils', expectParams: { grade: g } });
      if (!Number.isNaN(v)) (grades ??= {})[g] = v;
    }
    if (grades) {
      const sum = Object.values(grades).reduce((a, b) => a + b, 0);
      if (Number.isNaN(enrollment)) enrollment = sum;
      else if (Math.abs(sum - enrollment) > 0.5) log.warning(at, 'enrollment', coded('enrollmentSum', { value: enrollment, sum }, `${enrollment} differs from the sum of the grade columns (${sum}); the grade columns are used per level`));
    }
    let history: Record<number, Record<string, number>> | null = null;
    for (const h of historyGetters) {
      const v = readCount(h.get(i), src.loc, i, h.column, src.decimalComma, log, { required: false, what: `pupils in grade ${h.grade} in ${h.year} (0 or more)`, expect: 'gradeYearPupils', expectParams: { grade: h.grade, year: h.year } });
      if (!Number.isNaN(v)) ((history ??= {})[h.year] ??= {})[h.grade] = v;
    }
    enrollmentYear.read(i);
    const extra: Record<string, unknown> = {};
    for (const [c, g] of extraColumns) extra[c] = g(i);
    rows.push({ history, id, name: cols.name ? String(getName(i) ?? '').trim() || id : id, type, status, lon, lat, capacity, classrooms, teachers, enrollment, grades, extra });
  }
  coordChecks.finish(log);
  enrollmentYear.checkHistory(historyColumns, settings.projection.baseYear);
  if (log.hasErrors) return { ok: false, problems: log.finish() };

  rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const count = rows.length;
  const f64 = (get: (r: (typeof rows)[number]) => number) => Float64Array.from(rows, get);
  const schools: Schools = {
    count,
    ids: rows.map((r) => r.id),
    indexById: new Map(rows.map((r, i) => [r.id, asSchoolIndex(i)])),
    names: rows.map((r) => r.name),
    types: rows.map((r) => r.type),
    status: rows.map((r) => r.status),
    lon: f64((r) => r.lon),
    lat: f64((r) => r.lat),
    capacity: f64((r) => r.capacity),
    classrooms: f64((r) => r.classrooms),
    teachers: f64((r) => r.teachers),
    enrollment: f64((r) => r.enrollment),
    enrollmentByGrade: rows.map((r) => r.grades),
    historyByYear: rows.map((r) => r.history),
    extra: rows.map((r) => r.extra),
  };
  const columnsUsed: Record<string, string> = {};
  for (const [f, c] of Object.entries(cols)) if (c) columnsUsed[f] = c as string;
  for (const [g, c] of Object.entries(gradeColumns)) if (c) columnsUsed[g] = c as string;
  if (src.kind === 'geojson') { columnsUsed.lon = 'geometry'; columnsUsed.lat = 'geometry'; }
  return { ok: true, value: { schools, columnsUsed }, problems: log.finish() };
}

function readPoint(src: RecordSource, i: number, at: Location, cols: Partial<Record<SchoolField, string>>, log: ProblemLog, coordChecks: CoordinateChecks): { lon: number; lat: number } {
  let lon: number, lat: number;
  if (src.kind === 'geojson') {
    const g = src.geometry(i);
    if (!g) { log.error(at, 'geometry', coded('missing', { expect: 'point' }, 'missing; expected a Point')); return { lon: NaN, lat: NaN }; }
    let c = g.coordinates as number[] | number[][];
    if (g.type === 'MultiPoint' && Array.isArray(c) && c.length >= 1) {
      if (c.length > 1) log.warning(at, 'geometry', coded('multiPoint', { count: c.length }, `MultiPoint with ${c.length} points; the first is used`));
      c = (c as number[][])[0];
    } else if (g.type !== 'Point') {
      log.error(at, 'geometry', coded('wrongGeometrySchool', { type: String(g.type) }, `is a ${g.type}; expected a Point (a schools file holds one point per school)`));
      return { lon: NaN, lat: NaN };
    }
    const p = c as number[];
    if (!Array.isArray(p) || typeof p[0] !== 'number' || typeof p[1] !== 'number') {
      log.error(at, 'geometry', coded('notLonLat', {}, 'coordinates are not [longitude, latitude] numbers'));
      return { lon: NaN, lat: NaN };
    }
    [lon, lat] = p;
  } else {
    lon = readCoordinate(src.getter(cols.lon!)(i), src.loc, i, 'lon', src.decimalComma, log);
    lat = readCoordinate(src.getter(cols.lat!)(i), src.loc, i, 'lat', src.decimalComma, log);
    if (Number.isNaN(lon) || Number.isNaN(lat)) return { lon, lat };
  }
  // reported per file by coordChecks.finish: once for a problem on most rows, else per row
  if (!coordChecks.check(at, lon, lat)) return { lon: NaN, lat: NaN };
  return { lon, lat };
}
