import type { PlannerState, SchoolTable } from '../store/plannerStore';

/** Indices of the schools that take part in a level's catchments under the current settings and edits. */
export function candidateIndicesForLevel(schools: SchoolTable, state: Pick<PlannerState, 'settings' | 'edits'>, level: string): number[] {
  const out: number[] = [];
  const types = state.settings?.schoolTypes ?? {};
  schools.ids.forEach((id, i) => {
    const status = state.edits[id]?.status ?? schools.status[i];
    const t = types[schools.types[i]];
    if (status === 'open' && t?.zoned && t.levels.includes(level)) out.push(i);
  });
  return out;
}
