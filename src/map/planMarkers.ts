import type * as maplibregl from 'maplibre-gl';
import type { PlannerStore } from '../store/plannerStore';
import { LABEL_FONT } from './fontFaces';
import { addMarkerImages, HOUSING_ICON } from './markerImages';

const HOUSING = 'housing';

/** New housing of the plan on screen as house markers with their names, over the data's layers. */
export function attachPlanMarkers(map: maplibregl.Map, store: PlannerStore): () => void {
  function draw() {
    const s = store.getState();
    const plan = s.plans.find((p) => p.id === s.activePlanId);
    const features: GeoJSON.Feature[] = (plan?.actions ?? []).flatMap((a) => (a.kind === 'housing'
      ? [{ type: 'Feature' as const, properties: { name: a.name, homes: a.homes }, geometry: { type: 'Point' as const, coordinates: [a.lon, a.lat] } }]
      : []));
    const data: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features };
    const src = map.getSource(HOUSING) as maplibregl.GeoJSONSource | undefined;
    if (src) src.setData(data);
    else {
      addMarkerImages(map);
      map.addSource(HOUSING, { type: 'geojson', data });
      map.addLayer({
        id: `${HOUSING}-marker`, type: 'symbol', source: HOUSING,
        layout: {
          'icon-image': HOUSING_ICON, 'icon-allow-overlap': true, 'text-field': ['get', 'name'], 'text-font': [LABEL_FONT], 'text-size': 11,
          'text-anchor': 'top', 'text-offset': [0, 1.1], 'text-optional': true,
        },
        paint: { 'text-color': '#7a3510', 'text-halo-color': '#fff', 'text-halo-width': 1.3 },
      });
    }
    // a new data set's layers were added on top: the markers go back over them
    map.moveLayer(`${HOUSING}-marker`);
  }
  const unsubscribers: (() => void)[] = [];
  const start = () => {
    draw();
    unsubscribers.push(store.subscribe((s) => [s.plans, s.activePlanId, s.dataset] as const, draw, { equalityFn: (a, b) => a.every((x, i) => x === b[i]) }));
  };
  if (map.loaded()) start(); else map.once('load', start);
  return () => unsubscribers.forEach((u) => u());
}
