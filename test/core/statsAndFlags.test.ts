import { describe, expect, it } from 'vitest';
import { computeCatchments, defaultSettings, greatCircleMeters, resolveSettings, type FlagResult } from '../../src/core/index';
import { schoolsFrom, unitsFrom } from '../helpers';

// Units on the equator 1 km apart along a line; the school sits at x = 0. Distances are hand-checkable.
const KM = greatCircleMeters(0, 0, 0.01, 0) / 10; // length of 0.001 degree of longitude, metres
const line = 'id,lon,lat,primary,junior\n' + [0, 1, 2, 3, 4].map((k) => `u${k},${(k * 0.01).toFixed(2)},0,${[10, 20, 30, 20, 20][k]},0`).join('\n');

const flag = (flags: FlagResult[], name: string, level?: string) => flags.find((f) => f.flag === name && (level === undefined || f.level === level))!;

describe('per-school statistics', () => {
  it('weights distances by children: mean, 90th percentile, max and share beyond the standard', async () => {
    const units = await unitsFrom(line);
    const schools = schoolsFrom('id,name,level,lon,lat\nS,S,primary,0,0\n');
    const settings = resolveSettings({ levels: { primary: { distanceStandardM: 25 * KM } } });
    const r = computeCatchments(schools, units, settings);
    const d = r.schools[0].distanceByLevel.primary;
    const step = 10 * KM; // 0.01 degree
    expect(d.children).toBe(100);
    expect(d.meanM).toBeCloseTo((10 * 0 + 20 * 1 + 30 * 2 + 20 * 3 + 20 * 4) * step / 100, 0);
    // cumulative children by distance: 10, 30, 60, 80, 100 -> 90% is reached at the last unit
    expect(d.p90M).toBeCloseTo(4 * step, 0);
    expect(d.maxM).toBeCloseTo(4 * step, 0);
    expect(d.shareBeyond).toBeCloseTo(0.4, 10); // units 3 and 4 lie beyond 2.5 steps
  });
});

describe('flags with the numbers behind them', () => {
  const settings = defaultSettings();
  async function reportFor(schoolRow: string, unitsText = line) {
    const schools = schoolsFrom('id,name,level,lon,lat,capacity,classrooms,enrollment,g1,g7\n' + schoolRow);
    return computeCatchments(schools, await unitsFrom(unitsText), settings).schools[0];
  }

  it('overcrowded when enrollment or catchment demand exceed capacity', async () => {
    const r = await reportFor('S,S,primary,0,0,90,,80,,');
    const f = flag(r.flags, 'overcrowded');
    expect(f.status).toBe('flagged'); // demand 100 > 90 places, enrollment 80 is within
    expect(f.values).toMatchObject({ capacity: 90, enrollment: 80, demand: 100 });
    expect(f.message).toBe('over capacity: enrollment 80 (89%), catchment demand 100 (111%) for 90 places; limit 100%');
  });

  it('large classes in three bands: over the standard, large (56+), super-large (66+)', async () => {
    const sev = async (enrollment: number) => flag((await reportFor(`S,S,primary,0,0,,10,${enrollment},,`)).flags, 'large_classes');
    expect((await sev(450)).status).toBe('ok'); // 45.0 per class
    expect((await sev(460)).severity).toBe('over_standard');
    expect((await sev(560)).severity).toBe('large');
    expect((await sev(660)).severity).toBe('super_large');
    expect((await sev(660)).message).toBe('average class 66.0 pupils (660 in 10 classes); standard 45: super large');
  });

  it('undersized per level, and a nine-year school is judged on each level', async () => {
    const r = await reportFor('N,N,nine_year,0,0,,,,95,320');
    expect(flag(r.flags, 'undersized', 'primary')).toMatchObject({ status: 'flagged', values: { enrollment: 95, minimum: 100 } });
    expect(flag(r.flags, 'undersized', 'junior')).toMatchObject({ status: 'ok', values: { enrollment: 320, minimum: 300 } });
  });

  it('far when too large a share of the catchment lives beyond the standard', async () => {
    const units = 'id,lon,lat,primary,junior\nnear,0,0,80,0\nfar,0.05,0,20,0\n'; // 20% live ~5.6 km away
    const r = await reportFor('S,S,primary,0,0,,,,,', units);
    expect(flag(r.flags, 'far', 'primary')).toMatchObject({ status: 'flagged', values: { shareBeyond: 0.2, standardM: 2000 } });
  });

  it('under-used below 75% of capacity', async () => {
    const r = await reportFor('S,S,primary,0,0,200,,120,,');
    expect(flag(r.flags, 'under_used')).toMatchObject({ status: 'flagged', values: { utilization: 0.6 } });
  });

  it('reports what it cannot judge as not assessed, never as fine', async () => {
    const r = await reportFor('S,S,primary,0,0,,,,,');
    for (const name of ['overcrowded', 'large_classes', 'under_used', 'undersized']) expect(flag(r.flags, name).status).toBe('not_assessed');
    expect(flag(r.flags, 'overcrowded').message).toBe('not assessed: no capacity or classrooms in the data');
  });

  it('derives capacity from classrooms x class size when capacity is missing, and says so', async () => {
    const r = await reportFor('S,S,primary,0,0,,2,80,,');
    expect(r.capacity).toBe(90);
    expect(r.capacityDerived).toBe(true);
    expect(flag(r.flags, 'overcrowded').message).toContain('(capacity derived from classrooms x class size)');
  });

  it('uses the rural minimum of the Northern Ireland profile', async () => {
    const ni = defaultSettings('northern_ireland');
    const schools = schoolsFrom('id,name,level,lon,lat,enrollment,urban_rural\nR,Rural,primary,0,0,110,RURAL\nU,Urban,primary,0.02,0,110,URBAN\n', ni);
    const r = computeCatchments(schools, await unitsFrom('id,lon,lat,primary\nu,0,0,5\n', ni), ni);
    expect(flag(r.schools[0].flags, 'undersized', 'primary').status).toBe('ok'); // 110 >= 105
    expect(flag(r.schools[1].flags, 'undersized', 'primary').status).toBe('flagged'); // 110 < 140
  });
});

describe('settings', () => {
  it('overrides defaults from JSON and rejects unknown or bad keys by name', () => {
    const s = resolveSettings({ profile: 'scotland', farShareAbove: 0.2, levels: { primary: { classSize: 25 } } });
    expect(s.levels.find((l) => l.id === 'primary')!.classSize).toBe(25);
    expect(s.levels.find((l) => l.id === 'primary')!.grades).toEqual(['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7']);
    expect(() => resolveSettings({ farShare: 1 }, 's.json')).toThrow('s.json: farShare: unknown setting');
    expect(() => resolveSettings({ levels: { primary: { classSize: -1 } } }, 's.json')).toThrow('s.json: levels.primary.classSize: -1 is not valid; expected a non-negative number');
    expect(() => resolveSettings({ profile: 'mars' }, 's.json')).toThrow('s.json: profile: "mars" is not a known profile; expected one of china, scotland, northern_ireland');
  });
});
