import type { ScenarioAction, ScenarioActionDraft } from '../scenario/actions';
import type { Plan } from './plan';

const PREFIX: Record<ScenarioAction['kind'], string> = { open: '~new-', housing: 'h', close: 'a', merge: 'a', teaching_point: 'a', change: 'a' };

/** The sequence number the next action gets: above every number an existing id ends with, and above the plan's counter. */
function nextSeq(plan: Pick<Plan, 'actions' | 'nextActionSeq'>): number {
  let seq = plan.nextActionSeq ?? 1;
  for (const a of plan.actions ?? []) {
    const m = /(\d+)$/.exec(a.id ?? '');
    if (m) seq = Math.max(seq, Number(m[1]) + 1);
  }
  return seq;
}

/**
 * Appends a layout action with a new id. Ids come from a counter kept in the plan, so removing an
 * action and adding another never reuses an id (an opened school's id names it in other actions).
 * @example addAction(plan, { kind: 'close', school: 'B' }).actions.at(-1).id // 'a1'
 */
export function addAction(plan: Plan, draft: ScenarioActionDraft, taken: ReadonlySet<string> = new Set()): Plan {
  let seq = nextSeq(plan);
  const used = new Set([...taken, ...(plan.actions ?? []).map((a) => a.id)]);
  while (used.has(PREFIX[draft.kind] + seq)) seq++;
  const action = { ...draft, id: PREFIX[draft.kind] + seq } as ScenarioAction;
  return { ...plan, actions: [...(plan.actions ?? []), action], nextActionSeq: seq + 1 };
}

/** Removes the action with this id; the counter is kept, so its id is not given again. */
export function removeAction(plan: Plan, id: string): Plan {
  return { ...plan, actions: (plan.actions ?? []).filter((a) => a.id !== id), nextActionSeq: nextSeq(plan) };
}

/** Gives ids to actions of older files that have none (in order) and sets the counter. */
export function withActionIds(plan: Plan): Plan {
  const actions = plan.actions ?? [];
  if (actions.every((a) => typeof a.id === 'string' && a.id) && plan.nextActionSeq !== undefined) return plan;
  let seq = nextSeq(plan);
  const used = new Set(actions.map((a) => a.id).filter(Boolean));
  const out = actions.map((a) => {
    if (typeof a.id === 'string' && a.id) return a;
    while (used.has(PREFIX[a.kind] + seq)) seq++;
    const id = PREFIX[a.kind] + seq++;
    used.add(id);
    return { ...a, id } as ScenarioAction;
  });
  return { ...plan, actions: out, nextActionSeq: seq };
}
