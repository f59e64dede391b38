import type { Plan } from '../core/index';
import { said } from './said';
import { activatePlan } from './activePlan';
import type { StoreContext } from './context';
import { deleteStoredPlan, META_ACTIVE, writeMeta, writePlan } from './persistence';
import { currentPlan, freshPlan, nextPlanName, workingOf } from './planRecord';

/** Saves a plan, lists it and (by default) shows it. */
export async function addPlan(ctx: StoreContext, plan: Plan, activate = true): Promise<void> {
  await writePlan(ctx, plan);
  ctx.set({ plans: [...ctx.get().plans.filter((p) => p.id !== plan.id), plan] });
  if (activate) await activatePlan(ctx, plan.id);
}

/** Deletes a plan; when it was on screen, the baseline comes back. */
export async function dropPlan(ctx: StoreContext, id: string): Promise<void> {
  const name = ctx.get().plans.find((p) => p.id === id)?.name;
  await deleteStoredPlan(ctx, id);
  ctx.set({ plans: ctx.get().plans.filter((p) => p.id !== id) });
  if (ctx.get().activePlanId === id) await activatePlan(ctx, null);
  ctx.set({ notice: name ? said('store:removed', { name }) : null });
}

/**
 * Starts a plan from the baseline at once (the first stroke on the baseline paints on it): listed,
 * active and saved, with the results of the baseline still valid for it. Returns its record as created.
 */
export function startPlanNow(ctx: StoreContext): Plan {
  const s = ctx.get();
  const ds = s.dataset!;
  const plan = freshPlan(s, nextPlanName(s.plans));
  ctx.set({ plans: [...s.plans, plan], activePlanId: plan.id, working: workingOf(plan, ds) });
  void writePlan(ctx, plan);
  void writeMeta(ctx, META_ACTIVE(ds.fingerprint), plan.id);
  return structuredClone(plan);
}

/**
 * Replaces the active plan's record (its layout actions). The painter's arrays go through the record
 * (ids), so that an opened school leaving or arriving never shifts what an index means.
 */
export function replaceActive(ctx: StoreContext, next: (plan: Plan) => Plan): void {
  const s = ctx.get();
  if (!s.dataset || !s.plans.some((p) => p.id === s.activePlanId)) return;
  const plan = { ...next(currentPlan(s)), updatedAt: new Date().toISOString() };
  ctx.set({ plans: s.plans.map((p) => (p.id === plan.id ? plan : p)), working: workingOf(plan, s.dataset) });
}
