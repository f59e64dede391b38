import { defaultSettings, loadPopulation, loadSchools, formatProblem, type Schools, type Settings, type Units } from '../src/core/index';

/** Loads a schools CSV/GeoJSON text and fails the test with the problems when it does not load. */
export function schoolsFrom(text: string, settings: Settings = defaultSettings(), file = 'schools.csv'): Schools {
  const r = loadSchools(file, text, settings);
  if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
  return r.value.schools;
}

export async function unitsFrom(text: string, settings: Settings = defaultSettings(), file = 'population.csv'): Promise<Units> {
  const r = await loadPopulation(file, text, settings);
  if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
  return r.value;
}

/** Problems of a load that must fail, formatted, errors only. */
export function errorsOf(r: { ok: boolean; problems: import('../src/core/index').Problem[] }): string[] {
  return r.problems.filter((p) => p.severity === 'error').map(formatProblem);
}
