import type { LevelAssignment } from '../catchment/assignNearest';
import type { Units } from '../model';

/** Feeding school -> (receiving school -> share of its children), between two levels. */
export type FeederShares = Map<number, Map<number, number>>;

/**
 * Feeder shares between consecutive levels: of the children a school of the earlier level serves
 * (by its zone), the share living in each zone of the later level. Empty without population units
 * or children counted.
 * @param weights children per unit (the earlier level's count)
 * @example feederShares(units, schools.count, primary, junior, units.childrenByLevel.primary).get(0) // Map { 2 => 1 }
 */
export function feederShares(units: Units, schoolCount: number, prev: LevelAssignment, next: LevelAssignment, weights: Float32Array): FeederShares {
  const totals = new Float64Array(schoolCount);
  const flows: FeederShares = new Map();
  for (let u = 0; u < units.count; u++) {
    const p0 = prev.schoolByUnit[u], n0 = next.schoolByUnit[u];
    if (p0 === prev.noSchool || n0 === next.noSchool || !(weights[u] > 0)) continue;
    totals[p0] += weights[u];
    const m = flows.get(p0) ?? new Map<number, number>();
    m.set(n0, (m.get(n0) ?? 0) + weights[u]);
    flows.set(p0, m);
  }
  for (const [p0, m] of flows) for (const [n0, w] of m) m.set(n0, w / totals[p0]);
  return flows;
}

/**
 * The transition rate `tau` between a level and the next: the setting when given, else calibrated on
 * the base year as `sum E[first] / sum E[last of the previous level]` over the district; 1.0 when
 * neither is possible.
 * @param state base-year grade -> pupils per school
 */
export function transitionRate(state: (Record<string, number> | null)[], first: string, prevLast: string, setting: number | null): { rate: number; source: string } {
  if (setting !== null) return { rate: setting, source: 'setting' };
  let sumIn = 0, sumOut = 0;
  for (const e of state) { if (e?.[first] !== undefined) sumIn += e[first]; if (e?.[prevLast] !== undefined) sumOut += e[prevLast]; }
  if (sumOut > 0 && sumIn > 0) return { rate: sumIn / sumOut, source: `calibrated on the base year: ${first} pupils / ${prevLast} pupils in the district` };
  return { rate: 1, source: 'none (1.0)' };
}

/**
 * Next year's entry cohort of a later level per school: `E[first_j, t+1] = tau * sum_p share(p -> j) * E[last_p, t]`,
 * the previous level's last grade leaving each feeding school shared by where its children live.
 * @param state grade -> pupils per school in year t
 */
export function feederIntake(flows: FeederShares, state: (Record<string, number> | null)[], prevLast: string, rate: number, schoolCount: number): Float64Array {
  const intake = new Float64Array(schoolCount);
  for (const [p0, m] of flows) {
    const leaving = state[p0]?.[prevLast];
    if (!leaving) continue;
    for (const [n0, share] of m) intake[n0] += leaving * share * rate;
  }
  return intake;
}
