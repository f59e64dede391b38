import { readFileSync } from 'node:fs';
import * as turf from '@turf/turf';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  assignNearest, assignNearestByScan, candidateSchools, computeCatchments, resolveSettings, zonesGeoJSON,
  type Schools, type Settings, type Units,
} from '../../src/core/index';
import { schoolsFrom, unitsFrom } from '../helpers';

async function dataset(dir: string) {
  const settings = resolveSettings(JSON.parse(readFileSync(`geodata/${dir}/settings.json`, 'utf8')));
  const schools = schoolsFrom(readFileSync(`geodata/${dir}/schools.geojson`, 'utf8'), settings, 'schools.geojson');
  const units = await unitsFrom(readFileSync(`geodata/${dir}/population.geojson`, 'utf8'), settings, 'population.geojson');
  return { settings, schools, units };
}

function expectExactOnEveryUnit(schools: Schools, units: Units, settings: Settings) {
  for (const level of settings.levels) {
    const c = candidateSchools(schools, settings, level.id);
    const fast = assignNearest(units, schools, c, level.id);
    const scan = assignNearestByScan(units, schools, c, level.id);
    expect(Array.from(fast.schoolByUnit)).toEqual(Array.from(scan.schoolByUnit));
    expect(Array.from(fast.distanceByUnit)).toEqual(Array.from(scan.distanceByUnit));
  }
}

describe('Edinburgh (default data set)', () => {
  let d: Awaited<ReturnType<typeof dataset>>;
  beforeAll(async () => { d = await dataset('edinburgh'); });

  it('loads 131 schools (Sept 2023) and 4,322 output areas with real single-year ages', () => {
    expect(d.schools.count).toBe(131);
    expect(d.units.count).toBe(4322);
    const sum = (a: Float32Array) => a.reduce((x, y) => x + y, 0);
    // NRS SAPE 2018: 36,158 children aged 5-11 in the City of Edinburgh (spreading over OAs keeps the total)
    expect(sum(d.units.childrenByLevel.primary)).toBeCloseTo(36_158, -1);
    expect(d.units.countSourceByLevel.secondary).toBe('single-year ages 12-17');
  });

  it('assigns every unit exactly as a brute-force scan does', () => {
    expectExactOnEveryUnit(d.schools, d.units, d.settings);
  });

  it('zones cover the units without double counting (within the input polygons\' own overlaps)', () => {
    const r = computeCatchments(d.schools, d.units, d.settings);
    const zones = zonesGeoJSON(d.schools, d.units, r.assignments);
    const unitsFc = JSON.parse(readFileSync('geodata/edinburgh/population.geojson', 'utf8'));
    const unitArea = turf.area(unitsFc);
    for (const level of ['primary', 'secondary']) {
      const fs = zones.features.filter((f) => f.properties.level === level);
      const zoneArea = fs.reduce((a, f) => a + turf.area(f), 0);
      // the simplified source polygons overlap each other by about 0.3% of their area
      expect(Math.abs(zoneArea / unitArea - 1)).toBeLessThan(0.005);
      expect(fs.reduce((a, f) => a + f.properties.children, 0)).toBeCloseTo(r.summary.childrenByLevel[level], -1);
    }
  });

  it('flags only what the data can support: no capacity in the data, so overcrowding is not assessed', () => {
    const r = computeCatchments(d.schools, d.units, d.settings);
    // places are never derived from classes estimated as roll / average class size
    expect(r.summary.flagCounts.overcrowded.notAssessed).toBe(113);
    expect(r.schools.some((x) => x.capacityDerived)).toBe(false);
    expect(r.summary.flagCounts.large_classes.notAssessed).toBe(23);
    expect(r.summary.flagCounts.undersized.flagged).toBeGreaterThan(0);
  });
});

describe('Northern Ireland (rural data set)', () => {
  it('loads 787 primary schools and assigns exactly', async () => {
    const d = await dataset('northern-ireland');
    expect(d.schools.count).toBe(787);
    expect(d.units.count).toBe(890);
    expectExactOnEveryUnit(d.schools, d.units, d.settings);
    const r = computeCatchments(d.schools, d.units, d.settings);
    // rural schools under 105 / urban under 140 pupils (Y1-Y7) under the Sustainable Schools Policy profile
    expect(r.summary.flagCounts.undersized.flagged).toBeGreaterThan(150);
  });
});
