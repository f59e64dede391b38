import { coded, parts, type Problem } from '../core/index';
import {
  cancelledError, describeError, TEST_WORKER_NAME,
  type CallOptions, type EngineApi, type ForcedFailure, type FromWorker, type OpenDatasetRequest, type RequestName, type RequestOf, type ResponseOf, type ToWorker,
} from '../worker/protocol';

/*
 * A small typed client of the engine worker, written instead of comlink: the planner needs what comlink
 * does not give. Every request has an id and is cancellable (an aborted signal posts a cancel and the
 * worker stops the work, not only its answer), and no request ever waits for ever: comlink's pending
 * calls hang when the worker dies, stops answering or cannot post its answer; here each of these rejects
 * them with a readable Error, and the next request starts a new worker and reopens the data set.
 * The whole protocol is one message map (src/worker/protocol.ts), so a raw client is little code.
 */

/** What the client needs of a Worker (tests pass one end of a MessageChannel). */
export interface WorkerLike {
  postMessage(message: ToWorker, transfer?: Transferable[]): void;
  addEventListener(type: 'message' | 'error' | 'messageerror', listener: (event: Event) => void): void;
  terminate(): void;
}

export interface EngineClientOptions {
  /** makes a worker; `test`: honour forced failures (see EngineClient.forceFailure) */
  createWorker?: (test: boolean) => WorkerLike;
  /** test mode: the worker honours forced failures (the page URL has `?test`) */
  test?: boolean;
  /**
   * A worker that neither answers nor takes pings for this long while a request waits is taken for
   * dead (it closed, or hangs in one long step): its requests are rejected and it is replaced.
   */
  silenceMs?: number;
  /** how often a waiting client pings the worker */
  pingMs?: number;
}

export interface EngineClient extends EngineApi {
  /** test mode only: the worker's next request fails this way */
  forceFailure(failure: ForcedFailure): void;
  /** workers started so far (the first, then one per restart) */
  readonly workersStarted: number;
  /** ends the worker; waiting requests reject */
  dispose(): void;
}

export const DEFAULT_SILENCE_MS = 30_000;

/** The options a page asks for: `?test` turns on forced failures, `&engineSilenceMs=N` a shorter watchdog. */
function pageOptions(): EngineClientOptions {
  const query = typeof location === 'undefined' ? new URLSearchParams() : new URLSearchParams(location.search);
  const test = query.has('test');
  const silence = test ? Number(query.get('engineSilenceMs')) : NaN;
  return { test, silenceMs: silence > 0 ? silence : undefined };
}

function browserWorker(test: boolean): WorkerLike {
  return new Worker(new URL('../worker/engine.worker.ts', import.meta.url), { type: 'module', name: test ? TEST_WORKER_NAME : 'engine' }) as WorkerLike;
}

interface Waiting { resolve(value: unknown): void; reject(error: unknown): void; progress?: (stage: string) => void; name: string }

/** Requests that run HiGHS: one solve blocks the worker (no pings answered), so they get a longer silence. */
const SOLVER_REQUESTS = new Set(['proposeZones', 'suggestClosures', 'balancePlans']);
const SOLVER_SILENCE_MS = 600_000;

