// Everything the public lookup page needs, and nothing heavy: no loaders, projections or dissolving.
import { pointInPolygon as inPolygon } from '../spatial/pointInPolygon';
import { greatCircleMeters } from '../spatial/sphere';
import type { PublishedBasemap } from './publishedBasemap';

export const PUBLISHED_FORMAT = 'school-zoning-published';

export interface GazetteerEntry { name: string; kind: 'school' | 'address' | 'postcode' | 'area' | 'place'; lon: number; lat: number; detail?: string }

/** What the public lookup reads: a plan's zones per level, its schools and a place list. Read-only. */
export interface PublishedPlan {
  format: typeof PUBLISHED_FORMAT;
  version: 1;
  title: string;
  publishedAt: string;
  note: string;
  bbox: [number, number, number, number];
  levels: { id: string; name: string; distanceStandardM: number }[];
  schools: { id: string; name: string; address: string | null; lon: number; lat: number }[];
  /** per level: one feature per school, properties.school = index into `schools` */
  zones: Record<string, { type: 'FeatureCollection'; features: { type: 'Feature'; properties: { school: number }; geometry: { type: 'MultiPolygon'; coordinates: number[][][][] } }[] }>;
  gazetteer: GazetteerEntry[];
  /** the basemap the page draws under the zones (none when absent) */
  basemap?: PublishedBasemap;
  /** the data set's credits, shown in the map's attribution */
  attribution?: string[];
  /** optional: the council's address service for the page's search (a URL template, see core/geocode) */
  geocoder?: PublishedGeocoder;
}

/** An address service named by a published plan; the page uses it only from an origin it trusts. */
export interface PublishedGeocoder { url: string; attribution: string | null }

/** The answer for one level at a point: the zone's school and the straight-line distance, or none. */
export interface LookupAnswer { level: string; school: PublishedPlan['schools'][number] | null; schoolIndex: number; distanceM: number; beyondStandard: boolean }

/**
 * Finds the zone containing a point, per level. A point on a shared border belongs to the zone listed
 * first (deterministic). Points outside every zone get `school: null`.
 * @example lookup(plan, -3.17, 55.95)[0].school?.name
 */
export function lookup(plan: PublishedPlan, lon: number, lat: number): LookupAnswer[] {
  return plan.levels.map((l) => {
    const features = plan.zones[l.id]?.features ?? [];
    const hit = features.find((f) => f.geometry.coordinates.some((poly) => inPolygon(lon, lat, poly)));
    if (!hit) return { level: l.id, school: null, schoolIndex: -1, distanceM: NaN, beyondStandard: false };
    const school = plan.schools[hit.properties.school];
    const d = greatCircleMeters(lon, lat, school.lon, school.lat);
    return { level: l.id, school, schoolIndex: hit.properties.school, distanceM: d, beyondStandard: d > l.distanceStandardM };
  });
}


const fold = (s: string) => s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
const KIND_RANK: Record<GazetteerEntry['kind'], number> = { postcode: 0, address: 1, place: 2, area: 3, school: 4 };

/**
 * Places matching a query, best first: the whole name, then names starting with the query, then a word
 * starting with it, then containing it; ties by kind and name. Accents and case are ignored.
 * @example searchGazetteer(entries, 'leith')[0].name
 */
export function searchGazetteer<T extends GazetteerEntry>(entries: T[], query: string, limit = 8): T[] {
  const q = fold(query);
  if (!q) return [];
  const scored: { e: T; score: number }[] = [];
  for (const e of entries) {
    const name = fold(e.name);
    let score = -1;
    if (name === q) score = 0;
    else if (name.startsWith(q)) score = 1;
    else if (` ${name}`.includes(` ${q}`)) score = 2;
    else if (name.includes(q) || (e.detail && fold(e.detail).includes(q))) score = 3;
    if (score >= 0) scored.push({ e, score });
  }
  scored.sort((a, b) => a.score - b.score || KIND_RANK[a.e.kind] - KIND_RANK[b.e.kind] || a.e.name.localeCompare(b.e.name));
  return scored.slice(0, limit).map((x) => x.e);
}

/**
 * Reads coordinates typed or pasted by a person: "55.953, -3.172", "-3.172 55.953", "55.953N 3.172W".
 * Latitude first unless the first number cannot be a latitude or the bbox says otherwise.
 * @returns [lon, lat] or null
 */
export function parseCoordinates(text: string, bbox?: [number, number, number, number]): [number, number] | null {
  const m = text.trim().match(/^(-?\d+(?:\.\d+)?)\s*°?\s*([NSEW])?\s*[,;\s]\s*(-?\d+(?:\.\d+)?)\s*°?\s*([NSEW])?$/i);
  if (!m) return null;
  let a = Number(m[1]), b = Number(m[3]);
  const ha = m[2]?.toUpperCase(), hb = m[4]?.toUpperCase();
  if (ha === 'S' || ha === 'W') a = -Math.abs(a);
  if (hb === 'S' || hb === 'W') b = -Math.abs(b);
  if (ha === 'E' || ha === 'W' || hb === 'N' || hb === 'S') return [a, b];
  if (ha === 'N' || ha === 'S' || hb === 'E' || hb === 'W') return [b, a];
  const inBox = (lon: number, lat: number) => !bbox || (lon >= bbox[0] - 1 && lon <= bbox[2] + 1 && lat >= bbox[1] - 1 && lat <= bbox[3] + 1);
  if (Math.abs(a) <= 90 && inBox(b, a)) return [b, a];
  if (Math.abs(b) <= 90 && inBox(a, b)) return [a, b];
  return Math.abs(a) <= 90 ? [b, a] : Math.abs(b) <= 90 ? [a, b] : null;
}

/**
 * The gazetteer entry called `name` at a point (within about 2 m, the rounding of a shared URL), or null.
 * The public page labels an answer only with such a name, so a link cannot put its own words in the
 * heading (`?place=Your school has closed`), nor a real name on another point.
 * @example gazetteerEntryAt(plan.gazetteer, 'Leith Walk', -3.17, 55.96)?.name
 */
export function gazetteerEntryAt(entries: GazetteerEntry[], name: string, lon: number, lat: number): GazetteerEntry | null {
  const tol = 2e-5;
  return entries.find((e) => e.name === name && Math.abs(e.lon - lon) <= tol && Math.abs(e.lat - lat) <= tol) ?? null;
}
