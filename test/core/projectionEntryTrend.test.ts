import { describe, expect, it } from 'vitest';
import { computeCatchments, entryTrends, projectEnrollment, resolveSettings, type Settings, type Units } from '../../src/core/index';
import { schoolsFrom, unitsFrom } from '../helpers';

/** The hand figures below are of the unshrunk ratios and undamped trends (credibility and damping off). */
const PLAIN = { credibilityPupils: 0, entryTrendDamping: 1, changeWeight: 1, cohortEntryYears: 1 };

/** A population with no units: the projection runs on the schools file alone. */
function noUnits(settings: Settings): Units {
  return {
    count: 0, ids: [], lon: new Float64Array(0), lat: new Float64Array(0),
    childrenByLevel: Object.fromEntries(settings.levels.map((l) => [l.id, new Float32Array(0)])),
    countSourceByLevel: {}, childrenByAge: {}, geometry: { kind: 'points' },
  };
}

// Three years of entry-grade history (2021-2023) and the current enrollment, taken as 2024:
//   A: g1 40, 44, 48 -> 52    B: g1 60, 60, 60 -> 60    C: no history, g1 30    J: g7 100, 110 -> 121
// Primary (g1): pairs A (40,44) (44,48) (48,52), B three times (60,60): sum E[y] = 312, sum E[y+1] = 324
// over 6 pairs, so T_D = 324/312 = 27/26 and Ebar = 52; K * Ebar = 104, K * Ebar * T_D = 108.
//   T_A = (144 + 108) / (132 + 104) = 63/59     T_B = (180 + 108) / (180 + 104) = 72/71     T_C = T_D = 27/26
// Junior (g7): J alone: T_D = 231/210 = 1.1, Ebar = 105, T_J = (231 + 231) / (210 + 210) = 1.1.
const schoolsCsv = [
  'id,name,level,lon,lat,g1,g2,g3,g4,g5,g6,g7,g8,g9,g1_2021,g1_2022,g1_2023,g7_2022,g7_2023',
  'A,A,primary,0.00,0,52,50,50,50,50,50,,,,40,44,48,,',
  'B,B,primary,0.05,0,60,60,60,60,60,60,,,,60,60,60,,',
  'C,C,primary,0.10,0,30,30,30,30,30,30,,,,,,,,',
  'J,J,junior,0.05,0.05,,,,,,,121,100,100,,,,100,110',
].join('\n');

