// Thin shell: the engine runs the pure core off the main thread and answers through comlink.
import * as Comlink from 'comlink';
import { createEngine } from './engine';
import type { EngineApi } from './protocol';

const engine = createEngine();

const api: EngineApi = {
  openDataset: (req) => engine.openDataset(req),
  importZones: (req) => engine.importZones(req),
  compareScenarios: (req) => engine.compareScenarios(req),
  // large typed arrays move to the main thread instead of being copied
  compute: async (req) => {
    const payload = await engine.compute(req);
    return Comlink.transfer(payload, engine.transferablesOf(payload));
  },
};

Comlink.expose(api);
