// Benchmark page (served by Vite, driven by bench/proposeBrowser.ts): builds the propose-zones instance
// in the page and sends it through the real engine worker and client, as the planner does.
import { startEngine } from '../src/app/engineClient';
import { proposeInstanceFiles } from './proposeInstance';
import { proposeRequestOf, type BrowserProposeRun } from './proposeRequest';

async function run(unitCount: number, schoolCount: number): Promise<BrowserProposeRun> {
  const client = startEngine({});
  try {
    const files = proposeInstanceFiles(unitCount, schoolCount);
    const opened = await client.openDataset({ name: 'bench', ...files, settings: {} });
    if (!opened.ok) throw new Error(JSON.stringify(opened.problems.slice(0, 3)));
    const ds = opened.dataset;
    const request = proposeRequestOf(ds);
    const t = performance.now();
    const r = await client.proposeZones(request);
    return { requestMs: performance.now() - t, response: r, lattice: ds.units.geometry.kind === 'lattice', adjacency: ds.adjacency !== null };
  } finally {
    client.dispose();
  }
}

(window as unknown as { __benchPropose: typeof run }).__benchPropose = run;
