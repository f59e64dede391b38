import { readFileSync } from 'node:fs';
import { resolveSettings, type Settings } from '../src/core/index';

/**
 * Northern Ireland's rebuilt year. The shared data has 2023/24 by year group and only totals for 2022/23:
 * the 2022/23 year groups are rebuilt from the 2023/24 ones shifted back a year (this year's Y2 was last
 * year's Y1; Y7 stands in for last year's leavers), scaled to the 2022/23 total less this year's nursery
 * and reception. Only 2022/23 is given to the engine, which projects 2023/24 from it.
 * @returns the schools CSV of 2022/23, each school's actual 2023/24 total and its 2022/23 total
 */
export function niRebuiltYear(projection: Partial<Settings['projection']> = {}) {
  const settings = resolveSettings({ profile: 'northern_ireland', projection: { baseYear: 2022, horizonYears: 1, ...projection } });
  const fc = JSON.parse(readFileSync('geodata/northern-ireland/schools.geojson', 'utf8'));
  const rows = ['id,name,level,lon,lat,y1,y2,y3,y4,y5,y6,y7'];
  const actual = new Map<string, number>(), last = new Map<string, number>();
  for (const f of fc.features) {
    const p = f.properties;
    const prev = (p.enrolment_total_2022_23 ?? NaN) - (p.nursery_full_time ?? 0) - (p.nursery_part_time ?? 0) - (p.reception ?? 0);
    const g = [1, 2, 3, 4, 5, 6, 7].map((k) => p[`y${k}`] ?? 0);
    const shape = [g[1], g[2], g[3], g[4], g[5], g[6], g[6]];
    const sum = shape.reduce((a: number, b: number) => a + b, 0);
    if (!(prev > 0) || !(sum > 0) || !(p.enrollment > 0)) continue;
    rows.push([p.id, JSON.stringify(p.name), 'primary', ...f.geometry.coordinates, ...shape.map((v: number) => ((v / sum) * prev).toFixed(4))].join(','));
    actual.set(String(p.id), p.enrollment);
    last.set(String(p.id), prev);
  }
  return { settings, csv: rows.join('\n'), actual, last, population: readFileSync('geodata/northern-ireland/population.geojson', 'utf8') };
}
