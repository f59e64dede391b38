import type { PolygonCoords, Units, UnitGeometry } from '../model';
import type { Settings } from '../settings/settings';
import { checkLonLat } from './coords';
import { estimated, planCounts, type CountPlan } from './countColumns';
import { detectLattice } from './lattice';
import { loadRaster } from './loadRaster';
import { coded, ProblemLog, type LoadResult } from './problems';
import type { Location } from './problems';
import { matchColumns, readCoordinate, readCount, readRecords, type RecordSource } from './records';
import { detectFileKind } from './fileKind';
import { megabytes, resolveLimits, type LoadLimits, type LoadOptions } from './limits';
import { guardGeoJsonText } from './parseJsonSafely';

export const UNIT_COLUMN_ALIASES = {
  id: ['id', 'unit_id', 'cell_id', 'code', 'area_code', 'geo_code', 'oa_code', 'dz_code', 'data_zone', 'soa11_code', 'sdz21_code', 'sa_code'],
  lon: ['lon', 'lng', 'long', 'longitude', 'x'],
  lat: ['lat', 'latitude', 'y'],
  cellSizeM: ['cell_size_m', 'cellsize_m', 'cell_m'],
  cellSizeDeg: ['cell_size_deg', 'cell_size', 'cellsize'],
};

/** Columns naming the area a unit lies in, matched to the schools' column of the same name (births by area). */
export const AREA_FIELDS = ['township', 'district', 'area'];

/**
 * Loads school-age population units from GeoJSON (polygons or points), CSV points, or a GeoTIFF.
 * All or nothing: any error and no units are returned.
 * @param file name used in messages (its extension helps tell the format)
 * @param data text for CSV/GeoJSON, bytes for GeoTIFF (bytes of text files are decoded as UTF-8)
 * @param options `limits` overrides DEFAULT_LOAD_LIMITS (largest raster, deepest JSON, ...)
 * Never throws for bad input: what cannot be read comes back as problems.
 * @example await loadPopulation('areas.geojson', text, settings)
 */
export async function loadPopulation(file: string, data: string | Uint8Array, settings: Settings, options: LoadOptions = {}): Promise<LoadResult<Units>> {
  const log = new ProblemLog(file);
  try {
    return await loadUnits(file, data, settings, resolveLimits(options.limits), log);
  } catch (e) {
    // a last resort: the checks before parsing should leave nothing to throw
    const message = e instanceof Error ? e.message : String(e);
    const detail = message.replace(/\s+/g, ' ').slice(0, 300);
    log.error({}, undefined, coded('cannotRead', { detail }, `cannot be read (${detail})`));
    return { ok: false, problems: log.finish() };
  }
}

async function loadUnits(file: string, data: string | Uint8Array, settings: Settings, limits: LoadLimits, log: ProblemLog): Promise<LoadResult<Units>> {
  const kind = detectFileKind(file, data);
  if (kind === 'geotiff') return loadRaster(file, data as Uint8Array, settings, limits);
  if (kind === 'unknown') {
    log.error({}, undefined, coded('binaryPopulation', {}, 'not a CSV, GeoJSON or GeoTIFF file (binary content); expected population as CSV points, GeoJSON polygons/points or a GeoTIFF of counts'));
    return { ok: false, problems: log.finish() };
  }
  if (kind === 'geojson' && typeof data !== 'string' && data.length > limits.maxJsonBytes) {
    log.error({}, undefined, coded('geoJsonTooLarge', { bytes: data.length, limitBytes: limits.maxJsonBytes }, `is ${megabytes(data.length)}; the limit for a GeoJSON file is ${megabytes(limits.maxJsonBytes)}: clip it to the district or simplify the polygons`));
    return { ok: false, problems: log.finish() };
  }
  const text = typeof data === 'string' ? data : new TextDecoder().decode(data);
  if (kind === 'geojson' && !guardGeoJsonText(text, log, limits)) return { ok: false, problems: log.finish() };
  const src = readRecords(text, log, kind);
  if (!src || log.hasErrors) return { ok: false, problems: log.finish() };
  return buildUnits(src, log, settings);
}

