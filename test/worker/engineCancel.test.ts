import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { startEngine, type EngineClient, type WorkerLike } from '../../src/app/engineClient';
import { addAction, derivePlan, derivePlanAsync, newPlan, schoolsCsv, type Plan } from '../../src/core/index';
import { createEngine, type EngineOptions } from '../../src/worker/engine';
import { serveEngine } from '../../src/worker/host';
import type { ComputePayload, DatasetPayload, EngineApi, ToWorker } from '../../src/worker/protocol';

const file = (p: string) => ({ name: p.split('/').pop()!, bytes: new Uint8Array(readFileSync(p)) });
const FILES = { schools: file('test/fixtures/cli/schools.csv'), population: file('test/fixtures/cli/population.csv') };

async function opened(engine: EngineApi): Promise<DatasetPayload> {
  const res = await engine.openDataset({ name: 'fixture', ...FILES });
  if (!res.ok) throw new Error(JSON.stringify(res.problems));
  return res.dataset;
}

function planFor(ds: DatasetPayload): Plan {
  const ref = { name: ds.name, schoolsFingerprint: ds.schoolsFingerprint, populationFingerprint: ds.populationFingerprint, units: ds.units.count, schools: ds.schools.ids.length };
  return addAction(newPlan('p', ref, ds.settings), { kind: 'close', school: ds.schools.ids[0] });
}

/** An engine that tells which of its computes (1, 2, ...) ran which stages. */
function countingEngine(extra: EngineOptions = {}) {
  const stages: string[][] = [];
  let n = -1;
  const engine = createEngine({ ...extra, onProgress: (s) => { stages[n].push(s); extra.onProgress?.(s); } });
  const compute: EngineApi['compute'] = (req, o) => { stages[++n] = []; return engine.compute(req, o); };
  return { engine: { ...engine, compute }, stages };
}

describe('derivePlanAsync: the same stages as derivePlan, stoppable between them', () => {
  it('gives the same answer as derivePlan', async () => {
    const engine = createEngine();
    const ds = await opened(engine);
    const plan = planFor(ds);
    const { loadInputs } = await import('../../src/cli/inputs');
    const inputs = await loadInputs({ schools: 'test/fixtures/cli/schools.csv', population: 'test/fixtures/cli/population.csv' }, () => {});
    const data = { schools: inputs.schools!.schools, units: inputs.units! };
    const seen: string[] = [], seenAsync: string[] = [];
    const sync = derivePlan(data, plan, { onProgress: (s) => seen.push(s) });
    const async_ = await derivePlanAsync(data, plan, { onProgress: (s) => seenAsync.push(s) });
    expect(schoolsCsv(async_.result, plan.settings)).toBe(schoolsCsv(sync.result, plan.settings));
    expect(JSON.stringify(async_.outcomes)).toBe(JSON.stringify(sync.outcomes));
    expect(seenAsync).toEqual(seen);
  });

  it('stops at the next stage once the signal is aborted, with its reason; derivePlan stops at the same place', async () => {
    const { loadInputs } = await import('../../src/cli/inputs');
    const inputs = await loadInputs({ schools: 'test/fixtures/cli/schools.csv', population: 'test/fixtures/cli/population.csv' }, () => {});
    const data = { schools: inputs.schools!.schools, units: inputs.units! };
    const ds = await opened(createEngine());
    const plan = planFor(ds);
    for (const run of [(o: Parameters<typeof derivePlan>[2]) => Promise.resolve().then(() => derivePlan(data, plan, o)), (o: Parameters<typeof derivePlan>[2]) => derivePlanAsync(data, plan, o)]) {
      const controller = new AbortController();
      const reason = new Error('not wanted any more');
      const stages: string[] = [];
      const done = run({ signal: controller.signal, onProgress: (s) => { stages.push(s); if (s === 'statistics') controller.abort(reason); } });
      await expect(done).rejects.toBe(reason);
      expect(stages).toEqual(['assigning primary', 'assigning junior', 'applying the layout changes', 'assigning primary', 'assigning junior', 'statistics']);
    }
  });
});

describe('the in-process engine: cancelled and superseded computes stop early', () => {
  it('two computes back to back, the first\'s signal aborted: the first stops with the abort reason before its first stage, the second completes', async () => {
    const { engine, stages } = countingEngine();
    const ds = await opened(engine);
    const plan = planFor(ds);
    const first = new AbortController();
    const reason = new Error('superseded by the user');
    const p1 = engine.compute({ token: ds.token, plan }, { signal: first.signal });
    first.abort(reason);
    const p2 = engine.compute({ token: ds.token, plan }, { signal: new AbortController().signal });
    await expect(p1).rejects.toBe(reason);
    const r2 = await p2;
    expect(stages[0]).toEqual([]);
    expect(stages[1]).toContain('checks and projections');
    expect(r2.reports.length).toBe(ds.schools.ids.length);
  });

  it('aborted while it runs, the first stops after the stage in progress', async () => {
    let abortAt: (() => void) | null = null;
    const { engine, stages } = countingEngine({ onProgress: (s) => { if (s === 'applying the layout changes') abortAt?.(); } });
    const ds = await opened(engine);
    const plan = planFor(ds);
    const first = new AbortController();
    abortAt = () => { abortAt = null; first.abort(new Error('stop')); };
    const p1 = engine.compute({ token: ds.token, plan }, { signal: first.signal });
    await expect(p1).rejects.toThrow('stop');
    const r2 = await engine.compute({ token: ds.token, plan });
    expect(stages[0]).toEqual(['assigning primary', 'assigning junior', 'applying the layout changes', 'assigning primary', 'assigning junior']);
    expect(stages[1]).toContain('checks and projections');
    expect(r2.assignments.length).toBe(2);
  });

  it('a newer compute supersedes an older one without any cancel: the older stops at its next stage', async () => {
    let started: () => void = () => {};
    const firstStage = new Promise<void>((r) => { started = r; });
    const { engine, stages } = countingEngine({ onProgress: () => started() });
    const ds = await opened(engine);
    const plan = planFor(ds);
    const p1 = engine.compute({ token: ds.token, plan });
    await firstStage; // the first is running (between stages, waiting for its next turn)
    const p2 = engine.compute({ token: ds.token, plan });
    await expect(p1).rejects.toMatchObject({ name: 'AbortError', message: 'superseded by a newer computation' });
    await p2;
    expect(stages[0].length).toBeLessThan(stages[1].length);
    expect(stages[0]).not.toContain('statistics');
  });
});

