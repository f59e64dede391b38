import { describe, expect, it } from 'vitest';
import { unitId, type Plan } from '../../src/core/index';
import { createPlannerStore, memoryChannels, type ChannelFactory } from '../../src/store/plannerStore';
import { createEngine } from '../../src/worker/engine';
import { memoryStorage, settled, shippedSource } from './storeHelpers';
import { sayText, type Said } from '../../src/store/said';

const text = (s: Said | null) => (s ? sayText(s) : s);

const ABBEYHILL = '5520924';

/** Two tabs: two stores over one storage, with channels between them (or none). */
async function twoTabs(channels: ChannelFactory) {
  const storage = memoryStorage();
  const a = createPlannerStore(createEngine(), [shippedSource('edinburgh')], storage, channels);
  const b = createPlannerStore(createEngine(), [shippedSource('edinburgh')], storage, channels);
  await a.getState().actionOpenSource('edinburgh');
  await b.getState().actionOpenSource('edinburgh');
  return { storage, a, b };
}

type Store = Awaited<ReturnType<typeof twoTabs>>['a'];

/** Units of the first level not in `school`'s zone, every `step`-th from `offset`. */
function unitsOutside(store: Store, school: string, step: number, offset: number, n = 20): number[] {
  const s = store.getState();
  const a = s.results!.assignments[0];
  const k = s.dataset!.schools.ids.indexOf(school);
  const out: number[] = [];
  for (let u = offset; u < a.schoolByUnit.length && out.length < n; u += step) if (a.schoolByUnit[u] !== k) out.push(u);
  return out;
}

/** One stroke of the brush with `school` over `units`; `end` false leaves it in progress. */
function paint(store: Store, school: string, units: number[], end = true) {
  const st = store.getState();
  st.actionSelectSchool(school);
  st.actionSetTool('brush');
  expect(store.getState().actionBeginStroke()).toBe(true);
  store.getState().actionPaintUnits(units);
  if (end) store.getState().actionEndStroke();
}

async function both(a: Store, b: Store) {
  // a message from one tab may start work in the other: wait until both are idle at once
  for (let i = 0; i < 5; i++) { await settled(a); await settled(b); }
}

const storedPlans = (storage: ReturnType<typeof memoryStorage>) => [...storage.plans.values()].map((r) => r.plan as Plan);
const overridesOf = (plan: Plan | undefined) => new Set(Object.keys(plan?.levels.primary?.overrides ?? {}));
const children = (store: Store) => {
  const s = store.getState();
  return s.results!.reports[s.dataset!.schools.ids.indexOf(ABBEYHILL)].distanceByLevel.primary.children;
};

