import type { LevelAssignment } from '../model';

export interface VersusNearest { total: number; atNearestShare: number; moved: number; meanExtraM: number; maxExtraM: number }

/**
 * A plan's level against the nearest-school zones: share of children at their nearest school, the
 * children sent elsewhere and their extra distance (mean, max).
 * @example versusNearest(children, plan.assignments[0], plan.nearest[0]).atNearestShare
 */
export function versusNearest(children: Float32Array, a: LevelAssignment | Pick<LevelAssignment, 'schoolByUnit' | 'noSchool' | 'distanceByUnit'>, n: Pick<LevelAssignment, 'schoolByUnit' | 'distanceByUnit'>): VersusNearest {
  let total = 0, atNearest = 0, moved = 0, extraSum = 0, extraMax = 0;
  for (let u = 0; u < children.length; u++) {
    const w = children[u];
    if (!(w > 0) || a.schoolByUnit[u] === a.noSchool) continue;
    total += w;
    if (a.schoolByUnit[u] === n.schoolByUnit[u]) { atNearest += w; continue; }
    moved += w;
    const extra = a.distanceByUnit[u] - n.distanceByUnit[u];
    extraSum += w * extra;
    if (extra > extraMax) extraMax = extra;
  }
  return { total, atNearestShare: total > 0 ? atNearest / total : NaN, moved, meanExtraM: moved > 0 ? extraSum / moved : NaN, maxExtraM: extraMax };
}
