import type { UnitAdjacency } from './unitAdjacency';

/**
 * The connected patch of units around `start` that share its school (the fill tool's target).
 * @example connectedPatch(adjacency, assignment.schoolByUnit, 12) // [12, 13, 40, ...]
 */
export function connectedPatch(adjacency: UnitAdjacency, schoolByUnit: ArrayLike<number>, start: number): number[] {
  const school = schoolByUnit[start];
  const seen = new Uint8Array(schoolByUnit.length);
  const out = [start];
  seen[start] = 1;
  for (let i = 0; i < out.length; i++) {
    const u = out[i];
    for (let k = adjacency.start[u]; k < adjacency.start[u + 1]; k++) {
      const v = adjacency.neighbours[k];
      if (!seen[v] && schoolByUnit[v] === school) { seen[v] = 1; out.push(v); }
    }
  }
  return out;
}
