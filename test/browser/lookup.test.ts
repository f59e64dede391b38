import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lookup, searchGazetteer, type PublishedPlan } from '../../src/core/index';
import { t } from '../../src/lookup/messages';
import { FORGED, forgedPlan, longNamesPlan, smallPlan } from '../fixtures/lookup/plans';
import { openPage, startBuiltApp, watchErrors, type RunningApp } from './browser';

let app: RunningApp;
const plan = JSON.parse(readFileSync('public/published/edinburgh.json', 'utf8')) as PublishedPlan;
beforeAll(async () => { app = await startBuiltApp(); }, 300_000);
afterAll(async () => { await app?.close(); });

/**
 * A page in a fresh context whose own origin also serves `plans` under /test-plans/ (as a deployment
 * would host them next to the page), and whose lookup-config.json is `config` when given.
 */
async function pageWith(plans: Record<string, unknown>, options: BrowserContextOptions & { config?: unknown } = {}): Promise<{ page: Page; errors: string[] }> {
  const { config, ...contextOptions } = options;
  const context = await app.browser.newContext({ viewport: { width: 360, height: 640 }, ...contextOptions });
  await context.route(`${app.url}test-plans/**`, (route) => {
    const name = new URL(route.request().url()).pathname.replace('/test-plans/', '');
    return name in plans ? route.fulfill({ status: 200, contentType: 'application/json', body: typeof plans[name] === 'string' ? plans[name] as string : JSON.stringify(plans[name]) }) : route.fulfill({ status: 404, body: 'not found' });
  });
  if (config !== undefined) await context.route(`${app.url}lookup-config.json`, (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(config) }));
  const page = await context.newPage();
  return { page, errors: watchErrors(page) };
}

/** Another site on 127.0.0.1 that lets any origin read its files (Access-Control-Allow-Origin: *), logging requests. */
async function otherSite(files: Record<string, unknown>, redirects: Record<string, string> = {}): Promise<{ origin: string; requests: string[]; close: () => Promise<void> }> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const name = (req.url ?? '').slice(1);
    if (name in redirects) { res.writeHead(302, { location: redirects[name], 'access-control-allow-origin': '*' }); res.end(); return; }
    if (!(name in files)) { res.writeHead(404, { 'access-control-allow-origin': '*' }); res.end(); return; }
    res.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
    res.end(JSON.stringify(files[name]));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, requests, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** Clicks the map at a point of the plan. */
async function tapMap(page: Page, lon: number, lat: number): Promise<void> {
  await page.waitForFunction(() => (window as unknown as { __lookupMap?: { loaded(): boolean } }).__lookupMap?.loaded());
  const px = await page.evaluate(([x, y]) => (window as unknown as { __lookupMap: { project(p: [number, number]): { x: number; y: number } } }).__lookupMap.project([x, y]), [lon, lat] as [number, number]);
  await page.getByTestId('lookup-map').scrollIntoViewIfNeeded();
  const box = (await page.getByTestId('lookup-map').boundingBox())!;
  await page.mouse.click(box.x + px.x, box.y + px.y);
}

/** The answer's heading once the page has settled on it (the answer is computed after a tap or a location fix). */
async function answerIs(p: Page, text: string): Promise<void> {
  await p.waitForFunction((t) => document.querySelector('#answer')?.textContent === t, text, { timeout: 15_000 }).catch(() => undefined);
  expect(await p.locator('#answer').textContent()).toBe(text);
}

