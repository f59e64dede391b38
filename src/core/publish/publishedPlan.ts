import type { CatchmentResult } from '../catchment/computeCatchments';
import type { Schools, Units } from '../model';
import type { Settings } from '../settings/settings';
import { greatCircleMeters } from '../spatial/sphere';
import { zonesGeoJSON, type ZoneFeature } from '../zones/zonesGeoJSON';

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
}

const round5 = (x: number) => Math.round(x * 1e5) / 1e5;

/** What publishing needs: dissolved zones per level and the schools they name. */
export interface PublishInput {
  zones: Record<string, ZoneFeature[]>;
  schools: { ids: string[]; names: string[]; lon: ArrayLike<number>; lat: ArrayLike<number>; extra: Record<string, unknown>[] };
  levels: { id: string; name: string; distanceStandardM: number }[];
  bbox: [number, number, number, number];
}

/**
 * Publishes a plan's zones for the public lookup. Coordinates are rounded to 5 decimals (about 1 m);
 * only what the public needs is kept (no enrollment, flags or planning data). Schools' names, streets
 * and postcodes join the given places in the gazetteer.
 * @example publishZones({ zones, schools, levels, bbox }, { title: 'School zones 2026', note: '', publishedAt: '2026-11-23', places: [] })
 */
export function publishZones(input: PublishInput, meta: { title: string; note: string; publishedAt: string; places: GazetteerEntry[] }): PublishedPlan {
  const { schools } = input;
  const byId = new Map(schools.ids.map((id, i) => [id, i]));
  const used = new Map<string, number>();
  const list: PublishedPlan['schools'] = [];
  const idx = (id: string) => {
    let k = used.get(id);
    if (k === undefined) {
      const s = byId.get(id)!;
      k = list.length;
      used.set(id, k);
      const e = schools.extra[s] ?? {};
      const address = [e.address, e.town, e.postcode].filter((x) => typeof x === 'string' && x).join(', ');
      list.push({ id, name: schools.names[s], address: address || null, lon: round5(schools.lon[s]), lat: round5(schools.lat[s]) });
    }
    return k;
  };
  const zones: PublishedPlan['zones'] = {};
  for (const l of input.levels) {
    zones[l.id] = {
      type: 'FeatureCollection',
      features: (input.zones[l.id] ?? []).map((f) => ({
        type: 'Feature' as const, properties: { school: idx(f.properties.school_id) },
        geometry: { type: 'MultiPolygon' as const, coordinates: f.geometry.coordinates.map((p) => p.map((r) => r.map(([x, y]) => [round5(x), round5(y)]))) },
      })),
    };
  }
  const gazetteer: GazetteerEntry[] = [...meta.places];
  const names = new Set(meta.places.map((p) => `${p.kind}:${p.name}`));
  for (const sc of list) {
    gazetteer.push({ name: sc.name, kind: 'school', lon: sc.lon, lat: sc.lat, detail: sc.address ?? undefined });
    const e = schools.extra[byId.get(sc.id)!] ?? {};
    if (typeof e.postcode === 'string' && !names.has(`postcode:${e.postcode}`)) gazetteer.push({ name: e.postcode, kind: 'postcode', lon: sc.lon, lat: sc.lat, detail: `postcode of ${sc.name}` });
    if (typeof e.address === 'string' && !names.has(`address:${e.address}`)) gazetteer.push({ name: e.address, kind: 'address', lon: sc.lon, lat: sc.lat, detail: `street of ${sc.name}` });
  }
  return {
    format: PUBLISHED_FORMAT, version: 1, title: meta.title, publishedAt: meta.publishedAt, note: meta.note,
    bbox: input.bbox.map(round5) as [number, number, number, number], levels: input.levels, schools: list, zones, gazetteer,
  };
}

/** Publishes a computed result (CLI, scripts). */
export function publishPlan(schools: Schools, units: Units, settings: Settings, result: CatchmentResult, meta: { title: string; note: string; publishedAt: string; places: GazetteerEntry[] }): PublishedPlan {
  const fc = zonesGeoJSON(schools, units, result.assignments);
  const zones: Record<string, ZoneFeature[]> = {};
  for (const l of settings.levels) zones[l.id] = fc.features.filter((f) => f.properties.level === l.id);
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  for (let u = 0; u < units.count; u++) { w = Math.min(w, units.lon[u]); e = Math.max(e, units.lon[u]); s = Math.min(s, units.lat[u]); n = Math.max(n, units.lat[u]); }
  return publishZones({ zones, schools, levels: settings.levels.map((l) => ({ id: l.id, name: l.name, distanceStandardM: l.distanceStandardM })), bbox: [w, s, e, n] }, meta);
}

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

function inPolygon(x: number, y: number, poly: number[][][]): boolean {
  let inside = false;
  for (const ring of poly) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i], [xj, yj] = ring[j];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

const fold = (s: string) => s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
const KIND_RANK: Record<GazetteerEntry['kind'], number> = { postcode: 0, address: 1, place: 2, area: 3, school: 4 };

/**
 * Places matching a query, best first: the whole name, then names starting with the query, then a word
 * starting with it, then containing it; ties by kind and name. Accents and case are ignored.
 * @example searchGazetteer(entries, 'leith')[0].name
 */
export function searchGazetteer(entries: GazetteerEntry[], query: string, limit = 8): GazetteerEntry[] {
  const q = fold(query);
  if (!q) return [];
  const scored: { e: GazetteerEntry; score: number }[] = [];
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
