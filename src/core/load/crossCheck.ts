import type { Schools, Units } from '../model';
import { bboxOf, kmOutside } from './coords';
import type { Problem } from './problems';

/** Schools farther than this outside the population's extent are reported. */
const FAR_OUTSIDE_KM = 10;

/**
 * Checks that belong to the pair of files: schools far outside the population extent (warning),
 * or all schools outside but inside once lat/lon are swapped (error).
 * @example crossCheck('schools.csv', schools, units)
 */
export function crossCheck(schoolsFile: string, schools: Schools, units: Units): Problem[] {
  if (schools.count === 0 || units.count === 0) return [];
  const box = bboxOf(units.lon, units.lat);
  const out: Problem[] = [];
  let outside = 0, swappedInside = 0;
  for (let s = 0; s < schools.count; s++) {
    if (kmOutside(box, schools.lon[s], schools.lat[s]) > FAR_OUTSIDE_KM) {
      outside++;
      if (kmOutside(box, schools.lat[s], schools.lon[s]) <= FAR_OUTSIDE_KM) swappedInside++;
    }
  }
  if (outside === schools.count && swappedInside > schools.count / 2) {
    out.push({ severity: 'error', file: schoolsFile, field: 'lon/lat', message: `every school lies outside the population area, and ${swappedInside} would lie inside with longitude and latitude exchanged: lat/lon look swapped; expected lon = x (east), lat = y (north)` });
    return out;
  }
  let listed = 0;
  for (let s = 0; s < schools.count; s++) {
    const km = kmOutside(box, schools.lon[s], schools.lat[s]);
    if (km > FAR_OUTSIDE_KM && listed++ < 20) {
      out.push({ severity: 'warning', file: schoolsFile, field: 'lon/lat', message: `school "${schools.ids[s]}" (${schools.names[s]}) lies ${Math.round(km)} km outside the population extent` });
    }
  }
  if (listed > 20) out.push({ severity: 'warning', file: schoolsFile, field: 'lon/lat', message: `... and ${listed - 20} more schools far outside the population extent` });
  return out;
}
