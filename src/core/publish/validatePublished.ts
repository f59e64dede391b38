// Checks a published plan read from a file or the network before the public page shows any of it.
import { checkGeocoderTemplate } from '../geocode/geocoderUrl';
import { PUBLISHED_FORMAT, type GazetteerEntry, type PublishedPlan } from './lookupZones';
import { checkPublishedAttribution, checkPublishedBasemap } from './publishedBasemap';

/** What is wrong, in words the page can translate (see `problem_*` in src/lookup/messages.ts). */
export type PublishedProblemKind = 'format' | 'missing' | 'type' | 'empty' | 'duplicate' | 'date' | 'bbox' | 'range' | 'school' | 'geometry' | 'geocoder';

/**
 * One problem of a published plan. `path` is built from field names and list positions only (levels are
 * named by position, `levels[0]`), never from the file's text, so a forged file cannot put words on the page.
 */
export interface PublishedPlanProblem { path: string; kind: PublishedProblemKind; message: string }

export type PublishedPlanCheck = { ok: true; plan: PublishedPlan } | { ok: false; problems: PublishedPlanProblem[] };

/** At most this many problems are listed; a badly broken file does not need a thousand lines. */
export const MAX_PUBLISHED_PROBLEMS = 20;

const KINDS: readonly GazetteerEntry['kind'][] = ['school', 'address', 'postcode', 'area', 'place'];
const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const own = (o: Record<string, unknown>, k: string) => Object.prototype.hasOwnProperty.call(o, k);
const isNumber = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

/** A calendar date (2026-11-23) or a date and time (2026-11-23T10:00Z) that exists. */
export function isPublishedDate(s: string): boolean {
  const m = s.match(/^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))?$/);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > new Date(Date.UTC(y, mo, 0)).getUTCDate()) return false;
  if (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6] ?? 0) > 59)) return false;
  return Number.isFinite(Date.parse(s));
}

class Problems {
  list: PublishedPlanProblem[] = [];
  get full() { return this.list.length >= MAX_PUBLISHED_PROBLEMS; }
  add(path: string, kind: PublishedProblemKind, message: string) { if (!this.full) this.list.push({ path, kind, message }); }
}

function lonLat(p: Problems, path: string, lon: unknown, lat: unknown): boolean {
  if (!isNumber(lon) || !isNumber(lat)) { p.add(path, 'type', 'expected longitude and latitude as numbers'); return false; }
  if (Math.abs(lon) > 180 || Math.abs(lat) > 90) { p.add(path, 'range', 'longitude must be within ±180 and latitude within ±90'); return false; }
  return true;
}

function text(p: Problems, o: Record<string, unknown>, key: string, path: string, opts: { nonEmpty?: boolean; nullable?: boolean; optional?: boolean } = {}): boolean {
  const v = o[key];
  if (!own(o, key) || v === undefined) {
    if (opts.optional) return true;
    p.add(`${path}${key}`, 'missing', 'missing');
    return false;
  }
  if (v === null && opts.nullable) return true;
  if (typeof v !== 'string') { p.add(`${path}${key}`, 'type', opts.nullable ? 'expected text or null' : 'expected text'); return false; }
  if (opts.nonEmpty && !v.trim()) { p.add(`${path}${key}`, 'empty', 'expected non-empty text'); return false; }
  return true;
}

function checkGeometry(p: Problems, g: unknown, path: string): void {
  if (!isObject(g)) { p.add(path, 'type', 'expected a geometry object'); return; }
  if (g.type !== 'MultiPolygon') { p.add(`${path}.type`, 'geometry', 'expected a MultiPolygon'); return; }
  const polys = g.coordinates;
  if (!Array.isArray(polys)) { p.add(`${path}.coordinates`, 'type', 'expected a list of polygons'); return; }
  for (let i = 0; i < polys.length && !p.full; i++) {
    const rings = polys[i];
    if (!Array.isArray(rings) || rings.length === 0) { p.add(`${path}.coordinates[${i}]`, 'geometry', 'expected a polygon: a list of rings'); continue; }
    for (let r = 0; r < rings.length && !p.full; r++) {
      const ring = rings[r];
      const at = `${path}.coordinates[${i}][${r}]`;
      if (!Array.isArray(ring) || ring.length < 4) { p.add(at, 'geometry', 'expected a ring of at least 4 positions'); continue; }
      for (let k = 0; k < ring.length; k++) {
        const pos = ring[k];
        if (!Array.isArray(pos) || pos.length < 2) { p.add(`${at}[${k}]`, 'geometry', 'expected a position [longitude, latitude]'); break; }
        if (!lonLat(p, `${at}[${k}]`, pos[0], pos[1])) break;
      }
    }
  }
}

