/**
 * Propose zones in the browser's engine worker (HiGHS WebAssembly in Chromium), against the same request
 * to the same engine in Node, in the same run. Run: npm run bench (skip with --no-browser) or
 * `npx tsx bench/proposeBrowser.ts`. Serves bench/proposeBrowser.html from 127.0.0.1 with Vite's dev
 * server; the page builds the instance of bench/proposeZones.ts and posts it to the worker.
 */
import { loadavg } from 'node:os';
import type { ProposeZonesResponse } from '../src/worker/protocol';
import { createEngine } from '../src/worker/engine';
import { startDevApp } from '../test/browser/browser';
import { proposeInstanceFiles } from './proposeInstance';
import { proposeRequestOf, type BrowserProposeRun } from './proposeRequest';

async function inNode(unitCount: number, schoolCount: number): Promise<{ requestMs: number; response: ProposeZonesResponse }> {
  const engine = createEngine();
  const opened = await engine.openDataset({ name: 'bench', ...proposeInstanceFiles(unitCount, schoolCount), settings: {} });
  if (!opened.ok) throw new Error(JSON.stringify(opened.problems.slice(0, 3)));
  const request = proposeRequestOf(opened.dataset);
  const t = performance.now();
  const response = await engine.proposeZones(request);
  return { requestMs: performance.now() - t, response };
}

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export async function benchProposeBrowser(unitCount = 10_000, schoolCount = 50): Promise<void> {
  // Node before and after the browser, so that a change in the machine's load does not favour one side
  const before = await inNode(unitCount, schoolCount);
  const app = await startDevApp();
  let browser: BrowserProposeRun;
  try {
    const page = await app.browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await page.goto(`${app.url}bench/proposeBrowser.html`);
    await page.waitForFunction(() => '__benchPropose' in window, null, { timeout: 120_000 });
    browser = await page.evaluate(([n, m]) => (window as unknown as { __benchPropose(n: number, m: number): Promise<BrowserProposeRun> }).__benchPropose(n, m), [unitCount, schoolCount] as const);
    if (errors.length) console.log(`  page errors: ${errors.join('; ')}`);
  } finally {
    await app.close();
  }
  const after = await inNode(unitCount, schoolCount);
  const w = browser.response, n = [before.response, after.response];
  const nodeMs = (before.requestMs + after.requestMs) / 2;
  console.log(`propose zones in Chromium's engine worker, ${unitCount.toLocaleString('en-GB')} units x ${schoolCount} schools, contiguity${browser.adjacency && browser.lattice ? '' : ' (NOT: no grid adjacency)'}; three alternatives in one request; load average ${loadavg()[0].toFixed(1)} on this machine:`);
  console.log(`  request to answer: worker ${s(browser.requestMs)} (${s(w.millis)} inside the worker); Node ${s(before.requestMs)} before, ${s(after.requestMs)} after -> worker ${(browser.requestMs / nodeMs).toFixed(2)}x Node`);
  for (const [i, a] of w.alternatives.entries()) {
    const [b0, b1] = n.map((r) => r.alternatives[i]);
    const nodeS = (b0.seconds + b1.seconds) / 2;
    console.log(`  ${a.weights.id} (band ${a.weights.band.map((x) => x.toFixed(2)).join('-')}): worker ${a.seconds.toFixed(1)} s, Node ${b0.seconds.toFixed(1)} / ${b1.seconds.toFixed(1)} s -> ${(a.seconds / nodeS).toFixed(2)}x; worker: gap ${(a.gap * 100).toFixed(3)}% (travel ${(a.travelGap * 100).toFixed(3)}%), ${a.outsideBand.length} schools outside their band; Node: gap ${(b0.gap * 100).toFixed(3)}%, ${b0.outsideBand.length} outside`);
  }
}

if (process.argv[1]?.endsWith('proposeBrowser.ts')) await benchProposeBrowser();
