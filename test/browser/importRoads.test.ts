import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage, startBuiltApp, waitForMaps, type RunningApp } from './browser';

// test/fixtures/network/README.md: "west" is 357 m from East Bank Primary (A) across a river, 4.8 km by the
// only bridge; West Road Primary (B) is 715 m along its bank. "hills" is far from every road.
const FX = 'test/fixtures/network';
const SHOTS = 'test-results/screenshots';
let app: RunningApp;
let page: Page;
let errors: string[];

beforeAll(async () => {
  app = await startBuiltApp();
  ({ page, errors } = await openPage(app));
  await page.goto(`${app.url}?test`); // test mode: the map is reachable as __plannerMap
  await waitForMaps(page, 1);
}, 300_000);
afterAll(async () => { await app?.close(); });

/** the shapes the map draws where the nearest school by route differs */
const differing = () => page.evaluate(async () => {
  const map = (window as unknown as { __plannerMap: { getSource(id: string): { getData(): Promise<GeoJSON.FeatureCollection> } } }).__plannerMap;
  return (await map.getSource('route-differs').getData()).features.map((f) => String(f.properties?.shape));
});
const maps = () => page.evaluate(() => (window as unknown as { __plannerMetrics: { maps: number } }).__plannerMetrics.maps);
const idle = () => page.evaluate(() => (window as unknown as { __planner: { getState(): { whenIdle(): Promise<void> } } }).__planner.getState().whenIdle());

async function chooseFiles(roads: string | { name: string; mimeType: string; buffer: Buffer }) {
  await page.getByRole('tab', { name: 'Data' }).click();
  await page.getByTestId('file-schools').setInputFiles(`${FX}/schools.csv`);
  await page.getByTestId('file-population').setInputFiles(`${FX}/population.csv`);
  await page.getByTestId('file-roads').setInputFiles(roads);
}

describe('a road file imported with the data (built app)', () => {
  it('refuses a road file that holds no lines, naming it, and keeps the current data', async () => {
    const points = JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [10, 50] } }] });
    await chooseFiles({ name: 'bad-roads.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(points) });
    await page.getByRole('button', { name: 'Load these files' }).click();
    const problems = page.getByTestId('import-problems');
    await problems.waitFor();
    const text = (await problems.textContent())!;
    expect(text).toContain('bad-roads.geojson: no road segments found');
    expect(text).toContain('The current data is unchanged');
    await page.getByRole('tab', { name: 'District' }).click();
    expect(await page.getByTestId('summary-schools').textContent()).toContain('131');
  });

  it('routes the imported data along its roads once the distance switch says so', async () => {
    await chooseFiles(`${FX}/roads.geojson`);
    const n = await maps();
    await page.getByRole('button', { name: 'Load these files' }).click();
    await waitForMaps(page, n + 1);
    await idle();
    // West Road Primary's catchment in a straight line: only "hills" (12 primary children)
    await page.evaluate(() => (window as unknown as { __planner: { getState(): { actionSelectSchool(id: string): void } } }).__planner.getState().actionSelectSchool('B'));
    const children = page.getByTestId('stat-children-primary');
    await children.waitFor();
    expect(await children.textContent()).toBe('12');
    expect(await page.getByTestId('school-route-distances').count()).toBe(0);

    await page.getByRole('tab', { name: 'Standards' }).click();
    expect(await page.getByTestId('network-info').textContent()).toContain('8 segments');
    await page.getByRole('radio', { name: 'Along the roads' }).check();
    await idle();
    // by route "west" (60 children) walks to B: the river's only bridge is 2.2 km north
    await page.waitForFunction(() => document.querySelector('[data-testid="stat-children-primary"]')?.textContent === '72');
    const routes = (await page.getByTestId('school-route-distances').textContent())!;
    expect(routes).toMatch(/by route/);
    expect(await page.getByTestId('route-figures').textContent()).toContain('(1)'); // one area's nearest school differs
    expect(await differing()).toEqual(['point']); // units without shapes: a ring at the point
    await page.screenshot({ path: `${SHOTS}/roads-imported-route.png` });
    expect(errors).toEqual([]);
  });

  it('shades the Edinburgh areas whose nearest school differs by route, as areas', async () => {
    const n = await maps();
    await page.evaluate(() => (window as unknown as { __planner: { getState(): { actionOpenSource(id: string): Promise<boolean> } } }).__planner.getState().actionOpenSource('edinburgh'));
    await waitForMaps(page, n + 1);
    await page.getByRole('tab', { name: 'Standards' }).click();
    await page.getByRole('radio', { name: 'Along the roads' }).check();
    await idle();
    await page.waitForFunction(() => document.querySelector('[data-testid="route-figures"]') !== null, undefined, { timeout: 120_000 });
    const shapes = await differing();
    // the output areas' polygons (787 for primary in the core's test), not points
    expect(shapes.length).toBeGreaterThan(500);
    expect(new Set(shapes)).toEqual(new Set(['area']));
    await page.screenshot({ path: `${SHOTS}/roads-edinburgh-differs.png` });
    expect(errors).toEqual([]);
  });
});
