import { coded, parts } from '../../core/index';
import { changed, recompute } from '../activePlan';
import { CodedError } from '../codedError';
import { joinChannel } from '../crossTab';
import { tracked, type StoreContext } from '../context';
import { META_LAST_SOURCE, readStored, writeMeta } from '../persistence';
import { workingOf } from '../planRecord';
import { datasetFromPayload } from '../results';
import type { DatasetSlice, DatasetSource, SliceCreator } from '../types';

/**
 * Opens a data set: the engine loads and checks the files, and only a clean load replaces the data the
 * planner works on. Its stored plans, the active one and the baseline's settings come back with it.
 */
export async function openSource(ctx: StoreContext, source: DatasetSource): Promise<boolean> {
  const seq = ++ctx.openSeq;
  ctx.opening++;
  try {
    return await open(ctx, source, () => seq === ctx.openSeq);
  } finally {
    ctx.opening--;
  }
}

async function open(ctx: StoreContext, source: DatasetSource, latest: () => boolean): Promise<boolean> {
  const had = () => ctx.get().dataset !== null;
  ctx.set({ status: had() ? 'computing' : 'loading', problems: [], problemsFor: source.name });
  let files;
  try {
    files = await source.files();
  } catch (e) {
    // a failure the source names (HTTP status) is said per language; the browser's own words stay as they are
    const why = e instanceof CodedError ? e.coded : coded('filesNotLoaded', { detail: (e as Error).message }, (e as Error).message);
    ctx.set({ status: had() ? 'ready' : 'failed', problems: [{ severity: 'error', file: source.name, ...parts(why) }] });
    return false;
  }
  // a road file the planner chose is held to the same standard as the other files
  const res = await ctx.engine.openDataset({ name: source.name, ...files, ...(source.imported && files.network ? { refuseBadNetwork: true } : {}) });
  if (!latest()) return false;
  if (!res.ok) {
    // the data the planner was working on stays as it was
    ctx.set({ status: had() ? 'ready' : 'failed', problems: res.problems });
    return false;
  }
  const { dataset: ds, millis } = datasetFromPayload(res.dataset);
  const stored = await readStored(ctx, ds);
  if (!latest()) return false;
  const active = stored.active;
  ctx.stroke = null;
  ctx.set({
    dataset: ds, sourceId: source.id, defaultSettings: ds.settings,
    settings: active ? active.settings : stored.baseline.settings,
    edits: active ? active.schoolEdits : stored.baseline.edits,
    results: null, tallies: null, problems: res.problems, plans: stored.plans, badPlans: stored.badPlans, activePlanId: active?.id ?? null, engineError: null,
    working: active ? workingOf(active, ds) : null,
    history: { undo: [], redo: [] }, strokeChanges: null, notice: null, planConflict: null,
    level: ds.settings.levels[0].id, selectedSchool: null, hoveredUnit: null,
    millis: { open: millis, compute: 0 },
  });
  joinChannel(ctx, ds.fingerprint);
  void writeMeta(ctx, META_LAST_SOURCE, source.id);
  await recompute(ctx);
  return true;
}

/** The data set and its settings: opening, standards and corrections. */
export const createDatasetSlice = (ctx: StoreContext, sources: DatasetSource[]): SliceCreator<DatasetSlice> => (set, get) => ({
  sources, sourceId: null, dataset: null, defaultSettings: null, settings: null, edits: {}, results: null, tallies: null,
  status: 'idle', problems: [], problemsFor: null, millis: { open: 0, compute: 0 }, engineError: null,

  actionOpenSource: tracked(ctx, async (id) => {
    const source = get().sources.find((s) => s.id === id);
    return source ? openSource(ctx, source) : false;
  }),
  actionUpdateSettings: (settings) => { set({ settings }); changed(ctx); },
  actionResetSettings: () => { set({ settings: get().defaultSettings }); changed(ctx); },
  actionEditSchool: (id, edit) => {
    set({ edits: { ...get().edits, [id]: { ...get().edits[id], ...edit } } });
    changed(ctx);
  },
  actionClearEdits: (id) => {
    const { [id]: _gone, ...rest } = get().edits;
    set({ edits: rest });
    changed(ctx);
  },
});
