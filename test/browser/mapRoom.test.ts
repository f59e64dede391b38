import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage, settle, startDevApp, waitForMaps, type RunningApp, schoolPoint } from './browser';

// Room for the map: panels that give way, readouts that keep off the pointer, tools that do not move the map
const SHOTS = 'test-results/screenshots';
const ABBEYHILL = '5520924';
let app: RunningApp;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  app = await startDevApp();
}, 300_000);
afterAll(async () => { await app?.close(); });

type Box = { x: number; y: number; width: number; height: number };


const inside = (p: { x: number; y: number }, b: Box | null) => !!b && p.x >= b.x && p.x <= b.x + b.width && p.y >= b.y && p.y <= b.y + b.height;

/** Paints a stroke and, at every step with the button down, checks the readouts are not under the pointer. */
async function strokeKeepingClear(page: Page, from: { x: number; y: number }, dx: number, dy: number, steps = 10): Promise<number> {
  let checked = 0;
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  for (let k = 1; k <= steps; k++) {
    const p = { x: from.x + (dx * k) / steps, y: from.y + (dy * k) / steps };
    await page.mouse.move(p.x, p.y);
    for (const id of ['.hover-info', '.change-list']) {
      const el = page.locator(id);
      if (await el.count()) { expect(inside(p, await el.boundingBox()), `${id} under the pointer at step ${k}`).toBe(false); checked++; }
    }
  }
  await page.mouse.up();
  return checked;
}

async function openSchool(page: Page) {
  await page.getByRole('tab', { name: 'Schools' }).click();
  await page.getByLabel('Find a school').fill('Abbeyhill');
  await page.locator('.list tbody button').first().click();
  await page.getByTestId('school-stats').waitFor();
  await settle(page);
}

describe('room for the map in Chromium', () => {
  it('at 1280 x 800 the map keeps 60% of the width with a school open; arming the brush does not move it; readouts keep off the brush', async () => {
    const { page, errors } = await openPage(app, 1280, 800);
    await page.goto(`${app.url}?test&lang=en`, { timeout: 240_000, waitUntil: 'domcontentloaded' });
    await waitForMaps(page, 1);
    await openSchool(page);
    const map = (await page.getByTestId('map').boundingBox())!;
    console.log(`map width with a school open at 1280 x 800: ${Math.round(map.width)} px (${Math.round((map.width / 1280) * 100)}%)`);
    expect(map.width / 1280).toBeGreaterThanOrEqual(0.6);
    // the school panel and the tabs are both there
    await expect(page.getByRole('tab', { name: 'Layout' }).isVisible()).resolves.toBe(true);
    await expect(page.getByTestId('school-stats').isVisible()).resolves.toBe(true);
    await page.screenshot({ path: `${SHOTS}/room-1280-school.png` });

    // arming the brush (the tool bar then names the school it paints with) leaves the map where it was
    const canvas = page.locator('.map canvas');
    const before = await canvas.boundingBox();
    await page.keyboard.press('b');
    await settle(page);
    expect(await canvas.boundingBox()).toEqual(before);
    await page.keyboard.press('v');
    await page.keyboard.press('b');
    expect(await canvas.boundingBox()).toEqual(before);

    // painting: at every step the hover box and the stroke table are somewhere else than the brush
    const school = await schoolPoint(page, ABBEYHILL);
    let checked = await strokeKeepingClear(page, { x: school.x + 25, y: school.y + 25 }, 60, 30);
    await expect(page.locator('.change-list').count()).resolves.toBe(1);
    const corner = await page.getByTestId('readouts').getAttribute('data-corner');
    // the other way, across the school: the readouts change corner
    checked += await strokeKeepingClear(page, { x: school.x + 30, y: school.y + 30 }, -70, -70);
    expect(await page.getByTestId('readouts').getAttribute('data-corner')).not.toBe(corner);
    expect(checked).toBeGreaterThan(10);
    await page.screenshot({ path: `${SHOTS}/room-1280-painting.png` });

    // the side panels fold away by keyboard, and the map takes the width
    const toggle = page.locator('.panels-toggle');
    await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('true');
    await toggle.focus();
    await page.keyboard.press('Enter');
    await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('false');
    const wide = (await page.getByTestId('map').boundingBox())!;
    expect(wide.width / 1280).toBeGreaterThan(0.95);
    await toggle.click();
    await expect(page.getByRole('tab', { name: 'Layout' }).isVisible()).resolves.toBe(true);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 300_000);

  it('at 360 x 640 the panels are a drawer, the map has the whole width and the readouts keep off the brush', async () => {
    const { page, errors } = await openPage(app, 360, 640);
    await page.goto(`${app.url}?test&lang=en`, { timeout: 240_000, waitUntil: 'domcontentloaded' });
    await waitForMaps(page, 1);
    let map = (await page.getByTestId('map').boundingBox())!;
    expect(map.width).toBeGreaterThanOrEqual(350);
    await expect(page.locator('.panels-toggle').getAttribute('aria-expanded')).resolves.toBe('false');
    await page.locator('.panels-toggle').click();
    await openSchool(page);
    await page.screenshot({ path: `${SHOTS}/room-360-drawer.png` });
    await page.locator('.panels-toggle').click();
    map = (await page.getByTestId('map').boundingBox())!;
    expect(map.width).toBeGreaterThanOrEqual(350);
    await page.keyboard.press('b');
    await settle(page);
    const school = await schoolPoint(page, ABBEYHILL);
    const checked = await strokeKeepingClear(page, { x: Math.min(school.x + 10, map.x + map.width - 40), y: school.y + 10 }, -20, 30, 6);
    expect(checked).toBeGreaterThan(3);
    await page.screenshot({ path: `${SHOTS}/room-360-painting.png` });
    expect(errors).toEqual([]);
    await page.context().close();
  }, 300_000);
});
