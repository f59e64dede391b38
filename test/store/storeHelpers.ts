import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { ZoneTally } from '../../src/core/index';
import type { Results } from '../../src/store/plannerStore';
import { createPlannerStore, type DatasetSource } from '../../src/store/plannerStore';
import { memoryStorage } from '../../src/store/planStorage';
import { createEngine } from '../../src/worker/engine';

export { memoryStorage };

const file = (path: string) => ({ name: path.split('/').pop()!, bytes: new Uint8Array(readFileSync(path)) });

/** A shipped data set; `roads`: with its road network (Edinburgh), as the app opens it. */
export function shippedSource(id: 'edinburgh' | 'northern-ireland' | 'hualien', options: { roads?: boolean } = {}): DatasetSource {
  return {
    id, name: id,
    files: async () => ({
      schools: file(`geodata/${id}/schools.geojson`), population: file(`geodata/${id}/population.geojson`),
      ...(options.roads ? { network: file(`geodata/${id}/roads.geojson`) } : {}),
      settings: JSON.parse(readFileSync(`geodata/${id}/settings.json`, 'utf8')),
    }),
  };
}

/** Files on disk as an import from the Data tab (network: the optional roads file). */
export function fileSource(id: string, paths: { schools: string; population: string; network?: string }): DatasetSource {
  return { id, name: id, imported: true, files: async () => ({ schools: file(paths.schools), population: file(paths.population), ...(paths.network ? { network: file(paths.network) } : {}) }) };
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

/** A copy of the running totals as they are now (the store replaces them after each recompute). */
export function snapshot(tallies: Record<string, ZoneTally>): Record<string, ZoneTally> {
  return Object.fromEntries(Object.entries(tallies).map(([level, t]) => [level, { ...t, children: t.children.slice(), distanceSum: t.distanceSum.slice(), childrenBeyond: t.childrenBeyond.slice(), units: t.units.slice() }]));
}

/** Every school's running totals, level by level, equal the engine's full recompute. */
export function expectTalliesMatch(tallies: Record<string, ZoneTally>, results: Results) {
  const levels = Object.keys(tallies);
  expect(levels.sort()).toEqual(results.assignments.map((a) => a.level).sort());
  for (const level of levels) {
    const t = tallies[level];
    expect(t.children).toHaveLength(results.reports.length);
    results.reports.forEach((r, s) => {
      expect(r.id).toBe(results.schools.ids[s]);
      const d = r.distanceByLevel[level];
      expect(t.units[s], `${r.id} ${level} units`).toBe(d?.units ?? 0);
      expect(t.children[s], `${r.id} ${level} children`).toBeCloseTo(d?.children ?? 0, 6);
      expect(t.childrenBeyond[s], `${r.id} ${level} children beyond the standard`).toBeCloseTo(d?.childrenBeyond ?? 0, 6);
      if (t.children[s] > 0) expect(t.distanceSum[s] / t.children[s], `${r.id} ${level} mean distance`).toBeCloseTo(d!.meanM, 3);
    });
  }
}
