import type { Schools, Units } from '../src/core/model';
import { syntheticGridUnits, syntheticSchools } from './synthetic';

/**
 * The propose-zones benchmark instance: the seeded grid and schools, every school primary, places
 * 10% above the children in all, spread from 0.7x to 1.3x of the mean. Pure, so that the browser
 * benchmark's page builds the same instance as Node.
 */
export function proposeInstance(unitCount: number, schoolCount: number): { units: Units; schools: Schools } {
  const units = syntheticGridUnits(unitCount, 11);
  const schools = syntheticSchools(schoolCount, 12);
  schools.types = schools.types.map(() => 'primary');
  const total = units.childrenByLevel.primary.reduce((a, b) => a + b, 0);
  schools.capacity = Float64Array.from({ length: schoolCount }, (_, i) => Math.round((total * 1.1 / schoolCount) * (0.7 + 0.6 * ((i * 37) % schoolCount) / schoolCount)));
  return { units, schools };
}

/**
 * The same instance as the files a planner opens (schools and population CSV), coordinates written
 * in full so that the engine loads exactly these units and detects the same grid.
 */
export function proposeInstanceFiles(unitCount: number, schoolCount: number): { schools: { name: string; bytes: Uint8Array }; population: { name: string; bytes: Uint8Array } } {
  const { units, schools } = proposeInstance(unitCount, schoolCount);
  const ch = units.childrenByLevel.primary, jr = units.childrenByLevel.junior;
  const pop = ['id,lon,lat,primary,junior'];
  for (let u = 0; u < units.count; u++) pop.push(`c${u},${units.lon[u]},${units.lat[u]},${ch[u]},${jr[u]}`);
  const sch = ['id,name,level,lon,lat,capacity'];
  for (let s = 0; s < schools.count; s++) sch.push(`${schools.ids[s]},${schools.names[s]},${schools.types[s]},${schools.lon[s]},${schools.lat[s]},${schools.capacity[s]}`);
  const enc = new TextEncoder();
  return {
    schools: { name: `schools_${schoolCount}.csv`, bytes: enc.encode(sch.join('\n') + '\n') },
    population: { name: `population_${unitCount}.csv`, bytes: enc.encode(pop.join('\n') + '\n') },
  };
}
