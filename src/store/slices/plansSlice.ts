import { coded, parsePlanFile, parts, planFileText, planLevelFromZones, withActionIds, type Problem } from '../../core/index';
import { i18n } from '../../i18n/i18n';
import { said } from '../said';
import { activatePlan } from '../activePlan';
import { tracked, type StoreContext } from '../context';
import { reloadPlan } from '../crossTab';
import { deleteStoredPlan, META_LAST_SOURCE, refreshStored, saveActive, storedSource, writeMeta, writePlan } from '../persistence';
import { addPlan } from '../planOps';
import { activePlan, baselineName, currentPlan, freshPlan, nextPlanName, unitIdsOf } from '../planRecord';
import type { StoredDataset } from '../planStorage';
import { zoneReviewFromResponse } from '../results';
import type { DatasetSource, PlansSlice, SliceCreator } from '../types';
import { openSource } from './datasetSlice';

/** Plans and autosave: named plans, plans set aside, save errors, and imported data sets kept in the browser. */
export const createPlansSlice = (ctx: StoreContext): SliceCreator<PlansSlice> => (set, get) => {
  /** Keeps an opened import in this browser by the data's fingerprint, so that it and its plans survive a reload. */
  async function keepImported(source: DatasetSource): Promise<void> {
    const ds = get().dataset!;
    const id = `import:${ds.fingerprint}`;
    let kept: DatasetSource = { ...source, id, imported: true };
    try {
      const files = await source.files();
      const size = files.schools.bytes.length + files.population.bytes.length + (files.network?.bytes.length ?? 0) + (files.births?.bytes.length ?? 0) + (files.settings ? JSON.stringify(files.settings).length : 0);
      const record: StoredDataset = { id, name: source.name, files: { schools: files.schools, population: files.population, ...(files.network ? { network: files.network } : {}), ...(files.births ? { births: files.births } : {}), settings: files.settings }, size, savedAt: new Date().toISOString() };
      await ctx.storage.putDataset(record);
      kept = storedSource(record);
      set({ notice: null });
    } catch (e) {
      set({ saveError: said('store:importNotKept', { reason: (e as Error).message }) });
    }
    set({ sources: [...get().sources.filter((s) => s.id !== source.id && s.id !== id), kept], sourceId: id });
    void writeMeta(ctx, META_LAST_SOURCE, id);
    await refreshStored(ctx);
  }

  async function updatePlan(id: string, patch: { name?: string; note?: string }): Promise<void> {
    const plan = get().plans.find((p) => p.id === id);
    if (!plan) return;
    const next = { ...plan, ...patch, updatedAt: new Date().toISOString() };
    set({ plans: get().plans.map((p) => (p.id === id ? next : p)) });
    await writePlan(ctx, next);
  }

  return {
    plans: [], activePlanId: null, working: null, badPlans: [], saveState: 'saved', saveError: null, storedDatasets: [], storageUsage: null, planConflict: null,

    actionResolvePlanConflict: tracked(ctx, async (choice) => {
      const conflict = get().planConflict;
      if (!conflict) return;
      if (choice === 'mine') {
        // this tab's version is saved; the stored one being newer, the save keeps it as a copy (see writePlan)
        if (ctx.stroke) get().actionEndStroke();
        if (get().activePlanId === conflict.planId) await saveActive(ctx);
        await ctx.saves.flush();
        set({ planConflict: null });
        return;
      }
      if (ctx.stroke) get().actionCancelStroke();
      // an edit whose save is already queued still lands as a copy: dropped only by the planner, never silently
      await ctx.saves.flush();
      set({ planConflict: null });
      await reloadPlan(ctx, conflict.planId, true, true);
    }),

    actionAddImported: tracked(ctx, async (source) => {
      if (!(await openSource(ctx, source))) return false;
      await keepImported(source);
      return true;
    }),
    actionRestore: tracked(ctx, async () => {
      const restored = (await ctx.storage.listDatasets().catch(() => [] as StoredDataset[])).map(storedSource);
      set({ sources: [...get().sources.filter((s) => !restored.some((r) => r.id === s.id)), ...restored] });
      await refreshStored(ctx);
      const last = (await ctx.storage.getMeta(META_LAST_SOURCE).catch(() => null)) as string | null;
      const sources = get().sources;
      const first = sources.find((s) => s.id === last) ?? sources[0];
      if (!first) return false;
      if (await openSource(ctx, first)) return true;
      // a kept data set that no longer loads must not keep the planner from opening
      return first === sources[0] ? false : openSource(ctx, sources[0]);
    }),
    actionRemoveDataset: tracked(ctx, async (id) => {
      const source = get().sources.find((s) => s.id === id);
      if (!source?.imported) return;
      const fp = id.replace(/^import:/, '');
      // saves still queued would bring deleted plans back: let them land first
      await ctx.saves.flush();
      for (const p of await ctx.storage.listPlans(fp).catch(() => [])) await deleteStoredPlan(ctx, p.id);
      await ctx.storage.deleteDataset(id).catch(() => undefined);
      set({ sources: get().sources.filter((s) => s.id !== id) });
      await refreshStored(ctx);
      if (get().sourceId === id && get().sources[0]) await openSource(ctx, get().sources[0]);
    }),

    exportBadPlan: (id) => {
      const b = get().badPlans.find((x) => x.id === id);
      return b ? JSON.stringify(b.plan, null, 2) : null;
    },
    actionDeleteBadPlan: tracked(ctx, async (id) => {
      await deleteStoredPlan(ctx, id);
      set({ badPlans: get().badPlans.filter((b) => b.id !== id) });
    }),

    actionNewPlan: tracked(ctx, async (name) => { await addPlan(ctx, freshPlan(get(), name ?? nextPlanName(get().plans))); }),
    actionDuplicatePlan: tracked(ctx, async (id) => {
      if (!get().plans.some((p) => p.id === id)) return;
      // the active plan's record is brought up to date with the painter's arrays first
      if (id === get().activePlanId) void saveActive(ctx);
      const src = get().plans.find((p) => p.id === id)!;
      const fresh = freshPlan(get(), `${src.name} (copy)`);
      await addPlan(ctx, { ...structuredClone(src), id: fresh.id, name: fresh.name, createdAt: fresh.createdAt, updatedAt: fresh.updatedAt });
    }),
    actionRenamePlan: tracked(ctx, async (id, name) => { if (name.trim()) await updatePlan(id, { name: name.trim() }); }),
    actionSetPlanNote: tracked(ctx, async (id, note) => { await updatePlan(id, { note }); }),
    actionDeletePlan: tracked(ctx, async (id) => {
      await deleteStoredPlan(ctx, id);
      set({ plans: get().plans.filter((p) => p.id !== id) });
      if (get().activePlanId === id) await activatePlan(ctx, null);
    }),
    actionActivatePlan: tracked(ctx, async (id) => {
      if (ctx.stroke) get().actionCancelStroke();
      await saveActive(ctx);
      await activatePlan(ctx, id);
    }),
    actionImportPlan: tracked(ctx, async (text, fileName) => {
      const ds = get().dataset;
      if (!ds) return [noDataset(fileName)];
      const r = parsePlanFile(text, fileName, { schoolsFingerprint: ds.schoolsFingerprint, populationFingerprint: ds.populationFingerprint }, { schoolIds: new Set(ds.schools.ids), unitIds: unitIdsOf(ds), defaultName: i18n.t('plans:importedName') });
      if (!r.ok) return r.problems;
      const plan = withActionIds(r.plan);
      // importing the same plan twice keeps both: the copy gets a new id
      if (get().plans.some((p) => p.id === plan.id)) plan.id = freshPlan(get(), plan.name).id;
      // and a name of its own, so that two plans are never told apart by date alone
      const names = new Set(get().plans.map((p) => p.name));
      if (names.has(plan.name)) { let k = 2; while (names.has(`${plan.name} (${k})`)) k++; plan.name = `${plan.name} (${k})`; }
      await addPlan(ctx, plan);
      // unknown ids are kept in the plan (listed here), never dropped by a later save
      return r.problems;
    }),
    exportActivePlan: () => {
      const s = get();
      if (!s.dataset) return null;
      return planFileText(activePlan(s) && s.working ? currentPlan(s) : freshPlan(s, baselineName()));
    },

    readZones: tracked(ctx, async (file) => {
      const ds = get().dataset;
      if (!ds || !ctx.engine.importZones) return { ok: false, problems: [noDataset(file.name)] };
      return zoneReviewFromResponse(await ctx.engine.importZones({ token: ds.token, file }));
    }),
    actionPlanFromZones: tracked(ctx, async (name, level, schoolByZone, zoneByUnit) => {
      const { dataset, results } = get();
      const n = results?.nearest.find((x) => x.level === level);
      if (!dataset || !n) return;
      const plan = freshPlan(get(), name);
      plan.levels[level] = planLevelFromZones({ zones: schoolByZone.map((school) => ({ school })), zoneByUnit }, n, dataset.schools, dataset.units);
      await addPlan(ctx, plan);
    }),
  };
};

const noDataset = (file: string): Problem => ({ severity: 'error', file, ...parts(coded('noDataset', {}, 'open a data set first')) });
