import type * as maplibregl from 'maplibre-gl';
import type { PlannerStore } from '../store/plannerStore';

const SOURCE = 'propose-sites', CIRCLES = 'propose-sites-circles', LABELS = 'propose-sites-labels';

/**
 * Candidate sites for a new school on the map: the best scored sites (numbered as in the list) and the
 * points the planner clicked. While the panel is picking sites, a click with the select tool adds one.
 * A small GeoJSON layer kept above the data set's layers; returns its unsubscriber.
 */
export function attachSiteLayer(map: maplibregl.Map, store: PlannerStore): () => void {
  const features = (): GeoJSON.FeatureCollection => {
    const p = store.getState().propose;
    const token = store.getState().dataset?.token;
    const scored = p.sites && p.sites.token === token ? p.sites.scores : [];
    return {
      type: 'FeatureCollection',
      features: [
        ...scored.map((s, i): GeoJSON.Feature => ({ type: 'Feature', properties: { kind: 'scored', label: String(i + 1) }, geometry: { type: 'Point', coordinates: [s.lon, s.lat] } })),
        ...p.sitePoints.map((s): GeoJSON.Feature => ({ type: 'Feature', properties: { kind: 'clicked', label: '' }, geometry: { type: 'Point', coordinates: [s.lon, s.lat] } })),
      ],
    };
  };
  let ready = false;
  const draw = () => {
    if (!ready) return;
    const src = map.getSource(SOURCE) as maplibregl.GeoJSONSource | undefined;
    if (src) src.setData(features());
    else {
      map.addSource(SOURCE, { type: 'geojson', data: features() });
      map.addLayer({
        id: CIRCLES, type: 'circle', source: SOURCE,
        paint: {
          'circle-radius': ['match', ['get', 'kind'], 'scored', 11, 6],
          'circle-color': ['match', ['get', 'kind'], 'scored', '#7b2cbf', '#ffffff'],
          'circle-stroke-color': '#3c096c', 'circle-stroke-width': 2,
        },
      });
      map.addLayer({ id: LABELS, type: 'symbol', source: SOURCE, layout: { 'text-field': ['get', 'label'], 'text-size': 12, 'text-font': ['Noto Sans', 'sans-serif'], 'text-allow-overlap': true }, paint: { 'text-color': '#ffffff' } });
    }
    // the data set's layers are added after this one when a data set opens: stay on top
    map.moveLayer(CIRCLES);
    map.moveLayer(LABELS);
  };
  const onClick = (e: maplibregl.MapMouseEvent) => {
    const s = store.getState();
    if (!s.propose.pickingSites || s.tool !== 'select' || s.panel !== 'plans') return;
    s.actionAddSitePoint({ lon: e.lngLat.lng, lat: e.lngLat.lat });
  };
  const onLoad = () => { ready = true; draw(); };
  map.on('load', onLoad);
  map.on('click', onClick);
  const unsubscribe = store.subscribe(
    (s) => [s.propose.sites, s.propose.sitePoints, s.dataset, s.results] as const,
    draw,
    { equalityFn: (a, b) => a.every((x, i) => x === b[i]) },
  );
  return () => { unsubscribe(); map.off('load', onLoad); map.off('click', onClick); };
}
