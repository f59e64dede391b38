import { describe, expect, it } from 'vitest';
import { syntheticGridUnits, syntheticSchools, mulberry32 } from '../../bench/synthetic';
import { asSchoolIndex, assignNearest, assignNearestByScan, candidateSchools, computeCatchments, defaultSettings, greatCircleMeters } from '../../src/core/index';
import type { SchoolIndex, Schools, Units } from '../../src/core/index';
import { schoolsFrom, unitsFrom } from '../helpers';

function expectSameAsScan(units: Units, schools: Schools, candidates: number[]) {
  return expectSameAsScanOf(units, schools, candidates.map(asSchoolIndex));
}

function expectSameAsScanOf(units: Units, schools: Schools, candidates: SchoolIndex[]) {
  const fast = assignNearest(units, schools, candidates, 'primary');
  const scan = assignNearestByScan(units, schools, candidates, 'primary');
  let differ = 0;
  for (let u = 0; u < units.count; u++) if (fast.schoolByUnit[u] !== scan.schoolByUnit[u] || fast.distanceByUnit[u] !== scan.distanceByUnit[u]) differ++;
  expect(differ).toBe(0);
}

describe('nearest-school assignment', () => {
  it('breaks exact ties by the lower school id, whatever the file order', async () => {
    const schools = schoolsFrom('id,name,level,lon,lat\nB,East,primary,0.01,0\nA,West,primary,-0.01,0\nC,Twin of A,primary,-0.01,0\n');
    const units = await unitsFrom('id,lon,lat,primary,junior\nu0,0,0,10,0\nu1,0.009,0,5,0\n');
    const a = assignNearest(units, schools, candidateSchools(schools, defaultSettings(), 'primary'), 'primary');
    expect(schools.ids[a.schoolByUnit[0]]).toBe('A'); // equidistant from A/C (same point) and B
    expect(schools.ids[a.schoolByUnit[1]]).toBe('B');
    expect(a.distanceByUnit[0]).toBeCloseTo(greatCircleMeters(0, 0, 0.01, 0), 0);
  });

  it('lets a nine-year school serve both levels and skips closed and special schools', async () => {
    const schools = schoolsFrom([
      'id,name,level,status,lon,lat',
      'P1,Primary near,primary,closed,0.001,0',
      'N9,Nine-year,nine_year,open,0.02,0',
      'J1,Junior far,junior,open,0.5,0',
      'SP,Special next door,special,open,0,0',
    ].join('\n'));
    const units = await unitsFrom('id,lon,lat,primary,junior\nu,0,0,30,12\n');
    const r = computeCatchments(schools, units, defaultSettings());
    const [primary, junior] = r.assignments;
    expect(schools.ids[primary.schoolByUnit[0]]).toBe('N9');
    expect(schools.ids[junior.schoolByUnit[0]]).toBe('N9');
    const n9 = r.schools.find((s) => s.id === 'N9')!;
    expect(n9.distanceByLevel.primary.children).toBe(30);
    expect(n9.distanceByLevel.junior.children).toBe(12);
    expect(n9.demand).toBe(42);
  });

  it('leaves units unassigned when no school serves a level', async () => {
    const schools = schoolsFrom('id,name,level,lon,lat\nP,Only primary,primary,0,0\n');
    const units = await unitsFrom('id,lon,lat,primary,junior\nu,0.1,0.1,3,4\n');
    const r = computeCatchments(schools, units, defaultSettings());
    expect(r.assignments[1].schoolByUnit[0]).toBe(r.assignments[1].noSchool);
    expect(Number.isNaN(r.assignments[1].distanceByUnit[0])).toBe(true);
    expect(r.summary.unassignedChildrenByLevel.junior).toBe(4);
  });

  it('is identical to a scan on random data, clustered and duplicate schools included', () => {
    for (const seed of [1, 2, 3]) {
      const units = syntheticGridUnits(20_000, seed);
      const schools = syntheticSchools(300, seed + 10);
      const rand = mulberry32(seed);
      // a cluster of schools a few metres apart, and exact duplicates of existing sites
      for (let i = 0; i < 30; i++) { schools.lon[i] = 113.7 + rand() * 1e-4; schools.lat[i] = 28.6 + rand() * 1e-4; }
      for (let i = 30; i < 40; i++) { schools.lon[i] = schools.lon[i + 100]; schools.lat[i] = schools.lat[i + 100]; }
      expectSameAsScan(units, schools, Array.from({ length: schools.count }, (_, i) => i));
    }
  });

  it('is exact at high latitude (78°N) and with units in random order', () => {
    const box = { west: 10, south: 77.5, east: 20, north: 79.5 };
    const units = syntheticGridUnits(10_000, 5, box);
    const rand = mulberry32(9);
    // shuffle: the walk's start is then far from the answer
    for (let i = units.count - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [units.lon[i], units.lon[j]] = [units.lon[j], units.lon[i]];
      [units.lat[i], units.lat[j]] = [units.lat[j], units.lat[i]];
    }
    units.geometry = { kind: 'points' };
    const schools = syntheticSchools(200, 6, box);
    expectSameAsScan(units, schools, Array.from({ length: schools.count }, (_, i) => i));
  });

  it('handles one school, and schools on a line', () => {
    const units = syntheticGridUnits(2_000, 3);
    const one = syntheticSchools(1, 4);
    expectSameAsScan(units, one, [0]);
    const line = syntheticSchools(5, 4);
    for (let i = 0; i < 5; i++) { line.lon[i] = 113 + i * 0.3; line.lat[i] = 28.5; }
    expectSameAsScan(units, line, [0, 1, 2, 3, 4]);
  });

  it('never mutates its inputs', async () => {
    const schools = syntheticSchools(50, 8);
    const units = syntheticGridUnits(3_000, 8);
    const snapshot = JSON.stringify([schools, units], (_k, v) => (ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v instanceof Map ? [...v] : v));
    const settings = defaultSettings();
    const settingsSnapshot = JSON.stringify(settings);
    computeCatchments(schools, units, settings);
    expect(JSON.stringify([schools, units], (_k, v) => (ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v instanceof Map ? [...v] : v))).toBe(snapshot);
    expect(JSON.stringify(settings)).toBe(settingsSnapshot);
  });
});