/** A "worker" over a MessageChannel: the real client on one end, the real host and engine on the other. */
function channelWorker(engine: EngineApi, onTerminate?: () => void): WorkerLike & { sent: ToWorker[] } {
  const { port1, port2 } = new MessageChannel();
  serveEngine({
    postMessage: (m, t) => port2.postMessage(m, t),
    addEventListener: (type, l) => port2.addEventListener(type, l as (e: Event) => void),
    close: () => port2.close(),
  }, engine, { test: true });
  port2.start();
  port1.start();
  const sent: ToWorker[] = [];
  return {
    sent,
    postMessage: (m, t) => { sent.push(m); port1.postMessage(m, t ?? []); },
    addEventListener: (type, l) => port1.addEventListener(type, l),
    terminate: () => { port1.close(); onTerminate?.(); },
  };
}

describe('the client and the worker host over a message channel', () => {
  let client: EngineClient | null = null;
  afterEach(() => { client?.dispose(); client = null; });

  it('transfers the per-unit arrays of an answer (the worker\'s copies are detached), and cancels through a message', async () => {
    const kept: ComputePayload[] = [];
    const { engine, stages } = countingEngine();
    const spy: EngineApi = { ...engine, compute: async (r, o) => { const p = await engine.compute(r, o); kept.push(p); return p; } };
    const workers: ReturnType<typeof channelWorker>[] = [];
    client = startEngine({ test: true, createWorker: () => { const w = channelWorker(spy); workers.push(w); return w; } });
    const ds = await opened(client);
    const r = await client.compute({ token: ds.token, plan: planFor(ds) });
    expect(r.assignments[0].schoolByUnit.length).toBe(ds.units.count);
    expect(kept[0].assignments[0].schoolByUnit.byteLength).toBe(0); // moved, not copied
    expect(kept[0].nearest[0].distanceByUnit.byteLength).toBe(0);

    const controller = new AbortController();
    const p = client.compute({ token: ds.token, plan: planFor(ds) }, { signal: controller.signal });
    await new Promise((resolve) => setImmediate(resolve));
    controller.abort(new Error('user moved on'));
    await expect(p).rejects.toThrow('user moved on');
    await client.compute({ token: ds.token, plan: planFor(ds) });
    expect(workers[0].sent.some((m) => m.kind === 'cancel')).toBe(true);
    expect(stages[1]).not.toContain('checks and projections');
  });

  it('rejects with a readable error on an exception and on an answer that cannot be sent, and keeps working', async () => {
    client = startEngine({ test: true, createWorker: () => channelWorker(createEngine()) });
    const ds = await opened(client);
    const plan = planFor(ds);
    client.forceFailure('exception');
    await expect(client.compute({ token: ds.token, plan })).rejects.toThrow('forced failure in the engine (test)');
    client.forceFailure('unserialisable');
    await expect(client.compute({ token: ds.token, plan })).rejects.toThrow(/the answer to compute could not be sent to the page \(DataCloneError/);
    client.forceFailure('exception');
    const open = await client.openDataset({ name: 'again', ...FILES });
    expect(open).toEqual({ ok: false, problems: [{ severity: 'error', file: 'again', message: 'the engine failed: forced failure in the engine (test)', code: 'engineFailed', params: { detail: 'forced failure in the engine (test)' } }] });
    expect((await client.compute({ token: ds.token, plan })).token).toBe(ds.token);
    expect(client.workersStarted).toBe(1);
  });

  it('a worker that dies without a word is found by its silence; the next request starts a new one and reopens the data set', async () => {
    let terminated = 0;
    client = startEngine({ test: true, silenceMs: 300, pingMs: 50, createWorker: () => channelWorker(createEngine(), () => terminated++) });
    const ds = await opened(client);
    const plan = planFor(ds);
    const before = await client.compute({ token: ds.token, plan });
    client.forceFailure('terminate');
    const t0 = performance.now();
    await expect(client.compute({ token: ds.token, plan })).rejects.toThrow(/the worker stopped answering \(nothing for \d+ s\); a new one starts with the next request/);
    expect(performance.now() - t0).toBeLessThan(3000);
    expect(terminated).toBe(1);
    const after = await client.compute({ token: ds.token, plan });
    expect(client.workersStarted).toBe(2);
    expect(after.token).toBe(ds.token);
    expect(schoolsCsv({ assignments: after.assignments, schools: after.reports, summary: after.summary }, plan.settings))
      .toBe(schoolsCsv({ assignments: before.assignments, schools: before.reports, summary: before.summary }, plan.settings));
  });
});
