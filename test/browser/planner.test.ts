import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticGridUnits, syntheticSchools } from '../../bench/synthetic';
import { count, km } from '../../src/panels/format';
import { mapPixels, startBuiltApp, waitForMaps, watchErrors, type RunningApp } from './browser';

const SHOTS = 'test-results/screenshots';
let app: RunningApp;
let page: Page;
let errors: string[];
const report: string[] = [];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  app = await startBuiltApp();
  page = await app.browser.newPage({ viewport: { width: 1280, height: 800 } });
  errors = watchErrors(page);
}, 300_000);
afterAll(async () => {
  console.log(['browser measurements:', ...report].join('\n  '));
  await app?.close();
});

const metric = (p: Page) => p.evaluate(() => (window as unknown as { __plannerMetrics: { firstMapMs: number; lastMapMs: number; maps: number } }).__plannerMetrics);

async function changeSetting(label: string, value: string) {
  await page.getByRole('tab', { name: 'Standards' }).click();
  const input = page.getByLabel(label);
  await input.fill(value);
  await input.press('Enter');
}

describe('the planner in Chromium (built app)', () => {
  it('opens on the Edinburgh data and draws the map', async () => {
    await page.goto(`${app.url}?test`);
    await waitForMaps(page, 1);
    const m = await metric(page);
    report.push(`Edinburgh (4,322 units, 131 schools): navigation to first complete map ${Math.round(m.firstMapMs)} ms`);
    expect(await page.getByTestId('summary-schools').textContent()).toContain('131');
    const px = await mapPixels(page);
    // catchment fills cover most of the map and use many colours (zones, density, schools)
    expect(px.painted).toBeGreaterThan(0.3);
    expect(px.colours).toBeGreaterThan(40);
    await page.screenshot({ path: `${SHOTS}/1-edinburgh.png` });
  });

  it('shows a clicked school\'s statistics, equal to the CLI\'s schools.csv', async () => {
    const target = await page.evaluate(() => {
      const store = (window as unknown as { __planner: { getState(): { dataset: { schools: { ids: string[]; lon: Float64Array; lat: Float64Array; types: string[] } } } } }).__planner;
      const map = (window as unknown as { __plannerMap: { project(p: [number, number]): { x: number; y: number } } }).__plannerMap;
      const s = store.getState().dataset.schools;
      const i = s.ids.indexOf('5520924'); // Abbeyhill Primary School
      const p = map.project([s.lon[i], s.lat[i]]);
      return { x: p.x, y: p.y };
    });
    const box = (await page.getByTestId('map').boundingBox())!;
    await page.mouse.click(box.x + target.x, box.y + target.y);
    const title = page.locator('#school-title');
    await title.waitFor();
    const name = (await title.textContent())!;
    const id = (await page.locator('.school-panel .muted').first().textContent())!.match(/id (\S+)/)![1];

    const out = mkdtempSync(join(tmpdir(), 'cli-'));
    const cli = spawnSync(join('node_modules', '.bin', 'tsx'), ['src/cli/main.ts', 'assign', '--schools', 'geodata/edinburgh/schools.geojson', '--population', 'geodata/edinburgh/population.geojson', '--settings', 'geodata/edinburgh/settings.json', '--out', out], { encoding: 'utf8' });
    expect(cli.status).toBe(0);
    const rows = Papa.parse<Record<string, string>>(readFileSync(join(out, 'schools.csv'), 'utf8'), { header: true, skipEmptyLines: true }).data;
    const row = rows.find((r) => r.school_id === id)!;
    expect(row.name).toBe(name);
    expect(await page.getByTestId('stat-enrollment').textContent()).toBe(count(Number(row.enrollment)));
    expect(await page.getByTestId('stat-children-primary').textContent()).toBe(count(Number(row.children_primary)));
    expect(await page.getByTestId('stat-distance-primary').textContent()).toBe(`${km(Number(row.dist_mean_m_primary))} / ${km(Number(row.dist_p90_m_primary))} / ${km(Number(row.dist_max_m_primary))}`);
    await page.screenshot({ path: `${SHOTS}/2-school-selected.png` });
  });

  it('assesses a flag once the planner enters classrooms, and follows the class-size standard', async () => {
    const before = Number(await page.getByTestId('flag-count-large_classes').textContent().catch(() => 'NaN'));
    void before;
    const enrollment = Number((await page.getByTestId('stat-enrollment').textContent())!.replace(/,/g, ''));
    await page.locator('.edit-form input[name="classrooms"]').fill('3');
    const maps = (await metric(page)).maps;
    await page.getByRole('button', { name: 'Apply' }).click();
    await waitForMaps(page, maps + 1);
    const avg = enrollment / 3;
    await expect(page.locator('.flag-list li', { hasText: 'large classes:' }).first().textContent()).resolves.toContain(avg > 30 ? 'over standard' : 'ok');
    await page.getByRole('tab', { name: 'District' }).click();
    const flagged = Number(await page.getByTestId('flag-count-large_classes').textContent());
    expect(flagged).toBe(avg > 30 ? 1 : 0);

    // a class-size standard above the school's average class clears the flag
    await page.evaluate(() => {
      const w = window as unknown as { __longTasks: number[] };
      w.__longTasks = [];
      new PerformanceObserver((list) => { for (const e of list.getEntries()) w.__longTasks.push(e.duration); }).observe({ type: 'longtask' });
    });
    const t0 = await page.evaluate(() => performance.now());
    const maps2 = (await metric(page)).maps;
    await changeSetting('Primary: Standard class size', String(Math.ceil(avg) + 1));
    await waitForMaps(page, maps2 + 1);
    const t1 = (await metric(page)).lastMapMs;
    const longTasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
    const refreshMs = await page.evaluate(() => performance.getEntriesByName('planner:refresh').map((e) => e.duration));
    // the map adapter's own work per update must stay far below a frame budget; the rest of the main
    // thread's time here is software WebGL (SwiftShader) drawing frames, measured below for comparison
    // printed, never asserted (timings belong to the benchmarks; machines here are noisy)
    report.push(`map adapter work per update (last three): ${refreshMs.slice(-3).map((x) => x.toFixed(1)).join(', ')} ms`);
    const repaint = await page.evaluate(async () => {
      const map = (window as unknown as { __plannerMap: { triggerRepaint(): void; once(e: string, f: () => void): void } }).__plannerMap;
      const w = window as unknown as { __longTasks: number[] };
      w.__longTasks = [];
      map.triggerRepaint();
      await new Promise<void>((r) => map.once('idle', () => r()));
      await new Promise((r) => setTimeout(r, 200));
      return w.__longTasks.map(Math.round);
    });
    report.push(`Edinburgh: settings change to complete map ${Math.round(t1 - t0)} ms; map adapter work per update ${refreshMs.slice(-3).map((d) => Math.round(d)).join(', ')} ms; main-thread long tasks meanwhile ${longTasks.map((d) => Math.round(d)).join(', ') || 'none'} ms (one plain repaint of the map with software WebGL here: ${repaint.join(', ') || 'no long task'} ms)`);
    await page.getByRole('tab', { name: 'District' }).click();
    expect(Number(await page.getByTestId('flag-count-large_classes').textContent())).toBe(0);
    await page.screenshot({ path: `${SHOTS}/3-after-settings.png` });
  });

  it('works from the keyboard on a 1024-pixel-wide laptop screen', async () => {
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.getByRole('tab', { name: 'District' }).click();
    await page.keyboard.press('ArrowRight');
    await expect(page.getByRole('tab', { name: 'Schools' }).getAttribute('aria-selected')).resolves.toBe('true');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Leith');
    const rowButton = page.locator('.list tbody button').first();
    const first = (await rowButton.textContent())!;
    expect(first).toContain('Leith');
    await rowButton.focus();
    await page.keyboard.press('Enter');
    await expect(page.locator('#school-title').textContent()).resolves.toBe(first);
    const focusVisible = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle !== 'none');
    expect(focusVisible).toBe(true);
    await page.screenshot({ path: `${SHOTS}/4-keyboard-1024.png` });
    await page.getByRole('button', { name: 'Close school panel' }).click();
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('keeps the current data when an imported file is malformed, and lists the problems', async () => {
    await page.getByRole('tab', { name: 'Data' }).click();
    await page.getByTestId('file-schools').setInputFiles({ name: 'bad-schools.csv', mimeType: 'text/csv', buffer: Buffer.from('id,name,level,lon,lat\nA,One,primary,113,28\nA,Two,primary,327073,674330\n') });
    await page.getByTestId('file-population').setInputFiles('public/samples/population.csv');
    await page.getByRole('button', { name: 'Load these files' }).click();
    const problems = page.getByTestId('import-problems');
    await problems.waitFor();
    const text = (await problems.textContent())!;
    expect(text).toContain('bad-schools.csv:3: id: "A" is a duplicate of the school at line 2; expected unique ids');
    expect(text).toContain('The current data is unchanged');
    await page.screenshot({ path: `${SHOTS}/5-import-errors.png` });
    await page.getByRole('tab', { name: 'District' }).click();
    expect(await page.getByTestId('summary-schools').textContent()).toContain('131');
  });

  it('replaces the data with a valid imported data set', async () => {
    await page.getByRole('tab', { name: 'Data' }).click();
    await page.getByTestId('file-schools').setInputFiles('public/samples/schools.csv');
    await page.getByTestId('file-population').setInputFiles('public/samples/population.csv');
    const maps = (await metric(page)).maps;
    await page.getByRole('button', { name: 'Load these files' }).click();
    await waitForMaps(page, maps + 1);
    await page.getByRole('tab', { name: 'District' }).click();
    expect(await page.getByTestId('summary-schools').textContent()).toContain('5');
    expect(await page.getByLabel('Data set').inputValue()).toMatch(/^import:fnv1a:/); // kept in the browser by the data's fingerprint
    const px = await mapPixels(page);
    expect(px.painted).toBeGreaterThan(0.2); // the grid is drawn as one image
    await page.screenshot({ path: `${SHOTS}/6-imported.png` });
  });

  it('handles a 250,000-cell grid: import to map, and recompute after a settings change', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'grid-'));
    const units = syntheticGridUnits(250_000, 21);
    const lines = ['lon,lat,primary,junior'];
    for (let i = 0; i < units.count; i++) lines.push(`${units.lon[i].toFixed(6)},${units.lat[i].toFixed(6)},${units.childrenByLevel.primary[i]},${units.childrenByLevel.junior[i]}`);
    writeFileSync(join(dir, 'population.csv'), lines.join('\n'));
    const s = syntheticSchools(400, 22);
    const srows = ['id,name,level,lon,lat,capacity,classrooms,enrollment'];
    for (let i = 0; i < s.count; i++) srows.push(`${s.ids[i]},${s.names[i]},${s.types[i]},${s.lon[i].toFixed(5)},${s.lat[i].toFixed(5)},1000,22,${900 + (i % 9) * 40}`);
    writeFileSync(join(dir, 'schools.csv'), srows.join('\n'));
    await page.getByRole('tab', { name: 'Data' }).click();
    await page.getByTestId('file-schools').setInputFiles(join(dir, 'schools.csv'));
    await page.getByTestId('file-population').setInputFiles(join(dir, 'population.csv'));
    const maps = (await metric(page)).maps;
    const t0 = await page.evaluate(() => performance.now());
    await page.getByRole('button', { name: 'Load these files' }).click();
    await waitForMaps(page, maps + 1, 180_000);
    const t1 = (await metric(page)).lastMapMs;
    report.push(`250,000-cell grid x 400 schools: import (read, parse, assign, draw) to complete map ${Math.round(t1 - t0)} ms`);
    const t2 = await page.evaluate(() => performance.now());
    await changeSetting('Primary: Standard class size', '40');
    await waitForMaps(page, maps + 2, 180_000);
    const t3 = (await metric(page)).lastMapMs;
    report.push(`250,000-cell grid: settings change to complete map ${Math.round(t3 - t2)} ms`);
    const px = await mapPixels(page);
    expect(px.painted).toBeGreaterThan(0.3);
    await page.screenshot({ path: `${SHOTS}/7-grid-250k.png` });
    expect(errors).toEqual([]);
  });
});
