// Thin shell: the engine runs the pure core off the main thread and answers through comlink.
import * as Comlink from 'comlink';
import { computeCatchments, crossCheck, loadPopulation, loadSchools, resolveSettings } from '../core/index';
import type { EngineApi, LoadRequest, LoadResponse } from './protocol';

const engine: EngineApi = {
  async load(req: LoadRequest): Promise<LoadResponse> {
    const t0 = performance.now();
    let settings;
    try {
      settings = resolveSettings(req.settings);
    } catch (e) {
      return { ok: false, problems: [{ severity: 'error', file: 'settings', message: (e as Error).message }] };
    }
    const schools = loadSchools(req.schools.name, new TextDecoder().decode(req.schools.bytes), settings);
    const units = await loadPopulation(req.population.name, req.population.bytes, settings);
    const problems = [...schools.problems, ...units.problems];
    if (!schools.ok || !units.ok) return { ok: false, problems };
    problems.push(...crossCheck(req.schools.name, schools.value.schools, units.value));
    if (problems.some((p) => p.severity === 'error')) return { ok: false, problems };
    const t1 = performance.now();
    const result = computeCatchments(schools.value.schools, units.value, settings);
    const t2 = performance.now();
    return { ok: true, problems, summary: result.summary, schools: result.schools, settingsProfile: settings.profile, millis: { load: t1 - t0, compute: t2 - t1 } };
  },
};

Comlink.expose(engine);
