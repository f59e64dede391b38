import type { Problem } from '../core/index';
import type { ComputePayload } from '../worker/protocol';
import { said } from './said';
import type { StoreContext } from './context';
import { readBaseline, saveActive, writeMeta, META_ACTIVE } from './persistence';
import { activePlan, currentPlan, workingOf } from './planRecord';
import { resultsFromPayload } from './results';
import { paintMeasure } from './paintDistances';
import { buildTallies, replayUnits } from './tallies';

/*
 * The plan on screen: which one is active, and keeping the engine's results of it current. Every change
 * of the plan is saved and recomputed; the scheduler lets only the newest computation land.
 */

/** Asks the engine for everything derived from the plan on screen; resolves when it landed, failed or was superseded. */
export async function recompute(ctx: StoreContext, retried = false): Promise<void> {
  const s = ctx.get();
  if (!s.dataset || !s.settings) return;
  ctx.set({ status: 'computing' });
  // the engine derives everything from the plan record, as the CLI does from a plan file
  await ctx.scheduler.run({ token: s.dataset.token, plan: currentPlan(s) }, {
    apply: (payload) => applyPayload(ctx, payload),
    fail: (e) => engineFailed(ctx, e),
    stopped: async () => {
      // the engine stopped the newest computation on its own: a data set opening recomputes anyway; else ask once more
      if (ctx.opening) return;
      if (!retried) { await recompute(ctx, true); return; }
      const now = ctx.get();
      if (now.status === 'computing') ctx.set({ status: now.results ? 'ready' : 'failed' });
    },
  });
}

function applyPayload(ctx: StoreContext, payload: ComputePayload): void {
  const s = ctx.get();
  // computed for a data set that has been replaced since
  if (!s.dataset || !s.settings || s.dataset.token !== payload.token) return;
  const { results, millis } = resultsFromPayload(payload, s.results?.zones);
  const tallies = buildTallies(results, s.dataset, s.settings);
  // a stroke begun while this was computing is not in it yet: its units go on the new results too
  const stroke = ctx.stroke;
  if (stroke?.kind === 'assign' && s.working) replayUnits(stroke.level, stroke.before.keys(), s.working, results, tallies, s.dataset, paintMeasure(ctx, results, s.dataset));
  ctx.set({ results, tallies, status: 'ready', engineError: null, millis: { ...s.millis, compute: millis }, paint: { version: s.paint.version + 1, level: s.level, units: null } });
}

/**
 * The engine failed (an exception, an answer that cannot be sent, out of memory): the controls come
 * back with a message and the previous results. A plan that cannot be derived is set aside and the
 * baseline opens, so that a bad record never locks the data set.
 */
async function engineFailed(ctx: StoreContext, e: unknown): Promise<void> {
  const message = e instanceof Error ? e.message : String(e);
  const s = ctx.get();
  const plan = activePlan(s);
  // a crashed or silent worker says nothing about the plan: it stays, and the next change computes again
  const crashed = (e as { name?: unknown } | null)?.name === 'EngineCrash';
  if (plan && !crashed) {
    const why: Problem = { severity: 'error', file: `plan "${plan.name}"`, code: 'planNotComputed', params: { reason: message }, message: `could not be computed: ${message}` };
    ctx.set({ badPlans: [...s.badPlans.filter((b) => b.id !== plan.id), { plan, id: plan.id, name: plan.name, problems: [why] }], plans: s.plans.filter((p) => p.id !== plan.id) });
    await activatePlan(ctx, null);
    ctx.set({ engineError: said('store:planFailed', { name: plan.name, reason: message }) });
    return;
  }
  ctx.set({ status: s.results ? 'ready' : 'failed', engineError: said(crashed ? 'store:engineStopped' : 'store:engineFailed', { reason: message }) });
}

/** Shows a plan (null: the nearest-school baseline with its own settings and corrections). */
export async function activatePlan(ctx: StoreContext, id: string | null): Promise<void> {
  const { dataset, plans } = ctx.get();
  if (!dataset) return;
  const plan = id ? plans.find((p) => p.id === id) ?? null : null;
  ctx.stroke = null;
  const baseline = plan ? null : await readBaseline(ctx, dataset);
  ctx.set({
    activePlanId: plan?.id ?? null, working: plan ? workingOf(plan, dataset) : null,
    settings: plan ? plan.settings : baseline!.settings,
    edits: plan ? plan.schoolEdits : baseline!.edits,
    history: { undo: [], redo: [] }, strokeChanges: null, notice: null,
  });
  void writeMeta(ctx, META_ACTIVE(dataset.fingerprint), plan?.id ?? null);
  await recompute(ctx);
}

/** The plan on screen changed: save it, and recompute unless the change cannot alter any result (locks). */
export function changed(ctx: StoreContext, recomputeToo = true): void {
  void saveActive(ctx);
  if (recomputeToo) void recompute(ctx);
}
