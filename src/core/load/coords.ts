import { greatCircleMeters } from '../spatial/sphere';
import { coded, type Coded, type Location, type ProblemLog } from './problems';

/** What is wrong with a lon/lat pair: projected metres, lat/lon exchanged, or out of range. */
export type CoordinateProblemKind = 'projected' | 'swapped' | 'lat_range' | 'lon_range';

/**
 * Checks one lon/lat pair in degrees. Returns null when valid, else the field and a message that
 * says what it looks like instead (swapped, projected metres) and what was expected.
 * @example checkLonLat(55.95, -3.19) // null: valid (lat/lon swaps are caught at file level)
 */
export function checkLonLat(lon: number, lat: number): { field: 'lon' | 'lat'; message: string; kind: CoordinateProblemKind; coded: Coded } | null {
  const r = lonLatProblem(lon, lat);
  return r && { ...r, coded: coded(`coord_${r.kind}`, { lon, lat }, r.message) };
}

function lonLatProblem(lon: number, lat: number): { field: 'lon' | 'lat'; message: string; kind: CoordinateProblemKind } | null {
  const lonOk = lon >= -180 && lon <= 180;
  const latOk = lat >= -90 && lat <= 90;
  if (lonOk && latOk) return null;
  if (Math.abs(lon) > 1000 || Math.abs(lat) > 1000) {
    return {
      field: Math.abs(lon) > 180 ? 'lon' : 'lat',
      kind: 'projected',
      message: `coordinates (${lon}, ${lat}) look like projected metres (e.g. British National Grid or UTM); expected WGS84 longitude/latitude in degrees`,
    };
  }
  if (!latOk && Math.abs(lat) <= 180 && Math.abs(lon) <= 90) {
    return { field: 'lat', kind: 'swapped', message: `latitude ${lat} is outside -90..90 while longitude ${lon} would be a valid latitude: lat and lon look swapped; expected lon = x (east), lat = y (north)` };
  }
  return lonOk
    ? { field: 'lat', kind: 'lat_range', message: `latitude ${lat} is outside -90..90; expected WGS84 degrees` }
    : { field: 'lon', kind: 'lon_range', message: `longitude ${lon} is outside -180..180; expected WGS84 degrees` };
}

export interface BBox { west: number; south: number; east: number; north: number }

export function bboxOf(lon: ArrayLike<number>, lat: ArrayLike<number>): BBox {
  let west = Infinity, south = Infinity, east = -Infinity, north = -Infinity;
  for (let i = 0; i < lon.length; i++) {
    if (lon[i] < west) west = lon[i];
    if (lon[i] > east) east = lon[i];
    if (lat[i] < south) south = lat[i];
    if (lat[i] > north) north = lat[i];
  }
  return { west, south, east, north };
}

/** Great-circle distance in km from a point to the nearest point of a bbox (0 inside). */
export function kmOutside(b: BBox, lon: number, lat: number): number {
  const cLon = Math.min(Math.max(lon, b.west), b.east), cLat = Math.min(Math.max(lat, b.south), b.north);
  return greatCircleMeters(lon, lat, cLon, cLat) / 1000;
}

/** Latitudes beyond these have next to no schools (Antarctica; north of 72°N a handful of settlements). */
const NO_SCHOOLS_SOUTH_OF = -60, NO_SCHOOLS_NORTH_OF = 72;

/**
 * The coordinate checks of a points file (one point per row or feature), reported per file: a
 * problem on most rows (every row in metres, out of range, 0,0, or longitude and latitude
 * exchanged) is one error with the count and an example, not one per row; a problem on a few rows
 * is reported per row (at most 20 of a kind, then a count).
 * @example const c = new CoordinateChecks('csv'); if (!c.check({ row: 2 }, lon, lat)) ...; c.finish(log)
 */
export class CoordinateChecks {
  private readonly points: { at: Location; lon: number; lat: number; bad: ReturnType<typeof checkLonLat> }[] = [];
  /** @param what what each point is, for messages ('school') */
  constructor(private readonly kind: 'csv' | 'geojson', private readonly what = 'school') {}

  /** Records a point read from the file; false when it is not a valid lon/lat (reported by `finish`). */
  check(at: Location, lon: number, lat: number): boolean {
    const bad = checkLonLat(lon, lat);
    this.points.push({ at, lon, lat, bad });
    return !bad;
  }

