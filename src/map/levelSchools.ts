import { levelsServed } from '../core/index';
import type { PlannerState, SchoolTable } from '../store/plannerStore';

/**
 * Indices of the schools that take part in a level's catchments: the core's rule (open, zoned, serving
 * the level) on the schools as the engine derived them (corrections and layout changes applied).
 */
export function candidateIndicesForLevel(schools: SchoolTable, state: Pick<PlannerState, 'settings'>, level: string): number[] {
  const out: number[] = [];
  if (!state.settings) return out;
  for (let i = 0; i < schools.ids.length; i++) if (schools.status[i] === 'open' && levelsServed(state.settings, schools.types[i]).includes(level)) out.push(i);
  return out;
}
