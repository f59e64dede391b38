import type { Schools, Units } from '../model';
import { bboxOf, kmOutside } from './coords';
import { coded, parts, type Coded, type Problem } from './problems';

/** Schools farther than this outside the population's extent are reported. */
const FAR_OUTSIDE_KM = 10;
/** Schools named one by one before the rest are counted. */
const LISTED = 20;

/**
 * Checks that belong to the pair of files: schools far outside the population extent (warning, once
 * with a count when it is most of them), or most schools outside but inside once lat/lon are
 * swapped (one error with the count and an example).
 * @example crossCheck('schools.csv', schools, units)
 */
export function crossCheck(schoolsFile: string, schools: Schools, units: Units): Problem[] {
  if (schools.count === 0 || units.count === 0) return [];
  const box = bboxOf(units.lon, units.lat);
  const out: Problem[] = [];
  const far: { s: number; km: number }[] = [];
  const swapped: number[] = [];
  for (let s = 0; s < schools.count; s++) {
    const km = kmOutside(box, schools.lon[s], schools.lat[s]);
    if (km <= FAR_OUTSIDE_KM) continue;
    if (Math.abs(schools.lon[s]) <= 90 && kmOutside(box, schools.lat[s], schools.lon[s]) <= FAR_OUTSIDE_KM) swapped.push(s);
    else far.push({ s, km });
  }
  const m = schools.count;
  const school = (s: number) => `school "${schools.ids[s]}" (${schools.names[s]})`;
  const named = (s: number) => ({ id: schools.ids[s], name: schools.names[s] });
  const add = (severity: Problem['severity'], message: Coded) => out.push({ severity, file: schoolsFile, field: 'lon/lat', ...parts(message) });
  if (swapped.length > m / 2) {
    const e = swapped[0];
    add('error', m === 1
      ? coded('crossSwappedOnly', {}, 'every school lies outside the population area, and 1 would lie inside with longitude and latitude exchanged: lat/lon look swapped; expected lon = x (east), lat = y (north)')
      : coded('crossSwapped', { count: swapped.length, total: m, ...named(e), lon: schools.lon[e], lat: schools.lat[e] }, `longitude and latitude look swapped in ${swapped.length} of ${m} schools (e.g. ${school(e)}: lon ${schools.lon[e]}, lat ${schools.lat[e]}): they lie outside the population area and would lie inside with the two exchanged; swap the columns`));
    return out;
  }
  // a few swapped schools: named one by one, with the likely cause
  for (const s of swapped.slice(0, LISTED)) {
    const km = Math.round(kmOutside(box, schools.lon[s], schools.lat[s]));
    add('warning', coded('crossSwappedSchool', { ...named(s), km }, `${school(s)} lies ${km} km outside the population extent, and inside with longitude and latitude exchanged: swapped?`));
  }
  if (far.length >= 2 && far.length > m / 2) {
    const e = far[0];
    add('warning', coded('crossFarMost', { count: far.length, total: m, limit: FAR_OUTSIDE_KM, ...named(e.s), km: Math.round(e.km) }, `${far.length} of ${m} schools lie more than ${FAR_OUTSIDE_KM} km outside the population extent (e.g. ${school(e.s)}, ${Math.round(e.km)} km): do the two files cover the same area?`));
    return out;
  }
  for (const { s, km } of far.slice(0, LISTED)) {
    add('warning', coded('crossFar', { ...named(s), km: Math.round(km) }, `${school(s)} lies ${Math.round(km)} km outside the population extent`));
  }
  const more = Math.max(0, swapped.length - LISTED) + Math.max(0, far.length - LISTED);
  if (more > 0) add('warning', coded('crossFarMore', { count: more }, `... and ${more} more schools far outside the population extent`));
  return out;
}
