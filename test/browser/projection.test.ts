import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage, settle, startBuiltApp, waitForMaps, type RunningApp } from './browser';

let app: RunningApp;
let page: Page;
let errors: string[];
const dir = mkdtempSync(join(tmpdir(), 'projection-'));

beforeAll(async () => {
  app = await startBuiltApp();
  ({ page, errors } = await openPage(app));
}, 300_000);
afterAll(async () => { await app?.close(); });

async function exportProjections(name: string): Promise<string> {
  await page.getByRole('tab', { name: 'District' }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export projections (CSV)' }).click()]);
  const path = join(dir, name);
  await download.saveAs(path);
  return readFileSync(path, 'utf8');
}

const rowsBySchool = (csv: string) => {
  const m = new Map<string, string>();
  for (const line of csv.trim().split('\n').slice(1)) { const id = line.split(',')[0]; m.set(id, (m.get(id) ?? '') + line + '\n'); }
  return m;
};

describe('projections in the app', () => {
  it('equal the CLI\'s projections.csv, and follow the plan when a school closes', async () => {
    await page.goto(`${app.url}?test`);
    await waitForMaps(page, 1);
    await settle(page);
    const before = await exportProjections('before.csv');
    const cli = spawnSync(join('node_modules', '.bin', 'tsx'), ['src/cli/main.ts', 'project', '--schools', 'geodata/edinburgh/schools.geojson', '--population', 'geodata/edinburgh/population.geojson', '--settings', 'geodata/edinburgh/settings.json', '--out', dir], { encoding: 'utf8' });
    expect(cli.status).toBe(0);
    expect(before).toBe(readFileSync(join(dir, 'projections.csv'), 'utf8'));

    // close Abbeyhill Primary in the school panel
    await page.getByRole('tab', { name: 'Schools' }).click();
    await page.getByLabel('Find a school').fill('Abbeyhill');
    await page.locator('.list tbody button').first().click();
    await expect(page.getByTestId('school-projection').isVisible()).resolves.toBe(true);
    await page.locator('.edit-form select[name="status"]').selectOption('closed');
    await page.getByRole('button', { name: 'Apply' }).click();
    await settle(page);
    const after = await exportProjections('after.csv');
    const b = rowsBySchool(before), a = rowsBySchool(after);
    expect(a.has('5520924')).toBe(false); // a closed school is not projected
    const changed = [...a.keys()].filter((id) => a.get(id) !== b.get(id));
    expect(changed.length).toBeGreaterThan(0); // its children now enter the neighbouring schools
    expect(errors).toEqual([]);
  });
});
