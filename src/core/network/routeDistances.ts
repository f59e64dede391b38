import { allocateSchoolByUnit } from '../catchment/assignNearest';
import type { LevelAssignment, SchoolIndex, Schools, Units } from '../model';
import type { NetworkSettings } from '../settings/settings';
import { greatCircleMeters } from '../spatial/sphere';
import { multiSourceSearch, networkCatchments, rankById } from './networkCatchments';
import { snapToGraph, walkableClasses, type RoadGraph, type Snap } from './roadGraph';

/**
 * Distances between units and schools along the road network, for every figure of a derivation
 * when the settings choose routes. Where a unit or a school is farther than `maxSnapM` from a walkable
 * road, or no route joins them, the straight line is used and `routed` says so.
 */
export interface RouteDistances {
  /** metres from unit u to school s */
  between(u: number, s: number): number;
  /** whether between(u, s) follows the roads (false: straight line) */
  routed(u: number, s: number): boolean;
  /** metres between two schools, the same way */
  schoolToSchool(a: number, b: number): number;
  /** nearest school of a level by route, in one multi-source search; straight-line distance and fallbacks per unit */
  nearest(candidates: SchoolIndex[], level: string): LevelAssignment;
}

/** Per graph: per-school distance fields (by school position and settings), reused across derivations. */
const fieldCache = new WeakMap<RoadGraph, Map<string, Float32Array>>();
/** Per graph and units: where each unit joins the network. */
const snapCache = new WeakMap<RoadGraph, WeakMap<Float64Array, Map<string, (Snap | null)[]>>>();
/** at most this many distance values kept per graph (about 80 MB) */
const FIELD_BUDGET = 20_000_000;

/**
 * The route distances of these units and schools over `graph` under the network settings.
 * @example routeDistances(graph, units, schools, settings.network).between(0, 3)
 */
export function routeDistances(graph: RoadGraph, units: Pick<Units, 'count' | 'lon' | 'lat'>, schools: Pick<Schools, 'count' | 'ids' | 'lon' | 'lat'>, net: NetworkSettings): RouteDistances {
  const walkable = walkableClasses(graph, net);
  const key = `${net.maxSnapM}|${walkable ? walkable.join('') : '*'}`;
  let byUnits = snapCache.get(graph);
  if (!byUnits) { byUnits = new WeakMap(); snapCache.set(graph, byUnits); }
  let byKey = byUnits.get(units.lon);
  if (!byKey) { byKey = new Map(); byUnits.set(units.lon, byKey); }
  let unitSnaps = byKey.get(key);
  if (!unitSnaps) { unitSnaps = new Array<Snap | null | undefined>(units.count) as (Snap | null)[]; byKey.set(key, unitSnaps); }
  const snaps = unitSnaps;
  const unitSnap = (u: number): Snap | null => {
    let s = snaps[u];
    if (s === undefined) { s = snapToGraph(graph, units.lon[u], units.lat[u], net.maxSnapM, walkable); snaps[u] = s; }
    return s;
  };
  const schoolSnaps = new Map<number, Snap | null>();
  const schoolSnap = (s: number): Snap | null => {
    let x = schoolSnaps.get(s);
    if (x === undefined) { x = snapToGraph(graph, schools.lon[s], schools.lat[s], net.maxSnapM, walkable); schoolSnaps.set(s, x); }
    return x;
  };
  let fields = fieldCache.get(graph);
  if (!fields) { fields = new Map(); fieldCache.set(graph, fields); }
  const cache = fields;
  const rank = rankById(schools);
  const field = (s: number, snap: Snap): Float32Array => {
    const k = `${schools.lon[s]},${schools.lat[s]}|${key}`;
    let f = cache.get(k);
    if (!f) {
      f = Float32Array.from(multiSourceSearch(graph, [{ school: s, snap }], rank, walkable).dist);
      if ((cache.size + 1) * graph.nodeCount > FIELD_BUDGET) cache.clear();
      cache.set(k, f);
    }
    return f;
  };
  /** route metres from a point snapped at `p` to school s, Infinity when no route joins them */
  const route = (p: Snap, s: number): number => {
    const ss = schoolSnap(s);
    if (!ss) return Infinity;
    const f = field(s, ss), e = p.edge, len = graph.edgeLength[e];
    let d = Math.min(p.t * len + f[graph.edgeA[e]], (1 - p.t) * len + f[graph.edgeB[e]]);
    if (ss.edge === e) d = Math.min(d, Math.abs(p.t - ss.t) * len + ss.accessM);
    return p.accessM + d;
  };
  const straight = (u: number, s: number) => greatCircleMeters(units.lon[u], units.lat[u], schools.lon[s], schools.lat[s]);
  const viaRoads = (u: number, s: number): number => { const p = unitSnap(u); return p ? route(p, s) : Infinity; };
  return {
    between(u, s) { const d = viaRoads(u, s); return Number.isFinite(d) ? d : straight(u, s); },
    routed(u, s) { return Number.isFinite(viaRoads(u, s)); },
    schoolToSchool(a, b) {
      const p = schoolSnap(a), d = p ? route(p, b) : Infinity;
      return Number.isFinite(d) ? d : greatCircleMeters(schools.lon[a], schools.lat[a], schools.lon[b], schools.lat[b]);
    },
    nearest(candidates, level) {
      const { array: schoolByUnit, noSchool } = allocateSchoolByUnit(schools.count, units.count);
      const distanceByUnit = new Float32Array(units.count).fill(NaN);
      const straightByUnit = new Float32Array(units.count).fill(NaN);
      const viaNetworkByUnit = new Uint8Array(units.count);
      if (candidates.length) {
        const c = networkCatchments(graph, schools, candidates, units, { maxSnapM: net.maxSnapM, walkable, unitSnap });
        for (let u = 0; u < units.count; u++) {
          const s = c.schoolByUnit[u];
          if (s < 0) continue;
          schoolByUnit[u] = s;
          distanceByUnit[u] = c.distanceByUnit[u];
          straightByUnit[u] = straight(u, s);
          viaNetworkByUnit[u] = c.viaNetwork[u];
        }
      }
      return { level, schoolByUnit, noSchool, distanceByUnit, straightByUnit, viaNetworkByUnit };
    },
  };
}

/**
 * Metres from every unit to one school at (lon, lat), exactly as a derivation measures them (by route,
 * else the straight line), as float32 like every stored distance: the painter's running totals.
 * @example routeDistancesTo(graph, units, settings.network, -3.19, 55.95)[0]
 */
export function routeDistancesTo(graph: RoadGraph, units: Pick<Units, 'count' | 'lon' | 'lat'>, net: NetworkSettings, lon: number, lat: number): Float32Array {
  const r = routeDistances(graph, units, { count: 1, ids: [''], lon: Float64Array.of(lon), lat: Float64Array.of(lat) }, net);
  const out = new Float32Array(units.count);
  for (let u = 0; u < units.count; u++) out[u] = r.between(u, 0);
  return out;
}