function buildUnits(src: RecordSource, log: ProblemLog, settings: Settings): LoadResult<Units> {
  const cols = matchColumns(src.columns, UNIT_COLUMN_ALIASES);
  const { plans, ageColumns } = planCounts(src.columns, settings);
  const header = { row: src.kind === 'csv' ? 1 : undefined };
  if (Object.values(plans).every((p) => p === null)) {
    const lv = settings.levels.map((l) => `"${l.id}" (or ages age_${l.ages[0]}..age_${l.ages[1]})`).join(', ');
    log.error(header, undefined, coded('noSchoolAgeCounts', { levels: lv }, `no school-age counts found; expected columns ${lv}, age bands like age_5_9, or an all-ages total with shareOfTotal in the settings`));
    return { ok: false, problems: log.finish() };
  }
  for (const level of settings.levels) {
    const p = plans[level.id];
    if (!p) log.warning(header, level.id, coded('noLevelCount', { level: level.id, from: level.ages[0], to: level.ages[1] }, `no count for this level (no column "${level.id}", ages ${level.ages[0]}-${level.ages[1]} or bands); its children are not assessed and count as 0`));
    else if (p.estimate) log.warning(header, level.id, estimated(p));
  }
  if (src.kind === 'csv' && (!cols.lon || !cols.lat)) {
    for (const f of ['lon', 'lat'] as const) if (!cols[f]) log.error(header, f, coded('noColumn', { names: UNIT_COLUMN_ALIASES[f].join(', ') }, `no column found; expected one named ${UNIT_COLUMN_ALIASES[f].join(', ')}`));
    return { ok: false, problems: log.finish() };
  }

  const n = src.count;
  const lon = new Float64Array(n), lat = new Float64Array(n);
  const childrenByLevel: Record<string, Float32Array> = {};
  for (const l of settings.levels) childrenByLevel[l.id] = new Float32Array(n);
  // every single-year age up to the oldest level age is kept: projections need the younger cohorts
  const maxAge = Math.max(...settings.levels.map((l) => l.ages[1]));
  const usedAges = new Set<number>([...ageColumns.keys()].filter((a) => a <= maxAge));
  const childrenByAge: Record<number, Float32Array> = {};
  for (const a of usedAges) childrenByAge[a] = new Float32Array(n);
  const ids: string[] | null = cols.id ? [] : null;
  const seen = new Map<string, number>();
  const polygons: (PolygonCoords[] | null)[] = [];
  let pointCount = 0;
  const cellSizeM = new Float64Array(cols.cellSizeM ? n : 0), cellSizeDeg = new Float64Array(cols.cellSizeDeg ? n : 0);
  const getId = cols.id ? src.getter(cols.id) : null;
  const getLon = cols.lon ? src.getter(cols.lon) : null, getLat = cols.lat ? src.getter(cols.lat) : null;
  const countTerms = Object.values(plans).filter((p): p is CountPlan => p !== null)
    .map((p) => ({ level: p.level, terms: p.terms.map((t) => ({ ...t, get: src.getter(t.column) })) }));
  // births by year (`birth_2018`, `births_2018`): the cohort of that year (or intake window ending in it)
  const birthColumns = src.columns.map((c) => ({ column: c, m: /^births?_(\d{4})$/i.exec(c.trim()) })).filter((x) => x.m);
  const birthsByYear: Record<number, Float32Array> = {};
  for (const b of birthColumns) birthsByYear[Number(b.m![1])] = new Float32Array(n);
  const birthGetters = birthColumns.map((b) => ({ year: Number(b.m![1]), column: b.column, get: src.getter(b.column) }));
  const areaColumn = matchColumns(src.columns, { area: AREA_FIELDS }).area;
  const getArea = areaColumn ? src.getter(areaColumn) : null;
  const areas: string[] = [];
  const ageGetters = [...usedAges].map((a) => ({ age: a, column: ageColumns.get(a)!, get: src.getter(ageColumns.get(a)!) }));
  const dc = src.decimalComma;
  const what = { required: true, what: 'a count of people (0 or more)', expect: 'people' };

  for (let i = 0; i < n; i++) {
    const loc = src.loc;
    if (ids) {
      const id = String(getId!(i) ?? '').trim();
      if (!id) log.error(loc(i), 'id', coded('missing', { expect: 'unitId' }, 'missing; expected a unique unit id (or drop the id column to use row numbers)'));
      else if (seen.has(id)) log.error(loc(i), 'id', coded(src.loc(seen.get(id)!).row !== undefined ? 'duplicateUnitLine' : 'duplicateUnitFeature', { id, at: src.loc(seen.get(id)!).row ?? src.loc(seen.get(id)!).feature ?? 0 }, `"${id}" is a duplicate of an earlier unit (${where(src.loc(seen.get(id)!))}); expected unique ids`));
      else seen.set(id, i);
      ids.push(id);
    }
    if (src.kind === 'geojson') {
      const g = readGeometry(src.geometry(i), loc(i), log);
      if (g?.type === 'point') { lon[i] = g.lon; lat[i] = g.lat; pointCount++; polygons.push(null); }
      else if (g?.type === 'polygons') { lon[i] = g.lon; lat[i] = g.lat; polygons.push(g.polygons); }
      else polygons.push(null);
    } else {
      const x = readCoordinate(getLon!(i), loc, i, 'lon', dc, log);
      const y = readCoordinate(getLat!(i), loc, i, 'lat', dc, log);
      if (!(x >= -180 && x <= 180 && y >= -90 && y <= 90) && !Number.isNaN(x) && !Number.isNaN(y)) {
        const bad = checkLonLat(x, y);
        if (bad) log.error(loc(i), bad.field, bad.coded, `coord:${bad.message.slice(20, 40)}`);
      }
      lon[i] = x; lat[i] = y;
      pointCount++;
      if (cols.cellSizeM) cellSizeM[i] = readCount(src.getter(cols.cellSizeM)(i), loc, i, 'cell_size_m', dc, log, { required: true, what: 'a cell size in metres', expect: 'cellSizeM' });
      if (cols.cellSizeDeg) cellSizeDeg[i] = readCount(src.getter(cols.cellSizeDeg)(i), loc, i, 'cell_size_deg', dc, log, { required: true, what: 'a cell size in degrees', expect: 'cellSizeDeg' });
    }
    for (const c of countTerms) {
      let sum = 0;
      for (const t of c.terms) {
        const v = readCount(t.get(i), loc, i, t.column, dc, log, what);
        sum += Number.isNaN(v) ? 0 : v * t.weight;
      }
      childrenByLevel[c.level][i] = sum;
    }
    for (const a of ageGetters) {
      const v = readCount(a.get(i), loc, i, a.column, dc, log, what);
      childrenByAge[a.age][i] = Number.isNaN(v) ? 0 : v;
    }
    if (getArea) areas.push(String(getArea(i) ?? '').trim());
    for (const b of birthGetters) {
      const v = readCount(b.get(i), loc, i, b.column, dc, log, { required: false, what: 'a number of births (0 or more)' });
      birthsByYear[b.year][i] = Number.isNaN(v) ? 0 : v;
    }
  }
  if (log.hasErrors) return { ok: false, problems: log.finish() };

  let geometry: UnitGeometry;
  if (pointCount === 0) geometry = { kind: 'polygons', polygons };
  else if (pointCount < n) {
    log.error({}, 'geometry', coded('mixedGeometry', { points: pointCount, polygons: n - pointCount }, `mixes ${pointCount} points with ${n - pointCount} polygons; expected all units of one kind`));
    return { ok: false, problems: log.finish() };
  } else {
    let cell: { dx: number; dy: number } | undefined;
    if (cellSizeDeg.length) cell = { dx: cellSizeDeg[0], dy: cellSizeDeg[0] };
    else if (cellSizeM.length) {
      let meanLat = 0;
      for (let i = 0; i < n; i++) meanLat += lat[i] / n;
      const d = cellSizeM[0] / 111320;
      cell = { dx: d / Math.cos((meanLat * Math.PI) / 180), dy: d };
    }
    const lattice = detectLattice(lon, lat, cell);
    if (lattice) geometry = { kind: 'lattice', lattice };
    else {
      geometry = { kind: 'points' };
      log.warning({}, 'geometry', coded('notAGrid', {}, 'points are not on one regular grid; catchments are computed, but zone outlines cannot be drawn'));
    }
  }
  const countSourceByLevel: Record<string, string> = {};
  for (const l of settings.levels) countSourceByLevel[l.id] = plans[l.id]?.description ?? 'not available';
  return { ok: true, value: { count: n, ids, lon, lat, childrenByLevel, countSourceByLevel, childrenByAge, ...(birthGetters.length ? { birthsByYear } : {}), ...(areaColumn ? { areaByUnit: { field: areaColumn, values: areas } } : {}), geometry }, problems: log.finish() };
}