describe('two tabs on one plan', () => {
  it('an idle tab reloads the version another tab saved; a tab with a stroke in progress keeps it and nothing is lost', async () => {
    const { storage, a, b } = await twoTabs(memoryChannels());
    const ds = a.getState().dataset!;
    const first = unitsOutside(a, ABBEYHILL, 97, 0);
    paint(a, ABBEYHILL, first);
    await both(a, b);
    const id = a.getState().activePlanId!;
    // the other tab learnt of the new plan, without switching to it
    expect(b.getState().plans.map((p) => p.id)).toEqual([id]);
    expect(b.getState().activePlanId).toBeNull();
    await b.getState().actionActivatePlan(id);
    await both(a, b);
    expect(children(b)).toBeCloseTo(children(a), 6);

    // A paints again; B shows the same plan and is idle: it reloads A's version
    const second = unitsOutside(a, ABBEYHILL, 89, 5);
    paint(a, ABBEYHILL, second);
    await both(a, b);
    const k = ds.schools.ids.indexOf(ABBEYHILL);
    const w = b.getState().working!.levels.primary;
    for (const u of [...first, ...second]) expect(w.overrideByUnit[u]).toBe(k);
    expect(text(b.getState().notice)).toBe('Plan 1 was changed in another tab; showing the newer version.');
    expect(b.getState().planConflict).toBeNull();
    expect(children(b)).toBeCloseTo(children(a), 6);
    expect(b.getState().history.undo).toHaveLength(0);

    // B has a stroke in progress when A saves: B keeps it and is asked
    const mine = unitsOutside(b, ABBEYHILL, 71, 3).filter((u) => !first.includes(u) && !second.includes(u));
    paint(b, ABBEYHILL, mine, false);
    const theirs = unitsOutside(a, ABBEYHILL, 61, 7).filter((u) => !mine.includes(u) && !first.includes(u) && !second.includes(u));
    paint(a, ABBEYHILL, theirs);
    await settled(a);
    expect(b.getState().planConflict).toMatchObject({ planId: id, name: 'Plan 1' });
    for (const u of mine) expect(b.getState().working!.levels.primary.overrideByUnit[u]).toBe(k);
    // the stroke ends: B's save finds a newer stored version and keeps its own as a copy
    b.getState().actionEndStroke();
    await both(a, b);
    const plans = storedPlans(storage);
    expect(plans.map((p) => p.name).sort()).toEqual(['Plan 1', 'Plan 1 (from another tab)']);
    const original = plans.find((p) => p.id === id)!;
    const copy = plans.find((p) => p.name === 'Plan 1 (from another tab)')!;
    const key = (u: number) => unitId(ds.units, u);
    for (const u of theirs) expect(overridesOf(original).has(key(u)), 'A\'s edit kept in Plan 1').toBe(true);
    for (const u of mine) expect(overridesOf(original).has(key(u)), 'B\'s edit not written over Plan 1').toBe(false);
    for (const u of mine) expect(overridesOf(copy).has(key(u)), 'B\'s edit in the copy').toBe(true);
    expect(b.getState().activePlanId).toBe(copy.id);
    expect(b.getState().planConflict).toBeNull();
    expect(text(b.getState().notice)).toContain('"Plan 1 (from another tab)"');
    // both tabs list both plans; B's list has A's version of Plan 1
    expect(overridesOf(b.getState().plans.find((p) => p.id === id))).toEqual(overridesOf(original));
    expect(a.getState().plans.map((p) => p.name).sort()).toEqual(['Plan 1', 'Plan 1 (from another tab)']);
    expect(a.getState().activePlanId).toBe(id);
  }, 300_000);

  it('the choice: the other tab\'s version, or mine as a copy', async () => {
    const { storage, a, b } = await twoTabs(memoryChannels());
    paint(a, ABBEYHILL, unitsOutside(a, ABBEYHILL, 97, 0));
    await both(a, b);
    const id = a.getState().activePlanId!;
    await b.getState().actionActivatePlan(id);
    await both(a, b);
    const k = a.getState().dataset!.schools.ids.indexOf(ABBEYHILL);

    // "show the other tab's version": B's stroke in progress is dropped, A's version shown
    const mine = unitsOutside(b, ABBEYHILL, 53, 11);
    paint(b, ABBEYHILL, mine, false);
    const theirs = unitsOutside(a, ABBEYHILL, 67, 2).filter((u) => !mine.includes(u));
    paint(a, ABBEYHILL, theirs);
    await settled(a);
    expect(b.getState().planConflict).not.toBeNull();
    await b.getState().actionResolvePlanConflict('theirs');
    await both(a, b);
    expect(b.getState().planConflict).toBeNull();
    expect(b.getState().activePlanId).toBe(id);
    for (const u of theirs) expect(b.getState().working!.levels.primary.overrideByUnit[u]).toBe(k);
    expect(children(b)).toBeCloseTo(children(a), 6);
    expect(storedPlans(storage)).toHaveLength(1);

    // "keep mine as a copy"
    const mine2 = unitsOutside(b, ABBEYHILL, 43, 13).filter((u) => !theirs.includes(u));
    paint(b, ABBEYHILL, mine2, false);
    const theirs2 = unitsOutside(a, ABBEYHILL, 59, 17).filter((u) => !mine2.includes(u) && !theirs.includes(u));
    paint(a, ABBEYHILL, theirs2);
    await settled(a);
    expect(b.getState().planConflict).not.toBeNull();
    await b.getState().actionResolvePlanConflict('mine');
    await both(a, b);
    const plans = storedPlans(storage);
    expect(plans.map((p) => p.name).sort()).toEqual(['Plan 1', 'Plan 1 (from another tab)']);
    const ds = a.getState().dataset!;
    const original = plans.find((p) => p.id === id)!;
    const copy = plans.find((p) => p.id !== id)!;
    for (const u of theirs2) expect(overridesOf(original).has(unitId(ds.units, u))).toBe(true);
    for (const u of mine2) expect(overridesOf(copy).has(unitId(ds.units, u))).toBe(true);
    expect(b.getState().activePlanId).toBe(copy.id);
  }, 300_000);

  it('without a channel, the save-time check alone keeps both versions', async () => {
    const { storage, a, b } = await twoTabs(() => null);
    paint(a, ABBEYHILL, unitsOutside(a, ABBEYHILL, 97, 0));
    await both(a, b);
    const id = a.getState().activePlanId!;
    // B has not heard of the plan: it opens the data set again, as a reload would
    await b.getState().actionOpenSource('edinburgh');
    await b.getState().actionActivatePlan(id);
    await both(a, b);
    const theirs = unitsOutside(a, ABBEYHILL, 89, 5);
    paint(a, ABBEYHILL, theirs);
    await both(a, b);
    // B does not know: its stroke is saved as a copy, not over A's
    const mine = unitsOutside(b, ABBEYHILL, 71, 3).filter((u) => !theirs.includes(u));
    paint(b, ABBEYHILL, mine);
    await both(a, b);
    const ds = a.getState().dataset!;
    const plans = storedPlans(storage);
    expect(plans.map((p) => p.name).sort()).toEqual(['Plan 1', 'Plan 1 (from another tab)']);
    const original = plans.find((p) => p.id === id)!;
    const copy = plans.find((p) => p.id !== id)!;
    for (const u of theirs) expect(overridesOf(original).has(unitId(ds.units, u))).toBe(true);
    for (const u of mine) expect(overridesOf(original).has(unitId(ds.units, u))).toBe(false);
    for (const u of mine) expect(overridesOf(copy).has(unitId(ds.units, u))).toBe(true);
    expect(text(b.getState().notice)).toContain('was changed in another tab');
    expect(b.getState().activePlanId).toBe(copy.id);
  }, 300_000);
});
