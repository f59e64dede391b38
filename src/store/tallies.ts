import { moveUnit, tallyAssignment, type Settings, type ZoneTally } from '../core/index';
import type { Measure } from './paintDistances';
import type { Dataset, Results } from './results';
import type { Working } from './working';

/** Running totals per level of an assignment, from scratch (after each of the engine's answers). */
export function buildTallies(results: Results, ds: Dataset, settings: Settings): Record<string, ZoneTally> {
  const out: Record<string, ZoneTally> = {};
  for (const a of results.assignments) {
    const l = settings.levels.find((x) => x.id === a.level);
    out[a.level] = tallyAssignment(a, ds.units.childrenByLevel[a.level], results.schools.ids.length, l?.distanceStandardM ?? Infinity);
  }
  return out;
}

/**
 * Moves unit u of a level to the school its plan value implies (>= 0: that school; else its nearest),
 * updating the assignment in place and the running totals: subtract from the old school, add to the new.
 * A painted unit's distance is the derivation's (`measure`: by route where chosen); back at its nearest
 * school it takes the engine's nearest distance.
 */
export function movePlanValue(level: string, u: number, value: number, results: Results, tallies: Record<string, ZoneTally>, ds: Dataset, measure: Measure): void {
  const a = results.assignments.find((x) => x.level === level)!;
  const n = results.nearest.find((x) => x.level === level)!;
  const school = value >= 0 ? value : n.schoolByUnit[u];
  const d = school === a.noSchool ? NaN : value >= 0 ? measure(level, u, school) : n.distanceByUnit[u];
  moveUnit(tallies[level], a, u, school, ds.units.childrenByLevel[level][u], d);
}

/** Puts the painter's current values of some units on (new) results: a stroke the engine has not seen yet. */
export function replayUnits(level: string, units: Iterable<number>, working: Working, results: Results, tallies: Record<string, ZoneTally>, ds: Dataset, measure: Measure): void {
  const w = working.levels[level];
  if (!w || !tallies[level]) return;
  for (const u of units) movePlanValue(level, u, w.overrideByUnit[u], results, tallies, ds, measure);
}
