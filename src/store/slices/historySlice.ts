import { changed } from '../activePlan';
import { said } from '../said';
import type { StoreContext } from '../context';
import { applyEntry, changesResults } from '../historyEntries';
import { addPlan, dropPlan } from '../planOps';
import type { HistorySlice, SliceCreator } from '../types';

/** Undo and redo: each step is a delta with its own apply function (see historyEntries). */
export const createHistorySlice = (ctx: StoreContext): SliceCreator<HistorySlice> => (set, get) => ({
  history: { undo: [], redo: [] },

  actionUndo: () => {
    const { undo, redo } = get().history;
    const entry = undo[undo.length - 1];
    if (!entry || ctx.stroke) return;
    if (entry.created && undo.length === 1) {
      // undoing the step that created the plan removes the plan: back to the baseline; redo brings both back
      void ctx.idle.track(dropPlan(ctx, entry.created.id).then(() => set({ history: { undo: [], redo: [...redo, entry] } })));
      return;
    }
    applyEntry(ctx, entry, 'before');
    set({ history: { undo: undo.slice(0, -1), redo: [...redo, entry] }, strokeChanges: null });
    changed(ctx, changesResults(entry));
  },

  actionRedo: () => {
    const { undo, redo } = get().history;
    const entry = redo[redo.length - 1];
    if (!entry || ctx.stroke) return;
    const created = entry.created;
    if (created && !get().plans.some((p) => p.id === created.id)) {
      void ctx.idle.track((async () => {
        await addPlan(ctx, structuredClone(created)); // activates it and waits for its results
        applyEntry(ctx, entry, 'after');
        set({ history: { undo: [entry], redo: redo.slice(0, -1) }, strokeChanges: null, notice: said('store:restored', { name: created.name }) });
        changed(ctx, changesResults(entry));
      })());
      return;
    }
    applyEntry(ctx, entry, 'after');
    set({ history: { undo: [...undo, entry], redo: redo.slice(0, -1) }, strokeChanges: null });
    changed(ctx, changesResults(entry));
  },
});
