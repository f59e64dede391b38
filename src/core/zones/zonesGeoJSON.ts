import type { LevelAssignment } from '../catchment/assignNearest';
import type { Schools, Units } from '../model';
import { dissolveUnits } from './dissolveUnits';

export interface ZoneFeature {
  type: 'Feature';
  properties: { school_id: string; school_name: string; level: string; children: number; units: number };
  geometry: { type: 'MultiPolygon'; coordinates: number[][][][] };
}

/**
 * One dissolved MultiPolygon per school and level: the union of the units assigned to it.
 * @example zonesGeoJSON(schools, units, result.assignments).features.length
 */
export function zonesGeoJSON(schools: Schools, units: Units, assignments: LevelAssignment[]): { type: 'FeatureCollection'; features: ZoneFeature[] } {
  const features: ZoneFeature[] = [];
  for (const a of assignments) {
    const children = new Float64Array(schools.count), count = new Uint32Array(schools.count);
    const ch = units.childrenByLevel[a.level];
    for (let u = 0; u < units.count; u++) {
      const s = a.schoolByUnit[u];
      if (s === a.noSchool) continue;
      children[s] += ch[u];
      count[s]++;
    }
    const zones = dissolveUnits(units, a.schoolByUnit, a.noSchool);
    for (const [s, coordinates] of [...zones].sort((x, y) => x[0] - y[0])) {
      features.push({
        type: 'Feature',
        properties: { school_id: schools.ids[s], school_name: schools.names[s], level: a.level, children: Math.round(children[s] * 100) / 100, units: count[s] },
        geometry: { type: 'MultiPolygon', coordinates },
      });
    }
  }
  return { type: 'FeatureCollection', features };
}
