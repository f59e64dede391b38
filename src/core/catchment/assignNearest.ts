import { asSchoolIndex, type LevelAssignment, type Meters, type SchoolIndex, type Schools, type Units } from '../model';
import { levelsServed, type Settings } from '../settings/settings';
import { buildNearestSiteIndex, nearestSite, type SiteIndex } from '../spatial/nearestSiteIndex';
import { chord2ToMeters } from '../spatial/sphere';

// the assignment type lives with the data model: statistics read it without depending on this module
export type { LevelAssignment } from '../model';

/** Schools that take part in nearest-school assignment for a level: open, zoned, serving it. */
export function candidateSchools(schools: Schools, settings: Settings, level: string): SchoolIndex[] {
  const out: SchoolIndex[] = [];
  for (let s = 0; s < schools.count; s++) {
    if (schools.status[s] !== 'open') continue;
    if (levelsServed(settings, schools.types[s]).includes(level)) out.push(asSchoolIndex(s));
  }
  return out;
}

export function allocateSchoolByUnit(schoolCount: number, unitCount: number): { array: Uint16Array | Uint32Array; noSchool: number } {
  return schoolCount < 0xffff
    ? { array: new Uint16Array(unitCount).fill(0xffff), noSchool: 0xffff }
    : { array: new Uint32Array(unitCount).fill(0xffffffff), noSchool: 0xffffffff };
}

/**
 * Assigns every unit to its nearest candidate school for `level` by great-circle distance,
 * ties broken by the lower school id. Exact: identical to a scan over all candidates.
 * @param units population units (only lon/lat are read)
 * @param candidates school indices allowed for this level (see `candidateSchools`)
 * @example assignNearest(units, schools, candidateSchools(schools, settings, 'primary'), 'primary')
 */
export function assignNearest(units: Units, schools: Schools, candidates: SchoolIndex[], level: string): LevelAssignment {
  const { array: schoolByUnit, noSchool } = allocateSchoolByUnit(schools.count, units.count);
  const distanceByUnit = new Float32Array(units.count).fill(NaN);
  if (candidates.length === 0) return { level, schoolByUnit, noSchool, distanceByUnit };
  // local bindings: module-namespace getters (tsx/CommonJS interop) cost more than the search itself
  const toMeters = chord2ToMeters, walk = nearestSite;
  const index = buildNearestSiteIndex(schools.lon, schools.lat, candidates);
  const { xyz, schoolBySite, safeRadius2BySite: safeRadius2 } = index;
  const { lon, lat } = units;
  const DEG = Math.PI / 180;
  // row-major lattices repeat each longitude one row later: reuse its cos/sin
  const period = units.geometry.kind === 'lattice' ? units.geometry.lattice.cols : 0;
  const lonTrig = new Float64Array(period * 2);
  let prevLat = NaN, cosLat = 0, sinLat = 0, cosLon = 0, sinLon = 0;
  let site = 0 as SiteIndex;
  // anchor: last query whose answer was verified, and half its gap to the runner-up (squared)
  let ax = 0, ay = 0, az = 0, anchorReach2 = -1;
  const margin = new Float64Array(1);
  for (let u = 0, slot = 0; u < units.count; u++) {
    const la = lat[u];
    if (la !== prevLat) { prevLat = la; cosLat = Math.cos(la * DEG); sinLat = Math.sin(la * DEG); }
    if (period > 0) {
      if (u >= period && lon[u] === lon[u - period]) { cosLon = lonTrig[slot]; sinLon = lonTrig[slot + 1]; }
      else { const lo = lon[u] * DEG; cosLon = Math.cos(lo); sinLon = Math.sin(lo); lonTrig[slot] = cosLon; lonTrig[slot + 1] = sinLon; }
      slot += 2;
      if (slot === lonTrig.length) slot = 0;
    } else {
      const lo = lon[u] * DEG; cosLon = Math.cos(lo); sinLon = Math.sin(lo);
    }
    const qx = cosLat * cosLon, qy = cosLat * sinLon, qz = sinLat;
    let ex = xyz[site * 3] - qx, ey = xyz[site * 3 + 1] - qy, ez = xyz[site * 3 + 2] - qz;
    let d2 = ex * ex + ey * ey + ez * ez;
    // two certificates that the previous answer still holds, cheapest first:
    // inside the ball of half the distance to the site's nearest neighbour site, or within
    // half the verified runner-up gap of the last walked query (triangle inequality)
    if (d2 >= safeRadius2[site]) {
      ex = qx - ax; ey = qy - ay; ez = qz - az;
      if (ex * ex + ey * ey + ez * ez >= anchorReach2) {
        const before = site;
        site = walk(index, qx, qy, qz, site, margin);
        const reach = margin[0] - 1e-12;
        anchorReach2 = reach > 0 ? reach * reach : -1;
        ax = qx; ay = qy; az = qz;
        if (site !== before) {
          ex = xyz[site * 3] - qx; ey = xyz[site * 3 + 1] - qy; ez = xyz[site * 3 + 2] - qz;
          d2 = ex * ex + ey * ey + ez * ez;
        }
      }
    }
    schoolByUnit[u] = schoolBySite[site];
    distanceByUnit[u] = toMeters(d2) as Meters;
  }
  return { level, schoolByUnit, noSchool, distanceByUnit };
}

/**
 * Reference implementation: scans every candidate for every unit. Used by tests to prove
 * `assignNearest` exact, and by the benchmark as a baseline. O(units x schools).
 */
export function assignNearestByScan(units: Units, schools: Schools, candidates: SchoolIndex[], level: string): LevelAssignment {
  const { array: schoolByUnit, noSchool } = allocateSchoolByUnit(schools.count, units.count);
  const distanceByUnit = new Float32Array(units.count).fill(NaN);
  const sv = new Float64Array(candidates.length * 3);
  const DEG = Math.PI / 180;
  candidates.forEach((s, i) => {
    const c = Math.cos(schools.lat[s] * DEG);
    sv[i * 3] = c * Math.cos(schools.lon[s] * DEG);
    sv[i * 3 + 1] = c * Math.sin(schools.lon[s] * DEG);
    sv[i * 3 + 2] = Math.sin(schools.lat[s] * DEG);
  });
  for (let u = 0; u < units.count; u++) {
    const c = Math.cos(units.lat[u] * DEG);
    const qx = c * Math.cos(units.lon[u] * DEG), qy = c * Math.sin(units.lon[u] * DEG), qz = Math.sin(units.lat[u] * DEG);
    let best = -1, bestM = Infinity;
    for (let i = 0; i < candidates.length; i++) {
      const dx = sv[i * 3] - qx, dy = sv[i * 3 + 1] - qy, dz = sv[i * 3 + 2] - qz;
      const m = chord2ToMeters(dx * dx + dy * dy + dz * dz);
      if (m < bestM || (m === bestM && candidates[i] < candidates[best])) { best = i; bestM = m; }
    }
    schoolByUnit[u] = candidates[best];
    distanceByUnit[u] = bestM;
  }
  return { level, schoolByUnit, noSchool, distanceByUnit };
}
