import KDBush from 'kdbush';
import type * as maplibregl from 'maplibre-gl';
import { connectedPatch, pointInPolygon } from '../core/index';
import type { Dataset, PlannerStore } from '../store/plannerStore';

const LASSO = 'lasso';

/**
 * Pointer gestures of the zone-drawing tools, turned into store intents: brush and eraser paint the
 * units under a circle, the lasso those inside a drawn outline, fill a whole connected patch, lock and
 * unlock mark units. Alt-click picks the school of an area. Escape cancels the stroke in progress.
 */
export function attachPaintInteraction(map: maplibregl.Map, store: PlannerStore, unitAt: (p: maplibregl.PointLike) => number | null) {
  let index: KDBush | null = null;
  let kx = 1;
  let indexFor: Dataset | null = null;
  let active = false;
  let last: maplibregl.Point | null = null;
  let lasso: [number, number][] = [];
  const brush = document.createElement('div');
  brush.className = 'brush-cursor';
  brush.style.display = 'none';
  map.getContainer().appendChild(brush);

  function ensureIndex() {
    const ds = store.getState().dataset;
    if (!ds || ds === indexFor) return;
    indexFor = ds;
    const n = ds.units.count;
    let meanLat = 0;
    for (let i = 0; i < n; i++) meanLat += ds.units.lat[i] / n;
    kx = Math.cos((meanLat * Math.PI) / 180);
    index = new KDBush(n);
    for (let i = 0; i < n; i++) index.add(ds.units.lon[i] * kx, ds.units.lat[i]);
    index.finish();
  }

  /** Units whose point lies within the brush circle around a screen point. */
  function unitsInBrush(p: maplibregl.Point): number[] {
    ensureIndex();
    const r = store.getState().brushRadiusPx;
    const c = map.unproject(p), e = map.unproject([p.x + r, p.y]);
    const rDeg = Math.hypot((e.lng - c.lng) * kx, e.lat - c.lat);
    const found = index!.within(c.lng * kx, c.lat, rDeg);
    const under = unitAt(p);
    if (under !== null && !found.includes(under)) found.push(under);
    return found;
  }

  /** Brush positions between two pointer events, so a fast stroke leaves no gaps. */
  function paintSegment(from: maplibregl.Point, to: maplibregl.Point) {
    const r = Math.max(2, store.getState().brushRadiusPx);
    const steps = Math.max(1, Math.ceil(from.dist(to) / (r / 2)));
    const units = new Set<number>();
    for (let k = 1; k <= steps; k++) for (const u of unitsInBrush(from.add(to.sub(from).mult(k / steps)))) units.add(u);
    store.getState().actionPaintUnits([...units]);
  }

  function drawLasso() {
    const src = map.getSource(LASSO) as maplibregl.GeoJSONSource | undefined;
    const coords = lasso.map(([x, y]) => { const l = map.unproject([x, y]); return [l.lng, l.lat]; });
    const data: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: coords.length > 1 ? [{ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: coords } }] : [] };
    if (src) src.setData(data);
    else if (map.isStyleLoaded()) {
      map.addSource(LASSO, { type: 'geojson', data });
      map.addLayer({ id: `${LASSO}-line`, type: 'line', source: LASSO, paint: { 'line-color': '#111', 'line-width': 2, 'line-dasharray': [2, 1] } });
    }
  }

  function unitsInLasso(): number[] {
    ensureIndex();
    const ds = store.getState().dataset!;
    const ring = lasso.map(([x, y]) => { const l = map.unproject([x, y]); return [l.lng * kx, l.lat] as [number, number]; });
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (const [x, y] of ring) { minX = Math.min(minX, x); maxX = Math.max(maxX, x); minY = Math.min(minY, y); maxY = Math.max(maxY, y); }
    return index!.range(minX, minY, maxX, maxY).filter((u) => pointInPolygon(ds.units.lon[u] * kx, ds.units.lat[u], [ring]));
  }

  function fillFrom(u0: number): number[] {
    const { dataset, results, level } = store.getState();
    const adj = dataset?.adjacency;
    const a = results?.assignments.find((x) => x.level === level);
    return adj && a ? connectedPatch(adj, a.schoolByUnit, u0) : [u0];
  }

  const tool = () => store.getState().tool;
  const brushTool = () => ['brush', 'eraser', 'lock', 'unlock'].includes(tool());

  function onDown(e: maplibregl.MapMouseEvent) {
    if (e.originalEvent.button !== 0) return;
    const t = tool();
    if (e.originalEvent.altKey) {
      // picker: the school of the area under the pointer becomes the one to paint with
      const u = unitAt(e.point);
      const { results, level, dataset } = store.getState();
      const a = results?.assignments.find((x) => x.level === level);
      if (u !== null && a && a.schoolByUnit[u] !== a.noSchool) store.getState().actionSelectSchool(dataset!.schools.ids[a.schoolByUnit[u]]);
      e.preventDefault();
      return;
    }
    if (t === 'select') return;
    if (t === 'place') { store.getState().actionSetPendingPoint({ lon: e.lngLat.lng, lat: e.lngLat.lat }); return; }
    e.preventDefault();
    if (t === 'fill') {
      const u = unitAt(e.point);
      if (u === null || !store.getState().actionBeginStroke()) return;
      store.getState().actionPaintUnits(fillFrom(u));
      store.getState().actionEndStroke();
      return;
    }
    if (!store.getState().actionBeginStroke()) return;
    active = true;
    map.dragPan.disable();
    if (t === 'lasso') { lasso = [[e.point.x, e.point.y]]; drawLasso(); return; }
    last = e.point;
    performance.mark('planner:paint-start');
    store.getState().actionPaintUnits(unitsInBrush(e.point));
    performance.measure('planner:paint', 'planner:paint-start');
  }

  function onMove(e: maplibregl.MapMouseEvent) {
    if (brushTool()) {
      const r = store.getState().brushRadiusPx;
      brush.style.display = 'block';
      brush.style.width = brush.style.height = `${r * 2}px`;
      brush.style.transform = `translate(${e.point.x - r}px, ${e.point.y - r}px)`;
    } else brush.style.display = 'none';
    if (!active) return;
    if (tool() === 'lasso') { lasso.push([e.point.x, e.point.y]); drawLasso(); return; }
    performance.mark('planner:paint-start');
    paintSegment(last!, e.point);
    performance.measure('planner:paint', 'planner:paint-start');
    last = e.point;
  }

  function onUp() {
    if (!active) return;
    active = false;
    map.dragPan.enable();
    if (tool() === 'lasso') {
      if (lasso.length > 2) store.getState().actionPaintUnits(unitsInLasso());
      lasso = [];
      drawLasso();
    }
    store.getState().actionEndStroke();
  }

  function onKey(e: KeyboardEvent) {
    if (e.key === 'Escape' && active) {
      active = false;
      lasso = [];
      drawLasso();
      map.dragPan.enable();
      store.getState().actionCancelStroke();
    }
  }

  // the index is built when a data set opens, not on the first stroke (a 250,000-unit index takes ~50 ms)
  const unsubscribe = store.subscribe((s) => s.dataset, () => ensureIndex());
  ensureIndex();
  map.on('mousedown', onDown);
  map.on('mousemove', onMove);
  map.on('mouseup', onUp);
  map.getCanvas().addEventListener('mouseleave', () => { brush.style.display = 'none'; });
  window.addEventListener('mouseup', onUp);
  window.addEventListener('keydown', onKey);
  return () => {
    unsubscribe();
    window.removeEventListener('mouseup', onUp);
    window.removeEventListener('keydown', onKey);
    brush.remove();
  };
}
