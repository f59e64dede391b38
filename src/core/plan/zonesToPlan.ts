import { pointInPolygon as inPolygon } from '../spatial/pointInPolygon';
import Flatbush from 'flatbush';
import type { LevelAssignment } from '../catchment/assignNearest';
import { coded, parts, type Problem } from '../load/problems';
import { unitId, type PolygonCoords, type Schools, type Units } from '../model';
import { normalizeName } from '../load/table';
import { matchSchool, schoolNameIndex, suggestSchools, type MatchRule, type NameMatch, type SchoolNameIndex } from './matchSchoolNames';
import type { PlanLevel } from './plan';

const ID_FIELDS = ['school_id', 'seed_code', 'id', 'code', 'school_code', 'de_ref', 'urn'];
const NAME_FIELDS = ['school_name', 'name', 'school'];

/** One zone of an imported file and the school it was matched to (null: the planner must choose). */
export interface ImportedZone {
  index: number;
  /** the zone's name from the file, else "zone N" (the CLI prints it; the app says it per language) */
  label: string;
  /** false when the file gives the zone no name and `label` is the made-up "zone N" */
  named: boolean;
  school: string | null;
  matchedBy: 'id' | 'name' | 'planner' | null;
  /** how it matched: id, exact name, normalised name, name without a suffix such as "Primary School", initials */
  rule: MatchRule | null;
  /** the property whose value matched (the zone field, or the label field for a zone the zone field left unmatched) */
  field: string | null;
  /** why an unmatched zone is unmatched: several schools match equally well, or none does */
  why: 'ambiguous' | 'none' | null;
  /** close school names for an unmatched zone, best first (schools tied for an ambiguous match first) */
  suggestions: string[];
}

/** How well one property of the zones names schools. */
export interface ZoneFieldScore {
  field: string;
  /** zones whose value matches a school, by id and by name (exact, normalised, suffix, initials) */
  matched: number;
  byId: number;
  byName: number;
  /** matched / zones */
  score: number;
}

/** The property used to match zones to schools, and why. */
export interface ZoneFieldChoice {
  /** null: no feature has a property with a value */
  field: string | null;
  /** 'option': given by the caller; 'detected': the best-scoring property */
  how: 'option' | 'detected' | 'none';
  zones: number;
  matched: number;
  byId: number;
  byName: number;
  score: number;
  /** where the zones' labels come from (a name-like property when the zone field holds ids) */
  labelField: string | null;
  /** zones the detected field left unmatched that matched by the label field's name */
  matchedByLabel: number;
  /** every property with a value, best first */
  candidates: ZoneFieldScore[];
  /** one line for the app and the CLI, e.g. zone field "seed_code" (detected): 72 of 73 zones match a school (72 by id) */
  summary: string;
}

export interface ZoneImport {
  zones: ImportedZone[];
  /** zone index by unit (-1 outside every zone), by the unit's representative point */
  zoneByUnit: Int32Array;
  unitsOutside: number;
  problems: Problem[];
  field: ZoneFieldChoice;
}

export interface ImportZonesOptions {
  /** the property holding each zone's school id or name (any case); detected when not given */
  zoneField?: string;
  /**
   * school types preferred among equally good name matches (e.g. the types serving the zones'
   * level); by default the types that most of the file's zones match
   */
  preferTypes?: string[];
}

type ZoneFeatures = { features?: { properties?: Record<string, unknown> | null; geometry?: { type: string; coordinates: unknown } | null }[] };

const hasValue = (v: unknown) => (typeof v === 'string' && v.trim() !== '') || (typeof v === 'number' && Number.isFinite(v));

/**
 * Matches every value; without given types, prefers the types of most schools the values name
 * with their kind ("Dalry Primary", not "Leith") when a name fits schools of several kinds.
 */
function matchValues(values: unknown[], index: SchoolNameIndex, types: string[], preferTypes: string[] | undefined): NameMatch[] {
  if (preferTypes?.length) return values.map((v) => matchSchool(index, v, new Set(preferTypes)));
  const first = values.map((v) => matchSchool(index, v));
  const counts = new Map<string, number>();
  let n = 0;
  for (const m of first) if (m.school !== null && !m.inferred) { n++; counts.set(types[m.school], (counts.get(types[m.school]) ?? 0) + 1); }
  const prefer = new Set([...counts].filter(([, c]) => n >= 2 && c / n >= 0.25).map(([t]) => t));
  return prefer.size ? values.map((v) => matchSchool(index, v, prefer)) : first;
}

