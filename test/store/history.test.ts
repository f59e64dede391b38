import { describe, expect, it } from 'vitest';
import { makeStore, settled, textSource } from './storeHelpers';

const schools = 'id,name,level,lon,lat,capacity,g1\nA,West,primary,0,0,100,10\nB,East,primary,0.1,0,100,10\nC,Middle,primary,0.05,0.02,100,10\n';
const population = 'id,lon,lat,primary\n' + Array.from({ length: 12 }, (_, k) => `u${k},${(0.005 + k * 0.008).toFixed(3)},0,${10 + k}`).join('\n') + '\n';

async function openFixture() {
  const store = makeStore([textSource('t', schools, population)]);
  await store.getState().actionOpenSource('t');
  return store;
}

describe('history: one kind of entry per kind of edit, each undone and redone by its own apply function', () => {
  it('records a brush stroke as an assign entry and a lock stroke as a lock entry', async () => {
    const store = await openFixture();
    const st = () => store.getState();
    st().actionSelectSchool('B');
    st().actionSetTool('brush');
    st().actionBeginStroke();
    st().actionPaintUnits([0, 1]);
    st().actionEndStroke();
    st().actionSetTool('lock');
    st().actionBeginStroke();
    st().actionPaintUnits([0, 5]);
    st().actionEndStroke();
    await settled(store);
    const [assign, lock] = st().history.undo;
    expect(assign.kind).toBe('assign');
    expect(lock.kind).toBe('lock');
    if (assign.kind !== 'assign' || lock.kind !== 'lock') return;
    const b = st().results!.schools.ids.indexOf('B');
    expect(Array.from(assign.units)).toEqual([0, 1]);
    expect(Array.from(assign.before)).toEqual([-1, -1]);
    expect(Array.from(assign.after)).toEqual([b, b]);
    expect(Array.from(lock.before)).toEqual([0, 0]);
    expect(Array.from(lock.after)).toEqual([1, 1]);
    const locked = () => Array.from(st().working!.levels.primary.lockedByUnit.slice(0, 6));
    expect(locked()).toEqual([1, 0, 0, 0, 0, 1]);
    st().actionUndo();
    expect(locked()).toEqual([0, 0, 0, 0, 0, 0]);
    st().actionRedo();
    expect(locked()).toEqual([1, 0, 0, 0, 0, 1]);
    await settled(store);
    expect(st().history.undo.map((e) => e.kind)).toEqual(['assign', 'lock']);
  });

  it('undoes and redoes a layout change as a layout entry; undoing the change that created the plan removes it', async () => {
    const store = await openFixture();
    const st = () => store.getState();
    const schoolOf = (u: number) => st().results!.schools.ids[st().results!.assignments[0].schoolByUnit[u]];
    const nearest = Array.from({ length: 12 }, (_, u) => schoolOf(u));
    expect(nearest).toContain('B');
    await st().actionAddLayoutAction({ kind: 'close', school: 'B' });
    await settled(store);
    expect(st().plans.map((p) => p.name)).toEqual(['Plan 1']);
    const entry = st().history.undo[0];
    expect(entry.kind).toBe('layout');
    if (entry.kind !== 'layout') return;
    expect(entry.before).toEqual([]);
    expect(entry.after.map((a) => a.kind)).toEqual(['close']);
    const closed = Array.from({ length: 12 }, (_, u) => schoolOf(u));
    expect(closed).not.toContain('B');
    await st().actionAddLayoutAction({ kind: 'change', school: 'C', capacity: 250 });
    await settled(store);
    expect(st().results!.reports.find((r) => r.id === 'C')!.capacity).toBe(250);

    st().actionUndo();
    await settled(store);
    expect(st().plans[0].actions!.map((a) => a.kind)).toEqual(['close']);
    expect(st().results!.reports.find((r) => r.id === 'C')!.capacity).toBe(100);
    st().actionUndo(); // the change that started the plan: back to the baseline
    await settled(store);
    expect(st().plans).toEqual([]);
    expect(st().activePlanId).toBeNull();
    expect(Array.from({ length: 12 }, (_, u) => schoolOf(u))).toEqual(nearest);
    st().actionRedo();
    await settled(store);
    expect(st().plans.map((p) => p.name)).toEqual(['Plan 1']);
    expect(Array.from({ length: 12 }, (_, u) => schoolOf(u))).toEqual(closed);
    st().actionRedo();
    await settled(store);
    expect(st().plans[0].actions!.map((a) => a.kind)).toEqual(['close', 'change']);
    expect(st().results!.reports.find((r) => r.id === 'C')!.capacity).toBe(250);
    expect(st().history.redo).toEqual([]);
  });
});
