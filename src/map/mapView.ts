import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { area as turfArea } from '@turf/turf';
import type { PlannerStore, PlannerState } from '../store/plannerStore';
import { candidateIndicesForLevel } from './levelSchools';
import { CATCHMENT_COLOURS, colourSchools, DENSITY_COLOURS, flagColour, UNASSIGNED_COLOUR, worstFlag } from './palette';
import { densityClasses, latticePixels } from './unitColours';

maplibregl.setWorkerUrl(workerUrl);

const EMPTY: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [] };
const UNITS = 'units', ZONES = 'zones', SCHOOLS = 'schools', CONTEXT = 'context';

/**
 * The MapLibre adapter: subscribes to the store outside React and pushes changes into the map
 * (sources, feature-state, one image for grids). User gestures go back to the store as intents.
 */
export function createMapView(container: HTMLElement, store: PlannerStore, options: { preserveDrawingBuffer?: boolean; onRefreshed?: () => void } = {}) {
  const map = new maplibregl.Map({
    container,
    style: { version: 8, sources: {}, layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#f3f1ec' } }] },
    center: [0, 0], zoom: 1,
    attributionControl: false,
    canvasContextAttributes: { preserveDrawingBuffer: options.preserveDrawingBuffer ?? false },
  });
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
  map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-right');

  let styleReady = false;
  let areaByUnit: Float64Array | null = null;
  let unitByCell: Int32Array | null = null;
  let imageUrl: string | null = null;
  let appliedUnitState: Uint16Array | null = null;
  // what the zones and schools sources hold now: setData re-tiles and redraws, so skip it when unchanged
  let shownZones: unknown = null;
  let shownSchoolsKey = '';
  const unsubscribers: (() => void)[] = [];

  function layerIds() { return [`${UNITS}-fill`, `${UNITS}-points`, `${UNITS}-image`, `${ZONES}-line`, `${ZONES}-selected`, `${SCHOOLS}-circle`, `${CONTEXT}-line`]; }

  function installDataset(state: PlannerState) {
    for (const id of layerIds()) if (map.getLayer(id)) map.removeLayer(id);
    for (const id of [UNITS, ZONES, SCHOOLS, CONTEXT]) if (map.getSource(id)) map.removeSource(id);
    appliedUnitState = null;
    shownZones = null;
    shownSchoolsKey = '';
    const ds = state.dataset;
    if (!ds) return;
    const g = ds.units.geometry;
    areaByUnit = null; unitByCell = null;
    if (g.kind === 'polygons') {
      areaByUnit = new Float64Array(ds.units.count);
      for (const f of g.features.features) areaByUnit[f.id as number] = turfArea(f) / 1e6;
      map.addSource(UNITS, { type: 'geojson', data: g.features });
      map.addLayer({
        id: `${UNITS}-fill`, type: 'fill', source: UNITS,
        paint: {
          'fill-color': ['coalesce', ['feature-state', 'colour'], UNASSIGNED_COLOUR] as unknown as string,
          'fill-opacity': ['coalesce', ['feature-state', 'alpha'], 0.3] as unknown as number,
        },
      });
    } else if (g.kind === 'lattice') {
      unitByCell = new Int32Array(g.cols * g.rows).fill(-1);
      g.cellByUnit.forEach((cell, u) => { unitByCell![cell] = u; });
      map.addSource(UNITS, { type: 'image', url: TRANSPARENT_PIXEL, coordinates: g.corners as [[number, number], [number, number], [number, number], [number, number]] });
      map.addLayer({ id: `${UNITS}-image`, type: 'raster', source: UNITS, paint: { 'raster-resampling': 'nearest', 'raster-fade-duration': 0 } });
    } else {
      const features = Array.from({ length: ds.units.count }, (_, i) => ({ type: 'Feature' as const, id: i, properties: {}, geometry: { type: 'Point' as const, coordinates: [ds.units.lon[i], ds.units.lat[i]] } }));
      map.addSource(UNITS, { type: 'geojson', data: { type: 'FeatureCollection', features } });
      map.addLayer({ id: `${UNITS}-points`, type: 'circle', source: UNITS, paint: { 'circle-radius': 3, 'circle-color': ['coalesce', ['feature-state', 'colour'], UNASSIGNED_COLOUR] as unknown as string } });
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
      id: `${SCHOOLS}-circle`, type: 'circle', source: SCHOOLS,
      paint: {
        'circle-radius': ['interpolate', ['linear'], ['sqrt', ['coalesce', ['get', 'enrollment'], 0]], 0, 4, 10, 5, 40, 12] as unknown as number,
        'circle-color': ['get', 'colour'] as unknown as string,
        'circle-opacity': ['case', ['get', 'serves'], 0.95, 0.35] as unknown as number,
        'circle-stroke-color': ['case', ['get', 'selected'], '#000', '#ffffff'] as unknown as string,
        'circle-stroke-width': ['case', ['get', 'selected'], 3, 1.2] as unknown as number,
      },
    });
    const [w, s, e, n] = ds.bbox;
    map.fitBounds([[w, s], [e, n]], { padding: 30, duration: 0 });
  }

  function refresh(state: PlannerState) {
    const ds = state.dataset, res = state.results;
    if (!ds || !res || !map.getSource(UNITS)) return;
    performance.mark('planner:refresh-start');
    const a = res.assignments.find((x) => x.level === state.level) ?? res.assignments[0];
    if (!a) return;
    const candidates = candidateIndicesForLevel(ds, state, a.level);
    const colours = colourSchools(ds.schools.lon, ds.schools.lat, candidates);
    const { classByUnit } = densityClasses(ds.units.childrenByLevel[a.level], areaByUnit);
    const selected = state.selectedSchool ? ds.schools.ids.indexOf(state.selectedSchool) : -1;
    const g = ds.units.geometry;
    let pendingImage: Promise<void> = Promise.resolve();
    if (g.kind === 'lattice') {
      const px = latticePixels(g, a, colours, classByUnit, state.mapMode, selected);
      pendingImage = drawImage(px, g.cols, g.rows);
    } else {
      // feature-state per unit, only where it changed: the slow part of a map update
      const key = new Uint16Array(ds.units.count);
      for (let u = 0; u < ds.units.count; u++) {
        const s = a.schoolByUnit[u];
        const colourIdx = s === a.noSchool ? 255 : (colours.get(s) ?? 0);
        key[u] = state.mapMode === 'children' ? 1000 + classByUnit[u] : (s === selected ? 2000 : 0) + colourIdx * 8 + classByUnit[u];
      }
      for (let u = 0; u < ds.units.count; u++) {
        if (appliedUnitState && appliedUnitState[u] === key[u]) continue;
        const s = a.schoolByUnit[u];
        let colour: string, alpha: number;
        if (state.mapMode === 'children') { colour = DENSITY_COLOURS[classByUnit[u]]; alpha = 0.85; }
        else {
          colour = s === a.noSchool ? UNASSIGNED_COLOUR : CATCHMENT_COLOURS[colours.get(s) ?? 0];
          alpha = [0.25, 0.45, 0.6, 0.72, 0.85][classByUnit[u]];
          if (s === selected) alpha = Math.min(1, alpha + 0.15);
        }
        map.setFeatureState({ source: UNITS, id: u }, { colour, alpha });
      }
      appliedUnitState = key;
    }
    const zones = res.zones[a.level] ?? [];
    if (zones !== shownZones) {
      (map.getSource(ZONES) as maplibregl.GeoJSONSource).setData({ type: 'FeatureCollection', features: zones as unknown as GeoJSON.Feature[] });
      shownZones = zones;
    }
    map.setFilter(`${ZONES}-selected`, ['==', ['get', 'school_id'], state.selectedSchool ?? '']);
    const features: GeoJSON.Feature[] = res.reports.map((r, i) => ({
      type: 'Feature', id: i,
      properties: {
        id: r.id, name: r.name, enrollment: Number.isFinite(r.enrollment) ? r.enrollment : null,
        colour: r.status === 'open' ? flagColour(worstFlag(r)) : '#ffffff',
        serves: r.levels.includes(a.level) && r.status === 'open', selected: r.id === state.selectedSchool,
      },
      geometry: { type: 'Point', coordinates: [ds.schools.lon[i], ds.schools.lat[i]] },
    }));
    const schoolsKey = JSON.stringify(features.map((f) => f.properties));
    if (schoolsKey !== shownSchoolsKey) {
      (map.getSource(SCHOOLS) as maplibregl.GeoJSONSource).setData({ type: 'FeatureCollection', features });
      shownSchoolsKey = schoolsKey;
    }
    performance.measure('planner:refresh', 'planner:refresh-start');
    if (options.onRefreshed) {
      const done = options.onRefreshed;
      // 'idle': every source loaded and the frame drawn, i.e. the map is complete
      void pendingImage.then(() => { map.once('idle', () => done()); map.triggerRepaint(); });
    }
  }

  async function drawImage(px: Uint8ClampedArray, cols: number, rows: number) {
    const canvas = document.createElement('canvas');
    canvas.width = cols; canvas.height = rows;
    canvas.getContext('2d')!.putImageData(new ImageData(px as Uint8ClampedArray<ArrayBuffer>, cols, rows), 0, 0);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve));
    if (!blob) return;
    const url = URL.createObjectURL(blob);
    const source = map.getSource(UNITS) as maplibregl.ImageSource | undefined;
    if (!source || source.type !== 'image') { URL.revokeObjectURL(url); return; }
    await source.updateImage({ url });
    if (imageUrl) URL.revokeObjectURL(imageUrl);
    imageUrl = url;
  }

  function flyToSelected(state: PlannerState) {
    const ds = state.dataset;
    if (!ds || !state.selectedSchool) return;
    const i = ds.schools.ids.indexOf(state.selectedSchool);
    if (i < 0) return;
    const target: [number, number] = [ds.schools.lon[i], ds.schools.lat[i]];
    if (!map.getBounds().contains(target)) map.flyTo({ center: target, zoom: Math.max(map.getZoom(), 12), duration: 600 });
    else map.easeTo({ center: target, duration: 400 });
  }

  function unitAt(e: maplibregl.MapMouseEvent): number | null {
    const ds = store.getState().dataset;
    if (!ds) return null;
    const g = ds.units.geometry;
    if (g.kind === 'lattice' && unitByCell) {
      // affine inverse of the image quad from three corners (exact for lon/lat grids)
      const [tl, tr, , bl] = g.corners;
      const ax = tr[0] - tl[0], ay = tr[1] - tl[1], bx = bl[0] - tl[0], by = bl[1] - tl[1];
      const det = ax * by - ay * bx;
      const px = e.lngLat.lng - tl[0], py = e.lngLat.lat - tl[1];
      const c = Math.floor(((px * by - py * bx) / det) * g.cols), r = Math.floor(((ax * py - ay * px) / det) * g.rows);
      if (c < 0 || r < 0 || c >= g.cols || r >= g.rows) return null;
      const u = unitByCell[r * g.cols + c];
      return u >= 0 ? u : null;
    }
    const layer = g.kind === 'polygons' ? `${UNITS}-fill` : `${UNITS}-points`;
    if (!map.getLayer(layer)) return null;
    const f = map.queryRenderedFeatures(e.point, { layers: [layer] })[0];
    return f ? (f.id as number) : null;
  }

  map.on('load', () => {
    styleReady = true;
    const s = store.getState();
    installDataset(s);
    refresh(s);
  });
  map.on('mousemove', (e) => {
    const onSchool = map.getLayer(`${SCHOOLS}-circle`) && map.queryRenderedFeatures(e.point, { layers: [`${SCHOOLS}-circle`] }).length > 0;
    map.getCanvas().style.cursor = onSchool ? 'pointer' : '';
    store.getState().actionHoverUnit(unitAt(e));
  });
  map.on('mouseout', () => store.getState().actionHoverUnit(null));
  map.on('click', (e) => {
    if (!map.getLayer(`${SCHOOLS}-circle`)) return;
    const hit = map.queryRenderedFeatures([[e.point.x - 4, e.point.y - 4], [e.point.x + 4, e.point.y + 4]], { layers: [`${SCHOOLS}-circle`] })[0];
    if (hit) store.getState().actionSelectSchool(hit.properties.id as string);
  });

  unsubscribers.push(store.subscribe((s) => s.dataset, () => { if (styleReady) installDataset(store.getState()); }));
  unsubscribers.push(store.subscribe(
    (s) => [s.results, s.level, s.mapMode, s.selectedSchool] as const,
    () => { if (styleReady) refresh(store.getState()); },
    { equalityFn: (a, b) => a.every((x, i) => x === b[i]) },
  ));
  unsubscribers.push(store.subscribe((s) => s.selectedSchool, () => flyToSelected(store.getState())));

  return {
    map,
    destroy() {
      unsubscribers.forEach((u) => u());
      if (imageUrl) URL.revokeObjectURL(imageUrl);
      map.remove();
    },
  };
}

const TRANSPARENT_PIXEL = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