describe('projection without population data: entry from the schools\' entry trends', () => {
  const settings = resolveSettings({ projection: { baseYear: null, horizonYears: 2, ...PLAIN } });
  const schools = schoolsFrom(schoolsCsv, settings);
  const units = noUnits(settings);
  const p = projectEnrollment(schools, units, settings, computeCatchments(schools, units, settings).assignments);
  const by = (id: string) => p.schools.find((s) => s.id === id)!;

  it('projects the first grade by each school\'s trend damped toward the district\'s (hand-computed)', () => {
    expect(p.years).toEqual([2025, 2026]);
    expect(by('A').years[0].byGrade.g1).toBeCloseTo((52 * 63) / 59, 10); // 55.525
    expect(by('A').years[1].byGrade.g1).toBeCloseTo(52 * (63 / 59) ** 2, 10);
    expect(by('B').years[0].byGrade.g1).toBeCloseTo((60 * 72) / 71, 10);
    expect(by('C').years[0].byGrade.g1).toBeCloseTo((30 * 27) / 26, 10);
    expect(by('A').entryTrend.primary).toEqual({ factor: expect.closeTo(63 / 59, 12), school: expect.closeTo(144 / 132, 12), district: expect.closeTo(27 / 26, 12), pairs: 3, districtPairs: 6 });
    // the rest of the school progresses as before: g1 2023 (48) -> g2 2024 (50) is A's own ratio
    expect(by('A').ratioSource['g1->g2']).toBe('school history');
    expect(by('A').years[0].byGrade.g2).toBeCloseTo((52 * 50) / 48, 10);
    expect(by('A').years[0].total).toBeCloseTo((52 * 63) / 59 + (52 * 50) / 48 + 200, 10);
  });

  it('feeds a later level by its own entry trend instead of an empty feeder flow', () => {
    const j = by('J');
    expect(j.years[0].byGrade.g7).toBeCloseTo(133.1, 10); // 121 x 1.1, not 0
    expect(j.years[1].byGrade.g7).toBeCloseTo(146.41, 10);
    expect(j.entryMethod.junior).toBe('school entry trend');
  });

  it('says per school and level where the entry comes from', () => {
    expect(by('A').entryMethod.primary).toBe('school entry trend');
    expect(by('A').entry.primary).toBe("school entry trend: g1 x1.068 a year (its own x1.091 over 3 years, damped toward the district's x1.038); no population data");
    expect(by('C').entryMethod.primary).toBe('district entry trend');
    expect(by('C').entry.primary).toBe('district entry trend: g1 x1.038 a year (no g1 history at this school); no population data');
  });

  it('applies entryGrowthPerYear on top of the first level\'s trend, not the later level\'s', () => {
    const s = { ...settings, projection: { ...settings.projection, entryGrowthPerYear: 0.1 } };
    const q = projectEnrollment(schools, units, s, computeCatchments(schools, units, s).assignments);
    expect(q.schools.find((x) => x.id === 'A')!.years[1].byGrade.g1).toBeCloseTo(52 * (63 / 59) ** 2 * 1.1 ** 2, 10);
    expect(q.schools.find((x) => x.id === 'J')!.years[0].byGrade.g7).toBeCloseTo(133.1, 10);
  });

  it('holds the entry at the base year and says so when no school has history', () => {
    const flat = schoolsFrom('id,name,level,lon,lat,g1,g2,g3,g4,g5,g6\nP,P,primary,0,0,40,40,40,40,40,40\n', resolveSettings({ projection: { baseYear: 2024 } }));
    const s = resolveSettings({ projection: { baseYear: 2024, horizonYears: 3, ...PLAIN } });
    const q = projectEnrollment(flat, noUnits(s), s, computeCatchments(flat, noUnits(s), s).assignments);
    expect(q.schools[0].years.map((y) => y.byGrade.g1)).toEqual([40, 40, 40]);
    expect(q.schools[0].entryMethod.primary).toBe('held at base year');
    expect(q.schools[0].entry.primary).toBe('held at base year (no history): no population data');
    // a flat district history is still history: a school without its own takes the district's trend (x1)
    const two = schoolsFrom('id,name,level,lon,lat,g1,g2,g3,g4,g5,g6,g1_2023\nP,P,primary,0,0,40,40,40,40,40,40,40\nQ,Q,primary,0.05,0,20,20,20,20,20,20,\n', s);
    const r = projectEnrollment(two, noUnits(s), s, computeCatchments(two, noUnits(s), s).assignments);
    expect(r.schools[1].entryMethod.primary).toBe('district entry trend');
    expect(r.schools[1].years.map((y) => y.byGrade.g1)).toEqual([20, 20, 20]);
  });

  it('uses the trend when the population has no single-year ages, and says why', async () => {
    const s = resolveSettings({ projection: { baseYear: null, horizonYears: 1, ...PLAIN } });
    const totalsOnly = await unitsFrom('id,lon,lat,population\nU1,0.01,0,1000\nU2,0.06,0.05,1000\n', { ...s, shareOfTotal: { primary: 0.1, junior: 0.05 } });
    const q = projectEnrollment(schools, totalsOnly, s, computeCatchments(schools, totalsOnly, s).assignments);
    const a = q.schools.find((x) => x.id === 'A')!;
    expect(a.years[0].byGrade.g1).toBeCloseTo((52 * 63) / 59, 10);
    expect(a.entry.primary).toMatch(/^school entry trend: .*; no single-year ages in the population$/);
  });
});

describe('entryTrends', () => {
  it('damps a small school\'s noisy history more than a large school\'s', () => {
    const series = (xs: number[]) => new Map(xs.map((v, i) => [2020 + i, { g1: v }]));
    // small: 5 -> 10 (x2); large: 100 -> 100 (x1); district 110/105, Ebar 52.5
    const [small, large] = entryTrends([series([5, 10]), series([100, 100])], 'g1', 5);
    expect(small.school).toBe(2);
    expect(small.factor).toBeCloseTo((10 + 2 * 52.5 * (110 / 105)) / (5 + 2 * 52.5), 12);
    expect(small.factor).toBeLessThan(1.1);
    expect(large.factor).toBeCloseTo((100 + 110) / (100 + 105), 12);
  });
});
