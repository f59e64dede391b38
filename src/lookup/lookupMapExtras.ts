import * as maplibregl from 'maplibre-gl';
import type { PublishedPlan } from '../core/publish/lookupZones';
import { allowedOriginsFromConfig } from '../core/publish/planSource';
import { DEFAULT_STYLE_URL } from '../map/basemapChoice';
import { foldAttribution, styleCredits } from '../map/basemapController';
import { addBasemap } from '../map/basemapLayers';
import { fetchStyle } from '../map/basemapStyle';
import { FONT_FACES, LABEL_FONT } from '../map/fontFaces';
import { pmtilesProtocol } from '../map/pmtilesSource';

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Origins the public page takes a basemap style from: its own, the default style's, and those its deployment lists. */
async function trustedStyleOrigins(pageUrl: string, base: string): Promise<string[]> {
  const origins = [new URL(pageUrl).origin, new URL(DEFAULT_STYLE_URL).origin];
  try {
    const r = await fetch(`${base}lookup-config.json`, { cache: 'no-cache' });
    if (r.ok) {
      const config: unknown = await r.json();
      origins.push(...allowedOriginsFromConfig(config, 'allowedBasemapOrigins').origins, ...allowedOriginsFromConfig(config).origins);
    }
  } catch { /* no configuration: the page's own origin and the default style only */ }
  return origins;
}

/**
 * What the public page's map adds to its zones: school names (shown as you zoom in, in the plan's own
 * spelling, Chinese included), the basemap the plan asks for when its origin is trusted (else none, said
 * only in the map element's `data-basemap`), and the credits of the basemap and of the plan's data.
 * Call once the map has loaded, after its own layers (`marks` on top).
 */
export async function addLookupMapExtras(map: maplibregl.Map, plan: PublishedPlan, base: string): Promise<void> {
  map.setFontFaces(FONT_FACES);
  map.addSource('schools', {
    type: 'geojson',
    data: { type: 'FeatureCollection', features: plan.schools.map((s) => ({ type: 'Feature', properties: { name: s.name }, geometry: { type: 'Point', coordinates: [s.lon, s.lat] } })) },
  });
  map.addLayer({
    id: 'schools-label', type: 'symbol', source: 'schools', minzoom: 12,
    layout: { 'text-field': ['get', 'name'], 'text-font': [LABEL_FONT], 'text-size': 12, 'text-variable-anchor': ['top', 'bottom', 'right', 'left'], 'text-radial-offset': 0.8, 'text-max-width': 9 },
    paint: { 'text-color': '#1d2430', 'text-halo-color': 'rgba(255,255,255,0.95)', 'text-halo-width': 1.4 },
  }, 'marks');
  const container = map.getContainer();
  const credits = (plan.attribution ?? []).map(escapeHtml);
  const setCredits = (extra: string[]) => {
    map.addControl(new maplibregl.AttributionControl({ compact: true, customAttribution: [...extra, ...credits] }), 'bottom-right');
    foldAttribution(map);
  };
  const b = plan.basemap;
  if (!b || b.kind === 'none') { container.dataset.basemap = 'none'; setCredits([]); return; }
  container.dataset.basemap = 'loading';
  const origins = await trustedStyleOrigins(location.href, base);
  if (!origins.includes(new URL(b.url).origin)) { container.dataset.basemap = 'refused'; setCredits([]); return; }
  try {
    const style = await fetchStyle(b.url, 8000);
    // a council may host its own PMTiles basemap: styles may name pmtiles:// sources
    pmtilesProtocol();
    addBasemap(map, style, 'schools-label');
    container.dataset.basemap = 'shown';
    setCredits(styleCredits({ kind: 'style', url: b.url }, style));
  } catch {
    container.dataset.basemap = 'unavailable';
    setCredits([]);
  }
}
