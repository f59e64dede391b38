import type { LayerSpecification, SourceSpecification, StyleSpecification } from '@maplibre/maplibre-gl-style-spec';
import * as maplibregl from 'maplibre-gl';
import { isLabelLayer } from './basemapStyle';

/*
 * Puts a basemap style into the live map around the data: its fills and lines under the data, its
 * labels over the catchment fills and under the schools. Basemap layers and sources carry the prefix
 * `bm:`, so that they never clash with the data's and can be taken out again.
 */

export const BASEMAP_PREFIX = 'bm:';
/** The first data layer drawn over the basemap's labels (schools and their names). */
const TOP_DATA_LAYER = 'schools-circle';
const isBasemap = (id: string) => id.startsWith(BASEMAP_PREFIX);

/** Takes the basemap out: its layers, sources and sprite. */
export function removeBasemap(map: maplibregl.Map): void {
  const style = map.getStyle();
  for (const l of style.layers) if (isBasemap(l.id)) map.removeLayer(l.id);
  for (const id of Object.keys(style.sources)) if (isBasemap(id)) map.removeSource(id);
  if (map.getStyle().sprite) map.setSprite(null);
  if (map.getStyle().glyphs) map.setGlyphs(null);
}

/** Where basemap layers go: fills under the first data layer, labels under the schools. */
function anchors(map: maplibregl.Map, top: string): { under: string | undefined; labels: string | undefined } {
  const layers = map.getStyle().layers;
  const firstData = layers.find((l) => !isBasemap(l.id) && l.type !== 'background')?.id;
  return { under: firstData, labels: map.getLayer(top) ? top : undefined };
}

/** Adds a style's sources and layers to the map (after `removeBasemap`); its labels go under `top`. */
export function addBasemap(map: maplibregl.Map, style: StyleSpecification, top = TOP_DATA_LAYER): void {
  for (const [id, src] of Object.entries(style.sources)) map.addSource(BASEMAP_PREFIX + id, src as SourceSpecification);
  if (typeof style.sprite === 'string') map.setSprite(style.sprite);
  else if (Array.isArray(style.sprite)) for (const s of style.sprite) map.addSprite(s.id, s.url);
  if (typeof style.glyphs === 'string') map.setGlyphs(style.glyphs);
  const { under, labels } = anchors(map, top);
  for (const l of style.layers) {
    const layer = { ...l, id: BASEMAP_PREFIX + l.id, ...('source' in l && typeof l.source === 'string' ? { source: BASEMAP_PREFIX + l.source } : {}) } as LayerSpecification;
    map.addLayer(layer, isLabelLayer(l) ? labels : under);
  }
}

/**
 * Puts the basemap's layers back in their places after the data's layers were added again (a new data
 * set): fills and lines at the bottom, labels just under the schools.
 */
export function arrangeBasemap(map: maplibregl.Map): void {
  const layers = map.getStyle().layers;
  const bm = layers.filter((l) => isBasemap(l.id));
  if (!bm.length) return;
  const { labels } = anchors(map, TOP_DATA_LAYER);
  const firstData = layers.find((l) => !isBasemap(l.id) && l.type !== 'background')?.id;
  for (const l of bm) map.moveLayer(l.id, isLabelLayer(l) ? labels : firstData);
}
