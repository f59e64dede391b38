import type * as maplibregl from 'maplibre-gl';
import { formatDistance } from '../i18n/format';
import type { Assignment, PlannerState, ReportMap, ReportPictures } from '../store/plannerStore';
import { candidateIndicesForLevel } from './levelSchools';
import { SCHOOLS, ZONES } from './mapLayers';
import { CATCHMENT_COLOURS, colourSchools } from './palette';
import type { UnitStyler } from './unitColours';

/** What the map adapter lends the report: its unit styling and drawing. */
export interface PictureHooks {
  /** a catchment styler of an assignment with these colours (the adapter knows the density classes) */
  styler(a: Assignment, colourBySchool: Map<number, number>): UnitStyler;
  /** draws every unit with a styler; resolves once the map has the new colours */
  paintUnits(styler: UnitStyler): Promise<void>;
}

type LonLat = [number, number];

/** The assignment before the plan, rebuilt from the engine's moves (units with children whose school changes). */
function beforeAssignment(state: PlannerState, a: Assignment): Assignment {
  const res = state.results!, ds = state.dataset!;
  const schoolByUnit = a.schoolByUnit.slice();
  const unitIndex = new Map<string, number>();
  if (ds.units.ids) ds.units.ids.forEach((id, i) => unitIndex.set(id, i));
  const schoolIndex = new Map(res.schools.ids.map((id, i) => [id, i] as const));
  for (const m of res.moves) {
    if (m.level !== a.level) continue;
    const u = ds.units.ids ? unitIndex.get(m.unitId) : Number(m.unitId);
    if (u === undefined || !(u >= 0)) continue;
    schoolByUnit[u] = m.from === null ? a.noSchool : schoolIndex.get(m.from) ?? a.noSchool;
  }
  return { level: a.level, schoolByUnit: schoolByUnit as Assignment['schoolByUnit'], noSchool: a.noSchool, distanceByUnit: a.distanceByUnit };
}

/** Schools a plan's layout actions name (closed, merged, receiving, opened, changed). */
function actionSchools(state: PlannerState): Set<string> {
  const plan = state.plans.find((p) => p.id === state.activePlanId);
  const out = new Set<string>();
  for (const act of plan?.actions ?? []) {
    for (const key of ['school', 'receiver', 'into'] as const) {
      const v = (act as Record<string, unknown>)[key];
      if (typeof v === 'string') out.add(v);
    }
  }
  return out;
}

/**
 * The frame of the report's maps: the units whose school changes, the schools the plan names and
 * those that gain or lose children, and new housing; the whole data set when the plan changes nothing.
 */
export function reportFrame(state: PlannerState, before: Assignment, after: Assignment): { bounds: [LonLat, LonLat]; involved: Set<number>; onChanges: boolean } {
  const ds = state.dataset!, sv = state.results!.schools;
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  const add = (lon: number, lat: number) => {
    if (!Number.isFinite(lon) || !Number.isFinite(lat)) return;
    w = Math.min(w, lon); e = Math.max(e, lon); s = Math.min(s, lat); n = Math.max(n, lat);
  };
  const involved = new Set<number>();
  for (let u = 0; u < after.schoolByUnit.length; u++) {
    if (before.schoolByUnit[u] === after.schoolByUnit[u]) continue;
    add(ds.units.lon[u], ds.units.lat[u]);
    if (before.schoolByUnit[u] !== before.noSchool) involved.add(before.schoolByUnit[u]);
    if (after.schoolByUnit[u] !== after.noSchool) involved.add(after.schoolByUnit[u]);
  }
  const named = actionSchools(state);
  sv.ids.forEach((id, i) => { if (named.has(id) || i >= ds.schools.ids.length) involved.add(i); });
  for (const i of involved) add(sv.lon[i], sv.lat[i]);
  const plan = state.plans.find((p) => p.id === state.activePlanId);
  for (const act of plan?.actions ?? []) if (act.kind === 'housing') add(act.lon, act.lat);
  if (!Number.isFinite(w)) {
    const [bw, bs, be, bn] = ds.bbox;
    return { bounds: [[bw, bs], [be, bn]], involved, onChanges: false };
  }
  // a single school or a few areas: at least about 1.5 km across, so that the streets around read
  const minDeg = 0.007;
  const cx = (w + e) / 2, cy = (s + n) / 2;
  const kx = Math.cos((cy * Math.PI) / 180) || 1;
  const halfX = Math.max((e - w) / 2, minDeg / kx), halfY = Math.max((n - s) / 2, minDeg);
  return { bounds: [[cx - halfX, cy - halfY], [cx + halfX, cy + halfY]], involved, onChanges: true };
}

/** Resolves when the map has loaded what it shows and drawn it. */
function idle(map: maplibregl.Map): Promise<void> {
  return new Promise((resolve) => { map.once('idle', () => resolve()); map.triggerRepaint(); });
}

