import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage, settle, startBuiltApp, waitForMaps, type RunningApp } from './browser';

const SHOTS = 'test-results/screenshots';
let app: RunningApp;
let page: Page;
let errors: string[];
const dir = mkdtempSync(join(tmpdir(), 'balance-ui-'));

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  app = await startBuiltApp();
  ({ page, errors } = await openPage(app));
}, 600_000);
afterAll(async () => { await app?.close(); });

describe('the Balance tab in Chromium', () => {
  it('shows Hualien\'s primary teacher CV as the CLI computes it, marks failing cells, exports CSV, and follows a closure', async () => {
    // the CLI's figure on the same data set
    const cli = spawnSync(join('node_modules', '.bin', 'tsx'), ['src/cli/main.ts', 'balance', '--dataset', 'geodata/hualien', '--out', join(dir, 'cli')], { encoding: 'utf8' });
    expect(cli.status, cli.stderr).toBe(0);
    const json = JSON.parse(readFileSync(join(dir, 'cli', 'balance.json'), 'utf8'));
    const cliCv: number = json.levels.find((l: { level: string }) => l.level === 'primary').indicators.find((i: { id: string }) => i.id === 'teachers').cv;

    await page.goto(`${app.url}?test&lang=en`);
    await waitForMaps(page, 1);
    await settle(page);
    await page.getByLabel('Data set').selectOption('hualien');
    await settle(page);
    await page.getByRole('tab', { name: 'Balance' }).click();
    const cv = page.getByTestId('cv-primary-teachers');
    await cv.waitFor();
    await page.screenshot({ path: `${SHOTS}/b0-balance-tab.png` });
    await expect(cv.textContent()).resolves.toBe(cliCv.toFixed(3));
    // the teacher CV fails the 0.50 limit: its cell in the county table is marked
    const failing = page.getByTestId('balance-table').locator('td[data-fail="true"]');
    expect(await failing.count()).toBeGreaterThan(0);
    await expect(failing.first().textContent()).resolves.toContain('✗');
    await expect(failing.first().getAttribute('class')).resolves.toContain('fail-cell');
    await expect(page.getByTestId('balance-chart').locator('svg').count()).resolves.toBeGreaterThan(0);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export table (CSV)' }).click()]);
    const file = join(dir, 'balance.csv');
    await download.saveAs(file);
    const csv = readFileSync(file, 'utf8').trim().split('\n');
    expect(csv[0]).toBe('level,indicator,name,county_value,cv,threshold,pass,not_assessed');
    expect(csv.find((l) => l.startsWith('primary,teachers,'))!.split(',')[4]).toBe(String(Math.round(cliCv * 1000) / 1000));

    // what it takes: the teacher rotation from the worker's HiGHS
    await page.getByRole('button', { name: 'Find what it takes' }).click();
    const takes = page.getByTestId('balance-takes-table');
    await takes.waitFor({ timeout: 120_000 });
    await expect(takes.locator('tr[data-kind="rotation"]').first().textContent()).resolves.toMatch(/move [\d.,]+ teachers in \d+ transfers/);
    await page.screenshot({ path: `${SHOTS}/b1-balance.png`, fullPage: true });

    // close the smallest school: the outcomes show the CV before (the CLI's) and after
    const schools = JSON.parse(readFileSync('geodata/hualien/schools.geojson', 'utf8')).features.map((f: { properties: { name: string; enrollment: number } }) => f.properties);
    const smallest = schools.filter((s: { enrollment: number }) => s.enrollment > 0).sort((a: { enrollment: number }, b: { enrollment: number }) => a.enrollment - b.enrollment)[0].name as string;
    await page.getByRole('tab', { name: 'Schools' }).click();
    await page.getByLabel('Find a school').fill(smallest);
    await page.locator('.list tbody button').first().click();
    await page.getByRole('tab', { name: 'Layout' }).click();
    await page.getByRole('button', { name: 'Close', exact: true }).click();
    await settle(page);
    const row = page.getByTestId('balance').locator('tr[data-level="primary"][data-indicator="teachers"]');
    await row.waitFor();
    const cells = await row.locator('td').allTextContents();
    expect(cells[2]).toBe(cliCv.toFixed(3));
    expect(Number(cells[3])).not.toBe(Number(cells[2]));
    await page.screenshot({ path: `${SHOTS}/b2-closure-outcomes.png`, fullPage: true });
    await page.getByRole('tab', { name: 'Balance' }).click();
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: `${SHOTS}/b3-balance-print.png`, fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    expect(errors).toEqual([]);
  }, 900_000);
});