function scoreOf(field: string, matches: NameMatch[]): ZoneFieldScore {
  let matched = 0, byId = 0;
  for (const m of matches) if (m.school !== null) { matched++; if (m.rule === 'id') byId++; }
  return { field, matched, byId, byName: matched - byId, score: matches.length ? matched / matches.length : 0 };
}

const knownRank = (field: string) => {
  const k = [...ID_FIELDS, ...NAME_FIELDS].indexOf(normalizeName(field));
  return k < 0 ? Infinity : k;
};
/**
 * Between properties matching as many zones: a known id column (seed_code, urn...) first, then one
 * matching by name, then other ids (a running number such as OBJECTID can equal short ids by chance).
 */
const trust = (c: ZoneFieldScore) => (ID_FIELDS.includes(normalizeName(c.field)) && c.byId > 0 ? 2 : c.byName >= c.byId ? 1 : 0);

/**
 * Reads existing attendance zones (GeoJSON polygons with a school id or name) and places every unit
 * in the zone containing its point. The property naming each zone's school is `options.zoneField`,
 * or the property whose values match the most schools (by id or by name, as `matchSchool` does;
 * ties to a known id column, then to names); `field` says which and its score. Zones a detected id field leaves unmatched are
 * tried by the name in their label field (stale ids). Names match through case, accents, punctuation,
 * abbreviations ("Int'l", "St", "HS", "RC"...) and designations dropped on either side ("Broughton
 * High" = "Broughton High School") when one school is best; the rest are listed with up to three
 * suggestions for the planner to map by hand — never dropped silently.
 * @example const imp = importZones(fc, 'zones.geojson', schools, units, { zoneField: 'SCHOOL' }); imp.field.summary; imp.zones.filter(z => !z.school)
 */
