import { readFileSync } from 'node:fs';
import { createPlannerStore, type DatasetSource } from '../../src/store/plannerStore';
import { memoryStorage } from '../../src/store/planStorage';
import { createEngine } from '../../src/worker/engine';

export { memoryStorage };

const file = (path: string) => ({ name: path.split('/').pop()!, bytes: new Uint8Array(readFileSync(path)) });

export function shippedSource(id: 'edinburgh' | 'northern-ireland' | 'hualien'): DatasetSource {
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

/** A store over the real engine (run in-process instead of a worker). */
export function makeStore(sources: DatasetSource[], storage = memoryStorage()) {
  return createPlannerStore(createEngine(), sources, storage);
}

/** Resolves when the store has saved and computed everything it started. */
export async function settled(store: ReturnType<typeof makeStore>) {
  await store.getState().whenIdle();
}