/**
 * Checks everything the public lookup relies on: format and version, a title, note and date, a bounding
 * box, at least one level, schools with coordinates, per level a zone collection whose features name a
 * school in the list, and a gazetteer of known kinds. Returns a clean copy holding only those fields.
 * @example validatePublishedPlan(JSON.parse(text)).ok
 */
export function validatePublishedPlan(data: unknown): PublishedPlanCheck {
  const p = new Problems();
  if (!isObject(data)) return { ok: false, problems: [{ path: '(file)', kind: 'type', message: 'expected a JSON object' }] };
  if (data.format !== PUBLISHED_FORMAT) return { ok: false, problems: [{ path: 'format', kind: 'format', message: `expected "${PUBLISHED_FORMAT}"` }] };
  if (data.version !== 1) return { ok: false, problems: [{ path: 'version', kind: 'format', message: 'this page reads version 1' }] };

  text(p, data, 'title', '');
  text(p, data, 'note', '', { optional: true });
  if (text(p, data, 'publishedAt', '') && !isPublishedDate(data.publishedAt as string)) p.add('publishedAt', 'date', 'expected a date such as 2026-11-23');

  const bbox = data.bbox;
  if (!own(data, 'bbox')) p.add('bbox', 'missing', 'missing');
  else if (!Array.isArray(bbox) || bbox.length !== 4 || !bbox.every(isNumber)) p.add('bbox', 'bbox', 'expected [west, south, east, north] as 4 numbers');
  else if (!(bbox[0] < bbox[2] && bbox[1] < bbox[3]) || Math.abs(bbox[0]) > 180 || Math.abs(bbox[2]) > 180 || Math.abs(bbox[1]) > 90 || Math.abs(bbox[3]) > 90) {
    p.add('bbox', 'bbox', 'expected west < east and south < north, within ±180 and ±90');
  }

  const levels = data.levels;
  const levelIds: (string | null)[] = [];
  if (!own(data, 'levels')) p.add('levels', 'missing', 'missing');
  else if (!Array.isArray(levels)) p.add('levels', 'type', 'expected a list of levels');
  else if (levels.length === 0) p.add('levels', 'empty', 'expected at least one level');
  else {
    const seen = new Set<string>();
    levels.forEach((l, i) => {
      const at = `levels[${i}]`;
      levelIds.push(null);
      if (!isObject(l)) { p.add(at, 'type', 'expected an object'); return; }
      if (text(p, l, 'id', `${at}.`, { nonEmpty: true })) {
        if (seen.has(l.id as string)) p.add(`${at}.id`, 'duplicate', 'the same id as an earlier level');
        else { seen.add(l.id as string); levelIds[i] = l.id as string; }
      }
      text(p, l, 'name', `${at}.`);
      if (!own(l, 'distanceStandardM')) p.add(`${at}.distanceStandardM`, 'missing', 'missing');
      else if (!isNumber(l.distanceStandardM)) p.add(`${at}.distanceStandardM`, 'type', 'expected a number of metres');
      else if (l.distanceStandardM <= 0) p.add(`${at}.distanceStandardM`, 'range', 'expected a positive number of metres');
    });
  }

  const schools = data.schools;
  let schoolCount = -1;
  if (!own(data, 'schools')) p.add('schools', 'missing', 'missing');
  else if (!Array.isArray(schools)) p.add('schools', 'type', 'expected a list of schools');
  else {
    schoolCount = schools.length;
    for (let i = 0; i < schools.length && !p.full; i++) {
      const s = schools[i], at = `schools[${i}]`;
      if (!isObject(s)) { p.add(at, 'type', 'expected an object'); continue; }
      text(p, s, 'id', `${at}.`);
      text(p, s, 'name', `${at}.`, { nonEmpty: true });
      text(p, s, 'address', `${at}.`, { nullable: true, optional: true });
      lonLat(p, at, s.lon, s.lat);
    }
  }

  const zones = data.zones;
  if (!own(data, 'zones')) p.add('zones', 'missing', 'missing');
  else if (!isObject(zones)) p.add('zones', 'type', 'expected an object of zones per level');
  else {
    levelIds.forEach((id, li) => {
      if (id === null || p.full) return;
      const at = `zones[levels[${li}].id]`;
      if (!own(zones, id)) { p.add(at, 'missing', 'no zones for this level'); return; }
      const fc = zones[id];
      if (!isObject(fc) || fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) { p.add(at, 'type', 'expected a FeatureCollection'); return; }
      for (let f = 0; f < fc.features.length && !p.full; f++) {
        const feature = fc.features[f], fat = `${at}.features[${f}]`;
        if (!isObject(feature) || feature.type !== 'Feature') { p.add(fat, 'type', 'expected a Feature'); continue; }
        const props = feature.properties;
        const school = isObject(props) ? props.school : undefined;
        if (!Number.isInteger(school)) p.add(`${fat}.properties.school`, 'type', 'expected the position of a school in the list');
        else if (schoolCount >= 0 && ((school as number) < 0 || (school as number) >= schoolCount)) {
          p.add(`${fat}.properties.school`, 'school', `points at school ${school as number}, but the list has ${schoolCount} (0 to ${schoolCount - 1})`);
        }
        checkGeometry(p, feature.geometry, `${fat}.geometry`);
      }
    });
  }

  const gazetteer = data.gazetteer;
  if (!own(data, 'gazetteer')) p.add('gazetteer', 'missing', 'missing');
  else if (!Array.isArray(gazetteer)) p.add('gazetteer', 'type', 'expected a list of places');
  else {
    for (let i = 0; i < gazetteer.length && !p.full; i++) {
      const g = gazetteer[i], at = `gazetteer[${i}]`;
      if (!isObject(g)) { p.add(at, 'type', 'expected an object'); continue; }
      text(p, g, 'name', `${at}.`, { nonEmpty: true });
      if (!KINDS.includes(g.kind as GazetteerEntry['kind'])) p.add(`${at}.kind`, 'type', `expected one of ${KINDS.join(', ')}`);
      text(p, g, 'detail', `${at}.`, { optional: true });
      lonLat(p, at, g.lon, g.lat);
    }
  }

  const basemap = own(data, 'basemap') ? checkPublishedBasemap(data.basemap) : null;
  if (basemap && !basemap.ok) p.add(basemap.path, 'type', basemap.message);
  const credits = own(data, 'attribution') ? checkPublishedAttribution(data.attribution) : null;
  if (credits && !credits.ok) p.add(credits.path, 'type', credits.message);
  const geocoder = data.geocoder;
  if (own(data, 'geocoder') && geocoder !== undefined && geocoder !== null) {
    if (!isObject(geocoder)) p.add('geocoder', 'type', 'expected an object with url and attribution');
    else {
      const url = checkGeocoderTemplate(geocoder.url);
      if (!url.ok) p.add('geocoder.url', 'geocoder', `not a usable address service URL template (${url.reason}): an http(s) URL with {query}`);
      if (text(p, geocoder, 'attribution', 'geocoder.', { nullable: true, optional: true }) && typeof geocoder.attribution === 'string' && geocoder.attribution.length > 300) {
        p.add('geocoder.attribution', 'range', 'expected at most 300 characters');
      }
    }
  }

  if (p.list.length) return { ok: false, problems: p.list };
  const d = data as unknown as PublishedPlan;
  const plan: PublishedPlan = {
    format: PUBLISHED_FORMAT, version: 1, title: d.title, publishedAt: d.publishedAt, note: d.note ?? '',
    bbox: [...d.bbox] as PublishedPlan['bbox'],
    levels: d.levels.map((l) => ({ id: l.id, name: l.name, distanceStandardM: l.distanceStandardM })),
    schools: d.schools.map((s) => ({ id: s.id, name: s.name, address: s.address ?? null, lon: s.lon, lat: s.lat })),
    zones: Object.fromEntries(d.levels.map((l) => [l.id, d.zones[l.id]])),
    gazetteer: d.gazetteer.map((g) => ({ name: g.name, kind: g.kind, lon: g.lon, lat: g.lat, ...(g.detail !== undefined ? { detail: g.detail } : {}) })),
    ...(basemap?.ok ? { basemap: basemap.basemap } : {}),
    ...(credits?.ok ? { attribution: credits.attribution } : {}),
    ...(d.geocoder ? { geocoder: { url: d.geocoder.url.trim(), attribution: d.geocoder.attribution ?? null } } : {}),
  };
  return { ok: true, plan };
}

/**
 * Reads the text of a published plan file: JSON, then `validatePublishedPlan`.
 * @example parsePublishedPlan('{}').ok // false
 */
export function parsePublishedPlan(text: string): PublishedPlanCheck {
  let data: unknown;
  try { data = JSON.parse(text); } catch { return { ok: false, problems: [{ path: '(file)', kind: 'format', message: 'not JSON' }] }; }
  return validatePublishedPlan(data);
}
