import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { area as turfArea } from '@turf/turf';
import type { PlannerStore, PlannerState } from '../store/plannerStore';
import { candidateIndicesForLevel } from './levelSchools';
import { GridCanvas } from './gridCanvas';
import { attachPaintInteraction } from './paintInteraction';
import { colourSchools, flagColour, UNASSIGNED_COLOUR, worstFlag } from './palette';
import { densityClasses, makeUnitStyler, rgbCss, type UnitStyler } from './unitColours';

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
  let grid: GridCanvas | null = null;
  // what each polygon unit shows now: feature-state is only written where it changes
  let shownColour: string[] = [];
  let shownAlpha = new Float32Array(0);
  let styler: UnitStyler | null = null;
  let allUnits = new Uint32Array(0);
  let densityFor: Float32Array | null = null;
  let classes: Uint8Array | null = null;
  let stylerFor: unknown = null;
  // what the zones and schools sources hold now: setData re-tiles and redraws, so skip it when unchanged
  let shownZones: unknown = null;
  let shownSchoolsKey = '';
  const unsubscribers: (() => void)[] = [];

  function layerIds() { return [`${UNITS}-fill`, `${UNITS}-points`, `${UNITS}-image`, `${ZONES}-line`, `${ZONES}-selected`, `${SCHOOLS}-circle`, `${CONTEXT}-line`]; }

  function installDataset(state: PlannerState) {
    for (const id of layerIds()) if (map.getLayer(id)) map.removeLayer(id);
    for (const id of [UNITS, ZONES, SCHOOLS, CONTEXT]) if (map.getSource(id)) map.removeSource(id);
    shownColour = [];
    shownAlpha = new Float32Array(0);
    styler = null;
    grid = null;
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
      grid = new GridCanvas(g.cols, g.rows, g.cellByUnit);
      map.addSource(UNITS, { type: 'canvas', canvas: grid.canvas, animate: false, coordinates: g.corners as [[number, number], [number, number], [number, number], [number, number]] });
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
    // the scenario's schools: the data's, with any opened ones appended
    const sv = res.schools;
    const candidates = candidateIndicesForLevel(sv, state, a.level);
    const colours = colourSchools(sv.lon, sv.lat, candidates);
    // density classes sort every unit: compute once per level and data set, not on every refresh
    const children = ds.units.childrenByLevel[a.level];
    if (densityFor !== children) { densityFor = children; classes = densityClasses(children, areaByUnit).classByUnit; }
    const classByUnit = classes!;
    const selected = state.selectedSchool ? sv.ids.indexOf(state.selectedSchool) : -1;
    const locked = state.working?.levels[a.level]?.lockedByUnit ?? null;
    styler = makeUnitStyler(a, res.nearest.find((x) => x.level === a.level), colours, classByUnit, state.mapMode, selected, locked);
    stylerFor = a;
    if (allUnits.length !== ds.units.count) { allUnits = new Uint32Array(ds.units.count); for (let i = 0; i < allUnits.length; i++) allUnits[i] = i; }
    const pendingImage = drawUnits(allUnits, true);
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
        serves: r.levels.includes(a.level) && r.status === 'open', selected: r.id === state.selectedSchool, opened: i >= ds.schools.ids.length,
      },
      geometry: { type: 'Point', coordinates: [sv.lon[i], sv.lat[i]] },
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

  /** Recolours units: the whole grid texture, or the feature-state of polygon units that changed. */
  function drawUnits(units: Uint32Array, all: boolean): Promise<void> {
    if (!styler) return Promise.resolve();
    if (grid) {
      if (all) grid.drawAll(styler); else grid.drawUnits(units, styler);
      // a static canvas source uploads its pixels only while playing: play for one frame
      const src = map.getSource(UNITS) as maplibregl.CanvasSource | undefined;
      if (!src) return Promise.resolve();
      src.play();
      return new Promise<void>((resolve) => map.once('render', () => { src.pause(); resolve(); }));
    }
    const n = store.getState().dataset?.units.count ?? 0;
    if (shownColour.length !== n) { shownColour = new Array(n).fill(''); shownAlpha = new Float32Array(n).fill(-1); }
    for (let i = 0; i < units.length; i++) {
      const u = units[i];
      const { rgb, alpha } = styler(u);
      const colour = rgbCss(rgb);
      if (shownColour[u] === colour && shownAlpha[u] === Math.fround(alpha)) continue;
      shownColour[u] = colour;
      shownAlpha[u] = alpha;
      map.setFeatureState({ source: UNITS, id: u }, { colour, alpha });
    }
    return Promise.resolve();
  }

  /** A stroke changed some units: recolour just those (the styler reads the live assignment). */
  function repaint(state: PlannerState) {
    const p = state.paint;
    const a = state.results?.assignments.find((x) => x.level === state.level);
    if (!p.units || p.level !== state.level || !a || a !== stylerFor) return;
    void drawUnits(p.units, false);
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
  const detachPaint = attachPaintInteraction(map, store, (p) => unitAt({ point: map.project(map.unproject(p)), lngLat: map.unproject(p) } as maplibregl.MapMouseEvent));
  map.on('click', (e) => {
    if (store.getState().tool !== 'select' || e.originalEvent.altKey) return;
    if (!map.getLayer(`${SCHOOLS}-circle`)) return;
    const hit = map.queryRenderedFeatures([[e.point.x - 4, e.point.y - 4], [e.point.x + 4, e.point.y + 4]], { layers: [`${SCHOOLS}-circle`] })[0];
    if (hit) store.getState().actionSelectSchool(hit.properties.id as string);
  });

  unsubscribers.push(store.subscribe((s) => s.dataset, () => { if (styleReady) installDataset(store.getState()); }));
  unsubscribers.push(store.subscribe((s) => s.paint, () => { if (styleReady) repaint(store.getState()); }));
  unsubscribers.push(store.subscribe(
    (s) => [s.results, s.level, s.mapMode, s.selectedSchool, s.working, s.paint.units === null ? s.paint.version : -1] as const,
    () => { if (styleReady) refresh(store.getState()); },
    { equalityFn: (a, b) => a.every((x, i) => x === b[i]) },
  ));
  unsubscribers.push(store.subscribe((s) => s.selectedSchool, () => flyToSelected(store.getState())));
  // the report's two pictures: the zones as they are, then the areas whose school changes; the mode
  // change is drawn by the next frame, so the picture is read in that frame's render event (no timers)
  unsubscribers.push(store.subscribe((s) => s.print.seq, () => {
    if (store.getState().print.status !== 'capturing') return;
    void (async () => {
      const mode = store.getState().mapMode;
      const after = await pictureOf(map);
      store.getState().actionSetMapMode('difference');
      const changes = await pictureOf(map);
      store.getState().actionSetMapMode(mode);
      store.getState().actionSetPrintPictures({ after, changes });
    })();
  }));
  unsubscribers.push(store.subscribe((s) => s.focus, (f) => { if (f) map.flyTo({ center: [f.lon, f.lat], zoom: Math.max(map.getZoom(), 13), duration: 600 }); }));

  return {
    map,
    destroy() {
      unsubscribers.forEach((u) => u());
      detachPaint();
      map.remove();
    },
  };
}

/** A PNG of the map as the next frame draws it (WebGL keeps no picture between frames). */
function pictureOf(map: maplibregl.Map): Promise<string | null> {
  return new Promise((resolve) => {
    map.once('render', () => { try { resolve(map.getCanvas().toDataURL('image/png')); } catch { resolve(null); } });
    map.triggerRepaint();
  });
}
