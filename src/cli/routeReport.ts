import type { Derivation, Schools } from '../core/index';
import { say } from './output';

/** The statutory walking-distance test by route, for summary.json: per level, and per school id. */
export function routeFigures(d: Pick<Derivation, 'routes'>, schools: Pick<Schools, 'ids'>): Record<string, unknown> | null {
  if (!d.routes) return null;
  return {
    levels: d.routes.levels.map((x) => ({
      level: x.level, standardM: x.standardM, unitsBeyond: x.unitsBeyond, childrenBeyond: x.childrenBeyond,
      unitsNetworkFallback: x.unitsFallback, childrenNetworkFallback: x.childrenFallback,
      unitsNearestDiffers: x.unitsDiffer, childrenNearestDiffers: x.childrenDiffer, meanRouteToStraight: x.meanRatio,
      bySchool: Object.fromEntries(x.bySchool.map((b, s) => [schools.ids[s], b]).filter(([, b]) => (b as { children: number }).children > 0)),
    })),
  };
}

/** One line per level: children beyond the standard by route, where route and straight-line nearest differ, fallbacks. */
export function sayRoutes(d: Pick<Derivation, 'routes'>, unitCount: number): void {
  if (!d.routes) return;
  for (const x of d.routes.levels) {
    const ratio = Number.isFinite(x.meanRatio) ? x.meanRatio.toFixed(2) : 'n/a';
    say(`${x.level} by route: ${Math.round(x.childrenBeyond)} children (${x.unitsBeyond} areas) beyond ${Math.round(x.standardM)} m; nearest school differs from the straight-line one for ${x.unitsDiffer} of ${unitCount} areas (${unitCount ? ((x.unitsDiffer / unitCount) * 100).toFixed(1) : '0'}%); route / straight line ${ratio}; ${x.unitsFallback} areas with children off the network (straight line)`);
  }
}
