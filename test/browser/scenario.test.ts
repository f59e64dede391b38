import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from '../../src/panels/format';
import { openPage, settle, startBuiltApp, waitForMaps, type RunningApp } from './browser';

const SHOTS = 'test-results/screenshots';
let app: RunningApp;
let page: Page;
let errors: string[];
const dir = mkdtempSync(join(tmpdir(), 'scenario-ui-'));

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  app = await startBuiltApp();
  ({ page, errors } = await openPage(app));
}, 300_000);
afterAll(async () => { await app?.close(); });

describe('layout scenarios in Chromium', () => {
  it('builds a scenario of two changes, shows its outcomes as the CLI computes them, and compares scenarios', async () => {
    await page.goto(`${app.url}?test`);
    await waitForMaps(page, 1);
    await settle(page);
    // change 1: close Abbeyhill Primary, its children to Royal Mile Primary
    await page.getByRole('tab', { name: 'Schools' }).click();
    await page.getByLabel('Find a school').fill('Abbeyhill');
    await page.locator('.list tbody button').first().click();
    await page.getByRole('tab', { name: 'Layout' }).click();
    await page.getByLabel('Receiving school').selectOption({ label: 'Royal Mile Primary School' });
    await page.getByRole('button', { name: 'Close', exact: true }).click();
    await settle(page);
    // change 2: the first merger suggestion
    await page.getByTestId('mergers').getByRole('button', { name: /^Merge / }).first().click();
    await settle(page);
    await expect(page.getByTestId('layout-actions').locator('li').count()).resolves.toBe(2);
    await expect(page.getByTestId('layout-actions').locator('li').first().textContent()).resolves.toContain('Close Abbeyhill Primary School');
    const moved = (await page.getByTestId('moved-primary').textContent())!;
    await page.screenshot({ path: `${SHOTS}/s1-scenario.png` });

    // the exported scenario file through the CLI gives the same outcome
    await page.getByRole('tab', { name: 'Plans' }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Project file (.json)' }).click()]);
    const file = join(dir, 'scenario.json');
    await download.saveAs(file);
    const cli = spawnSync(join('node_modules', '.bin', 'tsx'), ['src/cli/main.ts', 'scenario', '--schools', 'geodata/edinburgh/schools.geojson', '--population', 'geodata/edinburgh/population.geojson', '--scenario', file, '--out', join(dir, 'out')], { encoding: 'utf8' });
    expect(cli.status).toBe(0);
    const outcomes = JSON.parse(readFileSync(join(dir, 'out', 'outcomes.json'), 'utf8'));
    expect(outcomes.actions ?? outcomes.scenario.actions).toHaveLength(2);
    expect(count(outcomes.childrenMoved.primary)).toBe(moved);

    // a second scenario without the merger, compared side by side
    await page.getByRole('button', { name: /^Duplicate / }).first().click();
    await settle(page);
    await page.getByRole('tab', { name: 'Layout' }).click();
    await page.getByRole('button', { name: /^Remove: Merge / }).click();
    await settle(page);
    const boxes = page.locator('.comparison input[type="checkbox"]');
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    await page.getByRole('button', { name: 'Compare side by side' }).click();
    const table = page.getByTestId('comparison');
    await table.waitFor();
    await expect(table.locator('thead th').count()).resolves.toBe(3);
    await expect(table.textContent()).resolves.toContain('✓');
    await page.screenshot({ path: `${SHOTS}/s2-comparison.png` });
    // printing is a store intent: the map adapter takes both pictures, the page prints once, the map mode comes back
    await page.evaluate(() => { (window as unknown as { __prints: number }).__prints = 0; window.print = () => { (window as unknown as { __prints: number }).__prints++; }; });
    const modeBefore = await page.evaluate(() => (window as unknown as { __planner: { getState(): { mapMode: string } } }).__planner.getState().mapMode);
    await page.getByRole('button', { name: 'Print the report' }).click();
    await page.waitForFunction(() => (window as unknown as { __prints: number }).__prints === 1);
    const pictures = await page.locator('figure img').evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).src.slice(0, 22)));
    expect(pictures).toEqual(['data:image/png;base64,', 'data:image/png;base64,']);
    expect(await page.evaluate(() => (window as unknown as { __planner: { getState(): { mapMode: string } } }).__planner.getState().mapMode)).toBe(modeBefore);
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: `${SHOTS}/s3-print.png`, fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    expect(errors).toEqual([]);
  });
});
