import { greatCircleMeters } from '../spatial/sphere';

/**
 * Checks one lon/lat pair in degrees. Returns null when valid, else the field and a message that
 * says what it looks like instead (swapped, projected metres) and what was expected.
 * @example checkLonLat(55.95, -3.19) // null: valid (lat/lon swaps are caught at file level)
 */
export function checkLonLat(lon: number, lat: number): { field: 'lon' | 'lat'; message: string } | null {
  const lonOk = lon >= -180 && lon <= 180;
  const latOk = lat >= -90 && lat <= 90;
  if (lonOk && latOk) return null;
  if (Math.abs(lon) > 1000 || Math.abs(lat) > 1000) {
    return {
      field: Math.abs(lon) > 180 ? 'lon' : 'lat',
      message: `coordinates (${lon}, ${lat}) look like projected metres (e.g. British National Grid or UTM); expected WGS84 longitude/latitude in degrees`,
    };
  }
  if (!latOk && Math.abs(lat) <= 180 && Math.abs(lon) <= 90) {
    return { field: 'lat', message: `latitude ${lat} is outside -90..90 while longitude ${lon} would be a valid latitude: lat and lon look swapped; expected lon = x (east), lat = y (north)` };
  }
  return lonOk
    ? { field: 'lat', message: `latitude ${lat} is outside -90..90; expected WGS84 degrees` }
    : { field: 'lon', message: `longitude ${lon} is outside -180..180; expected WGS84 degrees` };
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
