import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settle, startBuiltApp, waitForMaps, watchErrors, type RunningApp, schoolPoint } from './browser';

/*
 * Two tabs of one browser (one context: the same IndexedDB and BroadcastChannel) on the built app:
 * what one paints, the other shows.
 */

const ABBEYHILL = '5520924';
let app: RunningApp;
let context: BrowserContext;

beforeAll(async () => {
  app = await startBuiltApp();
  context = await app.browser.newContext({ viewport: { width: 1280, height: 800 } });
}, 300_000);
afterAll(async () => { await app?.close(); });

async function open(): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${app.url}?test`);
  await waitForMaps(page, 1);
  await settle(page);
  return { page, errors };
}

async function selectAbbeyhill(page: Page) {
  await page.getByRole('tab', { name: 'Schools' }).click();
  await page.getByLabel('Find a school').fill('Abbeyhill');
  await page.locator('.list tbody button').first().click();
}

const children = async (page: Page) => (await page.getByTestId('stat-children-primary').textContent())!;


async function stroke(page: Page, dx: number, dy: number, ox: number, oy: number) {
  const from = await schoolPoint(page, ABBEYHILL);
  await page.mouse.move(from.x + ox, from.y + oy);
  await page.mouse.down();
  for (let k = 1; k <= 12; k++) await page.mouse.move(from.x + ox + (dx * k) / 12, from.y + oy + (dy * k) / 12);
  await page.mouse.up();
}

describe('two tabs on one plan in Chromium (built app)', () => {
  it('paints in one tab; the other, idle on the same plan, shows the newer version and its numbers', async () => {
    const one = await open();
    await selectAbbeyhill(one.page);
    await one.page.keyboard.press('b');
    await stroke(one.page, 60, 30, 25, 25);
    await settle(one.page);
    await expect(one.page.locator('.draw-tools .plan-name').textContent()).resolves.toBe('Plan 1');

    // the second tab opens on the plan the first one shows
    const two = await open();
    await expect(two.page.locator('.draw-tools .plan-name').textContent()).resolves.toBe('Plan 1');
    await selectAbbeyhill(two.page);
    const before = await children(two.page);
    expect(before).toBe(await children(one.page));

    await one.page.bringToFront();
    await stroke(one.page, -50, 40, -25, 25);
    await settle(one.page);
    const after = await children(one.page);
    expect(after).not.toBe(before);

    await two.page.bringToFront();
    const notice = two.page.getByText('Plan 1 was changed in another tab; showing the newer version.');
    await notice.waitFor();
    await settle(two.page);
    await expect(children(two.page)).resolves.toBe(after);
    await expect(two.page.getByTestId('plan-conflict').count()).resolves.toBe(0);
    expect(one.errors).toEqual([]);
    expect(two.errors).toEqual([]);
  }, 300_000);
});