/** Starts the engine worker; every call returns a Promise and runs off the main thread. */
export function startEngine(options: EngineClientOptions = pageOptions()): EngineClient {
  const test = options.test ?? false;
  const createWorker = options.createWorker ?? browserWorker;
  const silenceMs = options.silenceMs ?? DEFAULT_SILENCE_MS;
  const pingMs = Math.min(options.pingMs ?? 1000, silenceMs / 3);

  let worker: WorkerLike | null = null;
  let workersStarted = 0;
  const waiting = new Map<number, Waiting>();
  let nextId = 1, nextToken = 1, lastHeard = 0;
  let watchdog: ReturnType<typeof setInterval> | null = null;
  /** the last data set opened without errors, and whether the running worker lacks it */
  let opened: OpenDatasetRequest | null = null;
  let needsReopen = false;
  let reopening: Promise<void> | null = null;

  function start(): WorkerLike {
    const w = createWorker(test);
    workersStarted++;
    w.addEventListener('message', (event) => {
      if (w !== worker) return;
      lastHeard = performance.now();
      const m = (event as MessageEvent<FromWorker>).data;
      if (m.kind === 'pong') return;
      const entry = waiting.get(m.id);
      if (!entry) return; // cancelled here already
      if (m.kind === 'progress') { entry.progress?.(m.stage); return; }
      waiting.delete(m.id);
      if (m.kind === 'response') entry.resolve(m.response);
      else entry.reject(m.cancelled ? cancelledError(m.message) : new Error(m.message));
    });
    // an uncaught error in the worker (or a worker that could not start): its state is unknown, replace it
    w.addEventListener('error', (event) => {
      if (w !== worker) return;
      event.preventDefault();
      const e = event as ErrorEvent;
      stop(`the worker crashed (${e.message || 'it could not start'}); a new one starts with the next request`);
    });
    // an answer that arrived but cannot be read: which request it answered is unknown
    w.addEventListener('messageerror', () => {
      if (w !== worker) return;
      rejectAll(new Error('an answer from the engine could not be read'));
    });
    worker = w;
    needsReopen = opened !== null;
    return w;
  }

  /** The worker is dead or unusable: everything waiting rejects; the next request starts a new one. */
  function stop(reason: string) {
    const w = worker;
    worker = null;
    try { w?.terminate(); } catch { /* already gone */ }
    rejectAll(new Error(reason));
  }

  function rejectAll(error: Error) {
    // the engine itself failed, not the plan: the store keeps the plan and says so
    error.name = 'EngineCrash';
    const all = [...waiting.values()];
    waiting.clear();
    for (const entry of all) entry.reject(error);
  }

  /** Pings while requests wait; a worker silent for silenceMs is stopped. */
  function watch() {
    if (watchdog) return;
    watchdog = setInterval(() => {
      if (!worker || waiting.size === 0) { clearInterval(watchdog!); watchdog = null; return; }
      const quiet = performance.now() - lastHeard;
      const limit = [...waiting.values()].some((w) => SOLVER_REQUESTS.has(w.name)) ? Math.max(silenceMs, SOLVER_SILENCE_MS) : silenceMs;
      if (quiet > limit) stop(`the worker stopped answering (nothing for ${Math.round(quiet / 1000)} s); a new one starts with the next request`);
      else worker.postMessage({ kind: 'ping', id: nextId++ });
    }, pingMs);
  }

  /** Posts one request to the running worker; `cancel` drops it there. */
  function send<K extends RequestName>(name: K, request: RequestOf<K>, progress?: (stage: string) => void): { promise: Promise<ResponseOf<K>>; cancel(): void } {
    const w = worker ?? start();
    const id = nextId++;
    if (waiting.size === 0) lastHeard = performance.now();
    const promise = new Promise<ResponseOf<K>>((resolve, reject) => {
      waiting.set(id, { resolve: resolve as (v: unknown) => void, reject, progress, name });
      try {
        w.postMessage({ kind: 'request', id, name, request } as ToWorker);
      } catch (e) {
        waiting.delete(id);
        reject(new Error(`the request could not be sent to the engine (${describeError(e)})`));
      }
    });
    watch();
    return {
      promise,
      cancel() {
        if (!waiting.delete(id) || w !== worker) return;
        w.postMessage({ kind: 'cancel', id });
      },
    };
  }

  /** A running worker that has the current data set (after a restart, it is opened again first). */
  async function ready(name: RequestName): Promise<void> {
    if (!worker) start();
    // a new data set does not need the old one; everything else waits for it
    if (name !== 'openDataset' && needsReopen && opened && !reopening) {
      const again = opened;
      reopening = send('openDataset', again).promise.then((res) => {
        if (res.ok) { needsReopen = false; return; }
        // the data no longer opens: said once, then requests go to the worker without it
        opened = null;
        needsReopen = false;
        throw new Error(`the engine was restarted and could not open ${again.name} again (${res.problems.map((p) => p.message).join('; ')}); open the data set again`);
      }, (e) => {
        // the new worker failed too: the next request tries again with another one
        throw new Error(`the engine was restarted and failed while opening ${again.name} again (${describeError(e)})`);
      }).finally(() => { reopening = null; });
    }
    if (reopening) {
      if (name === 'openDataset') await reopening.catch(() => undefined);
      else await reopening;
    }
    if (!worker) start();
  }

  function call<K extends RequestName>(name: K, request: RequestOf<K>, { signal, onProgress }: CallOptions = {}): Promise<ResponseOf<K>> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<ResponseOf<K>>((resolve, reject) => {
      let sent: { cancel(): void } | null = null;
      let done = false;
      const finish = (f: () => void) => {
        if (done) return;
        done = true;
        signal?.removeEventListener('abort', onAbort);
        f();
      };
      const onAbort = () => { sent?.cancel(); finish(() => reject(signal!.reason)); };
      signal?.addEventListener('abort', onAbort);
      ready(name).then(() => {
        if (done) return;
        const s = send(name, request, onProgress);
        sent = s;
        s.promise.then((value) => finish(() => resolve(value)), (e) => finish(() => reject(e)));
      }, (e) => finish(() => reject(e)));
    });
  }

  /** A failure of the engine as the answer's problems, for the requests whose answers carry problems. */
  function asProblems(file: string, e: unknown, signal?: AbortSignal): { ok: false; problems: Problem[] } {
    if (signal?.aborted || (e as Error)?.name === 'AbortError') throw e;
    const detail = describeError(e);
    return { ok: false, problems: [{ severity: 'error', file, ...parts(coded('engineFailed', { detail }, `the engine failed: ${detail}`)) }] };
  }

  try {
    start(); // at once: the worker's code loads while the page fetches the data
  } catch {
    worker = null; // the first request tries again, and reports why it cannot
  }
  const client: EngineClient = {
    async openDataset(request, callOptions) {
      // the client numbers data sets, so that a restarted worker reopens one under the token the store holds
      const numbered = { ...request, token: request.token ?? nextToken++ };
      try {
        const res = await call('openDataset', numbered, callOptions);
        if (res.ok) { opened = numbered; needsReopen = false; }
        return res;
      } catch (e) {
        return asProblems(request.name, e, callOptions?.signal);
      }
    },
    compute: (request, callOptions) => call('compute', request, callOptions),
    compareScenarios: (request, callOptions) => call('compareScenarios', request, callOptions),
    balancePlans: (request, callOptions) => call('balancePlans', request, callOptions),
    proposeZones: (request, callOptions) => call('proposeZones', request, callOptions),
    suggestClosures: (request, callOptions) => call('suggestClosures', request, callOptions),
    scoreSites: (request, callOptions) => call('scoreSites', request, callOptions),
    unitDistances: (request, callOptions) => call('unitDistances', request, callOptions),
    async importZones(request, callOptions) {
      try {
        return await call('importZones', request, callOptions);
      } catch (e) {
        return asProblems(request.file.name, e, callOptions?.signal);
      }
    },
    forceFailure(failure) {
      if (!test) throw new Error('forced failures are for test mode only (?test)');
      if (!worker) start();
      worker!.postMessage({ kind: '__fail', failure });
    },
    get workersStarted() { return workersStarted; },
    dispose() {
      if (watchdog) clearInterval(watchdog);
      watchdog = null;
      stop('the engine was closed');
    },
  };
  // browser tests force failures through this handle
  if (test && typeof window !== 'undefined') (window as unknown as { __plannerEngine: EngineClient }).__plannerEngine = client;
  return client;
}