function where(at: Location): string {
  return at.row !== undefined ? `line ${at.row}` : `feature ${at.feature}`;
}

type ReadGeometry = { type: 'point'; lon: number; lat: number } | { type: 'polygons'; lon: number; lat: number; polygons: PolygonCoords[] } | null;

function readGeometry(g: { type: string; coordinates: unknown } | null, at: Location, log: ProblemLog): ReadGeometry {
  if (!g) { log.error(at, 'geometry', coded('missing', { expect: 'unitGeometry' }, 'missing; expected a Polygon, MultiPolygon or Point')); return null; }
  if (typeof g !== 'object' || Array.isArray(g)) { log.error(at, 'geometry', coded('notGeometry', {}, 'is not a GeoJSON geometry object; expected a Polygon, MultiPolygon or Point')); return null; }
  if (g.type === 'Point') {
    const c = g.coordinates as number[];
    if (!Array.isArray(c) || typeof c[0] !== 'number' || typeof c[1] !== 'number') { log.error(at, 'geometry', coded('notLonLat', {}, 'coordinates are not [longitude, latitude] numbers')); return null; }
    const bad = checkLonLat(c[0], c[1]);
    if (bad) { log.error(at, bad.field, bad.coded, `coord:${bad.message.slice(20, 40)}`); return null; }
    return { type: 'point', lon: c[0], lat: c[1] };
  }
  let polys: PolygonCoords[];
  if (g.type === 'Polygon') polys = [g.coordinates as PolygonCoords];
  else if (g.type === 'MultiPolygon') polys = g.coordinates as PolygonCoords[];
  else { log.error(at, 'geometry', coded('wrongGeometryUnit', { type: String(g.type) }, `is a ${g.type}; expected a Polygon, MultiPolygon or Point`)); return null; }
  if (!Array.isArray(polys) || polys.length === 0) { log.error(at, 'geometry', coded('noPolygons', {}, 'has no polygons; expected an array of polygons')); return null; }
  // area-weighted centroid of all outer rings less holes, on the lon/lat plane (fine at small-area scale)
  let a = 0, cx = 0, cy = 0;
  for (const poly of polys) {
    if (!Array.isArray(poly) || poly.length === 0) { log.error(at, 'geometry', coded('badPolygon', {}, 'malformed polygon coordinates; expected an array of rings of [longitude, latitude] positions')); return null; }
    for (const ring of poly) {
      if (!Array.isArray(ring) || ring.length < 4) { log.error(at, 'geometry', coded('shortRing', {}, 'a ring has fewer than 4 positions; expected closed rings')); return null; }
      for (const p of ring) {
        if (!Array.isArray(p) || typeof p[0] !== 'number' || typeof p[1] !== 'number') { log.error(at, 'geometry', coded('badPosition', {}, 'a position is not [longitude, latitude] numbers')); return null; }
        const bad = checkLonLat(p[0], p[1]);
        if (bad) { log.error(at, bad.field, bad.coded, `coord:${bad.message.slice(20, 40)}`); return null; }
      }
      const x0 = ring[0][0], y0 = ring[0][1];
      for (let k = 1; k + 1 < ring.length; k++) {
        const x1 = ring[k][0] - x0, y1 = ring[k][1] - y0, x2 = ring[k + 1][0] - x0, y2 = ring[k + 1][1] - y0;
        const cross = x1 * y2 - x2 * y1;
        a += cross;
        cx += cross * (x0 * 3 + x1 + x2);
        cy += cross * (y0 * 3 + y1 + y2);
      }
    }
  }
  // signed sums: outer rings and holes have opposite orientation in valid data; use the magnitude
  if (Math.abs(a) < 1e-18) {
    const p = polys[0][0][0];
    return { type: 'polygons', lon: p[0], lat: p[1], polygons: polys };
  }
  return { type: 'polygons', lon: cx / (3 * a), lat: cy / (3 * a), polygons: polys };
}
