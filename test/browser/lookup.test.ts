import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lookup, searchGazetteer, type PublishedPlan } from '../../src/core/index';
import { openPage, startBuiltApp, type RunningApp } from './browser';

let app: RunningApp;
const plan = JSON.parse(readFileSync('public/published/edinburgh.json', 'utf8')) as PublishedPlan;
beforeAll(async () => { app = await startBuiltApp(); }, 300_000);
afterAll(async () => { await app?.close(); });

describe('find my school on a phone', () => {
  it('looks up a place by name, shares the answer by URL, speaks Chinese, and offers no editing', async () => {
    const { page, errors } = await openPage(app, 360, 640);
    let jsBytes = 0;
    page.on('response', async (r) => { if (r.url().endsWith('.js') || r.url().endsWith('.mjs')) jsBytes += Number(r.headers()['content-length'] ?? (await r.body().catch(() => Buffer.alloc(0))).length); });
    const t0 = Date.now();
    await page.goto(`${app.url}lookup/?test`);
    await page.getByRole('combobox', { name: 'Address or place' }).fill('Leith Walk');
    const expected = lookup(plan, searchGazetteer(plan.gazetteer, 'Leith Walk')[0].lon, searchGazetteer(plan.gazetteer, 'Leith Walk')[0].lat);
    await page.locator('#suggestions button').first().click();
    const answer = page.getByTestId('answer-primary');
    await answer.waitFor();
    const firstAnswerMs = Date.now() - t0;
    expect(await answer.textContent()).toContain(expected[0].school!.name);
    // touch targets: every button at least 44 px high
    const small = await page.locator('button').evaluateAll((bs) => bs.filter((b) => (b as HTMLElement).getBoundingClientRect().height < 44 && (b as HTMLElement).offsetParent).length);
    expect(small).toBe(0);
    // read-only: no drawing tools, no file inputs, no editing forms
    await expect(page.locator('[role="toolbar"], input[type="file"], .edit-form').count()).resolves.toBe(0);
    await page.screenshot({ path: 'test-results/screenshots/l1-phone.png', fullPage: true });

    // the URL holds the answer: a new page on it gives the same school
    const url = page.url();
    expect(url).toMatch(/lat=.*lon=.*level=primary/);
    const { page: second } = await openPage(app, 360, 640);
    await second.goto(url);
    await expect(second.getByTestId('answer-primary').textContent()).resolves.toContain(expected[0].school!.name);

    // languages: a switch, and the browser's language by default
    await page.locator('header select').selectOption('zh-CN');
    await expect(page.locator('h1').textContent()).resolves.toBe('查找您的学校');
    await expect(page.getByTestId('answer-primary').textContent()).resolves.toContain('小学：');
    const { page: spanish } = await (async () => {
      const context = await app.browser.newContext({ viewport: { width: 360, height: 640 }, locale: 'es-ES' });
      return { page: await context.newPage() };
    })();
    await spanish.goto(`${app.url}lookup/`);
    await expect(spanish.locator('h1').textContent()).resolves.toBe('Encuentre su escuela');

    // a point outside every zone says so plainly
    await page.locator('header select').selectOption('en');
    await page.getByPlaceholder('Coordinates (latitude, longitude)').fill('55.5, -2.5');
    await page.getByRole('button', { name: 'Show' }).click();
    await expect(page.getByTestId('answer').textContent()).resolves.toContain('outside the area of the plan');
    console.log(`find my school: ${Math.round(jsBytes / 1024)} KB of JavaScript transferred; ${firstAnswerMs} ms from navigation to the first answer (typing and choosing included)`);
    expect(errors).toEqual([]);
  });
});
