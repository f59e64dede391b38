import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { PlannerStore, PlannerState } from '../store/plannerStore';
import { candidateIndicesForLevel } from './levelSchools';
import type { GridCanvas } from './gridCanvas';
import { installLayers, removeLayers, SCHOOLS, UNITS, ZONES } from './mapLayers';
import { schoolAt, unitAt } from './mapPicking';
import { attachBasemap } from './basemapController';
import { FONT_FACES } from './fontFaces';
import { updateNetworkLayer } from './networkLayer';
import { attachPaintInteraction } from './paintInteraction';
import { attachSiteLayer } from './siteLayer';
import { attachPlanMarkers } from './planMarkers';
import { attachPlaceMarker } from './placeMarker';
import { colourSchools, flagColour, worstFlag } from './palette';
import { takeReportPictures } from './reportPictures';
import { densityClasses, makeUnitStyler, rgbCss, type UnitStyler } from './unitColours';

maplibregl.setWorkerUrl(workerUrl);


/**
 * The MapLibre adapter: subscribes to the store outside React and pushes changes into the map
 * (sources, feature-state, one image for grids). Layer definitions live in mapLayers, picking in
 * mapPicking, painting gestures in paintInteraction; user gestures go back to the store as intents.
 */
export function createMapView(container: HTMLElement, store: PlannerStore, options: { preserveDrawingBuffer?: boolean; onRefreshed?: () => void } = {}) {
  const map = new maplibregl.Map({
    container,
    style: { version: 8, sources: {}, 'font-faces': FONT_FACES, layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#f3f1ec' } }] },
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
  // while the report's pictures are taken the map shows them, not the store
  let capturing = false;
  const unsubscribers: (() => void)[] = [];

  function installDataset(state: PlannerState) {
    removeLayers(map);
    shownColour = [];
    shownAlpha = new Float32Array(0);
    styler = null;
    shownZones = null;
    shownSchoolsKey = '';
    areaByUnit = null; unitByCell = null; grid = null;
    const ds = state.dataset;
    if (!ds) return;
    ({ areaByUnit, unitByCell, grid } = installLayers(map, ds));
  }

  function refresh(state: PlannerState) {
    const ds = state.dataset, res = state.results;
    if (!ds || !res || !map.getSource(UNITS) || capturing) return;
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
      (map.getSource(ZONES) as maplibregl.GeoJSONSource).setData({ type: 'FeatureCollection', features: zones });
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
    updateNetworkLayer(map, state);
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
    if (!p.units || p.level !== state.level || !a || a !== stylerFor || capturing) return;
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

  const pick = (e: Pick<maplibregl.MapMouseEvent, 'point' | 'lngLat'>) => unitAt(map, store.getState().dataset, unitByCell, e);

  map.on('load', () => {
    styleReady = true;
    const s = store.getState();
    installDataset(s);
    refresh(s);
  });
  map.on('mousemove', (e) => {
    map.getCanvas().style.cursor = schoolAt(map, e.point) ? 'pointer' : '';
    store.getState().actionHoverUnit(pick(e));
  });
  map.on('mouseout', () => store.getState().actionHoverUnit(null));
  const detachPaint = attachPaintInteraction(map, store, (p) => pick({ point: map.project(map.unproject(p)), lngLat: map.unproject(p) }));
  map.on('click', (e) => {
    if (store.getState().tool !== 'select' || e.originalEvent.altKey) return;
    const id = schoolAt(map, e.point, 4);
    if (id) store.getState().actionSelectSchool(id);
  });

  unsubscribers.push(store.subscribe((s) => s.dataset, () => { if (styleReady) installDataset(store.getState()); }));
  unsubscribers.push(store.subscribe((s) => s.paint, () => { if (styleReady) repaint(store.getState()); }));
  unsubscribers.push(store.subscribe(
    (s) => [s.results, s.level, s.mapMode, s.selectedSchool, s.working, s.paint.units === null ? s.paint.version : -1] as const,
    () => { if (styleReady) refresh(store.getState()); },
    { equalityFn: (a, b) => a.every((x, i) => x === b[i]) },
  ));
  unsubscribers.push(store.subscribe((s) => s.selectedSchool, () => flyToSelected(store.getState())));
  // the report's two maps (reportPictures); afterwards the map shows the store's state again
  unsubscribers.push(store.subscribe((s) => s.print.seq, () => {
    const state = store.getState();
    if (state.print.status !== 'capturing') return;
    if (!styleReady || !state.results || !state.dataset || capturing) { state.actionSetPrintPictures(null); return; }
    capturing = true;
    void takeReportPictures(map, state, {
      styler: (a, colours) => makeUnitStyler(a, undefined, colours, classes ?? new Uint8Array(a.schoolByUnit.length), 'catchments', -1, null),
      paintUnits: (s) => { styler = s; return drawUnits(allUnits, true); },
    }).catch(() => null).then((pictures) => {
      capturing = false;
      shownZones = null; shownSchoolsKey = '';
      refresh(store.getState());
      store.getState().actionSetPrintPictures(pictures);
    });
  }));
  unsubscribers.push(attachSiteLayer(map, store));
  unsubscribers.push(store.subscribe((s) => s.focus, (f) => { if (f) map.flyTo({ center: [f.lon, f.lat], zoom: Math.max(map.getZoom(), 13), duration: 600 }); }));
  unsubscribers.push(attachPlaceMarker(map));

  unsubscribers.push(attachBasemap(map, store), attachPlanMarkers(map, store));

  return {
    map,
    destroy() {
      unsubscribers.forEach((u) => u());
      detachPaint();
      map.remove();
    },
  };
}
