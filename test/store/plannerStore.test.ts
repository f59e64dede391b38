import { describe, expect, it } from 'vitest';
import { expectTalliesMatch, makeStore, memoryStorage, settled, shippedSource, snapshot, textSource } from './storeHelpers';

describe('planner store over the engine', () => {
  it('opens a data set, computes it, and keeps it when a bad import fails', async () => {
    const store = makeStore([shippedSource('edinburgh')]);
    expect(await store.getState().actionOpenSource('edinburgh')).toBe(true);
    const { dataset, results } = store.getState();
    expect(dataset!.schools.ids).toHaveLength(131);
    expect(results!.reports).toHaveLength(131);
    expect(Object.keys(results!.zones)).toEqual(['primary', 'secondary']);
    const ok = await store.getState().actionAddImported(textSource('bad', 'id,name,level,lon,lat\nA,A,primary,1000000,2000000\n', 'lon,lat,primary\n1,1,1\n'));
    expect(ok).toBe(false);
    const s = store.getState();
    expect(s.dataset!.token).toBe(dataset!.token);
    expect(s.results!.reports).toHaveLength(131);
    expect(s.status).toBe('ready');
    expect(s.problems[0].message).toContain('look like projected metres');
    expect(s.sources.map((x) => x.id)).toEqual(['edinburgh']);
  });

  it('recomputes flags when standards change and when a school is corrected', async () => {
    const store = makeStore([shippedSource('edinburgh')]);
    await store.getState().actionOpenSource('edinburgh');
    const undersized = () => store.getState().results!.summary.flagCounts.undersized.flagged;
    const before = undersized();
    const settings = store.getState().settings!;
    store.getState().actionUpdateSettings({ ...settings, levels: settings.levels.map((l) => (l.id === 'primary' ? { ...l, minPupils: 250 } : l)) });
    await settled(store);
    expect(undersized()).toBeGreaterThan(before);
    const notAssessed = store.getState().results!.summary.flagCounts.overcrowded.notAssessed;
    store.getState().actionEditSchool('5520924', { capacity: 200 });
    await settled(store);
    expect(store.getState().results!.summary.flagCounts.overcrowded.notAssessed).toBe(notAssessed - 1);
    const abbeyhill = store.getState().results!.reports.find((r) => r.id === '5520924')!;
    expect(abbeyhill.capacity).toBe(200);
  });

  it('keeps edits and standards across a reload of the same data', async () => {
    const storage = memoryStorage();
    const first = makeStore([shippedSource('edinburgh')], storage);
    await first.getState().actionOpenSource('edinburgh');
    first.getState().actionEditSchool('5520924', { classrooms: 7, status: 'closed' });
    await settled(first);
    const again = makeStore([shippedSource('edinburgh')], storage);
    await again.getState().actionOpenSource('edinburgh');
    expect(again.getState().edits['5520924']).toEqual({ classrooms: 7, status: 'closed' });
    const r = again.getState().results!.reports.find((x) => x.id === '5520924')!;
    expect(r.status).toBe('closed');
    // a closed school takes no children: its zone is gone
    expect(again.getState().results!.zones.primary.some((z) => z.properties.school_id === '5520924')).toBe(false);
  });
});

describe('painting a plan in the store', () => {
  it('paints, keeps totals equal to the engine, locks, undoes and redoes', async () => {
    const store = makeStore([shippedSource('edinburgh')]);
    await store.getState().actionOpenSource('edinburgh');
    const st = () => store.getState();
    st().actionSelectSchool('5520924');
    st().actionSetTool('brush');
    expect(st().actionBeginStroke()).toBe(true);
    expect(st().plans).toHaveLength(1); // painting on the baseline starts "Plan 1"
    const a = st().results!.assignments[0];
    const abbeyhill = st().dataset!.schools.ids.indexOf('5520924');
    const targets: number[] = [];
    for (let u = 0; u < a.schoolByUnit.length && targets.length < 25; u++) if (a.schoolByUnit[u] !== abbeyhill && u % 97 === 0) targets.push(u);
    st().actionPaintUnits(targets);
    st().actionEndStroke();
    const liveTallies = snapshot(st().tallies!);
    const live = liveTallies.primary.children[abbeyhill];
    expect(live).toBeGreaterThan(0);
    await st().whenIdle();
    expect(st().results!.reports[abbeyhill].distanceByLevel.primary.children).toBeCloseTo(live, 6);
    expect(st().tallies!.primary.children[abbeyhill]).toBeCloseTo(live, 6);
    // the totals kept while painting equal the engine's recompute for every school, not only the one painted
    expectTalliesMatch(liveTallies, st().results!);
    expectTalliesMatch(st().tallies!, st().results!);
    // a locked zone keeps its areas: the eraser leaves them
    st().actionLockZone('5520924', true);
    st().actionSetTool('eraser');
    st().actionBeginStroke();
    st().actionPaintUnits(targets);
    st().actionEndStroke();
    await st().whenIdle();
    expect(st().results!.reports[abbeyhill].distanceByLevel.primary.children).toBeCloseTo(live, 6);
    st().actionUndo(); // the (empty) eraser stroke left no step: this undoes the zone lock
    st().actionSetTool('eraser');
    st().actionBeginStroke();
    st().actionPaintUnits(targets);
    st().actionEndStroke();
    const erasedTallies = snapshot(st().tallies!);
    await st().whenIdle();
    const erased = st().results!.reports[abbeyhill].distanceByLevel.primary.children;
    expect(erased).toBeLessThan(live);
    expectTalliesMatch(erasedTallies, st().results!);
    st().actionUndo();
    const undoneTallies = snapshot(st().tallies!);
    await st().whenIdle();
    expect(st().results!.reports[abbeyhill].distanceByLevel.primary.children).toBeCloseTo(live, 6);
    expectTalliesMatch(undoneTallies, st().results!);
    st().actionRedo();
    const redoneTallies = snapshot(st().tallies!);
    await st().whenIdle();
    expect(st().results!.reports[abbeyhill].distanceByLevel.primary.children).toBeCloseTo(erased, 6);
    expectTalliesMatch(redoneTallies, st().results!);
  });
});
