import type * as maplibregl from 'maplibre-gl';
import type { Dataset, PlannerState } from '../store/plannerStore';

/**
 * Areas whose nearest school by route is not the nearest in a straight line, for the level shown:
 * the areas themselves, hatched over the catchments (their polygons, or their cells of a grid), and a
 * ring where the units are points.
 */
export const ROUTE_DIFFERS = 'route-differs';
const COLOUR = '#c2185b';
const EMPTY: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [] };
const LAYERS: maplibregl.AddLayerObject[] = [
  { id: `${ROUTE_DIFFERS}-fill`, type: 'fill', source: ROUTE_DIFFERS, filter: ['==', ['get', 'shape'], 'area'], paint: { 'fill-color': COLOUR, 'fill-opacity': 0.3 } },
  { id: `${ROUTE_DIFFERS}-line`, type: 'line', source: ROUTE_DIFFERS, filter: ['==', ['get', 'shape'], 'area'], paint: { 'line-color': COLOUR, 'line-width': 1, 'line-opacity': 0.8 } },
  { id: `${ROUTE_DIFFERS}-circle`, type: 'circle', source: ROUTE_DIFFERS, filter: ['==', ['get', 'shape'], 'point'], paint: { 'circle-radius': 4, 'circle-color': 'rgba(0,0,0,0)', 'circle-stroke-color': COLOUR, 'circle-stroke-width': 2 } },
];
let shown: { map: maplibregl.Map; key: unknown } | null = null;
/** per data set's polygons: the feature of each unit */
const polygonsByUnit = new WeakMap<GeoJSON.FeatureCollection, Map<number, GeoJSON.Feature>>();

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
  const below = map.getLayer('schools-circle') ? 'schools-circle' : undefined;
  if (!map.getSource(ROUTE_DIFFERS)) {
    map.addSource(ROUTE_DIFFERS, { type: 'geojson', data: EMPTY });
    for (const layer of LAYERS) map.addLayer(layer, below);
  } else if (below) {
    // a data set opened since: its layers went on top; keep these above the areas, under the schools
    for (const layer of LAYERS) map.moveLayer(layer.id, below);
  }
  const features: GeoJSON.Feature[] = [];
  if (ds && level) {
    for (let u = 0; u < level.differs.length && u < ds.units.count; u++) if (level.differs[u]) features.push(unitShape(ds, u));
  }
  (map.getSource(ROUTE_DIFFERS) as maplibregl.GeoJSONSource).setData({ type: 'FeatureCollection', features });
}

/** The unit as drawn for the catchments: its polygon, its grid cell, else its point. */
function unitShape(ds: Dataset, u: number): GeoJSON.Feature {
  const g = ds.units.geometry;
  if (g.kind === 'polygons') {
    let byUnit = polygonsByUnit.get(g.features);
    if (!byUnit) {
      byUnit = new Map(g.features.features.map((f) => [Number(f.id), f]));
      polygonsByUnit.set(g.features, byUnit);
    }
    const f = byUnit.get(u);
    if (f) return { type: 'Feature', id: u, properties: { shape: 'area' }, geometry: f.geometry };
  } else if (g.kind === 'lattice') {
    const cell = g.cellByUnit[u], c = cell % g.cols, r = Math.floor(cell / g.cols);
    // the cell's corners within the grid's image, whose corners the map places (top-left, clockwise)
    const at = (cc: number, rr: number): [number, number] => {
      const x = cc / g.cols, y = rr / g.rows, [tl, tr, br, bl] = g.corners;
      return [
        (1 - y) * ((1 - x) * tl[0] + x * tr[0]) + y * ((1 - x) * bl[0] + x * br[0]),
        (1 - y) * ((1 - x) * tl[1] + x * tr[1]) + y * ((1 - x) * bl[1] + x * br[1]),
      ];
    };
    return { type: 'Feature', id: u, properties: { shape: 'area' }, geometry: { type: 'Polygon', coordinates: [[at(c, r), at(c + 1, r), at(c + 1, r + 1), at(c, r + 1), at(c, r)]] } };
  }
  return { type: 'Feature', id: u, properties: { shape: 'point' }, geometry: { type: 'Point', coordinates: [ds.units.lon[u], ds.units.lat[u]] } };
}
