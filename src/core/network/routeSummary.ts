import type { LevelAssignment, Schools, Units } from '../model';
import type { Settings } from '../settings/settings';

/** One school's walking figures for one level: both distances and the statutory test by route. */
export interface SchoolRoutes {
  children: number;
  /** children-weighted mean distance of the school's catchment by route (straight where marked), metres; NaN without children */
  meanRouteM: number;
  /** the same children's mean straight-line distance to the school */
  meanStraightM: number;
  /** units and children beyond the level's distance standard by route */
  beyondUnits: number;
  beyondChildren: number;
  /** units whose distance is the straight line (off the network or no route) */
  fallbackUnits: number;
}

/** The statutory walking-distance test of one level, and where route and straight-line catchments part. */
export interface RouteLevel {
  level: string;
  standardM: number;
  unitsBeyond: number;
  childrenBeyond: number;
  unitsFallback: number;
  childrenFallback: number;
  /** by unit: 1 where the nearest school by route is not the nearest in a straight line */
  differs: Uint8Array;
  unitsDiffer: number;
  childrenDiffer: number;
  /** children-weighted mean of route / straight-line distance over units reached by route (NaN when none) */
  meanRatio: number;
  /** by school index */
  bySchool: SchoolRoutes[];
}

export interface RouteSummary {
  levels: RouteLevel[];
}

/**
 * Per level: the units whose children are beyond the walking-distance standard by route, counted per
 * school; both distances per school; and where the route-nearest school differs from the straight-line one.
 * @param assignments the plan's assignment by route (with straightByUnit and viaNetworkByUnit)
 * @param nearestByRoute / nearestStraight nearest-school assignments of the same schools and units
 * @example summariseRoutes(schools, units, settings, result.assignments, nearest, straight).levels[0].childrenBeyond
 */
export function summariseRoutes(
  schools: Pick<Schools, 'count'>, units: Pick<Units, 'count' | 'childrenByLevel'>, settings: Settings,
  assignments: LevelAssignment[], nearestByRoute: LevelAssignment[], nearestStraight: LevelAssignment[],
): RouteSummary {
  const levels = assignments.map((a): RouteLevel => {
    const def = settings.levels.find((l) => l.id === a.level)!;
    const ch = units.childrenByLevel[a.level] ?? new Float32Array(units.count);
    const n = nearestByRoute.find((x) => x.level === a.level)!, st = nearestStraight.find((x) => x.level === a.level)!;
    const bySchool: SchoolRoutes[] = Array.from({ length: schools.count }, () => ({ children: 0, meanRouteM: 0, meanStraightM: 0, beyondUnits: 0, beyondChildren: 0, fallbackUnits: 0 }));
    const differs = new Uint8Array(units.count);
    let unitsBeyond = 0, childrenBeyond = 0, unitsFallback = 0, childrenFallback = 0, unitsDiffer = 0, childrenDiffer = 0, ratioSum = 0, ratioW = 0;
    for (let u = 0; u < units.count; u++) {
      if (n.schoolByUnit[u] !== n.noSchool && n.schoolByUnit[u] !== st.schoolByUnit[u]) { differs[u] = 1; unitsDiffer++; childrenDiffer += ch[u]; }
      const s = a.schoolByUnit[u];
      if (s === a.noSchool || !(ch[u] > 0)) continue;
      const d = a.distanceByUnit[u], line = a.straightByUnit ? a.straightByUnit[u] : d, routed = a.viaNetworkByUnit ? a.viaNetworkByUnit[u] === 1 : false;
      const r = bySchool[s];
      r.children += ch[u]; r.meanRouteM += ch[u] * d; r.meanStraightM += ch[u] * line;
      if (!routed) { r.fallbackUnits++; unitsFallback++; childrenFallback += ch[u]; } else if (line > 0) { ratioSum += ch[u] * (d / line); ratioW += ch[u]; }
      if (d > def.distanceStandardM) { r.beyondUnits++; r.beyondChildren += ch[u]; unitsBeyond++; childrenBeyond += ch[u]; }
    }
    for (const r of bySchool) {
      r.meanRouteM = r.children > 0 ? r.meanRouteM / r.children : NaN;
      r.meanStraightM = r.children > 0 ? r.meanStraightM / r.children : NaN;
    }
    return {
      level: a.level, standardM: def.distanceStandardM, unitsBeyond, childrenBeyond, unitsFallback, childrenFallback,
      differs, unitsDiffer, childrenDiffer, meanRatio: ratioW > 0 ? ratioSum / ratioW : NaN, bySchool,
    };
  });
  return { levels };
}
