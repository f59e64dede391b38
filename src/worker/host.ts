import {
  cancelledError, describeError,
  type CallOptions, type ComputePayload, type EngineApi, type ForcedFailure, type FromWorker, type ImportZonesResponse, type RequestName, type ResponseOf, type ToWorker,
} from './protocol';

/** What the host needs of the worker's global scope (one end of a MessageChannel does too, in tests). */
export interface WorkerScope {
  postMessage(message: FromWorker, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<ToWorker>) => void): void;
  /** ends the worker (a forced `terminate` failure) */
  close(): void;
}

/**
 * Answers the client's messages (src/worker/protocol.ts) with the engine: each request under its id,
 * each cancellable, every failure answered with a readable message (an exception, an answer that cannot
 * be posted), the per-unit arrays of an answer transferred, never copied.
 * @param options.test honour `__fail` messages (only for a worker started by a page in test mode)
 */
export function serveEngine(scope: WorkerScope, engine: EngineApi, options: { test?: boolean } = {}): void {
  const running = new Map<number, AbortController>();
  let armed: ForcedFailure | null = null;
  const post = (m: FromWorker, transfer: Transferable[] = []) => scope.postMessage(m, transfer);

  scope.addEventListener('message', (event) => {
    const m = event.data;
    if (m.kind === 'ping') post({ kind: 'pong', id: m.id });
    else if (m.kind === 'cancel') running.get(m.id)?.abort(cancelledError('cancelled'));
    else if (m.kind === '__fail') { if (options.test) armed = m.failure; }
    else if (m.kind === 'request') void answer(m);
  });

  async function answer(m: Extract<ToWorker, { kind: 'request' }>): Promise<void> {
    const failure = armed;
    armed = null;
    if (failure === 'terminate') { scope.close(); return; }
    if (failure === 'uncaught') { setTimeout(() => { throw new Error('forced uncaught error in the engine (test)'); }); return; }
    const controller = new AbortController();
    running.set(m.id, controller);
    let response: ResponseOf<RequestName>;
    try {
      if (failure === 'exception') throw new Error('forced failure in the engine (test)');
      const method = engine[m.name] as (request: unknown, o: CallOptions) => Promise<ResponseOf<RequestName>>;
      response = await method(m.request, { signal: controller.signal, onProgress: (stage) => { if (!controller.signal.aborted) post({ kind: 'progress', id: m.id, stage }); } });
    } catch (e) {
      const wasCancelled = controller.signal.aborted || (e as Error)?.name === 'AbortError';
      post({ kind: 'error', id: m.id, message: describeError(e), cancelled: wasCancelled });
      return;
    } finally {
      running.delete(m.id);
    }
    if (controller.signal.aborted) { post({ kind: 'error', id: m.id, message: 'cancelled', cancelled: true }); return; }
    const transfer = transferablesOf(m.name, response);
    // a function cannot be cloned: posting this answer throws, as an answer holding one by mistake would
    if (failure === 'unserialisable') response = { response, unserialisable: () => 0 } as unknown as typeof response;
    try {
      post({ kind: 'response', id: m.id, name: m.name, response } as FromWorker, transfer);
    } catch (e) {
      // nothing was transferred: serialisation fails before any buffer is detached
      post({ kind: 'error', id: m.id, message: `the answer to ${m.name} could not be sent to the page (${describeError(e)})`, cancelled: false });
    }
  }
}

/**
 * The buffers of an answer that move to the main thread instead of being copied: per-unit arrays the
 * engine made for this answer and does not keep (assignments, distances, zone membership). The data
 * set's own arrays (openDataset) are copied: the engine keeps them for every later computation.
 */
export function transferablesOf(name: RequestName, response: ResponseOf<RequestName>): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  const add = (a: ArrayBufferView) => { if (a.buffer instanceof ArrayBuffer) out.add(a.buffer); };
  if (name === 'compute') {
    const p = response as ComputePayload;
    for (const a of [...p.assignments, ...p.nearest]) { add(a.schoolByUnit); add(a.distanceByUnit); }
  } else if (name === 'unitDistances') {
    add(response as Float32Array);
  } else if (name === 'importZones') {
    const r = response as ImportZonesResponse;
    if (r.ok) add(r.zoneByUnit);
  }
  return [...out];
}