/** Copies the next frame (WebGL keeps no picture between frames, so it is read in the render event). */
function grab(map: maplibregl.Map): Promise<HTMLCanvasElement> {
  return new Promise((resolve) => {
    map.once('render', () => {
      const src = map.getCanvas();
      const c = document.createElement('canvas');
      c.width = src.width; c.height = src.height;
      c.getContext('2d')!.drawImage(src, 0, 0);
      resolve(c);
    });
    map.triggerRepaint();
  });
}

function metres(a: LonLat, b: LonLat): number {
  const r = Math.PI / 180, R = 6371008.8;
  const dLat = (b[1] - a[1]) * r, dLon = (b[0] - a[0]) * r;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * r) * Math.cos(b[1] * r) * Math.sin(dLon / 2) ** 2;
  return 2 * R * Math.asin(Math.sqrt(h));
}

/** Draws school names (involved schools first, none overlapping), a scale bar and a north arrow. */
function overlay(map: maplibregl.Map, c: HTMLCanvasElement, labels: { lon: number; lat: number; name: string; strong: boolean }[]): void {
  const ctx = c.getContext('2d')!;
  const k = c.width / map.getCanvas().clientWidth || 1;
  ctx.save();
  ctx.scale(k, k);
  const W = c.width / k, H = c.height / k;
  // the picture is printed at about half a page's width: text grows with the picture to stay readable
  const f = Math.max(1, W / 600);
  const placed: [number, number, number, number][] = [];
  ctx.textBaseline = 'middle';
  ctx.lineJoin = 'round';
  for (const l of labels) {
    const p = map.project([l.lon, l.lat]);
    if (p.x < 0 || p.y < 0 || p.x > W || p.y > H) continue;
    ctx.font = `${l.strong ? 600 : 400} ${Math.round((l.strong ? 16 : 13) * f)}px 'Noto Sans', system-ui, sans-serif`;
    const tw = ctx.measureText(l.name).width;
    const x = p.x + 8 * f, y = p.y;
    const box: [number, number, number, number] = [x - 2, y - 10 * f, x + tw + 2, y + 10 * f];
    if (box[2] > W - 4 || placed.some((b) => b[0] < box[2] && box[0] < b[2] && b[1] < box[3] && box[1] < b[3])) continue;
    placed.push(box);
    ctx.strokeStyle = 'rgba(255,255,255,0.95)'; ctx.lineWidth = 3.5 * f; ctx.strokeText(l.name, x, y);
    ctx.fillStyle = l.strong ? '#111' : '#333'; ctx.fillText(l.name, x, y);
  }
  // scale bar: a round length of about a fifth of the width, measured on the ground at the map's middle
  const mid = map.unproject([W / 2, H / 2]), right = map.unproject([W / 2 + 100, H / 2]);
  const perPx = metres([mid.lng, mid.lat], [right.lng, right.lat]) / 100;
  const target = (W / 5) * perPx;
  const pow = 10 ** Math.floor(Math.log10(target));
  const nice = [5, 2, 1].map((m) => m * pow).find((v) => v <= target) ?? pow;
  const len = nice / perPx;
  const x0 = 14, y0 = H - 18 * f;
  ctx.fillStyle = 'rgba(255,255,255,0.85)'; ctx.fillRect(x0 - 6, y0 - 24 * f, Math.max(len, 60 * f) + 12, 34 * f);
  ctx.fillStyle = '#111'; ctx.fillRect(x0, y0, len, 6 * f);
  ctx.fillStyle = '#fff'; ctx.fillRect(x0 + len / 2, y0 + 1.5 * f, len / 2 - 1.5 * f, 3 * f);
  ctx.fillStyle = '#111'; ctx.font = `600 ${Math.round(15 * f)}px 'Noto Sans', system-ui, sans-serif`; ctx.textBaseline = 'bottom';
  ctx.fillText(formatDistance(nice), x0, y0 - 3);
  // north arrow (the report's maps are drawn north up)
  const ax = W - 32 * f, ay = 14;
  ctx.fillStyle = 'rgba(255,255,255,0.85)'; ctx.beginPath(); ctx.arc(ax, ay + 20 * f, 24 * f, 0, Math.PI * 2); ctx.fill();
  ctx.fillStyle = '#111'; ctx.beginPath(); ctx.moveTo(ax, ay + 2 * f); ctx.lineTo(ax + 10 * f, ay + 30 * f); ctx.lineTo(ax, ay + 24 * f); ctx.lineTo(ax - 10 * f, ay + 30 * f); ctx.closePath(); ctx.fill();
  ctx.font = `700 ${Math.round(14 * f)}px 'Noto Sans', system-ui, sans-serif`; ctx.textBaseline = 'top'; ctx.textAlign = 'center';
  ctx.fillText('N', ax, ay + 29 * f);
  // frame
  ctx.strokeStyle = '#444'; ctx.lineWidth = 1; ctx.strokeRect(0.5, 0.5, W - 1, H - 1);
  ctx.restore();
}

