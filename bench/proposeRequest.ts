import type { Plan } from '../src/core/index';
import type { ProposeZonesRequest, ProposeZonesResponse } from '../src/worker/protocol';

/**
 * The request both sides of the browser benchmark send: primary, band [0.5, 1] as bench/proposeZones.ts,
 * the panel's default 6 candidates; its first alternative ("travel", no price on moves) is the same
 * programme as that benchmark's single proposal.
 */
export function proposeRequestOf(token: number, plan: Plan): ProposeZonesRequest {
  return { token, plan, level: 'primary', band: [0.5, 1], k: 6, maxDistanceM: null, movedWeightM: 1000 };
}

/** What the page measured: request to answer on the main thread, and the worker's answer. */
export interface BrowserProposeRun { requestMs: number; response: ProposeZonesResponse; lattice: boolean; adjacency: boolean }
