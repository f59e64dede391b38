import { pointInPolygon as inPolygon } from '../spatial/pointInPolygon';
import Flatbush from 'flatbush';
import type { LevelAssignment } from '../catchment/assignNearest';
import { type Problem } from '../load/problems';
import { unitId, type PolygonCoords, type Schools, type Units } from '../model';
import { normalizeName } from '../load/table';
import type { PlanLevel } from './plan';

const ID_FIELDS = ['school_id', 'seed_code', 'id', 'code', 'school_code', 'de_ref', 'urn'];
const NAME_FIELDS = ['school_name', 'name', 'school'];

/** One zone of an imported file and the school it was matched to (null: the planner must choose). */
export interface ImportedZone {
  index: number;
  label: string;
  school: string | null;
  matchedBy: 'id' | 'name' | 'planner' | null;
  /** close school names for an unmatched zone, best first */
  suggestions: string[];
}

export interface ZoneImport {
  zones: ImportedZone[];
  /** zone index by unit (-1 outside every zone), by the unit's representative point */
  zoneByUnit: Int32Array;
  unitsOutside: number;
  problems: Problem[];
}

/** Words that say what a school is rather than which one: ignored when names are compared. */
const GENERIC = new Set(['primary', 'school', 'ps', 'high', 'secondary', 'academy', 'the', 'rc', 'nursery', 'community', 'junior', 'middle', 'and', 'of']);
const tokens = (s: string) => normalizeName(s).replace(/[^a-z0-9_\u00c0-\uffff]/g, '_').split('_').filter((t) => t && !GENERIC.has(t));

function similarity(a: string, b: string): number {
  const ta = new Set(tokens(a)), tb = new Set(tokens(b));
  if (!ta.size || !tb.size) return 0;
  let common = 0;
  for (const t of ta) if (tb.has(t)) common++;
  return common / (ta.size + tb.size - common);
}

/**
 * Reads existing attendance zones (GeoJSON polygons with a school id or name) and places every unit
 * in the zone containing its point. Zones are matched to schools by id, then by name; the rest are
 * listed with close-name suggestions for the planner to map by hand — never dropped silently.
 * @example const imp = importZones(fc, 'zones.geojson', schools, units); imp.zones.filter(z => !z.school)
 */
export function importZones(fc: { features?: { properties?: Record<string, unknown> | null; geometry?: { type: string; coordinates: unknown } | null }[] }, file: string, schools: Schools, units: Units): ZoneImport {
  const problems: Problem[] = [];
  const features = Array.isArray(fc?.features) ? fc.features : [];
  if (!features.length) problems.push({ severity: 'error', file, message: 'no features; expected a GeoJSON FeatureCollection of zone polygons' });
  const names = new Map<string, string>();
  schools.names.forEach((n, i) => names.set(normalizeName(n), schools.ids[i]));
  const zones: ImportedZone[] = [];
  const polys: PolygonCoords[][] = [];
  features.forEach((f, index) => {
    const g = f?.geometry;
    const props = f?.properties ?? {};
    const lower = new Map(Object.entries(props).map(([k, v]) => [normalizeName(k), v]));
    const idField = ID_FIELDS.find((k) => lower.get(k) !== undefined && lower.get(k) !== null && schools.indexById.has(String(lower.get(k))));
    const nameValue = NAME_FIELDS.map((k) => lower.get(k)).find((v) => typeof v === 'string') as string | undefined;
    const label = nameValue ?? String(ID_FIELDS.map((k) => lower.get(k)).find((v) => v !== undefined) ?? `zone ${index}`);
    let school: string | null = null, matchedBy: ImportedZone['matchedBy'] = null;
    if (idField) { school = String(lower.get(idField)); matchedBy = 'id'; }
    else if (nameValue && names.has(normalizeName(nameValue))) { school = names.get(normalizeName(nameValue))!; matchedBy = 'name'; }
    const suggestions = school ? [] : schools.ids
      .map((id, i) => ({ id, score: similarity(label, schools.names[i]) }))
      .filter((x) => x.score > 0).sort((a, b) => b.score - a.score).slice(0, 3).map((x) => x.id);
    zones.push({ index, label, school, matchedBy, suggestions });
    if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) {
      problems.push({ severity: 'error', file, feature: index, field: 'geometry', message: `is ${g ? `a ${g.type}` : 'missing'}; expected a Polygon or MultiPolygon zone` });
      polys.push([]);
    } else polys.push(g.type === 'Polygon' ? [g.coordinates as PolygonCoords] : (g.coordinates as PolygonCoords[]));
  });
  const zoneByUnit = new Int32Array(units.count).fill(-1);
  let unitsOutside = 0;
  if (polys.some((p) => p.length)) {
    const index = new Flatbush(polys.length);
    for (const p of polys) {
      let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
      for (const poly of p) for (const [x, y] of poly[0] ?? []) { w = Math.min(w, x); e = Math.max(e, x); s = Math.min(s, y); n = Math.max(n, y); }
      index.add(w, s, e, n);
    }
    index.finish();
    for (let u = 0; u < units.count; u++) {
      const x = units.lon[u], y = units.lat[u];
      // overlapping zones (the source's own slivers): the first listed zone wins, deterministically
      const hits = index.search(x, y, x, y).sort((a, b) => a - b);
      const z = hits.find((k) => polys[k].some((poly) => inPolygon(x, y, poly)));
      if (z === undefined) unitsOutside++; else zoneByUnit[u] = z;
    }
  }
  return { zones, zoneByUnit, unitsOutside, problems };
}


/**
 * The plan level that reproduces imported zones: units whose zone's school differs from their
 * nearest get an override; units outside every zone or in unmatched zones stay with their nearest.
 */
export function planLevelFromZones(
  imp: { zones: { school: string | null }[]; zoneByUnit: Int32Array }, nearest: Pick<LevelAssignment, 'schoolByUnit'>,
  schools: { ids: string[] }, units: { count: number; ids: string[] | null },
): PlanLevel {
  const overrides: Record<string, string> = {};
  const indexById = new Map(schools.ids.map((id, i) => [id, i]));
  for (let u = 0; u < units.count; u++) {
    const z = imp.zoneByUnit[u];
    const id = z >= 0 ? imp.zones[z].school : null;
    if (!id) continue;
    const s = indexById.get(id);
    if (s === undefined || s === nearest.schoolByUnit[u]) continue;
    overrides[unitId(units, u)] = id;
  }
  return { overrides, lockedUnits: [], lockedSchools: [] };
}
