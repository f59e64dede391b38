import { addAction, removeAction, type ScenarioActionDraft } from '../../core/index';
import { said } from '../said';
import { changed } from '../activePlan';
import { tracked, type StoreContext } from '../context';
import { pushEntry } from '../historyEntries';
import { saveActive } from '../persistence';
import { addPlan, replaceActive } from '../planOps';
import { activePlan, currentPlan, freshPlan, nextPlanName } from '../planRecord';
import type { LayoutSlice, SliceCreator } from '../types';

/** Layout scenarios: changes to the school network of the active plan, each one undoable; comparing scenarios. */
export const createLayoutSlice = (ctx: StoreContext): SliceCreator<LayoutSlice> => (set, get) => {
  // layout edits run one after another: the first may create the plan the next ones change
  let queue: Promise<void> = Promise.resolve();

  async function add(draft: ScenarioActionDraft): Promise<void> {
    const ds = get().dataset;
    if (!ds) return;
    let created;
    if (!get().activePlanId) {
      const plan = freshPlan(get(), nextPlanName(get().plans));
      created = structuredClone(plan);
      await addPlan(ctx, plan);
      set({ notice: said('store:started', { name: plan.name }) });
    }
    const before = activePlan(get())!.actions ?? [];
    replaceActive(ctx, (p) => addAction(p, draft, new Set(ds.schools.ids)));
    const after = activePlan(get())!.actions ?? [];
    pushEntry(ctx, { kind: 'layout', label: said(`store:undo.add.${draft.kind}`), before, after, created });
    changed(ctx);
  }

  return {
    pendingPoint: null,
    actionAddLayoutAction: tracked(ctx, (draft) => (queue = queue.then(() => add(draft), () => add(draft)))),
    actionRemoveLayoutAction: tracked(ctx, async (index) => {
      const plan = activePlan(get());
      const before = plan?.actions ?? [];
      if (!before[index]) return;
      replaceActive(ctx, (p) => removeAction(p, before[index].id));
      pushEntry(ctx, { kind: 'layout', label: said(`store:undo.remove.${before[index].kind}`), before, after: activePlan(get())!.actions ?? [] });
      changed(ctx);
    }),
    actionSetPendingPoint: (pendingPoint) => set({ pendingPoint, tool: pendingPoint ? 'select' : get().tool, panel: pendingPoint ? 'layout' : get().panel }),
    compareScenarios: tracked(ctx, async (ids) => {
      const ds = get().dataset;
      if (!ds || !ctx.engine.compareScenarios) return [];
      // the active plan's record is brought up to date with the painter's arrays first
      void saveActive(ctx);
      const plans = ids.map((id) => get().plans.find((p) => p.id === id)).filter((p) => p !== undefined);
      return ctx.engine.compareScenarios({ token: ds.token, plans });
    }),
    balancePlans: tracked(ctx, async () => {
      const ds = get().dataset;
      if (!ds || !ctx.engine.balancePlans) return null;
      return ctx.engine.balancePlans({ token: ds.token, plan: currentPlan(get()) });
    }),
  };
};
