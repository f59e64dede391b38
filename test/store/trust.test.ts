import { describe, expect, it } from 'vitest';
import { createPlannerStore } from '../../src/store/plannerStore';
import { createEngine } from '../../src/worker/engine';
import { makeStore, memoryStorage, settled, shippedSource, textSource } from './storeHelpers';
import { sayText, type Said } from '../../src/store/said';
import { i18n } from '../../src/i18n/i18n';
import { coded } from '../../src/core/index';
import { problemText } from '../../src/panels/format';
import { CodedError } from '../../src/store/codedError';
import type { DatasetSource } from '../../src/store/plannerStore';

const text = (s: Said | null) => (s ? sayText(s) : s);

const schools = 'id,name,level,lon,lat,capacity,g1\nA,West,primary,0,0,100,10\nB,East,primary,0.1,0,100,10\nC,Middle,primary,0.05,0.02,100,10\n';
const population = 'id,lon,lat,primary\n' + Array.from({ length: 12 }, (_, k) => `u${k},${(0.005 + k * 0.008).toFixed(3)},0,${10 + k}`).join('\n') + '\n';

/** A store open on the small data whose engine computes until `failWith` makes every computation throw. */
async function failingEngineStore() {
  const real = createEngine();
  let fail: string | null = null;
  const engine = { ...real, compute: async (req: Parameters<typeof real.compute>[0]) => { if (fail !== null) throw new Error(fail); return real.compute(req); } };
  const store = createPlannerStore(engine, [textSource('t', schools, population)], memoryStorage());
  await store.getState().actionOpenSource('t');
  return { store, failWith: (message: string) => { fail = message; } };
}

