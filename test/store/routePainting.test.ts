import { describe, expect, it } from 'vitest';
import { greatCircleMeters } from '../../src/core/index';
import { expectTalliesMatch, fileSource, makeStore, memoryStorage, settled, shippedSource, snapshot } from './storeHelpers';

// test/fixtures/network/README.md: "west" is 357 m from East Bank Primary (A) across a river, 4.8 km by the bridge
const fx = (f: string) => `test/fixtures/network/${f}`;
const river = (network = fx('roads.geojson')) => fileSource('river', { schools: fx('schools.csv'), population: fx('population.csv'), network });

type Store = ReturnType<typeof makeStore>;
const chooseRoutes = async (store: Store) => {
  const s = store.getState().settings!;
  store.getState().actionUpdateSettings({ ...s, network: { ...s.network, distance: 'network' } });
  await settled(store);
};

describe('route distances for imported data and while painting', () => {
  it('imports a road file with the data, keeps it in the browser, and routes the imported data by it', async () => {
    const storage = memoryStorage();
    const store = makeStore([shippedSource('edinburgh')], storage);
    expect(await store.getState().actionAddImported(river())).toBe(true);
    expect(store.getState().dataset!.network).toMatchObject({ file: 'roads.geojson', segments: 8 });
    expect([...storage.datasets.values()][0].files.network?.name).toBe('roads.geojson');
    const west = store.getState().dataset!.units.ids!.indexOf('west');
    const schoolOf = () => store.getState().results!.schools.ids[store.getState().results!.assignments[0].schoolByUnit[west]];
    expect(schoolOf()).toBe('A'); // straight line: across the water
    await chooseRoutes(store);
    expect(schoolOf()).toBe('B'); // by route: the bridge is 2.2 km north

    // a reload opens the kept data set with its roads
    const again = makeStore([shippedSource('edinburgh')], storage);
    await again.getState().actionRestore();
    expect(again.getState().dataset!.network?.file).toBe('roads.geojson');
  });

  it('refuses a bad road file by name and keeps the data loaded before', async () => {
    const store = makeStore([shippedSource('edinburgh')]);
    expect(await store.getState().actionAddImported(river())).toBe(true);
    const token = store.getState().dataset!.token;
    expect(await store.getState().actionAddImported(river(fx('schools.csv')))).toBe(false);
    const s = store.getState();
    expect(s.dataset!.token).toBe(token);
    expect(s.problems.filter((p) => p.severity === 'error').map((p) => p.file)).toEqual(['schools.csv']);
    expect(s.problems.find((p) => p.severity === 'error')!.message).toMatch(/not valid JSON/);
  });

  it('paints by route: the running totals equal the recompute, before and after the distances come', async () => {
    const store = makeStore([]);
    expect(await store.getState().actionAddImported(river())).toBe(true);
    await chooseRoutes(store);
    const st = () => store.getState();
    const west = st().dataset!.units.ids!.indexOf('west');
    await st().actionNewPlan('Bridge');
    // without prefetch: the stroke starts before the engine measured A by route
    st().actionSetTool('brush');
    st().actionSelectSchool('A');
    expect(st().actionBeginStroke()).toBe(true);
    st().actionPaintUnits([west]);
    await settled(store); // A's distances come in the stroke and correct the provisional straight line
    st().actionEndStroke();
    const live = snapshot(st().tallies!);
    const a = st().results!.schools.ids.indexOf('A');
    // west walks 4.8 km by the bridge (357 m in a straight line): the totals hold the route
    expect(st().results!.assignments[0].distanceByUnit[west]).toBeGreaterThan(4000);
    expect(live.primary.distanceSum[a] / live.primary.children[a]).toBeGreaterThan(3000);
    await settled(store);
    expectTalliesMatch(live, st().results!);
    // undo and redo move the unit with distances already measured
    st().actionUndo();
    const undone = snapshot(st().tallies!);
    await settled(store);
    expectTalliesMatch(undone, st().results!);
    st().actionRedo();
    const redone = snapshot(st().tallies!);
    await settled(store);
    expectTalliesMatch(redone, st().results!);
  });

  it('paints Edinburgh by route with totals equal to the recompute for every school', async () => {
    const store = makeStore([shippedSource('edinburgh', { roads: true })]);
    await store.getState().actionOpenSource('edinburgh');
    await chooseRoutes(store);
    const st = () => store.getState();
    expect(st().results!.routes).not.toBeNull();
    st().actionSelectSchool('5520924');
    await settled(store); // selected: its distances are asked for before the stroke
    st().actionSetTool('brush');
    expect(st().actionBeginStroke()).toBe(true);
    const a = st().results!.assignments[0];
    const abbeyhill = st().results!.schools.ids.indexOf('5520924');
    const targets: number[] = [];
    for (let u = 0; u < a.schoolByUnit.length && targets.length < 40; u++) if (a.schoolByUnit[u] !== abbeyhill && u % 53 === 0) targets.push(u);
    st().actionPaintUnits(targets);
    st().actionEndStroke();
    const live = snapshot(st().tallies!);
    await settled(store);
    expectTalliesMatch(live, st().results!);
    // the route figures differ from the straight line for the areas painted: the test could fail
    const { units } = st().dataset!, sv = st().results!.schools;
    const straight = (u: number) => greatCircleMeters(units.lon[u], units.lat[u], sv.lon[abbeyhill], sv.lat[abbeyhill]);
    expect(targets.filter((u) => st().results!.assignments[0].distanceByUnit[u] > straight(u) + 50).length).toBeGreaterThan(targets.length / 2);
  });
});
