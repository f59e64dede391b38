// Address services are untrusted input: every item is checked, bad ones are skipped with a reason.
import type { PlaceAnswer, PlaceResult, SkippedItem } from './placeResult';

/** A response longer than this (characters) is refused whole: an address search needs a few kilobytes. */
export const MAX_GEOCODE_RESPONSE_CHARS = 1_000_000;
/** At most this many items are read. */
export const MAX_GEOCODE_ITEMS = 50;
const MAX_TEXT = 200;

/** The parsed answer, or why the whole response was refused (`error`, then no results). */
export type ParsedGeocodeResponse = PlaceAnswer & { error: string | null };

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Text from a response: strings only, control characters removed, spaces collapsed, length capped. */
function cleanText(x: unknown): string {
  if (typeof x !== 'string' && typeof x !== 'number') return '';
  // eslint-disable-next-line no-control-regex
  const s = String(x).replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, ' ').replace(/\s+/g, ' ').trim();
  return s.length > MAX_TEXT ? `${s.slice(0, MAX_TEXT - 1)}…` : s;
}

/** A coordinate given as a number or a decimal string (Nominatim sends strings); NaN otherwise. */
function coordinate(x: unknown): number {
  if (typeof x === 'number') return x;
  if (typeof x === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(x)) return Number(x);
  return NaN;
}

function checkPoint(lon: number, lat: number, bbox: [number, number, number, number] | null | undefined, margin: number): string | null {
  if (!Number.isFinite(lon) || !Number.isFinite(lat)) return 'no usable coordinates';
  if (Math.abs(lon) > 180 || Math.abs(lat) > 90) return 'coordinates off the globe';
  if (bbox && (lon < bbox[0] - margin || lon > bbox[2] + margin || lat < bbox[1] - margin || lat > bbox[3] + margin)) return 'far outside the data set';
  return null;
}

/** Name and detail of one item, whichever dialect it speaks (Nominatim JSON or GeoJSON, Photon GeoJSON). */
function describe(p: Record<string, unknown>): { name: string; detail: string } {
  const display = cleanText(p.display_name);
  if (display) {
    const kind = cleanText(p.addresstype ?? p.type ?? p.category ?? p.class);
    return { name: display, detail: kind };
  }
  // Photon: a name, or a house number and street, then the town
  const street = [cleanText(p.housenumber), cleanText(p.street)].filter(Boolean).join(' ');
  const town = cleanText(p.city ?? p.town ?? p.village ?? p.district ?? p.locality);
  const own = cleanText(p.name);
  const parts = [own, street, town].filter((x, i, a) => x && a.indexOf(x) === i);
  return { name: parts.join(', '), detail: [cleanText(p.postcode), cleanText(p.osm_value ?? p.type)].filter(Boolean).join(' · ') };
}

/**
 * Reads a geocoder's response: Nominatim `format=json`/`jsonv2` (an array of places with `lat`/`lon`
 * strings and `display_name`), Nominatim `format=geojson` and Photon (a FeatureCollection of Points).
 * Items without a name or usable coordinates, off the globe, or more than `marginDeg` degrees outside
 * `bbox` are skipped with a reason. Names and details are returned as plain text (never markup).
 * Attribution: the response's `licence`, if any.
 * @example parseGeocodeResponse('[{"lat":"55.95","lon":"-3.19","display_name":"Leith Walk"}]').results[0].lat // 55.95
 */
export function parseGeocodeResponse(text: string, options: { bbox?: [number, number, number, number] | null; marginDeg?: number } = {}): ParsedGeocodeResponse {
  const refused = (error: string): ParsedGeocodeResponse => ({ results: [], skipped: [], attribution: null, error });
  if (typeof text !== 'string') return refused('not text');
  if (text.length > MAX_GEOCODE_RESPONSE_CHARS) return refused(`response too large (over ${MAX_GEOCODE_RESPONSE_CHARS} characters)`);
  let data: unknown;
  try { data = JSON.parse(text); } catch { return refused('not JSON'); }
  let items: unknown[];
  let licence: unknown = null;
  let geojson = false;
  if (Array.isArray(data)) items = data;
  else if (isObject(data) && data.type === 'FeatureCollection' && Array.isArray(data.features)) { items = data.features; licence = data.licence ?? data.attribution; geojson = true; }
  else return refused('neither a list of places nor a GeoJSON FeatureCollection');

  const results: PlaceResult[] = [];
  const skipped: SkippedItem[] = [];
  const margin = options.marginDeg ?? 0.5;
  const seen = new Set<string>();
  const n = Math.min(items.length, MAX_GEOCODE_ITEMS);
  if (items.length > n) skipped.push({ index: n, reason: `${items.length - n} more items than the ${MAX_GEOCODE_ITEMS} read` });
  for (let i = 0; i < n; i++) {
    const item = items[i];
    if (!isObject(item)) { skipped.push({ index: i, reason: 'not an object' }); continue; }
    let lon: number, lat: number, props: Record<string, unknown>;
    if (geojson) {
      const g = item.geometry;
      if (!isObject(item.properties)) { skipped.push({ index: i, reason: 'no properties' }); continue; }
      props = item.properties;
      if (!isObject(g) || g.type !== 'Point' || !Array.isArray(g.coordinates)) { skipped.push({ index: i, reason: 'not a Point' }); continue; }
      lon = coordinate(g.coordinates[0]); lat = coordinate(g.coordinates[1]);
    } else {
      props = item;
      lon = coordinate(item.lon); lat = coordinate(item.lat);
      licence ??= item.licence;
    }
    const bad = checkPoint(lon, lat, options.bbox, margin);
    if (bad) { skipped.push({ index: i, reason: bad }); continue; }
    const { name, detail } = describe(props);
    if (!name) { skipped.push({ index: i, reason: 'no name' }); continue; }
    const key = `${name}|${lon.toFixed(5)}|${lat.toFixed(5)}`;
    if (seen.has(key)) { skipped.push({ index: i, reason: 'duplicate' }); continue; }
    seen.add(key);
    results.push({ name, kind: 'address', lon, lat, ...(detail ? { detail } : {}), provider: 'geocoder' });
  }
  const attribution = cleanText(licence) || null;
  return { results, skipped, attribution, error: null };
}
