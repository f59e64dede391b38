// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DistanceSwitch } from '../../src/panels/DistanceSwitch';
import { PlannerContext } from '../../src/panels/plannerContext';
import { SchoolRouteDistances } from '../../src/panels/SchoolRouteDistances';
import { makeStore, settled } from '../store/storeHelpers';

const file = (path: string) => ({ name: path, bytes: new Uint8Array(readFileSync(path)) });
let store: ReturnType<typeof makeStore>;
beforeAll(async () => {
  // Edinburgh as the app opens it: with its road network
  store = makeStore([{
    id: 'edinburgh', name: 'edinburgh',
    files: async () => ({
      schools: file('geodata/edinburgh/schools.geojson'), population: file('geodata/edinburgh/population.geojson'),
      network: file('geodata/edinburgh/roads.geojson'), settings: JSON.parse(readFileSync('geodata/edinburgh/settings.json', 'utf8')),
    }),
  }]);
  await store.getState().actionOpenSource('edinburgh');
}, 120_000);
afterEach(cleanup);
const withStore = (ui: React.ReactNode) => render(<PlannerContext.Provider value={store}>{ui}</PlannerContext.Provider>);

describe('DistanceSwitch', () => {
  it('switches every figure to route distance; the school panel then shows both distances', async () => {
    expect(store.getState().dataset!.network!.segments).toBe(48_912);
    expect(store.getState().results!.routes).toBeNull();
    withStore(<DistanceSwitch />);
    expect(screen.getByTestId('network-info').textContent).toContain('48,912');
    const straightMean = store.getState().results!.summary.meanDistanceMByLevel.primary;
    await act(async () => { fireEvent.click(screen.getByRole('radio', { name: /Along the roads/ })); await settled(store); });
    const routes = store.getState().results!.routes!;
    expect(routes.levels.map((x) => x.level)).toEqual(['primary', 'secondary']);
    expect(store.getState().results!.summary.meanDistanceMByLevel.primary).toBeGreaterThan(straightMean);
    expect(screen.getByTestId('route-figures').textContent).toMatch(/beyond .* by route/);
    cleanup();
    const abbeyhill = store.getState().dataset!.schools.ids.indexOf('5520924');
    withStore(<SchoolRouteDistances index={abbeyhill} />);
    expect(screen.getByTestId('school-route-distances').textContent).toMatch(/by route .* straight line/);
  }, 120_000);
});
