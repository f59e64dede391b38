// The search box of the planner and of the public page, against a mock address service on 127.0.0.1.
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lookup, type PublishedPlan } from '../../src/core/index';
import { startBuiltApp, waitForMaps, watchErrors, type RunningApp } from './browser';

const SHOTS = 'test-results/search';
/** Where the mock service puts "10 Downing Street": a point in Edinburgh's Old Town (not a real address there). */
const DOWNING = { lon: -3.18837, lat: 55.95335 };
const HTML_NAME = '<img src=x onerror="document.title=\'owned\'">Canongate';

interface Mock { origin: string; queries: string[]; close: () => Promise<void> }

/** A Nominatim-like service: jsonv2 for "10 Downing Street" (and a hostile second item), [] otherwise; logs every query. */
async function mockGeocoder(): Promise<Mock> {
  const queries: string[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const q = url.searchParams.get('q') ?? '';
    queries.push(q);
    const body = /downing/i.test(q) ? [
      { place_id: 1, licence: 'Data © OpenStreetMap contributors, ODbL 1.0. http://osm.org/copyright', lat: String(DOWNING.lat), lon: String(DOWNING.lon), category: 'place', type: 'house', addresstype: 'building', name: '', display_name: '10, Downing Street, Old Town, Edinburgh, EH1 1YZ' },
      { place_id: 2, lat: '55.9520', lon: '-3.1800', display_name: HTML_NAME, addresstype: 'road' },
      { place_id: 3, lat: 'NaN', lon: '-3.18', display_name: 'no coordinates' },
    ] : [];
    res.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
    res.end(JSON.stringify(body));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, queries, close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }) };
}

/** A port on 127.0.0.1 that refuses connections (a server opened and closed again). */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

let app: RunningApp;
let mock: Mock;
beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  [app, mock] = await Promise.all([startBuiltApp(), mockGeocoder()]);
}, 300_000);
afterAll(async () => { await app?.close(); await mock?.close(); });

const template = (origin: string) => `${origin}/search?format=jsonv2&q={query}&viewbox={viewbox}&bounded=1&limit={limit}&accept-language={lang}`;

async function mapCentre(page: Page): Promise<{ lng: number; lat: number }> {
  return page.evaluate(() => (window as unknown as { __plannerMap: { getCenter(): { lng: number; lat: number } } }).__plannerMap.getCenter());
}

/** Waits until the planner's map has come to rest within about 30 m of a point. */
async function mapSettlesAt(page: Page, lon: number, lat: number): Promise<void> {
  await page.waitForFunction(([x, y]) => {
    const m = (window as unknown as { __plannerMap: { getCenter(): { lng: number; lat: number }; isMoving(): boolean } }).__plannerMap;
    const c = m.getCenter();
    return !m.isMoving() && Math.abs(c.lng - x) < 5e-4 && Math.abs(c.lat - y) < 3e-4;
  }, [lon, lat], { timeout: 15_000 }).catch(async (e) => {
    const at = await page.evaluate(() => { const m = (window as unknown as { __plannerMap: { getCenter(): unknown; isMoving(): boolean; getZoom(): number } }).__plannerMap; return { c: m.getCenter(), moving: m.isMoving(), z: m.getZoom() }; });
    throw new Error(`the map did not settle at ${lon}, ${lat}: ${JSON.stringify(at)}`, { cause: e });
  });
}

/**
 * Types `text` fast into `box` and returns how many pauses between keystrokes were long enough (300 ms,
 * the debounce) for a request: a loaded machine may stall the page between keys, so the test allows one
 * request per such pause and no other.
 */
async function typeFast(page: Page, box: ReturnType<Page['locator']>, text: string): Promise<number> {
  await box.evaluate((el) => {
    const w = window as unknown as { __keys: number[] };
    w.__keys = [];
    el.addEventListener('input', () => w.__keys.push(performance.now()));
  });
  await box.pressSequentially(text);
  const times = await page.evaluate(() => (window as unknown as { __keys: number[] }).__keys);
  return times.slice(1).filter((t, i) => t - times[i] >= 300).length;
}