/** Layers the report draws in its own way while it takes its pictures: hidden, then shown again. */
function hideLayers(map: maplibregl.Map, ids: string[]): () => void {
  const hidden = ids.filter((id) => map.getLayer(id) && map.getLayoutProperty(id, 'visibility') !== 'none');
  for (const id of hidden) map.setLayoutProperty(id, 'visibility', 'none');
  return () => { for (const id of hidden) if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', 'visible'); };
}

/**
 * The report's two maps of the level on screen, before and after the plan, in the same colours,
 * framed on what the plan changes (not on what the screen shows): units coloured by school, schools
 * as dots (hollow: closed), zone outlines after, names, scale bar and north arrow. The camera, the
 * layers and the colours are put back by the caller's refresh.
 */
export async function takeReportPictures(map: maplibregl.Map, state: PlannerState, hooks: PictureHooks): Promise<ReportPictures> {
  const res = state.results!, ds = state.dataset!, sv = res.schools;
  const after = res.assignments.find((x) => x.level === state.level) ?? res.assignments[0];
  const before = beforeAssignment(state, after);
  const frame = reportFrame(state, before, after);
  const camera = { center: map.getCenter(), zoom: map.getZoom(), bearing: map.getBearing(), pitch: map.getPitch() };
  // the same colour for a school in both maps: colours over the schools of either
  const openAfter = candidateIndicesForLevel(sv, state, after.level);
  const union = new Set(openAfter);
  for (let u = 0; u < before.schoolByUnit.length; u++) if (before.schoolByUnit[u] !== before.noSchool) union.add(before.schoolByUnit[u]);
  const colours = colourSchools(sv.lon, sv.lat, [...union].sort((a, b) => a - b));
  const openBefore = new Set(union);
  for (let i = ds.schools.ids.length; i < sv.ids.length; i++) openBefore.delete(i);
  const closedByPlan = new Set([...union].filter((i) => !openAfter.includes(i)));
  for (const i of closedByPlan) if (!(i < ds.schools.ids.length)) openBefore.delete(i);
  // labels on the map come from the report, not from the map's own label layers
  const style = map.getStyle();
  const schoolSymbols = (style?.layers ?? []).filter((l) => l.type === 'symbol' && 'source' in l && l.source === SCHOOLS).map((l) => l.id);
  const showAgain = hideLayers(map, [`${ZONES}-selected`, ...schoolSymbols]);
  try {
    map.jumpTo({ bearing: 0, pitch: 0 });
    map.fitBounds(frame.bounds, { padding: 48, animate: false });
    const shots: ReportMap[] = [];
    for (const when of ['before', 'after'] as const) {
      const a = when === 'before' ? before : after;
      const open = when === 'before' ? openBefore : new Set(openAfter);
      const shown = [...union, ...frame.involved].filter((i, k, all) => all.indexOf(i) === k && (when === 'after' || i < ds.schools.ids.length));
      const features: GeoJSON.Feature[] = shown.map((i) => ({
        type: 'Feature', id: i,
        properties: { id: sv.ids[i], name: sv.names[i], enrollment: Number.isFinite(sv.enrollment[i]) ? sv.enrollment[i] : null, colour: open.has(i) ? '#2b2b2b' : '#ffffff', serves: true, selected: frame.involved.has(i), opened: i >= ds.schools.ids.length },
        geometry: { type: 'Point', coordinates: [sv.lon[i], sv.lat[i]] },
      }));
      (map.getSource(SCHOOLS) as maplibregl.GeoJSONSource | undefined)?.setData({ type: 'FeatureCollection', features });
      const showZones = when === 'after' ? () => undefined : hideLayers(map, [`${ZONES}-line`]);
      await hooks.paintUnits(hooks.styler(a, colours));
      await idle(map);
      const canvas = await grab(map);
      showZones();
      const strong = (i: number) => frame.involved.has(i);
      const labels = shown.filter((i) => when === 'after' || openBefore.has(i) || closedByPlan.has(i))
        .sort((x, y) => Number(strong(y)) - Number(strong(x)) || sv.names[x].localeCompare(sv.names[y]))
        .map((i) => ({ lon: sv.lon[i], lat: sv.lat[i], name: sv.names[i], strong: strong(i) }));
      overlay(map, canvas, labels);
      let png: string | null = null;
      try { png = canvas.toDataURL('image/png'); } catch { png = null; }
      const legend = [...frame.involved].filter((i) => when === 'after' || i < ds.schools.ids.length).map((i) => ({
        name: sv.names[i], colour: CATCHMENT_COLOURS[colours.get(i) ?? 0],
        closed: when === 'after' ? !open.has(i) : false, opened: when === 'after' && i >= ds.schools.ids.length,
      })).sort((x, y) => x.name.localeCompare(y.name));
      shots.push({ png, legend });
    }
    return { level: after.level, before: shots[0], after: shots[1], framedOnChanges: frame.onChanges };
  } finally {
    showAgain();
    map.jumpTo(camera);
  }
}
