import * as Comlink from 'comlink';
import type { EngineApi } from '../worker/protocol';

/** Starts the engine worker; every call returns a Promise and runs off the main thread. */
export function startEngine(): Comlink.Remote<EngineApi> {
  const worker = new Worker(new URL('../worker/engine.worker.ts', import.meta.url), { type: 'module' });
  return Comlink.wrap<EngineApi>(worker);
}