async function setGeocoder(page: Page, url: string): Promise<void> {
  await page.getByRole('tab', { name: /^Data$/ }).click();
  await page.getByTestId('geocoder-url').fill(url);
}

describe('finding places in the planner (1280 x 800)', () => {
  it('finds a school (its panel opens, the map flies there) and an address through the address service', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors = watchErrors(page);
    await page.goto(`${app.url}?test&lang=en`);
    await waitForMaps(page, 1);
    await setGeocoder(page, template(mock.origin));
    expect(await page.getByTestId('geocoder-status').textContent()).toContain(mock.origin);

    const box = page.getByRole('combobox', { name: 'Search schools, places and addresses' });
    await box.click();
    await box.pressSequentially('Abbeyhill', { delay: 20 });
    const school = page.getByRole('option', { name: /^Abbeyhill Primary School/ });
    await school.waitFor();
    expect(await box.getAttribute('aria-expanded')).toBe('true');
    await box.press('ArrowDown');
    expect(await box.getAttribute('aria-activedescendant')).toBe(await page.getByRole('option').first().getAttribute('id'));
    await box.press('Enter');
    await page.locator('#school-title').waitFor();
    expect(await page.locator('#school-title').textContent()).toBe('Abbeyhill Primary School');
    const s = await page.evaluate(() => {
      const ds = (window as unknown as { __planner: { getState(): { dataset: { schools: { ids: string[]; lon: Float64Array; lat: Float64Array } } } } }).__planner.getState().dataset.schools;
      const i = ds.ids.indexOf('5520924');
      return { lon: ds.lon[i], lat: ds.lat[i] };
    });
    await mapSettlesAt(page, s.lon, s.lat);
    await page.screenshot({ path: `${SHOTS}/1-planner-school.png` });

    // an address: typed fast, the service is asked once (or twice) after the pause, never per keystroke
    mock.queries.length = 0;
    await box.fill('');
    const pauses = await typeFast(page, box, '10 Downing Street');
    const address = page.getByRole('option', { name: /^10, Downing Street, Old Town/ });
    await address.waitFor();
    expect(mock.queries.length).toBeGreaterThanOrEqual(1);
    expect(mock.queries.length).toBeLessThanOrEqual(1 + pauses);
    console.log(`planner: ${mock.queries.length} request(s) for 17 keystrokes with ${pauses} pause(s) of 300 ms or more`);
    expect(mock.queries.at(-1)).toBe('10 Downing Street');
    // the service's text is shown as text: the markup in a name is not run or rendered
    expect(await page.getByRole('option', { name: /Canongate/ }).textContent()).toContain('<img src=x');
    expect(await page.locator('.place-search-popup img').count()).toBe(0);
    expect(await page.getByRole('option', { name: /no coordinates/ }).count()).toBe(0);
    expect(await page.getByTestId('geocoder-attribution').textContent()).toBe('Addresses: Data © OpenStreetMap contributors, ODbL 1.0. http://osm.org/copyright');
    await page.screenshot({ path: `${SHOTS}/2-planner-address-list.png` });
    await box.press('Enter');
    await mapSettlesAt(page, DOWNING.lon, DOWNING.lat);
    const c = await mapCentre(page);
    expect(Math.abs(c.lng - DOWNING.lon)).toBeLessThan(5e-4);
    await page.getByTestId('place-marker').waitFor();
    // the area at that point: its children and school, as on hover
    await page.locator('.hover-info').waitFor();
    expect(await page.locator('.hover-info').textContent()).toMatch(/children/);
    expect(await page.title()).not.toBe('owned');
    await page.screenshot({ path: `${SHOTS}/3-planner-address.png` });
    // Escape closes the list, a second Escape clears the box and the marker
    await box.press('Escape');
    await box.press('Escape');
    expect(await box.inputValue()).toBe('');
    expect(await page.getByTestId('place-marker').count()).toBe(0);
    // the setting is kept across a reload
    await page.reload();
    await waitForMaps(page, 1);
    await page.getByRole('tab', { name: /^Data$/ }).click();
    expect(await page.getByTestId('geocoder-url').inputValue()).toBe(template(mock.origin));
    expect(errors).toEqual([]);
    await page.close();
  }, 240_000);

  it('says quietly that address search is unavailable when the service cannot be reached; the data places still work', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors = watchErrors(page);
    await page.goto(`${app.url}?test&lang=en`);
    await waitForMaps(page, 1);
    await setGeocoder(page, template(`http://127.0.0.1:${await closedPort()}`));
    const box = page.getByRole('combobox', { name: 'Search schools, places and addresses' });
    await box.click();
    await box.pressSequentially('Leith', { delay: 20 });
    await page.getByTestId('address-unavailable').waitFor();
    expect(await page.getByTestId('address-unavailable').textContent()).toBe('Address search unavailable');
    const names = await page.getByRole('option').allTextContents();
    expect(names.some((n) => n.startsWith('Leith Academy'))).toBe(true);
    await page.screenshot({ path: `${SHOTS}/4-planner-unavailable.png` });
    await page.getByRole('option', { name: /^Leith Academy/ }).click();
    await page.locator('#school-title').waitFor();
    expect(await page.locator('#school-title').textContent()).toBe('Leith Academy');
    // the only errors are the browser's own notes of the refused connection
    expect(errors.filter((e) => !/ERR_CONNECTION_REFUSED|Failed to load resource|request failed: http:\/\/127\.0\.0\.1:\d+\/search/.test(e))).toEqual([]);
    await page.close();
  }, 240_000);
});

