import type * as maplibregl from 'maplibre-gl';
import { area as turfArea } from '@turf/turf';
import type { Dataset } from '../store/plannerStore';
import { LABEL_FONT } from './fontFaces';
import { GridCanvas } from './gridCanvas';
import { addMarkerImages, NEW_SCHOOL_ICON } from './markerImages';
import { UNASSIGNED_COLOUR } from './palette';

/** The map's sources (one per kind of thing drawn). */
export const UNITS = 'units', ZONES = 'zones', SCHOOLS = 'schools', CONTEXT = 'context';
const EMPTY: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [] };
const LAYER_IDS = [`${UNITS}-fill`, `${UNITS}-points`, `${UNITS}-image`, `${ZONES}-line`, `${ZONES}-selected`, `${SCHOOLS}-circle`, `${SCHOOLS}-new`, `${SCHOOLS}-label`, `${CONTEXT}-line`];

/** What the layers of a data set need later: areas for densities, the grid's cell lookup and canvas. */
export interface InstalledLayers { areaByUnit: Float64Array | null; unitByCell: Int32Array | null; grid: GridCanvas | null }

/** Removes every layer and source of the previous data set. */
export function removeLayers(map: maplibregl.Map): void {
  for (const id of LAYER_IDS) if (map.getLayer(id)) map.removeLayer(id);
  for (const id of [UNITS, ZONES, SCHOOLS, CONTEXT]) if (map.getSource(id)) map.removeSource(id);
}

/**
 * The layer definitions of a data set: units (polygons coloured by feature-state, a grid drawn as one
 * image, or points), context outlines, zone outlines and schools; then the view fits the data.
 */
export function installLayers(map: maplibregl.Map, ds: Dataset): InstalledLayers {
  const g = ds.units.geometry;
  let areaByUnit: Float64Array | null = null, unitByCell: Int32Array | null = null, grid: GridCanvas | null = null;
  if (g.kind === 'polygons') {
    areaByUnit = new Float64Array(ds.units.count);
    for (const f of g.features.features) areaByUnit[f.id as number] = turfArea(f) / 1e6;
    map.addSource(UNITS, { type: 'geojson', data: g.features });
    map.addLayer({
      id: `${UNITS}-fill`, type: 'fill', source: UNITS,
      paint: { 'fill-color': ['coalesce', ['feature-state', 'colour'], UNASSIGNED_COLOUR], 'fill-opacity': ['coalesce', ['feature-state', 'alpha'], 0.3] },
    });
  } else if (g.kind === 'lattice') {
    const cells = new Int32Array(g.cols * g.rows).fill(-1);
    g.cellByUnit.forEach((cell, u) => { cells[cell] = u; });
    unitByCell = cells;
    grid = new GridCanvas(g.cols, g.rows, g.cellByUnit);
    map.addSource(UNITS, { type: 'canvas', canvas: grid.canvas, animate: false, coordinates: g.corners as [[number, number], [number, number], [number, number], [number, number]] });
    map.addLayer({ id: `${UNITS}-image`, type: 'raster', source: UNITS, paint: { 'raster-resampling': 'nearest', 'raster-fade-duration': 0 } });
  } else {
    const features = Array.from({ length: ds.units.count }, (_, i) => ({ type: 'Feature' as const, id: i, properties: {}, geometry: { type: 'Point' as const, coordinates: [ds.units.lon[i], ds.units.lat[i]] } }));
    map.addSource(UNITS, { type: 'geojson', data: { type: 'FeatureCollection', features } });
    map.addLayer({ id: `${UNITS}-points`, type: 'circle', source: UNITS, paint: { 'circle-radius': 3, 'circle-color': ['coalesce', ['feature-state', 'colour'], UNASSIGNED_COLOUR] } });
  }
  if (ds.context) {
    map.addSource(CONTEXT, { type: 'geojson', data: ds.context });
    map.addLayer({ id: `${CONTEXT}-line`, type: 'line', source: CONTEXT, paint: { 'line-color': '#7d7468', 'line-width': 1, 'line-dasharray': [3, 2] } });
  }
  map.addSource(ZONES, { type: 'geojson', data: EMPTY });
  map.addLayer({ id: `${ZONES}-line`, type: 'line', source: ZONES, paint: { 'line-color': '#3b3b3b', 'line-width': 1.1, 'line-opacity': 0.8 } });
  map.addLayer({ id: `${ZONES}-selected`, type: 'line', source: ZONES, filter: ['==', ['get', 'school_id'], ''], paint: { 'line-color': '#111', 'line-width': 3.5 } });
  map.addSource(SCHOOLS, { type: 'geojson', data: EMPTY });
  map.addLayer({
    id: `${SCHOOLS}-circle`, type: 'circle', source: SCHOOLS, filter: ['!', ['get', 'opened']],
    paint: {
      'circle-radius': ['interpolate', ['linear'], ['sqrt', ['coalesce', ['get', 'enrollment'], 0]], 0, 4, 10, 5, 40, 12],
      'circle-color': ['get', 'colour'],
      'circle-opacity': ['case', ['get', 'serves'], 0.95, 0.35],
      'circle-stroke-color': ['case', ['get', 'selected'], '#000', '#ffffff'],
      'circle-stroke-width': ['case', ['get', 'selected'], 3, 1.2],
    },
  });
  addMarkerImages(map);
  map.addLayer({
    id: `${SCHOOLS}-new`, type: 'symbol', source: SCHOOLS, filter: ['get', 'opened'],
    layout: { 'icon-image': NEW_SCHOOL_ICON, 'icon-allow-overlap': true, 'icon-ignore-placement': true },
  });
  // names as the data has them (Chinese too: the label font covers CJK); the larger school wins a collision
  map.addLayer({
    id: `${SCHOOLS}-label`, type: 'symbol', source: SCHOOLS, minzoom: 12,
    layout: {
      'text-field': ['get', 'name'], 'text-font': [LABEL_FONT],
      'text-size': ['interpolate', ['linear'], ['zoom'], 12, 11, 16, 13],
      'text-variable-anchor': ['top', 'bottom', 'right', 'left'], 'text-radial-offset': 0.9, 'text-justify': 'auto', 'text-max-width': 9,
      'symbol-sort-key': ['-', 0, ['coalesce', ['get', 'enrollment'], 0]],
    },
    paint: { 'text-color': '#1d2430', 'text-halo-color': 'rgba(255,255,255,0.95)', 'text-halo-width': 1.4 },
  });
  const [w, s, e, n] = ds.bbox;
  map.fitBounds([[w, s], [e, n]], { padding: 30, duration: 0 });
  return { areaByUnit, unitByCell, grid };
}
