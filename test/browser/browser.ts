import { chromium, type Browser, type Page } from 'playwright-core';
import { build, createServer, preview } from 'vite';

export interface RunningApp { browser: Browser; url: string; close: () => Promise<void> }

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'];

async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
}

/** The app on a Vite dev server (fast to start; used for quick checks). */
export async function startDevApp(): Promise<RunningApp> {
  const server = await createServer({ configFile: 'vite.config.ts', server: { port: 0, host: '127.0.0.1' }, logLevel: 'error' });
  await server.listen();
  const address = server.httpServer!.address();
  const port = typeof address === 'object' && address ? address.port : 5173;
  const browser = await launch();
  return { browser, url: `http://127.0.0.1:${port}/`, close: async () => { await browser.close(); await server.close(); } };
}

let built: Promise<void> | null = null;

/** The built app (vite build, then vite preview on 127.0.0.1), as users get it. Built once per run. */
export async function startBuiltApp(): Promise<RunningApp> {
  built ??= build({ configFile: 'vite.config.ts', logLevel: 'error', build: { outDir: 'test-results/dist', emptyOutDir: true } }).then(() => undefined);
  await built;
  const server = await preview({ configFile: 'vite.config.ts', logLevel: 'error', preview: { port: 0, host: '127.0.0.1' }, build: { outDir: 'test-results/dist' } });
  const address = server.httpServer.address();
  const port = typeof address === 'object' && address ? address.port : 4173;
  const browser = await launch();
  return { browser, url: `http://127.0.0.1:${port}/`, close: async () => { await browser.close(); await new Promise<void>((r) => server.httpServer.close(() => r())); } };
}

/** Collects console errors and failed requests of a page: a clean app logs none. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  // a reload aborts requests in flight: that is the test navigating, not the app failing
  page.on('requestfailed', (r) => { if (!/ERR_ABORTED/.test(r.failure()?.errorText ?? '')) errors.push(`request failed: ${r.url()}`); });
  return errors;
}

/** Waits until the map has completed `n` updates in total (see src/app/metrics.ts). */
export async function waitForMaps(page: Page, n: number, timeout = 120_000): Promise<number> {
  await page.waitForFunction((k) => ((window as unknown as { __plannerMetrics?: { maps: number } }).__plannerMetrics?.maps ?? 0) >= k, n, { timeout });
  return page.evaluate(() => (window as unknown as { __plannerMetrics: { maps: number } }).__plannerMetrics.maps);
}

/** Pixel statistics of the map canvas: share of pixels that differ from the background, and distinct colours. */
export async function mapPixels(page: Page): Promise<{ painted: number; colours: number }> {
  return page.evaluate(() => {
    const map = (window as unknown as { __plannerMap: { getCanvas(): HTMLCanvasElement } }).__plannerMap;
    const src = map.getCanvas();
    const c = document.createElement('canvas');
    c.width = src.width; c.height = src.height;
    const ctx = c.getContext('2d')!;
    ctx.drawImage(src, 0, 0);
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    let painted = 0;
    const colours = new Set<number>();
    for (let i = 0; i < d.length; i += 16) {
      const r = d[i], g = d[i + 1], b = d[i + 2];
      if (Math.abs(r - 0xf3) + Math.abs(g - 0xf1) + Math.abs(b - 0xec) > 12) painted++;
      colours.add((r >> 3) << 10 | (g >> 3) << 5 | (b >> 3));
    }
    return { painted: painted / (d.length / 16), colours: colours.size };
  });
}

/** Waits until the store has saved and computed everything, and the map has drawn the result. */
export async function settle(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const w = window as unknown as { __planner: { getState(): { whenIdle(): Promise<void> } }; __plannerMap: { once(e: string, f: () => void): void; triggerRepaint(): void } };
    await w.__planner.getState().whenIdle();
    await new Promise<void>((r) => { w.__plannerMap.once('idle', () => r()); w.__plannerMap.triggerRepaint(); });
  });
}

/** A fresh browser context (its own IndexedDB) and page on the app, with downloads, and its error log. */
export async function openPage(app: RunningApp, width = 1280, height = 900): Promise<{ page: Page; errors: string[] }> {
  const context = await app.browser.newContext({ viewport: { width, height }, acceptDownloads: true });
  const page = await context.newPage();
  return { page, errors: watchErrors(page) };
}

/** Where a school of the open data set is on the screen (page coordinates), to click or paint near it. */
export async function schoolPoint(page: Page, id: string): Promise<{ x: number; y: number }> {
  const p = await page.evaluate((sid) => {
    const st = (window as unknown as { __planner: { getState(): { dataset: { schools: { ids: string[]; lon: Float64Array; lat: Float64Array } } } } }).__planner.getState();
    const map = (window as unknown as { __plannerMap: { project(p: [number, number]): { x: number; y: number } } }).__plannerMap;
    const i = st.dataset.schools.ids.indexOf(sid);
    return map.project([st.dataset.schools.lon[i], st.dataset.schools.lat[i]]);
  }, id);
  const box = (await page.getByTestId('map').boundingBox())!;
  return { x: box.x + p.x, y: box.y + p.y };
}