const pageWidth = (page: Page) => page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, body: document.body.scrollWidth, viewport: window.innerWidth }));

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

  it('lists the suggestions of each new search: two searches in a row give the second place’s school', async () => {
    // "Porto" names no place exactly: searching it lists choices; then typing Morningside must list Morningside
    const first = searchGazetteer(plan.gazetteer, 'Porto', 8), second = searchGazetteer(plan.gazetteer, 'Morningside', 6)[0];
    expect(first.length).toBeGreaterThan(1);
    expect(first.some((f) => f.name.toLowerCase() === 'porto')).toBe(false);
    const expected = lookup(plan, second.lon, second.lat)[0].school!.name;
    expect(lookup(plan, first[0].lon, first[0].lat)[0].school!.name).not.toBe(expected);
    const { page, errors } = await openPage(app, 360, 640);
    await page.goto(`${app.url}lookup/?lang=en`);
    const box = page.getByRole('combobox', { name: 'Address or place' });
    await box.fill('Porto');
    await box.press('Enter');
    await expect(page.getByRole('status').textContent()).resolves.toBe(t('en', 'several', { count: first.length }));
    await expect(page.locator('#suggestions li').count()).resolves.toBe(first.length);
    await box.fill('Morningside');
    await expect(page.locator('#suggestions button').first().textContent()).resolves.toContain(second.name);
    await expect(page.locator('#suggestions').textContent()).resolves.not.toContain('Porto');
    await expect(page.getByRole('status').count()).resolves.toBe(0); // the old "choose one" is gone
    await page.locator('#suggestions button').first().click();
    await expect(page.getByTestId('answer-primary').textContent()).resolves.toContain(expected);
    await expect(page.locator('#answer').textContent()).resolves.toContain(second.name);
    expect(errors).toEqual([]);
  });

  it('shares a link that keeps the plan and reopens the answer on screen, after a tap, the device location and a search', async () => {
    const small = smallPlan();
    const { page, errors } = await pageWith({ 'small.json': small }, { permissions: ['geolocation'], geolocation: { latitude: 50.015, longitude: 10.015 } });
    await page.goto(`${app.url}lookup/?plan=${encodeURIComponent('/test-plans/small.json')}&lang=en&test`);
    const share = async () => new URL((await page.getByTestId('share').getAttribute('href'))!, page.url());

    // the first answer, a tap on Birch Primary's zone: the link holds its point
    await tapMap(page, 10.03, 50.005);
    await expect(page.getByTestId('answer-primary').textContent()).resolves.toContain('Birch Primary School');
    await expect(page.locator('#answer').textContent()).resolves.toMatch(/— 50\.\d{5}, 10\.\d{5}$/);
    let link = await share();
    expect(Number(link.searchParams.get('lon'))).toBeCloseTo(10.03, 3);
    expect(Number(link.searchParams.get('lat'))).toBeCloseTo(50.005, 3);
    expect(link.searchParams.get('plan')).toBe('/test-plans/small.json');

    // then the device's location, in Alder Primary's zone: the link follows
    await page.getByRole('button', { name: 'Use my location' }).click();
    await answerIs(page, `${t('en', 'answerHeading')} — 50.01500, 10.01500`);
    await expect(page.getByTestId('answer-primary').textContent()).resolves.toContain('Alder Primary School');
    link = await share();
    expect([link.searchParams.get('lat'), link.searchParams.get('lon'), link.searchParams.get('plan')]).toEqual(['50.01500', '10.01500', '/test-plans/small.json']);

    // then a search: the link holds the place's name too
    await page.getByRole('combobox', { name: 'Address or place' }).fill('Alder');
    await page.locator('#suggestions button', { hasText: 'Alder Street' }).first().click();
    await answerIs(page, `${t('en', 'answerHeading')} — Alder Street`);
    await expect(page.getByTestId('answer-primary').textContent()).resolves.toContain('Alder Primary School');
    link = await share();
    expect(Object.fromEntries(link.searchParams)).toEqual({ plan: '/test-plans/small.json', lat: '50.01000', lon: '10.01000', place: 'Alder Street', level: 'primary', lang: 'en' });
    expect(link.href).toBe(page.url()); // the address bar and the link agree
    await page.screenshot({ path: 'test-results/screenshots/l2-shared-answer.png', fullPage: true });

    // the link, opened elsewhere, shows the same answer from the same plan (not the default Edinburgh plan)
    const other = await page.context().newPage();
    await other.goto(link.href);
    await expect(other.getByTestId('answer-primary').textContent()).resolves.toContain('Alder Primary School');
    await answerIs(other, `${t('en', 'answerHeading')} — Alder Street`);
    await expect(other.locator('footer').textContent()).resolves.toContain('Riverside zones 2027');
    await other.close();

    // words in the link never become the answer's heading: only the plan's place names or the coordinates do
    await page.goto(`${app.url}lookup/?plan=${encodeURIComponent('/test-plans/small.json')}&lat=50.01&lon=10.01&place=${encodeURIComponent('Your school has closed, call 0900')}&level=primary&lang=en`);
    await answerIs(page, `${t('en', 'answerHeading')} — 50.01000, 10.01000`);
    await expect(page.locator('body').innerText()).resolves.not.toContain('Your school has closed');
    await page.screenshot({ path: 'test-results/screenshots/l3-place-from-link.png', fullPage: true });
    expect(errors).toEqual([]);
  });

  it('wraps long names and notes at phone width', async () => {
    const long = longNamesPlan();
    const { page, errors } = await pageWith({ 'long.json': long }, { viewport: { width: 375, height: 667 } });
    await page.goto(`${app.url}lookup/?plan=${encodeURIComponent('/test-plans/long.json')}&lang=en`);
    await page.locator('.note').waitFor();
    expect(await page.locator('.note').textContent()).toContain(long.note);
    let w = await pageWidth(page);
    expect(w.scroll).toBeLessThanOrEqual(w.viewport);
    // a long place name in the suggestions, then a long school name and address in the answer
    await page.getByRole('combobox', { name: 'Address or place' }).fill('AlderStreetAlder');
    await page.locator('#suggestions button').first().waitFor();
    w = await pageWidth(page);
    expect(w.scroll).toBeLessThanOrEqual(w.viewport);
    await page.locator('#suggestions button').first().click();
    await expect(page.getByTestId('answer-primary').textContent()).resolves.toContain(long.schools[0].name);
    w = await pageWidth(page);
    expect(w.scroll).toBeLessThanOrEqual(w.viewport);
    expect(w.body).toBeLessThanOrEqual(w.viewport);
    await page.screenshot({ path: 'test-results/screenshots/l4-long-names-375.png' });
    await page.locator('.note').screenshot({ path: 'test-results/screenshots/l4-long-note-375.png' });
    expect(errors).toEqual([]);
  });

  it('shows nothing from a plan at another origin, a data: URL, a protocol-relative URL or a damaged file', async () => {
    const forged = forgedPlan();
    const partner = { ...smallPlan(), title: 'Partner council plan' };
    const third = await otherSite({ 'forged.json': forged });
    const site = await otherSite({ 'forged.json': forged, 'partner.json': partner }, { 'hop.json': `${third.origin}/forged.json` });
    const port = new URL(site.origin).port;
    const broken = forgedPlan() as unknown as { zones: Record<string, { features: { properties: { school: number } }[] }> };
    broken.zones.primary.features[0].properties.school = 99;
    try {
      const cases: { name: string; plan: string; expect: 'planRefused' | 'planInvalid'; lang?: 'en' | 'es' | 'zh-CN'; config?: unknown }[] = [
        { name: 'data', plan: `data:application/json,${encodeURIComponent(JSON.stringify(forged))}`, expect: 'planRefused' },
        { name: 'other-origin', plan: `${site.origin}/forged.json`, expect: 'planRefused' },
        { name: 'protocol-relative', plan: `//127.0.0.1:${port}/forged.json`, expect: 'planRefused', lang: 'es' },
        { name: 'backslash', plan: `/\\127.0.0.1:${port}/forged.json`, expect: 'planRefused', lang: 'zh-CN' },
        // an allowed origin that redirects elsewhere
        { name: 'redirect', plan: `${site.origin}/hop.json`, expect: 'planRefused', config: { allowedPlanOrigins: [site.origin] } },
        { name: 'malformed', plan: '/test-plans/broken.json', expect: 'planInvalid' },
      ];
      for (const c of cases) {
        const lang = c.lang ?? 'en';
        const { page, errors } = await pageWith({ 'broken.json': broken }, { config: c.config });
        await page.goto(`${app.url}lookup/?plan=${encodeURIComponent(c.plan)}&lang=${lang}&lat=50.01&lon=10.01`);
        const alert = page.getByRole('alert');
        await alert.waitFor();
        expect(await alert.textContent(), c.name).toBe(t(lang, c.expect));
        const body = await page.locator('body').innerText();
        for (const w of Object.values(FORGED)) expect(body, c.name).not.toContain(w.split(' ')[0]);
        for (const w of [port, 'data:', 'forged', 'broken.json', '127.0.0.1']) expect(body, c.name).not.toContain(w);
        await expect(page.getByTestId('answer').count()).resolves.toBe(0);
        await expect(page.getByTestId('lookup-map').count()).resolves.toBe(0);
        if (c.expect === 'planInvalid') {
          await page.locator('details summary').click();
          await expect(page.locator('details li').first().textContent()).resolves.toBe(t(lang, 'problem_school', { path: 'zones[levels[0].id].features[0].properties.school' }));
        }
        await page.screenshot({ path: `test-results/screenshots/l5-refused-${c.name}.png` });
        expect(errors, c.name).toEqual([]);
        await page.context().close();
      }
      // nothing was ever fetched from the other origins unless the deployment allowed it
      expect(site.requests).toEqual(['/hop.json']);
      expect(third.requests).toEqual(['/forged.json']); // followed by the browser, then refused by the page

      // an origin the deployment lists in lookup-config.json is read
      const { page, errors } = await pageWith({}, { config: { allowedPlanOrigins: [`${site.origin}/`] } });
      await page.goto(`${app.url}lookup/?plan=${encodeURIComponent(`${site.origin}/partner.json`)}&lang=en`);
      await expect(page.locator('footer').textContent()).resolves.toContain('Partner council plan');
      expect(errors).toEqual([]);
    } finally {
      await site.close();
      await third.close();
    }
  });
});