export function importZones(fc: ZoneFeatures, file: string, schools: Schools, units: Units, options: ImportZonesOptions = {}): ZoneImport {
  const problems: Problem[] = [];
  const features = Array.isArray(fc?.features) ? fc.features : [];
  if (!features.length) problems.push({ severity: 'error', file, ...parts(coded('zonesNone', {}, 'no features; expected a GeoJSON FeatureCollection of zone polygons')) });
  const names = schoolNameIndex(schools);
  const props = features.map((f) => (f?.properties && typeof f.properties === 'object' ? f.properties : {}));
  const keys: string[] = [];
  for (const p of props) for (const [k, v] of Object.entries(p)) if (hasValue(v) && !keys.includes(k)) keys.push(k);

  const matchesByKey = new Map<string, NameMatch[]>();
  const matchesOf = (k: string) => {
    let m = matchesByKey.get(k);
    if (!m) matchesByKey.set(k, (m = matchValues(props.map((p) => p[k]), names, schools.types, options.preferTypes)));
    return m;
  };
  const candidates = keys.map((k, order) => ({ ...scoreOf(k, matchesOf(k)), order }))
    .sort((a, b) => b.matched - a.matched || trust(b) - trust(a) || knownRank(a.field) - knownRank(b.field) || a.order - b.order)
    .map(({ order: _, ...c }) => c);

  let field: string | null = null, how: ZoneFieldChoice['how'] = 'none';
  if (options.zoneField !== undefined) {
    const want = options.zoneField;
    const allKeys = [...new Set(props.flatMap((p) => Object.keys(p)))];
    field = allKeys.find((k) => k === want) ?? allKeys.find((k) => normalizeName(k) === normalizeName(want)) ?? null;
    if (field === null) {
      problems.push({ severity: 'error', file, field: want, ...parts(coded(allKeys.length ? 'zoneFieldMissingKeys' : 'zoneFieldMissing', { keys: allKeys.join(', ') }, `no zone has this property; expected the property holding each zone's school id or name${allKeys.length ? ` (the zones have ${allKeys.join(', ')})` : ''}`)) });
    } else how = 'option';
  } else if (candidates.length) { field = candidates[0].field; how = 'detected'; }
  const chosen: ZoneFieldScore = field !== null ? candidates.find((c) => c.field === field) ?? scoreOf(field, matchesOf(field)) : { field: '', matched: 0, byId: 0, byName: 0, score: 0 };

  // labels (and a second chance for zones the id field leaves unmatched) from a name-like property
  let labelField: string | null = field;
  if (field === null || chosen.byId > chosen.byName) {
    const byName = candidates.filter((c) => c.field !== field && c.byName > 0).sort((a, b) => b.byName - a.byName)[0];
    labelField = byName?.field ?? keys.find((k) => NAME_FIELDS.includes(normalizeName(k)) && k !== field) ?? field;
  }
  const own = field !== null ? matchesOf(field) : props.map((): NameMatch => ({ school: null, rule: null, why: 'none', tied: [] }));
  const second = how === 'detected' && labelField !== null && labelField !== field ? matchesOf(labelField) : null;
  let matchedByLabel = 0;
  const suggested = new Map<string, string[]>();
  const suggest = (label: string, tied: number[]) => {
    if (tied.length) return suggestSchools(names, label, 3, tied).map((s) => schools.ids[s]);
    let ids = suggested.get(label);
    if (!ids) suggested.set(label, (ids = suggestSchools(names, label, 3).map((s) => schools.ids[s])));
    return [...ids];
  };

  const zones: ImportedZone[] = [];
  const polys: PolygonCoords[][] = [];
  features.forEach((f, index) => {
    const g = f?.geometry;
    const p = props[index];
    const text = (k: string | null) => (k !== null && hasValue(p[k]) ? String(p[k]).trim() : null);
    const given = text(labelField) ?? text(field);
    const label = given ?? `zone ${index}`, named = given !== null;
    let m = own[index], from = field;
    if (m.school === null && second && second[index].school !== null) { m = second[index]; from = labelField; matchedByLabel++; }
    if (m.school !== null) {
      zones.push({ index, label, named, school: schools.ids[m.school], matchedBy: m.rule === 'id' ? 'id' : 'name', rule: m.rule, field: from, why: null, suggestions: [] });
    } else {
      const alt = second?.[index];
      const tied = m.why === 'ambiguous' ? m.tied : alt && alt.school === null && alt.why === 'ambiguous' ? alt.tied : [];
      zones.push({ index, label, named, school: null, matchedBy: null, rule: null, field: null, why: tied.length ? 'ambiguous' : 'none', suggestions: suggest(label, tied) });
    }
    if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) {
      problems.push({ severity: 'error', file, feature: index, field: 'geometry', ...parts(coded(g ? 'zoneNotPolygon' : 'zoneNoGeometry', { type: g ? String(g.type) : '' }, `is ${g ? `a ${g.type}` : 'missing'}; expected a Polygon or MultiPolygon zone`)) });
      polys.push([]);
    } else polys.push(g.type === 'Polygon' ? [g.coordinates as PolygonCoords] : (g.coordinates as PolygonCoords[]));
  });

  const n = features.length;
  let summary: string;
  if (field === null) summary = how === 'none' && options.zoneField === undefined ? 'no property of the zones has a value to match to a school' : `zone field "${options.zoneField}" not found`;
  else {
    summary = `zone field "${field}" (${how === 'option' ? 'given' : 'detected'}): ${chosen.matched} of ${n} zones match a school${chosen.matched ? ` (${[chosen.byId ? `${chosen.byId} by id` : '', chosen.byName ? `${chosen.byName} by name` : ''].filter(Boolean).join(', ')})` : ''}`;
    const next = candidates.find((c) => c.field !== field && c.matched > 0);
    if (how === 'detected' && next) summary += `; next best "${next.field}": ${next.matched}`;
    if (matchedByLabel) summary += `; ${matchedByLabel} more by their "${labelField}"`;
  }
  if (how === 'detected' && n > 0 && chosen.score < 0.5) {
    problems.push({ severity: 'warning', file, field: field ?? undefined, ...parts(coded('zonesFewMatch', { count: chosen.matched, total: n, field: String(field) }, `only ${chosen.matched} of ${n} zones match a school by their best property, "${field}"; if another property holds the school id or name, give it as the zone field`)) });
  } else if (how === 'none' && n > 0 && options.zoneField === undefined) {
    problems.push({ severity: 'warning', file, ...parts(coded('zonesNoProperties', {}, 'the zones have no properties to match to schools; choose each zone\'s school by hand')) });
  }
  const fieldChoice: ZoneFieldChoice = { field, how, zones: n, matched: chosen.matched, byId: chosen.byId, byName: chosen.byName, score: chosen.score, labelField, matchedByLabel, candidates, summary };

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
  return { zones, zoneByUnit, unitsOutside, problems, field: fieldChoice };
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
