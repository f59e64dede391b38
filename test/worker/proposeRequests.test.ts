import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { startEngine, type EngineClient, type WorkerLike } from '../../src/app/engineClient';
import { newPlan, type Plan } from '../../src/core/index';
import { createEngine } from '../../src/worker/engine';
import { serveEngine } from '../../src/worker/host';
import type { DatasetPayload, EngineApi } from '../../src/worker/protocol';

const file = (p: string) => ({ name: p.split('/').pop()!, bytes: new Uint8Array(readFileSync(p)) });
const DIR = 'geodata/trafford';
const SETTINGS = JSON.parse(readFileSync(`${DIR}/settings.json`, 'utf8'));

function channelWorker(engine: EngineApi): WorkerLike {
  const { port1, port2 } = new MessageChannel();
  serveEngine({ postMessage: (m, t) => port2.postMessage(m, t), addEventListener: (type, l) => port2.addEventListener(type, l as (e: Event) => void), close: () => port2.close() }, engine);
  port2.start(); port1.start();
  return { postMessage: (m, t) => port1.postMessage(m, t ?? []), addEventListener: (type, l) => port1.addEventListener(type, l), terminate: () => port1.close() };
}

function baseline(ds: DatasetPayload): Plan {
  return newPlan('Nearest', { name: ds.name, schoolsFingerprint: ds.schoolsFingerprint, populationFingerprint: ds.populationFingerprint, units: ds.units.count, schools: ds.schools.ids.length }, ds.settings);
}

describe('the optimisers through the worker protocol (Trafford, real capacities)', () => {
  let client: EngineClient | null = null;
  afterEach(() => { client?.dispose(); client = null; });

  async function open(): Promise<DatasetPayload> {
    client = startEngine({ createWorker: () => channelWorker(createEngine()) });
    const res = await client.openDataset({ name: 'Trafford', schools: file(`${DIR}/schools.geojson`), population: file(`${DIR}/population.geojson`), settings: SETTINGS });
    if (!res.ok) throw new Error(JSON.stringify(res.problems.slice(0, 3)));
    return res.dataset;
  }

  it('proposes three primary alternatives with progress, each a plan with its bound and gap; fewer schools over capacity than today', async () => {
    const ds = await open();
    const stages: string[] = [];
    const r = await client!.proposeZones({ token: ds.token, plan: baseline(ds), level: 'primary', band: [0.85, 1], k: 6, maxDistanceM: null, movedWeightM: 1000 }, { onProgress: (s) => stages.push(s) });
    expect(r.alternatives.map((a) => a.weights.id)).toEqual(['travel', 'moves', 'balance']);
    expect(stages).toContain('loading the solver');
    expect(stages.some((s) => s.startsWith('3/3 balance'))).toBe(true);
    for (const a of r.alternatives) {
      expect(a.lowerBound).toBeGreaterThan(0);
      expect(a.objective).toBeGreaterThanOrEqual(a.lowerBound * (1 - 1e-9));
      expect(a.gap).toBeCloseTo((a.objective - a.lowerBound) / a.lowerBound, 9);
      expect(Object.keys(a.plan.levels.primary.overrides).length).toBeGreaterThan(0);
      expect(a.figures.schoolsOverCapacity).toBeLessThan(r.before.schoolsOverCapacity);
    }
    // a price on moves moves fewer children than travel alone
    expect(r.alternatives[1].childrenMoved).toBeLessThan(r.alternatives[0].childrenMoved);
    console.log(`Trafford primary: before ${r.before.schoolsOverCapacity} over capacity, mean ${Math.round(r.before.meanDistanceM)} m, p90 ${Math.round(r.before.p90DistanceM)} m; ` + r.alternatives.map((a) => `${a.weights.id}: ${a.figures.schoolsOverCapacity} over, ${Math.round(a.childrenMoved)} moved, mean ${Math.round(a.figures.meanDistanceM)} m, p90 ${Math.round(a.figures.p90DistanceM)} m, gap ${(a.gap * 100).toFixed(2)}% (travel ${(a.travelGap * 100).toFixed(2)}%), ${a.outsideBand.length} cannot fit`).join('; '));
  }, 120_000);

  it('a cancelled proposal rejects as cancelled, and the engine answers the next request', async () => {
    const ds = await open();
    const controller = new AbortController();
    const p = client!.proposeZones({ token: ds.token, plan: baseline(ds), level: 'primary', band: [0.85, 1], k: 6, maxDistanceM: null, movedWeightM: 1000 }, { signal: controller.signal, onProgress: (s) => { if (s.startsWith('1/3')) controller.abort(); } });
    await expect(p).rejects.toMatchObject({ name: 'AbortError' });
    const c = await client!.suggestClosures({ token: ds.token, plan: baseline(ds), level: 'primary', count: 2, closableBelow: null });
    expect(c.close).toHaveLength(2);
    for (const s of c.close) { expect(s.receiver).not.toBeNull(); expect(s.receiver).not.toBe(s.id); }
    expect(c.gap).toBeGreaterThanOrEqual(0);
  }, 120_000);

  it('scores sites: the best first, on a grid or on given points', async () => {
    const ds = await open();
    const grid = await client!.scoreSites({ token: ds.token, plan: baseline(ds), level: 'primary', capacity: 420, sites: null, best: 5 });
    expect(grid).toHaveLength(5);
    for (let i = 1; i < grid.length; i++) expect(grid[i - 1].score).toBeGreaterThanOrEqual(grid[i].score);
    expect(grid[0].children).toBeGreaterThan(0);
    expect(grid[0].children).toBeLessThanOrEqual(420);
    // a point far outside the district takes nobody
    const far = await client!.scoreSites({ token: ds.token, plan: baseline(ds), level: 'primary', capacity: 420, sites: [{ lon: grid[0].lon, lat: grid[0].lat }, { lon: 0, lat: 0 }], best: 5 });
    expect(far[1]).toMatchObject({ children: 0, travelCutM: 0, overloadCut: 0, score: 0 });
    expect(far[0].score).toBeCloseTo(grid[0].score, 6);
  }, 60_000);
});
