import type { PlannerState } from '../store/plannerStore';
import type { DatasetPayload } from '../worker/protocol';

/** Indices of the schools that take part in a level's catchments under the current settings and edits. */
export function candidateIndicesForLevel(ds: DatasetPayload, state: Pick<PlannerState, 'settings' | 'edits'>, level: string): number[] {
  const out: number[] = [];
  const types = state.settings?.schoolTypes ?? {};
  ds.schools.ids.forEach((id, i) => {
    const status = state.edits[id]?.status ?? ds.schools.status[i];
    const t = types[ds.schools.types[i]];
    if (status === 'open' && t?.zoned && t.levels.includes(level)) out.push(i);
  });
  return out;
}
