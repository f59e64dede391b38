import type { CatchmentResult } from '../catchment/computeCatchments';
import type { Schools, Units } from '../model';
import type { Settings } from '../settings/settings';
import { zonesGeoJSON, type ZoneFeature } from '../zones/zonesGeoJSON';

import { PUBLISHED_FORMAT, type GazetteerEntry, type PublishedGeocoder, type PublishedPlan } from './lookupZones';
import type { PublishedBasemap } from './publishedBasemap';

export { PUBLISHED_FORMAT, type GazetteerEntry, type PublishedPlan };

/** What the publisher says about the plan; `basemap` and `attribution` (the data's credits) are optional. */
export interface PublishMeta { title: string; note: string; publishedAt: string; places: GazetteerEntry[]; basemap?: PublishedBasemap; attribution?: string[]; geocoder?: PublishedGeocoder | null }

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
export function publishZones(input: PublishInput, meta: PublishMeta): PublishedPlan {
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
    ...(meta.basemap ? { basemap: meta.basemap } : {}),
    ...(meta.attribution?.length ? { attribution: meta.attribution } : {}),
    ...(meta.geocoder ? { geocoder: { url: meta.geocoder.url, attribution: meta.geocoder.attribution } } : {}),
  };
}

/** Publishes a computed result (CLI, scripts). */
export function publishPlan(schools: Schools, units: Units, settings: Settings, result: CatchmentResult, meta: PublishMeta): PublishedPlan {
  const fc = zonesGeoJSON(schools, units, result.assignments);
  const zones: Record<string, ZoneFeature[]> = {};
  for (const l of settings.levels) zones[l.id] = fc.features.filter((f) => f.properties.level === l.id);
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  for (let u = 0; u < units.count; u++) { w = Math.min(w, units.lon[u]); e = Math.max(e, units.lon[u]); s = Math.min(s, units.lat[u]); n = Math.max(n, units.lat[u]); }
  return publishZones({ zones, schools, levels: settings.levels.map((l) => ({ id: l.id, name: l.name, distanceStandardM: l.distanceStandardM })), bbox: [w, s, e, n] }, meta);
}

