import type { ComputePayload, ComputeRequest, EngineApi } from '../worker/protocol';
import type { IdleTracker } from './idle';

export type ComputeOutcome = 'applied' | 'superseded' | 'failed';

export interface ComputeHandlers {
  /** the answer of the latest request: apply it */
  apply(payload: ComputePayload): void;
  /** the latest request failed (not superseded): its work is counted as pending until this settles */
  fail(error: unknown): Promise<void> | void;
  /** the engine stopped the latest request on its own (e.g. a data set opened meanwhile) */
  stopped(): Promise<void> | void;
}

/**
 * Runs the store's recomputations, latest wins: asking for a new one aborts the one running (its
 * AbortController; the engine stops the work at its next stage) and only the newest answer is applied.
 * An abort is a request being superseded, never a failure.
 */
export interface EngineScheduler {
  run(request: ComputeRequest, handlers: ComputeHandlers): Promise<ComputeOutcome>;
  /** a computation is running or its answer is being applied */
  readonly busy: boolean;
}

function supersededError(): Error {
  const e = new Error('superseded by a newer computation');
  e.name = 'AbortError';
  return e;
}

const isAbort = (e: unknown) => (e as { name?: unknown } | null)?.name === 'AbortError';

export function createEngineScheduler(compute: EngineApi['compute'], idle: IdleTracker): EngineScheduler {
  let latest: AbortController | null = null;

  async function settle(controller: AbortController, request: ComputeRequest, handlers: ComputeHandlers): Promise<ComputeOutcome> {
    let payload: ComputePayload;
    try {
      payload = await compute(request, { signal: controller.signal });
    } catch (e) {
      if (controller.signal.aborted) return 'superseded';
      latest = null;
      if (isAbort(e)) { await handlers.stopped(); return 'superseded'; }
      await handlers.fail(e);
      return 'failed';
    }
    // a newer request came while this answer was on its way: it is as stale as an aborted one
    if (controller.signal.aborted) return 'superseded';
    latest = null;
    handlers.apply(payload);
    return 'applied';
  }

  return {
    run(request, handlers) {
      latest?.abort(supersededError());
      const controller = new AbortController();
      latest = controller;
      return idle.track(settle(controller, request, handlers));
    },
    get busy() { return latest !== null; },
  };
}
