// Benchmark page (served by Vite, driven by bench/proposeBrowser.ts): builds the propose-zones instance
// in the page and sends it through the real engine worker and client, as the planner does.
import { startEngine } from '../src/app/engineClient';
import { newPlan } from '../src/core/index';
import { proposeInstanceFiles } from './proposeInstance';
import { proposeRequestOf, type BrowserProposeRun } from './proposeRequest';

async function run(unitCount: number, schoolCount: number): Promise<BrowserProposeRun> {
  const client = startEngine({});
  try {
    const files = proposeInstanceFiles(unitCount, schoolCount);
    const opened = await client.openDataset({ name: 'bench', ...files, settings: {} });
    if (!opened.ok) throw new Error(JSON.stringify(opened.problems.slice(0, 3)));
    const ds = opened.dataset;
    const plan = newPlan('base', { name: ds.name, schoolsFingerprint: ds.schoolsFingerprint, populationFingerprint: ds.populationFingerprint, units: ds.units.count, schools: ds.schools.ids.length }, ds.settings);
    const t = performance.now();
    const r = await client.proposeZones(proposeRequestOf(ds.token, plan));
    return { requestMs: performance.now() - t, response: r, lattice: ds.units.geometry.kind === 'lattice', adjacency: ds.adjacency !== null };
  } finally {
    client.dispose();
  }
}

(window as unknown as { __benchPropose: typeof run }).__benchPropose = run;
