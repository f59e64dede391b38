import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage, settle, startDevApp, waitForMaps, type RunningApp } from './browser';

// The printed report as a board gets it: Chromium prints the page to PDF, pdf.js reads the PDF back
const SHOTS = 'test-results/screenshots';
let app: RunningApp;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  app = await startDevApp();
}, 300_000);
afterAll(async () => { await app?.close(); });

interface PdfPage { text: string; images: number; png: string }

describe('the printed report in Chromium', () => {
  it('prints title, plan, data set, author and attribution, a before and an after map framed on the change, and the outcome tables', async () => {
    const { page, errors } = await openPage(app, 1280, 800);
    await page.goto(`${app.url}?test&lang=en`, { timeout: 240_000, waitUntil: 'domcontentloaded' });
    await waitForMaps(page, 1);
    await settle(page);
    // a layout change as a planner makes it: close Abbeyhill Primary, its children to Royal Mile Primary
    await page.getByRole('tab', { name: 'Schools' }).click();
    await page.getByLabel('Find a school').fill('Abbeyhill');
    await page.locator('.list tbody button').first().click();
    await page.getByRole('tab', { name: 'Layout' }).click();
    await page.getByLabel('Receiving school').selectOption({ label: 'Royal Mile Primary School' });
    await page.getByRole('button', { name: 'Close', exact: true }).click();
    await settle(page);
    const view = await page.evaluate(() => { const m = (window as unknown as { __plannerMap: { getCenter(): { lng: number; lat: number }; getZoom(): number } }).__plannerMap; return { c: m.getCenter(), z: m.getZoom() }; });

    await page.getByLabel('Author').fill('A. Planner, Schools Estate');
    await page.evaluate(() => { (window as unknown as { __prints: number }).__prints = 0; window.print = () => { (window as unknown as { __prints: number }).__prints++; }; });
    await page.getByRole('button', { name: 'Print the report' }).click();
    await page.waitForFunction(() => (window as unknown as { __prints: number }).__prints === 1, undefined, { timeout: 120_000 });
    // the pictures are framed on the change, and the planner's own view comes back as it was
    const framed = await page.evaluate(() => {
      const s = (window as unknown as { __planner: { getState(): { print: { pictures: { framedOnChanges: boolean; before: { png: string; legend: { name: string; closed: boolean }[] }; after: { png: string; legend: { name: string; closed: boolean }[] } } } } } }).__planner.getState();
      const p = s.print.pictures;
      return { on: p.framedOnChanges, differ: p.before.png !== p.after.png, before: p.before.legend, after: p.after.legend };
    });
    expect(framed.on).toBe(true);
    expect(framed.differ).toBe(true);
    expect(framed.after).toContainEqual(expect.objectContaining({ name: 'Abbeyhill Primary School', closed: true }));
    expect(framed.before.map((l) => l.name)).toContain('Royal Mile Primary School');
    const back = await page.evaluate(() => { const m = (window as unknown as { __plannerMap: { getCenter(): { lng: number; lat: number }; getZoom(): number } }).__plannerMap; return { c: m.getCenter(), z: m.getZoom() }; });
    expect(back.z).toBeCloseTo(view.z, 6);
    expect(back.c.lng).toBeCloseTo(view.c.lng, 6);

    // tables and figures are kept whole across pages
    await page.emulateMedia({ media: 'print' });
    const breaks = await page.evaluate(() => [...document.querySelectorAll('.print-report table, .print-report figure')].map((e) => getComputedStyle(e).breakInside));
    expect(breaks.length).toBeGreaterThan(3);
    expect(new Set(breaks)).toEqual(new Set(['avoid']));
    // page.pdf prints with the print style sheet, as the browser's print to PDF does
    await page.emulateMedia({ media: null });
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    writeFileSync('test-results/report.pdf', pdf);

    // pdf.js in a page of the dev server: the text and the images of each page, page 1 drawn to a PNG
    const reader = await page.context().newPage();
    await reader.route('**/__pdf.html', (r) => r.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><meta charset="utf-8"><script type="module">
        import * as pdfjs from '/node_modules/pdfjs-dist/build/pdf.mjs';
        pdfjs.GlobalWorkerOptions.workerSrc = '/node_modules/pdfjs-dist/build/pdf.worker.mjs';
        window.pdfjs = pdfjs;
      </script>`,
    }));
    await reader.goto(`${app.url}__pdf.html`);
    await reader.waitForFunction(() => 'pdfjs' in window, undefined, { timeout: 120_000 });
    const pages = await reader.evaluate(async (b64) => {
      const pdfjs = (window as unknown as { pdfjs: typeof import('pdfjs-dist') }).pdfjs;
      const data = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const doc = await pdfjs.getDocument({ data }).promise;
      const out: PdfPage[] = [];
      for (let n = 1; n <= doc.numPages; n++) {
        const p = await doc.getPage(n);
        const text = (await p.getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join(' ');
        const ops = await p.getOperatorList();
        const images = ops.fnArray.filter((f) => f === pdfjs.OPS.paintImageXObject || f === pdfjs.OPS.paintInlineImageXObject).length;
        let png = '';
        if (n <= 3) {
          const viewport = p.getViewport({ scale: 1.4 });
          const canvas = document.createElement('canvas');
          canvas.width = viewport.width; canvas.height = viewport.height;
          await p.render({ canvas, canvasContext: canvas.getContext('2d')!, viewport }).promise;
          png = canvas.toDataURL('image/png');
        }
        out.push({ text, images, png });
      }
      return out;
    }, pdf.toString('base64'));
    pages.forEach((p, i) => { if (p.png) writeFileSync(`${SHOTS}/report-page-${i + 1}.png`, Buffer.from(p.png.split(',')[1], 'base64')); });
    const all = pages.map((p) => p.text).join('\n').replace(/\s+/g, ' ');
    console.log(`report: ${pages.length} pages, map images per page ${pages.map((p) => p.images).join(', ')}`);
    expect(pages[0].text.replace(/\s+/g, ' ')).toContain('School layout and zoning report');
    for (const s of ['Edinburgh (urban)', 'A. Planner, Schools Estate', 'Before the plan', 'After the plan', 'Close Abbeyhill Primary School',
      'Outcomes against the nearest-school baseline', 'Receiving schools', 'Open Government Licence']) expect(all).toContain(s);
    // the planner's own panels are not printed
    expect(all).not.toContain('Merger suggestions');
    expect(pages.reduce((n, p) => n + p.images, 0)).toBe(2);
    await reader.close();

    // the author is remembered for the next report
    await page.reload();
    await waitForMaps(page, 1);
    await page.getByRole('tab', { name: 'Layout' }).click();
    await expect(page.getByLabel('Author').inputValue()).resolves.toBe('A. Planner, Schools Estate');
    expect(errors).toEqual([]);
  }, 400_000);
});