describe('finding an address on the public page', () => {
  const published = JSON.parse(readFileSync('public/published/edinburgh.json', 'utf8')) as PublishedPlan;

  async function lookupPage(config: unknown): Promise<{ page: Page; errors: string[] }> {
    const plan = { ...published, geocoder: { url: `${mock.origin}/search?format=jsonv2&q={query}&limit={limit}`, attribution: 'Mock council addresses' } };
    const context = await app.browser.newContext({ viewport: { width: 360, height: 640 } });
    await context.route(`${app.url}test-plans/council.json`, (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(plan) }));
    await context.route(`${app.url}lookup-config.json`, (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(config) }));
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${app.url}lookup/?plan=/test-plans/council.json&lang=en&test`);
    await page.locator('#q').waitFor();
    return { page, errors };
  }

  it('gives the school assigned to an address found by the council\'s address service', async () => {
    const { page, errors } = await lookupPage({ allowedPlanOrigins: [], allowedGeocoderOrigins: [mock.origin] });
    mock.queries.length = 0;
    const pauses = await typeFast(page, page.locator('#q'), '10 Downing Street');
    const option = page.locator('#suggestions button[data-provider="geocoder"]').first();
    await option.waitFor();
    expect(mock.queries.length).toBeGreaterThanOrEqual(1);
    expect(mock.queries.length).toBeLessThanOrEqual(1 + pauses);
    expect(mock.queries.at(-1)).toBe('10 Downing Street');
    expect(await page.getByTestId('geocoder-attribution').textContent()).toBe('Addresses: Mock council addresses');
    await page.screenshot({ path: `${SHOTS}/5-lookup-list.png` });
    await option.click();
    const expected = lookup(published, DOWNING.lon, DOWNING.lat).find((a) => a.level === 'primary')!.school!;
    await page.getByTestId('answer-primary').waitFor();
    expect(await page.getByTestId('answer-primary').locator('.name').textContent()).toBe(`Primary: ${expected.name}`);
    await page.screenshot({ path: `${SHOTS}/6-lookup-answer.png` });
    expect(errors).toEqual([]);
    await page.context().close();
  }, 180_000);

  it('never asks a service whose origin the deployment does not list; the plan\'s places still work', async () => {
    const { page, errors } = await lookupPage({ allowedPlanOrigins: [] });
    mock.queries.length = 0;
    await page.locator('#q').pressSequentially('Leith Walk', { delay: 25 });
    await page.locator('#suggestions').waitFor();
    await page.waitForTimeout(800); // past the pause: a request would have been made by now
    expect(mock.queries).toEqual([]);
    expect(await page.locator('#suggestions button[data-provider="data"]').count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 180_000);
});
