import type * as maplibregl from 'maplibre-gl';
import type { PlannerState } from '../store/plannerStore';

/** Areas whose nearest school by route is not the nearest in a straight line: a ring at each, for the level shown. */
export const ROUTE_DIFFERS = 'route-differs';
const EMPTY: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [] };
let shown: { map: maplibregl.Map; key: unknown } | null = null;

/**
 * Shows (or clears) the route-versus-straight-line overlay from the newest results: only when the
 * settings choose route distance and the data set has a network (results.routes). Cheap when unchanged.
 */
export function updateNetworkLayer(map: maplibregl.Map, state: PlannerState): void {
  const ds = state.dataset, routes = state.results?.routes ?? null;
  const level = routes?.levels.find((x) => x.level === state.level) ?? null;
  const key = level ? level.differs : null;
  if (shown && shown.map === map && shown.key === key && map.getSource(ROUTE_DIFFERS)) return;
  shown = { map, key };
  if (!map.getSource(ROUTE_DIFFERS)) {
    map.addSource(ROUTE_DIFFERS, { type: 'geojson', data: EMPTY });
    map.addLayer({
      id: `${ROUTE_DIFFERS}-circle`, type: 'circle', source: ROUTE_DIFFERS,
      paint: { 'circle-radius': 4, 'circle-color': 'rgba(0,0,0,0)', 'circle-stroke-color': '#c2185b', 'circle-stroke-width': 2 },
    }, map.getLayer('schools-circle') ? 'schools-circle' : undefined);
  } else if (map.getLayer('schools-circle')) {
    // a data set opened since: its layers went on top; keep the rings above the areas, under the schools
    map.moveLayer(`${ROUTE_DIFFERS}-circle`, 'schools-circle');
  }
  const features: GeoJSON.Feature[] = [];
  if (ds && level) {
    for (let u = 0; u < level.differs.length && u < ds.units.count; u++) {
      if (level.differs[u]) features.push({ type: 'Feature', id: u, properties: {}, geometry: { type: 'Point', coordinates: [ds.units.lon[u], ds.units.lat[u]] } });
    }
  }
  (map.getSource(ROUTE_DIFFERS) as maplibregl.GeoJSONSource).setData({ type: 'FeatureCollection', features });
}
