/**
 * Timings a person (and the browser tests) can read: time from navigation to the first complete map,
 * and to each later complete map. Exposed as window.__plannerMetrics and as performance marks.
 */
export interface PlannerMetrics {
  firstMapMs: number | null;
  lastMapMs: number | null;
  maps: number;
}

export const metrics: PlannerMetrics = { firstMapMs: null, lastMapMs: null, maps: 0 };
(globalThis as unknown as { __plannerMetrics: PlannerMetrics }).__plannerMetrics = metrics;

export function recordMapIdle(): void {
  const now = performance.now();
  metrics.maps++;
  metrics.lastMapMs = now;
  if (metrics.firstMapMs === null) {
    metrics.firstMapMs = now;
    performance.mark('planner:first-map');
  }
  performance.mark('planner:map-updated');
}
