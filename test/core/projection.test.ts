import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { computeCatchments, projectEnrollment, resolveSettings } from '../../src/core/index';
import { schoolsFrom, unitsFrom } from '../helpers';
import { niRebuiltYear } from '../niRebuilt';

const settings = resolveSettings({ projection: { baseYear: 2024, horizonYears: 2, changeWeight: 1 } });
const hist = (g: number[]) => g.join(',');
const schoolsCsv = [
  `id,name,level,lon,lat,capacity,classrooms,g1,g2,g3,g4,g5,g6,g7,g8,g9,g1_2023,g2_2023,g3_2023,g4_2023,g5_2023,g6_2023`,
  `P1,North Primary,primary,0.00,0.00,320,10,60,55,50,50,50,50,,,,${hist([50, 50, 50, 50, 50, 50])}`,
  `P2,South Primary,primary,0.00,-0.05,,,30,30,30,30,30,30,,,,,,,,,`,
  `J,Town Junior,junior,0.00,-0.02,,,,,,,,,100,90,80,,,,,,`,
].join('\n');
// unit A near P1, unit B near P2; single-year ages 3-14
const ages = (a6: number, a5: number, a4: number) => [0, 0, 0, 0, a4, a5, a6, 10, 10, 10, 10, 10, 10, 10, 10].slice(0, 15);
const unitsCsv = ['id,lon,lat,' + Array.from({ length: 15 }, (_, a) => `age_${a}`).join(','), `A,0.001,0.001,${ages(60, 70, 80).join(',')}`, `B,0.001,-0.049,${ages(40, 40, 40).join(',')}`].join('\n');

describe('enrollment projections', () => {
  it('reproduces a hand-computed fixture: ratios, entry from the zone, transition to junior, classes and flags', async () => {
    const schools = schoolsFrom(schoolsCsv, settings);
    const units = await unitsFrom(unitsCsv, settings);
    const r = computeCatchments(schools, units, settings);
    const p = projectEnrollment(schools, units, settings, r.assignments);
    expect(p.years).toEqual([2025, 2026]);
    const [p1, p2, j] = ['P1', 'P2', 'J'].map((id) => p.schools.find((x) => x.id === id)!);
    // P1: g1->g2 = 55/50 from its own history; entry rate 60/60 children aged 6
    expect(p1.ratioSource['g1->g2']).toBe('school history');
    expect(p1.ratios['g1->g2']).toBeCloseTo(1.1, 12);
    const y1 = p1.years[0];
    expect(y1.byGrade).toEqual({ g1: 70, g2: 66, g3: 55, g4: 50, g5: 50, g6: 50 });
    expect(y1.total).toBe(341);
    expect(y1.classesNeeded).toBe(12); // 2 classes of 45 or fewer per grade
    expect(y1.capped).toBe(true); // 12 classes, 10 classrooms
    expect(y1.avgClassSize).toBeCloseTo(34.1, 10);
    expect(y1.flags).toEqual(['overcrowded', 'classrooms_short']); // 341 > 320 places
    expect(p1.years[1].byGrade.g1).toBe(80); // children aged 4 now
    expect(p1.firstYear.overcrowded).toBe(2025);
    // P2 has no history: the district's pooled ratios (P1's) apply; entry rate 30/40
    expect(p2.ratioSource['g1->g2']).toBe('district history');
    expect(p2.years[0].byGrade).toEqual({ g1: 30, g2: 33, g3: 30, g4: 30, g5: 30, g6: 30 });
    // J: no history anywhere for g7->g8: ratio 1; intake = 1.25 (100 / (50 + 30)) x the g6 leavers it serves
    expect(j.ratioSource['g7->g8']).toBe('none (1.0)');
    expect(p.transitionRate).toBeCloseTo(1.25, 12);
    expect(j.years[0].byGrade.g7).toBeCloseTo(100, 10);
    expect(j.years[0].byGrade).toMatchObject({ g8: 100, g9: 90 });
    expect(j.years[0].flags).toEqual(['undersized:junior']); // 290 < 300
    expect(p.district[0].totalByLevel.primary).toBeCloseTo(341 + 183, 10);
  });

  it('is flat with ratios of 1.0 and a stable population', async () => {
    const schools = schoolsFrom('id,name,level,lon,lat,g1,g2,g3,g4,g5,g6\nP,P,primary,0,0,40,40,40,40,40,40\n', settings);
    const units = await unitsFrom('id,lon,lat,' + Array.from({ length: 12 }, (_, a) => `age_${a}`).join(',') + '\nA,0,0,' + Array(12).fill(50).join(',') + '\n', settings);
    const r = computeCatchments(schools, units, settings);
    const p = projectEnrollment(schools, units, { ...settings, projection: { ...settings.projection, horizonYears: 6 } }, r.assignments);
    for (const y of p.schools[0].years) expect(y.total).toBeCloseTo(240, 10);
  });

  it('backtests on Northern Ireland: 2022/23 projected one year ahead by the engine, against 2023/24', async () => {
    // the rebuilt year (test/niRebuilt.ts); the three methods side by side are in realDataSets.test.ts
    const { settings: ni, csv, actual, population } = niRebuiltYear();
    const schools = schoolsFrom(csv, ni);
    const units = await unitsFrom(population, ni, 'population.geojson');
    const r = computeCatchments(schools, units, ni);
    const proj = projectEnrollment(schools, units, ni, r.assignments);
    const errors = proj.schools.filter((s) => s.years.length).map((s) => Math.abs(s.years[0].total - actual.get(s.id)!) / actual.get(s.id)!).sort((a, b) => a - b);
    const mape = errors.reduce((a, b) => a + b, 0) / errors.length;
    console.log(`Northern Ireland one-year backtest (${errors.length} schools): mean absolute percentage error ${(mape * 100).toFixed(1)}%, median ${(errors[Math.floor(errors.length / 2)] * 100).toFixed(1)}%, 90th percentile ${(errors[Math.floor(errors.length * 0.9)] * 100).toFixed(1)}%`);
    expect(errors.length).toBeGreaterThan(700);
    expect(mape).toBeLessThan(0.2);
  });
});

describe('cli project', () => {
  it('writes projections.csv with the contract columns, grades in order', async () => {
    const { spawnSync } = await import('node:child_process');
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'project-'));
    const r = spawnSync(join('node_modules', '.bin', 'tsx'), ['src/cli/main.ts', 'project', '--schools', 'geodata/edinburgh/schools.geojson', '--population', 'geodata/edinburgh/population.geojson', '--settings', 'geodata/edinburgh/settings.json', '--years', '3', '--out', dir], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const lines = readFileSync(join(dir, 'projections.csv'), 'utf8').trim().split('\n');
    expect(lines[0]).toBe('school_id,year,grade,enrollment,classes_needed,classrooms,avg_class_size,flags,enrollment_low,enrollment_high,flags_possible');
    const abbey = lines.filter((l) => l.startsWith('5520924,2024,')).map((l) => l.split(',')[2]);
    expect(abbey).toEqual(['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7']);
    expect(new Set(lines.slice(1).map((l) => l.split(',')[1]))).toEqual(new Set(['2024', '2025', '2026'])); // base year 2023
    const bad = spawnSync(join('node_modules', '.bin', 'tsx'), ['src/cli/main.ts', 'project', '--schools', 'x', '--population', 'y', '--years', '12'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
  });
});
