import * as maplibregl from 'maplibre-gl';
import { SHIPPED_MANIFESTS } from '../app/datasets';
import { i18n } from '../i18n/i18n';
import type { PlannerStore } from '../store/plannerStore';
import { DEFAULT_STYLE_CREDIT, DEFAULT_STYLE_URL, type BasemapChoice } from './basemapChoice';
import { addBasemap, arrangeBasemap, BASEMAP_PREFIX, removeBasemap } from './basemapLayers';
import { BasemapUnavailable, fetchStyle, protomapsStyle } from './basemapStyle';
import { keptPmtiles, pmtilesUrlOf } from './pmtilesSource';
import type { StyleSpecification } from '@maplibre/maplibre-gl-style-spec';

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Folds the attribution control to its ⓘ button: open, the credits of a data set cover a third of the map. */
export function foldAttribution(map: maplibregl.Map): void {
  map.getContainer().querySelector('.maplibregl-ctrl-attrib')?.classList.remove('maplibregl-compact-show');
}

/** How much of its opacity a catchment fill keeps over a basemap, so that streets read through it. */
const FILL_OVER_BASEMAP = 0.7;

/** The style a choice draws, or why it cannot be drawn. */
export async function styleOf(choice: BasemapChoice, lang: string, signal?: AbortSignal): Promise<StyleSpecification | null> {
  if (choice.kind === 'none') return null;
  if (choice.kind === 'style') return fetchStyle(choice.url, 8000, signal);
  const file = await keptPmtiles();
  if (!file) throw new BasemapUnavailable('file', 'the PMTiles file is no longer kept in this browser: open it again');
  return protomapsStyle(pmtilesUrlOf(file), lang);
}

/** Credits the style itself gives none of (a style whose sources carry no attribution is credited to its host). */
export function styleCredits(choice: BasemapChoice, style: StyleSpecification | null): string[] {
  if (!style || choice.kind !== 'style') return [];
  const own = Object.values(style.sources).some((s) => typeof (s as { attribution?: unknown }).attribution === 'string');
  if (choice.url === DEFAULT_STYLE_URL) return own ? [] : [DEFAULT_STYLE_CREDIT];
  return own ? [] : [escapeHtml(new URL(choice.url).host)];
}

/**
 * Keeps the planner's map drawing the basemap the store chooses (online style, kept PMTiles file, none)
 * and its attribution control crediting the basemap and the data set. An online style that cannot be
 * fetched (offline, slow, refused) is drawn as none and said so in the store, never as an error.
 */
export function attachBasemap(map: maplibregl.Map, store: PlannerStore): () => void {
  let generation = 0;
  let abort: AbortController | null = null;
  let attribution: maplibregl.AttributionControl | null = null;
  let credits: string[] = [];
  let baseFillOpacity: unknown = null;

  function setAttribution() {
    const s = store.getState();
    const manifest = SHIPPED_MANIFESTS.find((m) => m.id === s.sourceId);
    const custom = [...credits, ...(manifest ? manifest.attribution.map(escapeHtml) : [])];
    if (attribution) map.removeControl(attribution);
    attribution = new maplibregl.AttributionControl({ compact: true, customAttribution: custom });
    map.addControl(attribution, 'bottom-right');
    foldAttribution(map);
  }

  /** Catchment fills are lighter over a basemap (the streets under them stay readable). */
  function fitFills(shown: boolean) {
    if (map.getLayer('units-fill')) {
      const current = map.getPaintProperty('units-fill', 'fill-opacity');
      if (baseFillOpacity === null || !Array.isArray(current) || current[0] !== '*') baseFillOpacity = current;
      map.setPaintProperty('units-fill', 'fill-opacity', (shown ? ['*', FILL_OVER_BASEMAP, baseFillOpacity] : baseFillOpacity) as maplibregl.DataDrivenPropertyValueSpecification<number>);
    }
    if (map.getLayer('units-image')) map.setPaintProperty('units-image', 'raster-opacity', shown ? FILL_OVER_BASEMAP : 1);
  }

  async function apply(choice: BasemapChoice) {
    const mine = ++generation;
    abort?.abort();
    abort = new AbortController();
    const { actionSetBasemapStatus: status } = store.getState();
    status({ state: choice.kind === 'none' ? 'none' : 'loading', detail: null });
    let style: StyleSpecification | null = null;
    try {
      style = await styleOf(choice, i18n.language, abort.signal);
    } catch (e) {
      if (mine !== generation) return;
      status({ state: 'unavailable', detail: e instanceof BasemapUnavailable ? e.reason : 'invalid' });
    }
    if (mine !== generation) return;
    removeBasemap(map);
    if (style) {
      try {
        addBasemap(map, style);
        status({ state: 'shown', detail: null });
      } catch (e) {
        removeBasemap(map);
        style = null;
        status({ state: 'unavailable', detail: 'invalid' });
        console.warn('basemap style could not be added:', e);
      }
    }
    fitFills(style !== null);
    credits = styleCredits(choice, style);
    setAttribution();
  }

  // tiles, sprites or glyphs of the basemap that fail later (the network went away) leave the map as it
  // is; other errors are reported as MapLibre reports them without a listener
  const onError = (e: maplibregl.ErrorEvent & { sourceId?: string }) => {
    const basemapError = (e.sourceId?.startsWith(BASEMAP_PREFIX) ?? false) || store.getState().basemapStatus.state !== 'none' && /sprite|glyph|font|style/i.test(String(e.error?.message));
    if (!basemapError) console.error(e.error);
  };
  map.on('error', onError);

  const unsubscribers: (() => void)[] = [];
  const start = () => {
    void apply(store.getState().basemap);
    unsubscribers.push(store.subscribe((s) => s.basemap, (c) => void apply(c)));
    unsubscribers.push(store.subscribe((s) => s.sourceId, () => setAttribution()));
    // a new data set's layers (added on top by the map adapter, which subscribed first): the basemap's
    // labels go back over its fills, and the fills take the basemap's lightness again
    unsubscribers.push(store.subscribe((s) => s.dataset, () => {
      arrangeBasemap(map);
      baseFillOpacity = null;
      fitFills(store.getState().basemapStatus.state === 'shown');
    }));
  };
  if (map.loaded()) start(); else map.once('load', start);
  return () => { abort?.abort(); unsubscribers.forEach((u) => u()); map.off('error', onError); };
}
