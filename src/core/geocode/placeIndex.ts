// The offline gazetteer of an open data set: its schools, their streets and postcodes, named context
// areas (wards, townships) and the population units' own codes. Searched with `searchGazetteer`.
import { pointInPolygon } from '../spatial/pointInPolygon';
import { searchGazetteer, type GazetteerEntry } from '../publish/lookupZones';
import type { Geocoder, PlaceResult } from './placeResult';

export type PlaceEntry = GazetteerEntry & { schoolId?: string; unit?: number };

export interface PlaceIndexInput {
  schools: { ids: string[]; names: string[]; lon: ArrayLike<number>; lat: ArrayLike<number>; extra?: Record<string, unknown>[] };
  units?: { count: number; ids: string[] | null; lon: ArrayLike<number>; lat: ArrayLike<number> } | null;
  context?: { features: { properties?: Record<string, unknown> | null; geometry?: unknown }[] } | null;
}

/** A property that names a context area: `name`, `*_name`, `WD13NM`-style codes of names, `township`. */
const NAME_KEY = /(^|_)name$|^[a-z]{2}\d{0,2}nm$|^township$/i;

function nameOf(props: Record<string, unknown> | null | undefined): string | null {
  if (!props) return null;
  for (const [k, v] of Object.entries(props)) if (NAME_KEY.test(k) && typeof v === 'string' && v.trim()) return v.trim();
  return null;
}

/** A point inside a polygon (middle of the widest run of a horizontal line through it), or null. */
export function interiorPoint(rings: number[][][]): [number, number] | null {
  const outer = rings[0];
  if (!outer || outer.length < 4) return null;
  let s = Infinity, n = -Infinity;
  for (const p of outer) { s = Math.min(s, p[1]); n = Math.max(n, p[1]); }
  let best: [number, number] | null = null, width = -1;
  for (const f of [0.5, 0.37, 0.63, 0.25, 0.75]) {
    const y = s + (n - s) * f;
    const xs: number[] = [];
    for (const ring of rings) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [x1, y1] = ring[j], [x2, y2] = ring[i];
        if ((y1 > y) !== (y2 > y)) xs.push(x1 + ((y - y1) / (y2 - y1)) * (x2 - x1));
      }
    }
    xs.sort((a, b) => a - b);
    for (let k = 0; k + 1 < xs.length; k += 2) {
      if (xs[k + 1] - xs[k] > width && pointInPolygon((xs[k] + xs[k + 1]) / 2, y, rings)) { width = xs[k + 1] - xs[k]; best = [(xs[k] + xs[k + 1]) / 2, y]; }
    }
    if (best) return best;
  }
  return best;
}

function polygonsOf(g: unknown): number[][][][] {
  if (typeof g !== 'object' || g === null) return [];
  const { type, coordinates } = g as { type?: unknown; coordinates?: unknown };
  if (!Array.isArray(coordinates)) return [];
  return type === 'Polygon' ? [coordinates as number[][][]] : type === 'MultiPolygon' ? (coordinates as number[][][][]) : [];
}

/** The largest part's interior point (by the outer ring's bounding box). */
function labelPoint(g: unknown): [number, number] | null {
  let best: number[][][] | null = null, size = -1;
  for (const poly of polygonsOf(g)) {
    const ring = poly[0];
    if (!Array.isArray(ring) || ring.length < 4) continue;
    let w = Infinity, e = -Infinity, s = Infinity, n = -Infinity;
    for (const p of ring) { w = Math.min(w, p[0]); e = Math.max(e, p[0]); s = Math.min(s, p[1]); n = Math.max(n, p[1]); }
    if ((e - w) * (n - s) > size) { size = (e - w) * (n - s); best = poly; }
  }
  return best ? interiorPoint(best) : null;
}

/**
 * The places of an open data set, for the planner's search: each school (with its id), the streets and
 * postcodes of the schools' addresses, each named context area (once per name) and each unit's code.
 * @example buildPlaceIndex({ schools }).find((e) => e.kind === 'school')?.schoolId
 */
export function buildPlaceIndex(input: PlaceIndexInput): PlaceEntry[] {
  const out: PlaceEntry[] = [];
  const seen = new Set<string>();
  const { schools, units, context } = input;
  for (let i = 0; i < schools.ids.length; i++) {
    const lon = schools.lon[i], lat = schools.lat[i];
    if (!Number.isFinite(lon) || !Number.isFinite(lat)) continue;
    const e = schools.extra?.[i] ?? {};
    const address = [e.address, e.town, e.postcode].filter((x) => typeof x === 'string' && x).join(', ');
    out.push({ name: schools.names[i], kind: 'school', lon, lat, schoolId: schools.ids[i], ...(address ? { detail: address } : {}) });
    for (const kind of ['address', 'postcode'] as const) {
      const v = e[kind];
      if (typeof v === 'string' && v.trim() && !seen.has(`${kind}:${v}`)) { seen.add(`${kind}:${v}`); out.push({ name: v.trim(), kind, lon, lat, detail: schools.names[i] }); }
    }
  }
  for (const f of context?.features ?? []) {
    const name = nameOf(f.properties);
    if (!name || seen.has(`place:${name}`)) continue;
    const p = labelPoint(f.geometry);
    if (!p) continue;
    seen.add(`place:${name}`);
    out.push({ name, kind: 'place', lon: p[0], lat: p[1] });
  }
  if (units?.ids) {
    for (let u = 0; u < units.count; u++) {
      if (Number.isFinite(units.lon[u]) && Number.isFinite(units.lat[u])) out.push({ name: units.ids[u], kind: 'area', lon: units.lon[u], lat: units.lat[u], unit: u });
    }
  }
  return out;
}

/** Gazetteer matches as results of the `data` provider. */
export function searchPlaces(entries: PlaceEntry[], query: string, limit = 8): PlaceResult[] {
  return searchGazetteer(entries, query, limit).map((e) => ({ ...e, provider: 'data' as const }));
}

/**
 * The offline gazetteer as a `Geocoder`: answers at once, never fails.
 * @example await gazetteerGeocoder(entries).search('leith')
 */
export function gazetteerGeocoder(entries: GazetteerEntry[], limit = 8): Geocoder {
  return { provider: 'data', search: async (query) => ({ results: searchPlaces(entries, query, limit), skipped: [], attribution: null }) };
}

const near = (a: PlaceResult, b: PlaceResult) => Math.abs(a.lon - b.lon) < 5e-4 && Math.abs(a.lat - b.lat) < 5e-4;

/**
 * One list: the data's own schools and areas first, then the address service's places that are not
 * the same place again (same name, within about 50 m).
 * @example mergePlaces(local, remote, 10)[0].provider // 'data' when there is a local match
 */
export function mergePlaces(local: PlaceResult[], remote: PlaceResult[], limit = 12): PlaceResult[] {
  const out = local.slice(0, limit);
  for (const r of remote) {
    if (out.length >= limit) break;
    if (!out.some((l) => l.name.toLowerCase() === r.name.toLowerCase() && near(l, r))) out.push(r);
  }
  return out;
}