  /** Adds the problems found to `log`. Call once, after every row. */
  finish(log: ProblemLog): void {
    const m = this.points.length;
    const rows = this.kind === 'csv' ? 'rows' : 'features';
    const where = (at: Location) => (at.row !== undefined ? `row ${at.row}` : `feature ${at.feature}`);
    const most = (n: number) => n >= 2 && n > m / 2;
    const done = new Set<number>();

    // lat/lon exchanged: latitudes out of range, or beyond 60° where the longitudes are not
    const swapped: number[] = [];
    let certain = 0;
    this.points.forEach((p, k) => {
      const beyond = !p.bad && Math.abs(p.lat) > 60 && Math.abs(p.lon) <= 60;
      if (p.bad?.kind === 'swapped' || beyond) {
        swapped.push(k);
        if (p.bad || p.lat < NO_SCHOOLS_SOUTH_OF || p.lat > NO_SCHOOLS_NORTH_OF) certain++;
      }
    });
    if (most(swapped.length)) {
      const e = this.points[swapped[0]];
      const fix = this.kind === 'csv' ? 'swap the columns' : 'write each point as [longitude, latitude]';
      if (certain > swapped.length / 2) {
        log.error({}, 'lon/lat', coded(`coordFile_swapped_${this.kind}`, { count: swapped.length, total: m, ...place(e.at), lon: e.lon, lat: e.lat }, `longitude and latitude look swapped in ${swapped.length} of ${m} ${rows} (e.g. ${where(e.at)}: lon ${e.lon}, lat ${e.lat}); ${fix}`), 'coord:swapped-file');
        for (const k of swapped) done.add(k);
      } else {
        log.warning({}, 'lon/lat', coded(`coordFile_maybeSwapped_${this.kind}`, { count: swapped.length, total: m, ...place(e.at), lon: e.lon, lat: e.lat, what: this.what }, `latitude is beyond 60° while longitude is within 60° in ${swapped.length} of ${m} ${rows} (e.g. ${where(e.at)}: lon ${e.lon}, lat ${e.lat}): longitude and latitude may be swapped; ${fix} unless the ${this.what}s really are this far north`), 'coord:swapped-file');
      }
    }

    const byKind = new Map<string, number[]>();
    this.points.forEach((p, k) => {
      if (done.has(k)) return;
      const kind = p.bad?.kind ?? (p.lon === 0 && p.lat === 0 ? 'zero' : null);
      if (kind) { const a = byKind.get(kind); if (a) a.push(k); else byKind.set(kind, [k]); }
    });
    const zero = byKind.get('zero') ?? [];
    // one school at 0,0 may be a real place; several are missing locations written as zeros
    if (zero.length < 2) byKind.delete('zero');
    for (const [kind, ks] of byKind) {
      const e = this.points[ks[0]];
      if (most(ks.length)) {
        const of = `in ${ks.length} of ${m} ${rows}`;
        const message =
          kind === 'projected' ? `coordinates look like projected metres (e.g. British National Grid or UTM) ${of} (e.g. ${where(e.at)}: ${e.lon}, ${e.lat}); expected WGS84 longitude/latitude in degrees: reproject the file`
          : kind === 'swapped' ? `latitude is outside -90..90 while longitude would be a valid latitude ${of} (e.g. ${where(e.at)}: lon ${e.lon}, lat ${e.lat}): lat and lon look swapped; expected lon = x (east), lat = y (north)`
          : kind === 'lat_range' ? `latitude is outside -90..90 ${of} (e.g. ${where(e.at)}: lat ${e.lat}); expected WGS84 degrees`
          : kind === 'lon_range' ? `longitude is outside -180..180 ${of} (e.g. ${where(e.at)}: lon ${e.lon}); expected WGS84 degrees`
          : `coordinates are 0, 0 ${of} (e.g. ${where(e.at)}): missing locations written as zeros?; expected each ${this.what}'s longitude and latitude`;
        log.error({}, kind === 'lon_range' ? 'lon' : kind === 'lat_range' ? 'lat' : 'lon/lat', coded(`coordFile_${kind}_${this.kind}`, { count: ks.length, total: m, ...place(e.at), lon: e.lon, lat: e.lat, what: this.what }, message), `coord:${kind}-file`);
      } else {
        for (const k of ks) {
          const p = this.points[k];
          if (p.bad) log.error(p.at, p.bad.field, p.bad.coded, `${p.bad.field}:coord-${kind}`);
          else log.error(p.at, 'lon/lat', coded(`coordZero_${this.kind}`, { count: zero.length, what: this.what }, `coordinates are 0, 0, as in ${zero.length} ${rows} of this file: a missing location written as zeros?; expected the ${this.what}'s longitude and latitude`), 'lon/lat:coord-zero');
        }
      }
    }
  }
}

/** The example's place as parameters: `at` and whether it is a row or a feature. */
function place(at: Location): Record<string, number> {
  return at.row !== undefined ? { at: at.row } : { at: at.feature ?? 0 };
}
