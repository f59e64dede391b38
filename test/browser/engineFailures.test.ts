import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ForcedFailure } from '../../src/worker/protocol';
import { rasterTiff, TAG } from '../fixtures/hostile/tiff';
import { openPage, startBuiltApp, waitForMaps, type RunningApp } from './browser';

const SHOTS = 'test-results/screenshots';
let app: RunningApp;
let page: Page;
let errors: string[];
const report: string[] = [];

beforeAll(async () => {
  app = await startBuiltApp();
  ({ page, errors } = await openPage(app));
  // test mode (forced failures) and a 10 s watchdog (not 30), so that a silent worker is found sooner;
  // Edinburgh's first zone outlines take 2-4 s here without a turn of the worker's event loop
  await page.goto(`${app.url}?test&engineSilenceMs=10000`);
  await waitForMaps(page, 1);
}, 300_000);
afterAll(async () => {
  console.log(['engine failures and hostile files:', ...report].join('\n  '));
  await app?.close();
});

interface Seen { fingerprint: string; activePlanId: string | null; resultsKept: boolean; status: string; engineError: string | null; schools: number; workers: number }

/** What is on screen, from the store; `resultsKept`: the results are the very object marked by keep(). */
const seen = (): Promise<Seen> => page.evaluate(() => {
  const w = window as unknown as { __planner: { getState(): Record<string, unknown> }; __kept: unknown; __plannerEngine: { workersStarted: number } };
  const s = w.__planner.getState() as { dataset: { fingerprint: string; schools: { ids: string[] } }; activePlanId: string | null; results: unknown; status: string; engineError: string | null };
  return { fingerprint: s.dataset.fingerprint, activePlanId: s.activePlanId, resultsKept: s.results === w.__kept, status: s.status, engineError: s.engineError, schools: s.dataset.schools.ids.length, workers: w.__plannerEngine.workersStarted };
});
const keep = () => page.evaluate(() => { const w = window as unknown as { __planner: { getState(): { results: unknown } }; __kept: unknown }; w.__kept = w.__planner.getState().results; });
const maps = () => page.evaluate(() => (window as unknown as { __plannerMetrics: { maps: number } }).__plannerMetrics.maps);

async function changeClassSize(value: number) {
  await page.getByRole('tab', { name: 'Standards' }).click();
  const input = page.getByLabel('Primary: Standard class size');
  await input.fill(String(value));
  await input.press('Enter');
}

/** The tabs switch and the Load button can be pressed. */
async function controlsUsable() {
  for (const name of ['Data', 'Schools', 'District']) {
    await page.getByRole('tab', { name }).click();
    expect(await page.getByRole('tab', { name }).getAttribute('aria-selected')).toBe('true');
  }
  await page.getByRole('tab', { name: 'Data' }).click();
  expect(await page.getByRole('button', { name: 'Load these files' }).isEnabled()).toBe(true);
  await page.getByRole('tab', { name: 'District' }).click();
}

describe('the engine never leaves the app stuck (built app, forced failures)', () => {
  let classSize = 30;
  const cases: [ForcedFailure, RegExp][] = [
    ['exception', /The engine failed: forced failure in the engine \(test\)\. The previous results are kept\./],
    ['unserialisable', /The engine failed: the answer to compute could not be sent to the page \(DataCloneError: .*could not be cloned.*\)\. The previous results are kept\./],
    ['terminate', /The engine stopped: the worker stopped answering \(nothing for \d+ s\); a new one starts with the next request\. The previous results are kept; your plan is unchanged\./],
    ['uncaught', /The engine stopped: the worker crashed \(.*forced uncaught error in the engine \(test\)\); a new one starts with the next request\. The previous results are kept; your plan is unchanged\./],
  ];

  for (const [failure, message] of cases) {
    it(`${failure}: a message, the previous data and plan stay on screen, the controls work, and the next change computes`, async () => {
      const before = await seen();
      await keep();
      await page.getByRole('tab', { name: 'District' }).click();
      const summary = await page.getByTestId('summary-schools').textContent();
      await page.evaluate((f) => (window as unknown as { __plannerEngine: { forceFailure(f: string): void } }).__plannerEngine.forceFailure(f), failure);
      const t0 = Date.now();
      await changeClassSize(++classSize);
      const alert = page.getByTestId('engine-error');
      await page.waitForFunction((src) => new RegExp(src).test(document.querySelector('[data-testid="engine-error"]')?.textContent ?? ''), message.source, { timeout: 30_000 });
      const waited = Date.now() - t0;
      expect(await alert.textContent()).toMatch(message);
      const after = await seen();
      expect(after).toMatchObject({ fingerprint: before.fingerprint, activePlanId: before.activePlanId, resultsKept: true, status: 'ready', schools: before.schools });
      await page.getByRole('tab', { name: 'District' }).click();
      expect(await page.getByTestId('summary-schools').textContent()).toBe(summary);
      await page.screenshot({ path: `${SHOTS}/engine-${failure}.png` });
      await controlsUsable();

      // the next change computes again (a dead worker is replaced and the data set reopened in it)
      const m = await maps();
      await changeClassSize(++classSize);
      await waitForMaps(page, m + 1);
      const recovered = await seen();
      expect(recovered).toMatchObject({ fingerprint: before.fingerprint, resultsKept: false, status: 'ready' });
      expect(recovered.workers).toBe(before.workers + (failure === 'terminate' || failure === 'uncaught' ? 1 : 0));
      report.push(`${failure}: message after ${waited} ms; workers started ${recovered.workers}`);
    }, 120_000);
  }

  it('no errors on the page other than the forced ones', () => {
    expect(errors.filter((e) => !/forced|\(test\)/.test(e))).toEqual([]);
  });
});

