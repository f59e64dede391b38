import { formatProblem, readSettings, validatePlan, withActionIds, type Plan, type SchoolEdits, type Settings } from '../core/index';
import type { StoreContext } from './context';
import { checkedPlan, unitIdsOf } from './planRecord';
import type { StoredDataset } from './planStorage';
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
    ctx.set({ saveState: 'failed', saveError: `Not saved: ${reason(e)}. Your work is kept while this page is open; export the plan to keep it.` });
  }
}

/** Saves a plan of the open data set; only a valid record is written. */
export function writePlan(ctx: StoreContext, plan: Plan): Promise<void> {
  const fp = ctx.get().dataset!.fingerprint;
  ctx.set({ saveState: 'saving' });
  return ctx.saves.enqueue(`plan:${plan.id}`, () => reported(ctx, async () => {
    const v = validatePlan(plan, plan.name);
    if (!v.ok) throw new Error(`the plan is not valid and was not saved: ${v.problems.slice(0, 3).map(formatProblem).join('; ')}`);
    await ctx.storage.putPlan(fp, plan);
  }));
}

/** Deletes a stored plan; a save of it still waiting is dropped. */
export function deleteStoredPlan(ctx: StoreContext, id: string): Promise<void> {
  return ctx.saves.enqueue(`plan:${id}`, () => ctx.storage.deletePlan(id).catch(() => undefined));
}

/** Small bookkeeping (the active plan, the last data set): a failure only costs a convenience. */
export function writeMeta(ctx: StoreContext, key: string, value: unknown): Promise<void> {
  return ctx.saves.enqueue(`meta:${key}`, () => ctx.storage.putMeta(key, value).catch(() => undefined));
}

/** Saves what is on screen: the active plan's record (updated from the painter's arrays), or the baseline's settings and corrections. */
export function saveActive(ctx: StoreContext): Promise<void> {
  const { dataset, settings, edits, working, activePlanId, plans } = ctx.get();
  if (!dataset || !settings) return Promise.resolve();
  const old = working ? plans.find((p) => p.id === activePlanId) : undefined;
  if (old && working) {
    const plan = planFromWorking(old, working, dataset, settings, edits);
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
    ctx.storage.listPlans(ds.fingerprint).catch(() => [] as Plan[]),
    ctx.storage.getMeta(META_ACTIVE(ds.fingerprint)).catch(() => null) as Promise<string | null>,
    readBaseline(ctx, ds),
  ]);
  const unitIds = unitIdsOf(ds);
  const plans: Plan[] = [], badPlans: BadPlan[] = [];
  for (const p of stored) {
    if (p && typeof p === 'object') p.settings = sane(p.settings) ?? ds.settings;
    const c = checkedPlan(p, `stored plan "${(p as Plan)?.name ?? '?'}"`, ds, unitIds);
    if (c.ok) plans.push(withActionIds(c.plan));
    else badPlans.push({ plan: p, id: String((p as Plan)?.id ?? `unnamed-${badPlans.length}`), name: String((p as Plan)?.name ?? 'unnamed'), problems: c.problems });
  }
  return { plans, badPlans, active: plans.find((p) => p.id === activeId) ?? null, baseline };
}

/** A data set kept in this browser, as a source the Data tab and the toolbar can open. */
export function storedSource(d: StoredDataset): DatasetSource {
  return { id: d.id, name: d.name, imported: true, countsNote: 'Imported data kept in this browser: see the counts line below for how children were counted.', files: async () => d.files };
}

/** Lists the data sets kept in this browser and the bytes the site uses. */
export async function refreshStored(ctx: StoreContext): Promise<void> {
  const list = await ctx.storage.listDatasets().catch(() => [] as StoredDataset[]);
  ctx.set({ storedDatasets: list.map((d) => ({ id: d.id, name: d.name, size: d.size, savedAt: d.savedAt })), storageUsage: await ctx.storage.usage().catch(() => null) });
}