describe('the store keeps the planner\'s work and says what it does', () => {
  it('keeps an imported data set and its plans across a reload, lists it, and removes it on request', async () => {
    const storage = memoryStorage();
    const store = makeStore([shippedSource('edinburgh')], storage);
    await store.getState().actionRestore();
    expect(store.getState().sourceId).toBe('edinburgh');
    expect(await store.getState().actionAddImported(textSource('import:mine', schools, population))).toBe(true);
    const id = store.getState().sourceId!;
    expect(id).toMatch(/^import:/);
    await store.getState().actionNewPlan('Mine');
    await settled(store);
    expect(store.getState().storedDatasets.map((d) => d.name)).toEqual(['import:mine']);
    expect(store.getState().storageUsage!.used).toBeGreaterThan(0);

    // a reload: a new store over the same storage opens the imported data and its plan, not Edinburgh
    const again = makeStore([shippedSource('edinburgh')], storage);
    await again.getState().actionRestore();
    expect(again.getState().sourceId).toBe(id);
    expect(again.getState().dataset!.schools.ids).toEqual(['A', 'B', 'C']);
    expect(again.getState().plans.map((p) => p.name)).toEqual(['Mine']);
    expect(again.getState().sources.map((s) => s.id)).toEqual(['edinburgh', id]);

    await again.getState().actionRemoveDataset(id);
    expect(again.getState().sourceId).toBe('edinburgh');
    expect(again.getState().storedDatasets).toEqual([]);
    expect(storage.plans.size).toBe(0);
  });

  it('keeps chosen files when the Data tab is left and reopened (they live in the store)', () => {
    const store = makeStore([]);
    const f = new File(['id'], 'schools.csv');
    store.getState().actionSetImportDraft({ schools: f });
    store.getState().actionSetPanel('summary');
    store.getState().actionSetPanel('import');
    expect(store.getState().importDraft.schools).toBe(f);
  });

  it('says when the first stroke creates a plan, and undoing that stroke removes it', async () => {
    const store = makeStore([textSource('t', schools, population)]);
    await store.getState().actionOpenSource('t');
    const st = () => store.getState();
    st().actionSelectSchool('B');
    st().actionSetTool('brush');
    st().actionBeginStroke();
    st().actionPaintUnits([0, 1]);
    st().actionEndStroke();
    await settled(store);
    expect(st().plans).toHaveLength(1);
    expect(text(st().notice)).toContain('Started "Plan 1"');
    // the notice and the undo step's name are kept as keys: they change with the language on screen
    await i18n.changeLanguage('zh-CN');
    expect(text(st().notice)).toBe('已从就近入学学区新建方案“Plan 1”；撤销即可删除。');
    expect(text(st().history.undo.at(-1)!.label)).toBe('画笔');
    await i18n.changeLanguage('en');
    expect(text(st().history.undo.at(-1)!.label)).toBe('Brush');
    expect(st().strokeChanges!.size).toBeGreaterThan(0);
    st().actionUndo();
    await settled(store);
    expect(st().plans).toHaveLength(0);
    expect(st().activePlanId).toBeNull();
    expect(text(st().notice)).toContain('Removed "Plan 1"');
    // redo brings the plan and its stroke back
    const ids = () => Array.from(st().results!.assignments[0].schoolByUnit.slice(0, 2), (x) => st().results!.schools.ids[x]);
    expect(ids()).toEqual(['A', 'A']);
    st().actionRedo();
    await settled(store);
    expect(st().plans.map((p) => p.name)).toEqual(['Plan 1']);
    expect(st().activePlanId).toBe(st().plans[0].id);
    expect(ids()).toEqual(['B', 'B']);
  });

  it('clears the stroke table on undo; imported plans get names of their own', async () => {
    const store = makeStore([textSource('t', schools, population)]);
    await store.getState().actionOpenSource('t');
    const st = () => store.getState();
    await st().actionNewPlan('Plan 1');
    st().actionSelectSchool('B');
    st().actionSetTool('brush');
    st().actionBeginStroke();
    st().actionPaintUnits([0, 1]);
    st().actionEndStroke();
    await settled(store);
    expect(st().strokeChanges!.size).toBe(2);
    st().actionUndo();
    expect(st().strokeChanges).toBeNull();
    const text = st().exportActivePlan()!;
    await st().actionImportPlan(text, 'plan.json');
    await st().actionImportPlan(text, 'plan.json');
    expect(st().plans.map((p) => p.name).sort()).toEqual(['Plan 1', 'Plan 1 (2)', 'Plan 1 (3)']);
  });

  it('sets aside a stored plan that fails validation and opens on the baseline', async () => {
    const storage = memoryStorage();
    const store = makeStore([textSource('t', schools, population)], storage);
    await store.getState().actionOpenSource('t');
    await store.getState().actionNewPlan('Good');
    await settled(store);
    const fp = store.getState().dataset!.fingerprint;
    const good = store.getState().plans[0];
    // a record written by an older or broken version: a null correction, wrong types in housing
    await storage.putPlan(fp, { ...structuredClone(good), id: 'bad', name: 'Broken', schoolEdits: { A: null } } as never);
    // without a name: the panel names it in its language, not the store in English
    await storage.putPlan(fp, { ...structuredClone(good), id: 'nameless', name: undefined, schoolEdits: { A: null } } as never);
    await storage.putMeta(`active:${fp}`, 'bad');
    const again = makeStore([textSource('t', schools, population)], storage);
    expect(await again.getState().actionOpenSource('t')).toBe(true);
    const s = again.getState();
    expect(s.status).toBe('ready');
    expect(s.activePlanId).toBeNull();
    expect(s.plans.map((p) => p.name)).toEqual(['Good']);
    expect(s.badPlans.map((b) => b.name).sort()).toEqual(['', 'Broken']);
    // the reasons stay coded: said in the language of the moment, the place as in English
    const broken = s.badPlans.find((b) => b.name === 'Broken')!;
    expect(broken.problems.map(problemText).join(' ')).toContain('schoolEdits.A');
    await i18n.changeLanguage('es');
    const es = broken.problems.map(problemText).join(' ');
    await i18n.changeLanguage('en');
    expect(es).toContain('schoolEdits.A');
    expect(es).not.toBe(broken.problems.map(problemText).join(' '));
    expect(JSON.parse(s.exportBadPlan('bad')!).name).toBe('Broken');
    await again.getState().actionDeleteBadPlan('bad');
    expect(storage.plans.has('bad')).toBe(false);
  });

  it('ends "Computing..." with a message when the engine fails, keeping the previous results', async () => {
    const { store, failWith } = await failingEngineStore();
    const before = store.getState().results;
    failWith('out of memory');
    store.getState().actionEditSchool('A', { capacity: 50 });
    await settled(store);
    expect(store.getState().status).toBe('ready');
    expect(text(store.getState().engineError)).toContain('out of memory');
    expect(store.getState().results).toBe(before);
  });

  it('sets aside a plan the engine cannot derive, with its reason said per language', async () => {
    const { store, failWith } = await failingEngineStore();
    await store.getState().actionNewPlan('P');
    await settled(store);
    failWith('bad record');
    store.getState().actionEditSchool('A', { capacity: 50 });
    await settled(store);
    const [bad] = store.getState().badPlans;
    expect(bad.name).toBe('P');
    expect(problemText(bad.problems[0])).toBe('plan "P": could not be computed: bad record');
    await i18n.changeLanguage('es');
    expect(problemText(bad.problems[0])).toBe('plan "P": no se pudo calcular: bad record');
    await i18n.changeLanguage('en');
  });

  it('names a shipped file that could not be fetched in the user\'s language', async () => {
    const fetchFails: DatasetSource = { id: 'f', name: 'Far', files: async () => { throw new CodedError(coded('fileNotFetched', { file: 'far/schools.geojson', status: 404 }, 'far/schools.geojson: could not be fetched (HTTP 404)')); } };
    const store = makeStore([fetchFails]);
    expect(await store.getState().actionOpenSource('f')).toBe(false);
    const [p] = store.getState().problems;
    expect(problemText(p)).toBe('Far: far/schools.geojson: could not be fetched (HTTP 404)');
    await i18n.changeLanguage('zh-CN');
    expect(problemText(p)).toBe('Far: far/schools.geojson：无法获取（HTTP 404）');
    await i18n.changeLanguage('en');
  });

  it('says so prominently when storage fails, and keeps working in memory', async () => {
    const storage = memoryStorage();
    storage.putPlan = async () => { throw new Error('QuotaExceededError'); };
    const store = makeStore([textSource('t', schools, population)], storage);
    await store.getState().actionOpenSource('t');
    await store.getState().actionNewPlan('P');
    await settled(store);
    expect(store.getState().saveState).toBe('failed');
    expect(text(store.getState().saveError)).toContain('QuotaExceededError');
    expect(store.getState().plans.map((p) => p.name)).toEqual(['P']);
  });
});

describe('a browser without storage', () => {
  it('says so on the first save and keeps the plan in memory', async () => {
    const { unavailableStorage } = await import('../../src/store/planStorage');
    const store = makeStore([textSource('t', schools, population)], unavailableStorage('IndexedDB is unavailable') as ReturnType<typeof memoryStorage>);
    await store.getState().actionOpenSource('t');
    await store.getState().actionNewPlan('P');
    await settled(store);
    expect(text(store.getState().saveError)).toContain('IndexedDB is unavailable');
    expect(store.getState().plans.map((p) => p.name)).toEqual(['P']);
  });
});