describe('hostile files: the worker refuses them while the page stays responsive', () => {
  it('a 10,000-column CSV, a GeoTIFF claiming 100,000 x 100,000 cells and 200,000 levels of nested GeoJSON: no main-thread gap over 200 ms', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hostile-'));
    const cols = 10_000;
    const lines = [['lon', 'lat', ...Array.from({ length: cols - 2 }, (_, i) => `c${i}`)].join(',')];
    for (let r = 0; r < 300; r++) lines.push([(-3.2 + r * 1e-4).toFixed(4), '55.95', ...Array.from({ length: cols - 2 }, (_, i) => (i + r) % 10)].join(','));
    writeFileSync(join(dir, 'wide.csv'), lines.join('\n'));
    writeFileSync(join(dir, 'huge-claim.tif'), rasterTiff({ width: 1, height: 1, override: [
      { tag: TAG.ImageWidth, type: 4, values: [100_000] }, { tag: TAG.ImageLength, type: 4, values: [100_000] }, { tag: TAG.RowsPerStrip, type: 4, values: [100_000] },
    ] }));
    const depth = 200_000;
    writeFileSync(join(dir, 'deep.geojson'), `{"type":"FeatureCollection","features":${'['.repeat(depth)}${']'.repeat(depth)}}`);
    const files: [string, RegExp][] = [
      ['wide.csv', /wide\.csv:1: .*10,000 columns/],
      ['huge-claim.tif', /huge-claim\.tif: ImageWidth: declares 100,000 cells/],
      ['deep.geojson', /deep\.geojson: .*nests arrays\/objects more than 512 levels deep/],
    ];

    await page.getByRole('tab', { name: 'District' }).click();
    const summary = await page.getByTestId('summary-schools').textContent();
    const before = await seen();
    await keep();
    // the heartbeat: a timer every 10 ms and every animation frame; the longest wait between two beats
    await page.evaluate(() => {
      const hb = { interval: 0, frame: 0, lastInterval: performance.now(), lastFrame: performance.now(), beats: 0, on: true, worstAt: 0, marks: [] as [string, number][] };
      (window as unknown as { __hb: typeof hb }).__hb = hb;
      const timer = setInterval(() => {
        const t = performance.now();
        if (t - hb.lastInterval > hb.interval) { hb.interval = t - hb.lastInterval; hb.worstAt = t; }
        hb.lastInterval = t; hb.beats++;
        if (!hb.on) clearInterval(timer);
      }, 10);
      const frame = () => {
        const t = performance.now();
        hb.frame = Math.max(hb.frame, t - hb.lastFrame); hb.lastFrame = t;
        if (hb.on) requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    });
    const t0 = Date.now();
    const mark = (what: string) => page.evaluate((w) => { const h = (window as unknown as { __hb: { marks: [string, number][] } }).__hb; h.marks.push([w, performance.now()]); }, what);
    for (const [name, problem] of files) {
      await mark(`${name}: choose`);
      await page.getByRole('tab', { name: 'Data' }).click();
      await page.getByTestId('file-schools').setInputFiles('public/samples/schools.csv');
      await page.getByTestId('file-population').setInputFiles(join(dir, name));
      await mark(`${name}: load`);
      await page.getByRole('button', { name: 'Load these files' }).click();
      await page.waitForFunction((src) => new RegExp(src).test(document.querySelector('[data-testid="import-problems"]')?.textContent ?? ''), problem.source, { timeout: 60_000 });
      expect(await page.getByTestId('import-problems').textContent()).toContain('The current data is unchanged');
      expect(await page.getByRole('button', { name: 'Load these files' }).isEnabled()).toBe(true);
    }
    const elapsed = Date.now() - t0;
    const hb = await page.evaluate(() => { const h = (window as unknown as { __hb: { interval: number; frame: number; beats: number; on: boolean; worstAt: number; marks: [string, number][] } }).__hb; h.on = false; return h; });
    // the step during which the longest gap ended (diagnostics for the report)
    const during = hb.marks.filter(([, t]) => t <= hb.worstAt).pop()?.[0] ?? 'before the first file';
    await page.screenshot({ path: `${SHOTS}/engine-hostile-files.png` });
    report.push(`hostile files (10,000-column CSV ${Math.round(lines.join('\n').length / 1e6)} MB, 100,000 x 100,000 GeoTIFF claim, ${depth.toLocaleString('en')}-level GeoJSON) refused in ${elapsed} ms: longest main-thread gap ${Math.round(hb.interval)} ms between 10 ms timer beats (${hb.beats} beats; during "${during}"), ${Math.round(hb.frame)} ms between animation frames`);
    expect(hb.beats).toBeGreaterThan(10);
    expect(hb.interval).toBeLessThan(200);
    expect(hb.frame).toBeLessThan(200);
    // the previous data stays
    const after = await seen();
    expect(after).toMatchObject({ fingerprint: before.fingerprint, resultsKept: true, status: 'ready', schools: before.schools });
    await page.getByRole('tab', { name: 'District' }).click();
    expect(await page.getByTestId('summary-schools').textContent()).toBe(summary);
  }, 180_000);
});
