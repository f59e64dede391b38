import { describe, expect, it } from 'vitest';
import { createPlannerStore } from '../../src/store/plannerStore';
import { createEngine } from '../../src/worker/engine';
import type { ComputePayload, ComputeRequest } from '../../src/worker/protocol';
import { memoryStorage, settled, textSource } from './storeHelpers';

const schools = 'id,name,level,lon,lat,capacity,g1\nA,West,primary,0,0,100,10\nB,East,primary,0.1,0,100,10\nC,Middle,primary,0.05,0.02,100,10\n';
const population = 'id,lon,lat,primary\n' + Array.from({ length: 12 }, (_, k) => `u${k},${(0.005 + k * 0.008).toFixed(3)},0,${10 + k}`).join('\n') + '\n';

interface Call { capacity: number | null | undefined; signal: AbortSignal | undefined; abortedBeforeFinish: boolean; settled: 'resolved' | 'rejected' | null; error?: unknown }

/** The real engine behind a gate: while `hold` is set, each new computation waits for it before starting. */
function gatedEngine() {
  const real = createEngine();
  const calls: Call[] = [];
  const gate = { hold: null as Promise<void> | null };
  const compute = (request: ComputeRequest, options?: { signal?: AbortSignal }): Promise<ComputePayload> => {
    const call: Call = { capacity: request.plan.schoolEdits.A?.capacity, signal: options?.signal, abortedBeforeFinish: false, settled: null };
    calls.push(call);
    options?.signal?.addEventListener('abort', () => { if (!call.settled) call.abortedBeforeFinish = true; });
    return (gate.hold ?? Promise.resolve()).then(() => real.compute(request, options)).then(
      (payload) => { call.settled = 'resolved'; return payload; },
      (e) => { call.settled = 'rejected'; call.error = e; throw e; },
    );
  };
  return { engine: { ...real, compute }, calls, gate };
}

const heldUntilReleased = () => {
  let release = () => {};
  const hold = new Promise<void>((resolve) => { release = resolve; });
  return { hold, release };
};

/** Lets every task already queued run (no timer, no clock). */
const drainTasks = async () => { for (let i = 0; i < 20; i++) await new Promise<void>((r) => setImmediate(r)); };

describe('the engine scheduler: latest wins, no polling', () => {
  it('aborts the running recompute when a newer one is asked for, and applies only the newer answer', async () => {
    const { engine, calls } = gatedEngine();
    const store = createPlannerStore(engine, [textSource('t', schools, population)], memoryStorage());
    await store.getState().actionOpenSource('t');
    await store.getState().actionNewPlan('P');
    await settled(store);
    const applied: number[] = [];
    store.subscribe((s) => s.results, (r) => { if (r) applied.push(r.reports.find((x) => x.id === 'A')!.capacity); });
    calls.length = 0;

    // two recomputes back to back: the engine has started the first when the second is asked for
    store.getState().actionEditSchool('A', { capacity: 50 });
    store.getState().actionEditSchool('A', { capacity: 60 });
    expect(calls.map((c) => c.capacity)).toEqual([50, 60]);
    expect(calls[0].signal!.aborted).toBe(true);
    expect(calls[0].abortedBeforeFinish).toBe(true);
    expect(calls[1].signal!.aborted).toBe(false);

    await settled(store);
    // the engine stopped the first one's work (it rejects with the abort reason, no answer) and finished the second
    expect(calls[0].settled).toBe('rejected');
    expect((calls[0].error as Error).name).toBe('AbortError');
    expect(calls[1].settled).toBe('resolved');
    expect(applied).toEqual([60]);
    const s = store.getState();
    expect(s.results!.reports.find((r) => r.id === 'A')!.capacity).toBe(60);
    // a superseded computation is not a failure: no message, and the plan is not set aside
    expect(s.status).toBe('ready');
    expect(s.engineError).toBeNull();
    expect(s.badPlans).toEqual([]);
    expect(s.plans.map((p) => p.name)).toEqual(['P']);
  });

  it('an answer that arrives after a newer request is dropped even when the engine did not stop it', async () => {
    const real = createEngine();
    const answers: { resolve: (p: ComputePayload) => void; request: ComputeRequest }[] = [];
    let passThrough = true;
    // an engine that ignores the signal: the store must still apply only the newest answer
    const compute = (request: ComputeRequest) => (passThrough ? real.compute(request) : new Promise<ComputePayload>((resolve) => { answers.push({ resolve, request }); }));
    const store = createPlannerStore({ ...real, compute }, [textSource('t', schools, population)], memoryStorage());
    await store.getState().actionOpenSource('t');
    passThrough = false;
    store.getState().actionEditSchool('A', { capacity: 50 });
    store.getState().actionEditSchool('A', { capacity: 60 });
    expect(answers).toHaveLength(2);
    // the newer answer lands first, then the older one
    answers[1].resolve(await real.compute(answers[1].request));
    answers[0].resolve(await real.compute(answers[0].request));
    await settled(store);
    expect(store.getState().results!.reports.find((r) => r.id === 'A')!.capacity).toBe(60);
    expect(store.getState().status).toBe('ready');
  });

  it('asks again when the engine stops the newest computation on its own, without calling it a failure', async () => {
    const real = createEngine();
    let stopNext = false;
    const compute = (request: ComputeRequest, options?: { signal?: AbortSignal }) => {
      if (!stopNext) return real.compute(request, options);
      stopNext = false;
      return Promise.reject(Object.assign(new Error('stopped by the engine'), { name: 'AbortError' }));
    };
    const store = createPlannerStore({ ...real, compute }, [textSource('t', schools, population)], memoryStorage());
    await store.getState().actionOpenSource('t');
    stopNext = true;
    store.getState().actionEditSchool('C', { capacity: 80 });
    await settled(store);
    expect(store.getState().results!.reports.find((r) => r.id === 'C')!.capacity).toBe(80);
    expect(store.getState().status).toBe('ready');
    expect(store.getState().engineError).toBeNull();
  });

  it('whenIdle resolves when the running computation and the queued saves have finished, not before', async () => {
    const { engine, gate } = gatedEngine();
    const storage = memoryStorage();
    const store = createPlannerStore(engine, [textSource('t', schools, population)], storage);
    await store.getState().actionOpenSource('t');
    const compute = heldUntilReleased();
    gate.hold = compute.hold;
    const putMeta = storage.putMeta.bind(storage);
    const save = heldUntilReleased();
    storage.putMeta = async (key, value) => { await save.hold; return putMeta(key, value); };

    store.getState().actionEditSchool('B', { capacity: 70 });
    let idle = false;
    const waiting = store.getState().whenIdle().then(() => { idle = true; });
    await drainTasks();
    expect(idle).toBe(false);
    expect(store.getState().status).toBe('computing');
    compute.release();
    await drainTasks();
    // computed, but the baseline's corrections are not saved yet
    expect(store.getState().status).toBe('ready');
    expect(idle).toBe(false);
    save.release();
    await waiting;
    expect(idle).toBe(true);
    expect(store.getState().saveState).toBe('saved');
    expect(storage.meta.get(`baseline:${store.getState().dataset!.fingerprint}`)).toMatchObject({ edits: { B: { capacity: 70 } } });
  });
});
