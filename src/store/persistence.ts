import { formatProblem, readSettings, validatePlan, withActionIds, type Plan, type SchoolEdits, type Settings } from '../core/index';
import { said } from './said';
import type { StoreContext } from './context';
import { announce } from './crossTab';
import { checkedPlan, freshPlan, unitIdsOf } from './planRecord';
import type { PlanRecord, StoredDataset } from './planStorage';
import type { Dataset } from './results';
import type { BadPlan, DatasetSource } from './types';
import { planFromWorking } from './working';

/*
 * Autosave: every write goes through the save queue (one at a time, the latest state of each plan
 * wins), and a failed write is said out loud while the work goes on in memory.
 */

export const META_ACTIVE = (fp: string) => `active:${fp}`;
export const META_LAST_SOURCE = 'lastSource';
const META_BASELINE = (fp: string) => `baseline:${fp}`;

type Baseline = { settings: Settings; edits: SchoolEdits };

const reason = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Runs a write of the planner's work, saying whether it landed. */
async function reported(ctx: StoreContext, write: () => Promise<void>): Promise<void> {
  try {
    await write();
    ctx.set({ saveState: 'saved', saveError: null });
  } catch (e) {
    ctx.set({ saveState: 'failed', saveError: said('store:notSaved', { reason: reason(e) }) });
  }
}

/** Saves a plan of the open data set; only a valid record is written. */
export function writePlan(ctx: StoreContext, plan: Plan): Promise<void> {
  const fp = ctx.get().dataset!.fingerprint;
  ctx.set({ saveState: 'saving' });
  const epoch = ctx.forks.get(plan.id)?.epoch ?? 0;
  return ctx.saves.enqueue(`plan:${plan.id}`, () => reported(ctx, async () => {
    // asked for before this tab's version went to a copy: it belongs to the copy, never over the other tab's
    const fork = ctx.forks.get(plan.id);
    if (fork && fork.epoch !== epoch) plan = { ...plan, id: fork.id, name: fork.name };
    const v = validatePlan(plan, plan.name);
    if (!v.ok) throw new Error(`the plan is not valid and was not saved: ${v.problems.slice(0, 3).map(formatProblem).join('; ')}`);
    // only over the version this tab started from: a newer one (another tab's) is never overwritten
    const put = await ctx.storage.putPlanIf(fp, plan, ctx.revs.get(plan.id) ?? 0);
    if (put.ok) {
      ctx.revs.set(plan.id, put.rev);
      announce(ctx, plan, put.rev);
      return;
    }
    await keepAsCopy(ctx, fp, plan, put.stored);
  }));
}

/** A name no plan of the list has: `base`, else `base (2)`, `base (3)`... */
function freeName(names: Set<string>, base: string): string {
  if (!names.has(base)) return base;
  let k = 2;
  while (names.has(`${base} (${k})`)) k++;
  return `${base} (${k})`;
}

/**
 * Another tab saved a newer version of the plan: this tab's version is saved as a copy named
 * "<name> (from another tab)" (shown instead, when it was on screen), and the list gets the other
 * tab's version under the original id. Runs inside the save queue: writes directly.
 */
async function keepAsCopy(ctx: StoreContext, fp: string, plan: Plan, stored: PlanRecord): Promise<void> {
  const s = ctx.get();
  const name = freeName(new Set(s.plans.map((p) => p.name)), `${plan.name} (from another tab)`);
  const copy: Plan = { ...structuredClone(plan), id: freshPlan(s, name).id, name, updatedAt: new Date().toISOString() };
  const put = await ctx.storage.putPlanIf(fp, copy, 0);
  if (!put.ok) throw new Error('the copy could not be saved');
  ctx.revs.set(copy.id, put.rev);
  announce(ctx, copy, put.rev);
  ctx.forks.set(plan.id, { epoch: (ctx.forks.get(plan.id)?.epoch ?? 0) + 1, id: copy.id, name: copy.name });
  const now = ctx.get();
  const ds = now.dataset;
  const theirs = ds ? checkedPlan(stored.plan, `stored plan "${plan.name}"`, ds) : null;
  if (theirs?.ok) ctx.revs.set(plan.id, stored.rev);
  const wasActive = now.activePlanId === plan.id;
  if (ctx.stroke?.created?.id === plan.id) ctx.stroke.created = undefined;
  const plans = now.plans.map((p) => (p.id === plan.id && theirs?.ok ? withActionIds(theirs.plan) : p));
  const index = plans.findIndex((p) => p.id === plan.id);
  plans.splice(index < 0 ? plans.length : index + 1, 0, copy);
  const theirName = theirs?.ok ? theirs.plan.name : plan.name;
  ctx.set({
    plans,
    planConflict: now.planConflict?.planId === plan.id ? null : now.planConflict,
    notice: said('store:keptCopy', { theirs: theirName, copy: copy.name }),
    ...(wasActive ? {
      activePlanId: copy.id,
      // undoing the step that created the original plan must not delete the other tab's version
      history: { undo: now.history.undo.map((e) => (e.created?.id === plan.id ? { ...e, created: undefined } : e)), redo: now.history.redo.map((e) => (e.created?.id === plan.id ? { ...e, created: undefined } : e)) },
    } : {}),
  });
  if (wasActive && ds) void writeMeta(ctx, META_ACTIVE(ds.fingerprint), copy.id);
}

