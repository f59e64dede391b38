import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, watchErrors } from './browser';

let app: Awaited<ReturnType<typeof startApp>>;
beforeAll(async () => { app = await startApp(); });
afterAll(async () => { await app?.close(); });

describe('the app in Chromium', () => {
  it('computes the default district in the engine worker and shows its summary', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors = watchErrors(page);
    await page.goto(app.url);
    await page.waitForSelector('main[data-ready="true"]', { timeout: 90_000 });
    expect(await page.getByTestId('school-count').textContent()).toBe('128');
    await expect(page.getByText('Children, primary').isVisible()).resolves.toBe(true);
    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/app-summary.png' });
    expect(errors).toEqual([]);
    await page.close();
  });
});
