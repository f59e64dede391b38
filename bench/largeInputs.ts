import { writeFileSync } from 'node:fs';
import { syntheticGridUnits, syntheticSchools } from './synthetic';

/** Writes a population CSV of `count` grid cells and a schools CSV of `schoolCount` schools. */
export function writeLargeInputs(dir: string, count: number, schoolCount: number): { population: string; schools: string } {
  const units = syntheticGridUnits(count, 11);
  const parts: string[] = ['id,lon,lat,primary,junior\n'];
  let chunk = '';
  for (let i = 0; i < count; i++) {
    chunk += `c${i},${units.lon[i].toFixed(6)},${units.lat[i].toFixed(6)},${units.childrenByLevel.primary[i]},${units.childrenByLevel.junior[i]}\n`;
    if (chunk.length > 1 << 20) { parts.push(chunk); chunk = ''; }
  }
  parts.push(chunk);
  const population = `${dir}/population_${count}.csv`;
  writeFileSync(population, parts.join(''));
  const s = syntheticSchools(schoolCount, 12);
  const rows = ['id,name,level,lon,lat,capacity,classrooms,enrollment'];
  for (let i = 0; i < s.count; i++) rows.push(`${s.ids[i]},${s.names[i]},${s.types[i]},${s.lon[i].toFixed(6)},${s.lat[i].toFixed(6)},${900 + (i % 7) * 100},${20 + (i % 9)},${800 + (i % 11) * 60}`);
  const schools = `${dir}/schools_${schoolCount}.csv`;
  writeFileSync(schools, rows.join('\n') + '\n');
  return { population, schools };
}