/** Deletes a stored plan; a save of it still waiting is dropped. */
export function deleteStoredPlan(ctx: StoreContext, id: string): Promise<void> {
  return ctx.saves.enqueue(`plan:${id}`, () => ctx.storage.deletePlan(id).then(() => { ctx.revs.delete(id); }).catch(() => undefined));
}

/** Small bookkeeping (the active plan, the last data set): a failure only costs a convenience. */
export function writeMeta(ctx: StoreContext, key: string, value: unknown): Promise<void> {
  return ctx.saves.enqueue(`meta:${key}`, () => ctx.storage.putMeta(key, value).catch(() => undefined));
}

/** Two records of a plan that differ at most in their time of update. */
function sameContent(a: Plan, b: Plan): boolean {
  return JSON.stringify({ ...a, updatedAt: '' }) === JSON.stringify({ ...b, updatedAt: '' });
}

/** Saves what is on screen: the active plan's record (updated from the painter's arrays), or the baseline's settings and corrections. */
export function saveActive(ctx: StoreContext): Promise<void> {
  const { dataset, settings, edits, working, activePlanId, plans } = ctx.get();
  if (!dataset || !settings) return Promise.resolve();
  const old = working ? plans.find((p) => p.id === activePlanId) : undefined;
  if (old && working) {
    const plan = planFromWorking(old, working, dataset, settings, edits);
    // nothing changed (e.g. switching plans): no new version, which another tab would take for an edit
    if (sameContent(old, plan) && !ctx.saves.pending(`plan:${plan.id}`)) return Promise.resolve();
    ctx.set({ plans: plans.map((p) => (p.id === plan.id ? plan : p)) });
    return writePlan(ctx, plan);
  }
  ctx.set({ saveState: 'saving' });
  const baseline: Baseline = { settings, edits };
  return ctx.saves.enqueue(META_BASELINE(dataset.fingerprint), () => reported(ctx, () => ctx.storage.putMeta(META_BASELINE(dataset.fingerprint), baseline)));
}

/** Stored settings may predate fields added since: read through the validator (defaults filled in). */
function sane(x: unknown): Settings | null {
  try { return readSettings(x); } catch { return null; }
}

/** The baseline's stored settings and corrections (the data set's own when none, or of another profile). */
export async function readBaseline(ctx: StoreContext, ds: Dataset): Promise<Baseline> {
  await ctx.saves.flush();
  const stored = (await ctx.storage.getMeta(META_BASELINE(ds.fingerprint)).catch(() => null)) as Baseline | null;
  const settings = stored?.settings ? sane(stored.settings) : null;
  return { settings: settings?.profile === ds.settings.profile ? settings : ds.settings, edits: stored?.edits ?? {} };
}

/**
 * What the browser keeps for a data set: its plans (each validated like any input: one that fails is
 * set aside, never applied), the one that was active, and the baseline's settings and corrections.
 */
export async function readStored(ctx: StoreContext, ds: Dataset): Promise<{ plans: Plan[]; badPlans: BadPlan[]; active: Plan | null; baseline: Baseline }> {
  await ctx.saves.flush();
  const [stored, activeId, baseline] = await Promise.all([
    ctx.storage.listPlanRecords(ds.fingerprint).catch(() => [] as PlanRecord[]),
    ctx.storage.getMeta(META_ACTIVE(ds.fingerprint)).catch(() => null) as Promise<string | null>,
    readBaseline(ctx, ds),
  ]);
  const unitIds = unitIdsOf(ds);
  const plans: Plan[] = [], badPlans: BadPlan[] = [];
  ctx.revs.clear();
  for (const { plan: p, rev } of stored) {
    if (p && typeof (p as Plan).id === 'string') ctx.revs.set((p as Plan).id, rev);
    if (p && typeof p === 'object') p.settings = sane(p.settings) ?? ds.settings;
    const c = checkedPlan(p, `stored plan "${(p as Plan)?.name ?? '?'}"`, ds, unitIds);
    if (c.ok) plans.push(withActionIds(c.plan));
    else badPlans.push({ plan: p, id: String((p as Plan)?.id ?? `unnamed-${badPlans.length}`), name: (p as Plan)?.name != null ? String((p as Plan).name) : '', problems: c.problems });
  }
  return { plans, badPlans, active: plans.find((p) => p.id === activeId) ?? null, baseline };
}

/** A data set kept in this browser, as a source the Data tab and the toolbar can open. */
export function storedSource(d: StoredDataset): DatasetSource {
  return { id: d.id, name: d.name, imported: true, kept: true, files: async () => d.files };
}

/** Lists the data sets kept in this browser and the bytes the site uses. */
export async function refreshStored(ctx: StoreContext): Promise<void> {
  const list = await ctx.storage.listDatasets().catch(() => [] as StoredDataset[]);
  ctx.set({ storedDatasets: list.map((d) => ({ id: d.id, name: d.name, size: d.size, savedAt: d.savedAt })), storageUsage: await ctx.storage.usage().catch(() => null) });
}
