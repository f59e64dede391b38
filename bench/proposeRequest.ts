import { newPlan } from '../src/core/index';
import type { DatasetPayload, ProposeZonesRequest, ProposeZonesResponse } from '../src/worker/protocol';

/**
 * The request both sides of the browser benchmark send, from the opened data set's nearest-school plan:
 * primary, band [0.5, 1] as bench/proposeZones.ts, the panel's default 6 candidates; its first
 * alternative ("travel", no price on moves) is the same programme as that benchmark's single proposal.
 */
export function proposeRequestOf(ds: DatasetPayload): ProposeZonesRequest {
  const plan = newPlan('base', { name: ds.name, schoolsFingerprint: ds.schoolsFingerprint, populationFingerprint: ds.populationFingerprint, units: ds.units.count, schools: ds.schools.ids.length }, ds.settings);
  return { token: ds.token, plan, level: 'primary', band: [0.5, 1], k: 6, maxDistanceM: null, movedWeightM: 1000 };
}

/** What the page measured: request to answer on the main thread, and the worker's answer. */
export interface BrowserProposeRun { requestMs: number; response: ProposeZonesResponse; lattice: boolean; adjacency: boolean }
