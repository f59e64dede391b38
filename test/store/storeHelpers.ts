import { readFileSync } from 'node:fs';
import { createPlannerStore, type DatasetSource, type PlanStorage } from '../../src/store/plannerStore';
import { createEngine } from '../../src/worker/engine';

const file = (path: string) => ({ name: path.split('/').pop()!, bytes: new Uint8Array(readFileSync(path)) });

export function shippedSource(id: 'edinburgh' | 'northern-ireland'): DatasetSource {
  return {
    id, name: id,
    files: async () => ({
      schools: file(`geodata/${id}/schools.geojson`), population: file(`geodata/${id}/population.geojson`),
      settings: JSON.parse(readFileSync(`geodata/${id}/settings.json`, 'utf8')),
    }),
  };
}

export function textSource(id: string, schools: string, population: string): DatasetSource {
  const enc = new TextEncoder();
  return { id, name: id, imported: true, files: async () => ({ schools: { name: 'schools.csv', bytes: enc.encode(schools) }, population: { name: 'population.csv', bytes: enc.encode(population) } }) };
}

/** In-memory storage standing in for localStorage; shared between stores to simulate a reload. */
export function memoryStorage(): PlanStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, load: (k) => (data.has(k) ? JSON.parse(data.get(k)!) : null), save: (k, v) => { data.set(k, JSON.stringify(v)); } };
}

/** A store over the real engine (run in-process instead of a worker). */
export function makeStore(sources: DatasetSource[], storage = memoryStorage()) {
  return createPlannerStore(createEngine(), sources, storage);
}

/** Resolves when the store has finished computing. */
export async function settled(store: ReturnType<typeof makeStore>) {
  for (let i = 0; i < 500 && store.getState().status !== 'ready'; i++) await new Promise((r) => setTimeout(r, 10));
}
