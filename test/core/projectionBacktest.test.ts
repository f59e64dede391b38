/**
 * Projections you can check: hand fixtures for credibility-weighted ratios and for each entry source
 * (births, single-year ages, entry trend), and the built-in backtest on real data: Edinburgh 2019-2023
 * (engine against same-as-last-year and plain grade progression; the 80% range's coverage on a year it
 * was not fitted on), the change weight and base-year cohorts, and Hualien's births against its grade-1
 * pupils (Northern Ireland's rebuilt year: realDataSets.test.ts).
 * Prints every figure.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  backtest, baseGrades, chooseBaseYear, computeCatchments, dampedYears, gradeSeries, projectEnrollment, quantile, rangeAt,
  resolveSettings, addAction, derivePlan, newPlan, validatePlan, bestChangeWeight, withChange, DEFAULT_CHANGE_WEIGHT, type BacktestPoint, type Settings,
} from '../../src/core/index';
import { schoolsFrom, unitsFrom } from '../helpers';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;

describe('credibility-weighted grade ratios (hand-computed)', () => {
  // S: 12 pupils in g1 2023 -> 18 in g2 2024 (own ratio 1.5, n = 12); L: 200 -> 190 (0.95, n = 200)
  // district R_D = (18 + 190) / (12 + 200) = 208 / 212; k = 60: z_S = 12 / 72, z_L = 200 / 260
  const csv = 'id,name,level,lon,lat,g1,g2,g3,g4,g5,g6,g1_2023\nS,S,primary,0,0,10,18,10,10,10,10,12\nL,L,primary,0.1,0,200,190,200,200,200,200,200\n';
  const run = (k: number) => {
    const settings = resolveSettings({ projection: { baseYear: 2024, horizonYears: 1, credibilityPupils: k, changeWeight: 1 } });
    const schools = schoolsFrom(csv, settings);
    const units = { count: 0, ids: [], lon: new Float64Array(0), lat: new Float64Array(0), childrenByLevel: { primary: new Float32Array(0), junior: new Float32Array(0) }, countSourceByLevel: {}, childrenByAge: {}, geometry: { kind: 'points' as const } };
    return projectEnrollment(schools, units, settings, computeCatchments(schools, units, settings).assignments);
  };

  it('shrinks a 12-pupil grade toward the district far more than a 200-pupil one', () => {
    const p = run(60);
    const rd = 208 / 212;
    const s = p.schools.find((x) => x.id === 'S')!, l = p.schools.find((x) => x.id === 'L')!;
    expect(s.ratioWeight['g1->g2']).toBeCloseTo(12 / 72, 12);
    expect(s.ratios['g1->g2']).toBeCloseTo((12 / 72) * 1.5 + (60 / 72) * rd, 12); // 1.0676
    expect(l.ratios['g1->g2']).toBeCloseTo((200 / 260) * 0.95 + (60 / 260) * rd, 12);
    expect(s.years[0].byGrade.g2).toBeCloseTo(10 * ((12 / 72) * 1.5 + (60 / 72) * rd), 10);
    // no pairs of its own for g2->g3: the district's (none: 1.0), weight 0
    expect(s.ratioWeight['g2->g3']).toBe(0);
    expect(s.historyYearsUsed).toEqual([2023, 2024]);
  });

  it('k = 0 gives the plain school ratios', () => {
    expect(run(0).schools.find((x) => x.id === 'S')!.ratios['g1->g2']).toBeCloseTo(1.5, 12);
  });
});

describe('entry sources, best first (hand-computed)', () => {
  const settings = resolveSettings({ projection: { baseYear: 2024, horizonYears: 3, credibilityPupils: 0, entryTrendDamping: 1, changeWeight: 1 } });
  // A at x=0 has births in its zone; B at x=1 has none (takes its trend: 40 -> 44, district of itself)
  const schoolsCsv = 'id,name,level,lon,lat,g1,g2,g3,g4,g5,g6,g1_2023\nA,A,primary,0,0,50,50,50,50,50,50,45\nB,B,primary,1,0,44,40,40,40,40,40,40\n';

  it('births: entry = births of the intake window x the rate calibrated on the school\'s own years', async () => {
    const schools = schoolsFrom(schoolsCsv, settings);
    const units = await unitsFrom('id,lon,lat,primary,birth_2017,birth_2018,birth_2019,birth_2020\nUA,0,0,300,50,50,40,60\nUB,1,0,240,0,0,0,0\n', settings);
    const p = projectEnrollment(schools, units, settings, computeCatchments(schools, units, settings).assignments);
    const a = p.schools[0], b = p.schools[1];
    // rate = (45 + 50) / (50 + 50) = 0.95 (entry 2023 <- births 2017, 2024 <- 2018)
    expect(a.entryMethod.primary).toBe('births');
    expect(a.years.map((y) => y.byGrade.g1)).toEqual([expect.closeTo(0.95 * 40, 10), expect.closeTo(0.95 * 60, 10), expect.closeTo(0.95 * 60, 10)]);
    expect(a.entry.primary).toMatch(/^births \(zone\): 95% of the zone's births 6 years earlier .*births known through the 2026 intake, later years at the 2020 births/);
    // B's zone has no births: its own entry trend, and it says so
    expect(b.entryMethod.primary).toBe('school entry trend');
    expect(b.entry.primary).toMatch(/no births in the zone/);
  });

  it('births by area: each township\'s births shared by its schools\' entry pupils now, calibrated per school', async () => {
    // T1 has A (g1 50), C (g1 150) and D (g1 0): shares 25% / 75% / 0 of T1's births (UA + UC); B's township T2 has no births
    const csv = 'id,name,level,lon,lat,township,g1,g2,g3,g4,g5,g6\nA,A,primary,0,0,T1,50,50,50,50,50,50\nB,B,primary,1,0,T2,44,40,40,40,40,40\nC,C,primary,2,0,T1,150,150,150,150,150,150\nD,D,primary,3,0,T1,0,10,10,10,10,10\n';
    const schools = schoolsFrom(csv, settings);
    const units = await unitsFrom('id,lon,lat,township,primary,birth_2018,birth_2019\nUA,0,0,T1,300,100,80\nUB,1,0,T2,240,0,0\nUC,2,0,T1,300,150,120\n', settings);
    const run = (birthsMatch: 'area' | 'zone') => projectEnrollment(schools, units, resolveSettings({ projection: { ...settings.projection, birthsMatch } }), computeCatchments(schools, units, settings).assignments);
    const [a, b, c, d] = run('area').schools;
    // A: births 0.25 x 250 = 62.5 in 2018, rate 50 / 62.5 = 0.8; 2025 <- 0.8 x 0.25 x 200 = 40 (C: 120)
    expect(a.entryMethod.primary).toBe('births by area');
    expect(a.entryArea).toEqual({ primary: 'T1' });
    expect(a.years[0].byGrade.g1).toBeCloseTo(40, 10);
    expect(c.years[0].byGrade.g1).toBeCloseTo(120, 10);
    expect(a.entry.primary).toMatch(/^births \(township\): 80% of its 25% share \(by g1 pupils now\) of the births of its township T1 6 years earlier/);
    // B's township has no births: no history either, so held, and it says why
    expect(b.entryMethod.primary).toBe('held at base year');
    expect(b.entry.primary).toMatch(/no births in its township \(T2\)/);
    expect(d.entry.primary).toMatch(/no g1 pupils now, so no share of the births of its township \(T1\)/);
    // forced to zones: A from UA alone (100 -> 80: 50 x 0.8 = 40), C from UC (150 -> 120: 120)
    const zone = run('zone').schools;
    expect(zone[0].entryMethod.primary).toBe('births');
    expect(zone[0].entry.primary).toMatch(/^births \(zone\): 50% of the zone's births/);
    expect(resolveSettings({ projection: { birthsMatch: 'zone' } }).projection.birthsMatch).toBe('zone');
    expect(resolveSettings({}).projection.birthsMatch).toBe('area');
  });

  it('single-year ages when there are no births: rho x children aged a0 - k', async () => {
    const schools = schoolsFrom(schoolsCsv, settings);
    const units = await unitsFrom('id,lon,lat,age_3,age_4,age_5,age_6,age_7,age_8,age_9,age_10,age_11\nUA,0,0,30,40,60,50,50,50,50,50,50\nUB,1,0,44,44,44,44,44,44,44,44,44\n', settings);
    const p = projectEnrollment(schools, units, settings, computeCatchments(schools, units, settings).assignments);
    expect(p.schools[0].entryMethod.primary).toBe('zone ages');
    // rho = 50 / 50; the 5-year-olds enter next year, the 4-year-olds the year after
    expect(p.schools[0].years.map((y) => y.byGrade.g1)).toEqual([expect.closeTo(60, 10), expect.closeTo(40, 10), expect.closeTo(30, 10)]);
  });

  it('the damped entry trend without population data: T^(phi + … + phi^k)', () => {
    expect(dampedYears(3, 0.5)).toBeCloseTo(0.875, 12);
    expect(dampedYears(3, 1)).toBe(3);
    expect(dampedYears(3, 0)).toBe(0);
    const s = resolveSettings({ projection: { baseYear: 2024, horizonYears: 2, credibilityPupils: 0, entryTrendDamping: 0.5, changeWeight: 1 } });
    const schools = schoolsFrom('id,name,level,lon,lat,g1,g2,g3,g4,g5,g6,g1_2023\nB,B,primary,1,0,44,40,40,40,40,40,40\n', s);
    const units = { count: 0, ids: [], lon: new Float64Array(0), lat: new Float64Array(0), childrenByLevel: { primary: new Float32Array(0), junior: new Float32Array(0) }, countSourceByLevel: {}, childrenByAge: {}, geometry: { kind: 'points' as const } };
    const p = projectEnrollment(schools, units, s, computeCatchments(schools, units, s).assignments);
    // alone, B is its own district: T = 44 / 40 = 1.1; year 1: 44 x 1.1^0.5, year 2: 44 x 1.1^0.75
    expect(p.schools[0].entryMethod.primary).toBe('school entry trend');
    expect(p.schools[0].years[0].byGrade.g1).toBeCloseTo(44 * 1.1 ** 0.5, 10);
    expect(p.schools[0].years[1].byGrade.g1).toBeCloseTo(44 * 1.1 ** 0.75, 10);
  });
});

describe('ranges', () => {
  it('quantiles interpolate; the range widens with the square root of the years ahead', () => {
    expect(quantile([0, 1, 2, 3, 4], 0.1)).toBeCloseTo(0.4, 12);
    const [lo, hi] = rangeAt(100, { low: -0.05, high: 0.08 }, 4);
    expect(lo).toBeCloseTo(90, 10);
    expect(hi).toBeCloseTo(116, 10);
  });
});

/** Schools of a data set with its settings (overrides on top), as the app loads them. */
function dataSet(id: string, projection: Partial<Settings['projection']> = {}) {
  const raw = JSON.parse(readFileSync(`geodata/${id}/settings.json`, 'utf8'));
  const settings = resolveSettings({ ...raw, projection: { ...(raw.projection ?? {}), ...projection } });
  const schools = schoolsFrom(readFileSync(`geodata/${id}/schools.geojson`, 'utf8'), settings, 'schools.geojson');
  return { settings, schools };
}

describe('backtest on Edinburgh 2019-2023', () => {
  const { settings, schools } = dataSet('edinburgh');
  const base = chooseBaseYear(schools, settings).year;
  const series = schools.ids.map((_, s) => gradeSeries(schools, s, base));
  const bt = backtest(series, baseGrades(schools, settings).grades, settings, base);

  it('beats same-as-last-year and plain grade progression on MAPE of school totals', () => {
    const lines = [`Edinburgh backtest (${bt.note}); MAPE of school totals, engine / same as last year / plain grade progression:`];
    for (const h of bt.byHorizon) lines.push(`  ${h.horizon} year(s) ahead, ${h.n} school-years: ${pct(h.engine)} / ${pct(h.same)} / ${pct(h.plain)}`);
    for (const d of bt.district) lines.push(`  district ${d.year} (one year ahead): actual ${Math.round(d.actual)}, engine ${Math.round(d.engine)}, same ${Math.round(d.same)}, plain ${Math.round(d.plain)}`);
    console.log(lines.join('\n'));
    expect(bt.oneYear.n).toBeGreaterThan(300);
    for (const h of bt.byHorizon) {
      expect(h.engine).toBeLessThan(h.same);
      expect(h.engine).toBeLessThan(h.plain);
    }
  });

  it('the 80% range covers 70-90% of the actual totals of a year it was not fitted on', () => {
    // fitted on the one-year errors of the years before the base year, checked on the base year itself
    // (one, two and three years ahead, widened by sqrt(h))
    const fit = bt.points.filter((x) => x.horizon === 1 && x.year < base && x.engine > 0).map((x) => x.actual / x.engine - 1).sort((a, b) => a - b);
    const range = { low: quantile(fit, 0.1), high: quantile(fit, 0.9) };
    const check = bt.points.filter((x) => x.year === base);
    const inside = (x: BacktestPoint) => { const [lo, hi] = rangeAt(x.engine, range, x.horizon); return x.actual >= lo && x.actual <= hi; };
    const cover = check.filter(inside).length / check.length;
    const byH = [1, 2, 3].map((h) => { const xs = check.filter((x) => x.horizon === h); return `${h}y ${pct(xs.filter(inside).length / xs.length)} of ${xs.length}`; });
    const inSample = bt.points.filter((x) => x.horizon === 1).filter((x) => { const [lo, hi] = rangeAt(x.engine, bt.range!, 1); return x.actual >= lo && x.actual <= hi; }).length / bt.oneYear.n;
    console.log(`Edinburgh 80% range: fitted on ${fit.length} one-year errors before ${base} (${pct(range.low)} to +${pct(range.high)}); covers ${pct(cover)} of ${check.length} actual ${base} totals (${byH.join(', ')}); the shipped range (${pct(bt.range!.low)} to +${pct(bt.range!.high)}, all ${bt.range!.n}) covers ${pct(inSample)} in sample`);
    expect(cover).toBeGreaterThanOrEqual(0.7);
    expect(cover).toBeLessThanOrEqual(0.9);
  });

  it('every projected school states its ratio source, entry source, history years and backtest error', async () => {
    const units = await unitsFrom(readFileSync('geodata/edinburgh/population.geojson', 'utf8'), settings, 'population.geojson');
    const p = projectEnrollment(schools, units, settings, computeCatchments(schools, units, settings).assignments);
    const projected = p.schools.filter((s) => s.years.length);
    expect(projected.every((s) => Object.keys(s.ratioSource).length && Object.keys(s.entryMethod).length && s.historyYearsUsed.length)).toBe(true);
    expect(projected.filter((s) => s.backtestError !== null).length).toBeGreaterThan(100);
    expect(p.backtest.oneYear.engine).toBeCloseTo(bt.oneYear.engine, 12);
    const y = projected[0].years[2];
    expect(y.low).toBeLessThan(y.total);
    expect(y.high).toBeGreaterThan(y.total);
  });
});

describe('change weight and base-year cohorts (hand-computed)', () => {
  const units = { count: 0, ids: [], lon: new Float64Array(0), lat: new Float64Array(0), childrenByLevel: { primary: new Float32Array(0), junior: new Float32Array(0) }, countSourceByLevel: {}, childrenByAge: {}, geometry: { kind: 'points' as const } };
  // no history anywhere: A's cohorts g1..g6 are 30, 40, 50, 50, 50, 50; B's are all 50
  const csv = 'id,name,level,lon,lat,g1,g2,g3,g4,g5,g6\nA,A,primary,0,0,30,40,50,50,50,50\nB,B,primary,1,0,50,50,50,50,50,50\n';
  const run = (projection: Record<string, unknown>) => {
    const s = resolveSettings({ projection: { baseYear: 2024, horizonYears: 2, credibilityPupils: 0, entryTrendDamping: 0.5, ...projection } });
    const schools = schoolsFrom(csv, s);
    return projectEnrollment(schools, units, s, computeCatchments(schools, units, s).assignments);
  };

  it('without entry history the entry is the mean of the first n cohorts, moved by the district\'s cohort trend', () => {
    const p = run({ changeWeight: 1, cohortEntryYears: 3 });
    // n = 3: A's mean 40, B's 50; T_D = (30 + 40 + 50 + 50) / (40 + 50 + 50 + 50) = 170 / 190
    const td = 170 / 190;
    expect(p.schools[0].entryMethod.primary).toBe('base-year cohorts');
    expect(p.schools[0].entry.primary).toMatch(/^base-year cohorts: the mean of its 3 cohorts g1-g3 \(40\.0\), moved by the district's cohort trend x0\.895/);
    // year 1: Ebar x T_D^(1 + 0.5), year 2: Ebar x T_D^(1 + 0.75)
    expect(p.schools[0].years.map((y) => y.byGrade.g1)).toEqual([expect.closeTo(40 * td ** 1.5, 10), expect.closeTo(40 * td ** 1.75, 10)]);
    expect(p.schools[1].years[0].byGrade.g1).toBeCloseTo(50 * td ** 1.5, 10);
    // one cohort: held at the base year, as before
    const held = run({ changeWeight: 1, cohortEntryYears: 1 });
    expect(held.schools[0].entryMethod.primary).toBe('held at base year');
    expect(held.schools[0].years[1].byGrade.g1).toBe(30);
  });

  it('keeps lambda of each grade\'s projected change; without a backtest lambda is the default', () => {
    const full = run({ changeWeight: 1, cohortEntryYears: 1 }), half = run({ changeWeight: 0.5, cohortEntryYears: 1 });
    // A next year at lambda 1: g1 30 (held), g2 30, g3 40, g4..g6 50 = 250 against 270 now; at 0.5: 260
    expect(full.schools[0].years[0].total).toBeCloseTo(250, 10);
    expect(half.schools[0].years[0].total).toBeCloseTo(260, 10);
    expect(half.schools[0].years[0].byGrade.g2).toBeCloseTo(40 + 0.5 * (30 - 40), 10);
    expect(half.backtest.changeWeight).toMatchObject({ value: 0.5, source: 'setting' });
    const auto = run({ cohortEntryYears: 1 });
    expect(auto.backtest.changeWeight).toMatchObject({ value: DEFAULT_CHANGE_WEIGHT, source: 'default' });
  });

  it('the backtest chooses lambda on earlier years only, and the candidate with the least error for the projection', () => {
    // same 100, progression 110; actual 105 in 2021 (lambda 0.5 best), 110 in 2022 (lambda 1 best)
    const pt = (year: number, actual: number) => ({ school: 0, origin: year - 1, year, horizon: 1, actual, engine: NaN, progression: 110, same: 100, plain: 100 });
    expect(bestChangeWeight([pt(2021, 105)])).toBe(0.5);
    expect(bestChangeWeight([pt(2021, 105), pt(2022, 110), pt(2022, 110)])).toBe(1);
    expect(bestChangeWeight([])).toBeNull();
    expect(withChange(100, 110, 0.3)).toBeCloseTo(103, 12);
  });
});

describe('Hualien: births-based entry against grade-1 pupils', () => {
  it('the engine\'s 2024 grade 1 from births, one year ahead of a base year rebuilt from grades 2-6, by zone and by township', async () => {
    // out of sample: 2023 is rebuilt as each cohort one grade younger (g1 2023 = g2 2024, ...), the engine
    // projects 2024 from it (change weight 1: its entry as projected) and g1 2024 is the actual
    const { settings, schools } = dataSet('hualien', { baseYear: 2023, horizonYears: 1, changeWeight: 1 });
    const units = await unitsFrom(readFileSync('geodata/hualien/population.geojson', 'utf8'), settings, 'population.geojson');
    expect(Object.keys(units.birthsByYear ?? {}).map(Number).sort()).toContain(2018);
    expect(units.areaByUnit?.field).toBe('township');
    const g = schools.enrollmentByGrade;
    const earlier = { ...schools, enrollmentByGrade: g.map((e) => (e ? { g1: e.g2, g2: e.g3, g3: e.g4, g4: e.g5, g5: e.g6, g6: e.g6 } : null)), historyByYear: undefined };
    const assignments = computeCatchments(earlier, units, settings).assignments;
    const project = (birthsMatch: 'area' | 'zone') => projectEnrollment(earlier, units, { ...settings, projection: { ...settings.projection, birthsMatch } }, assignments).schools;
    const zone = project('zone'), area = project('area');
    const rows: { actual: number; zone: number; area: number; held: number }[] = [];
    for (let s = 0; s < schools.count; s++) {
      if (g[s]?.g1 === undefined || !zone[s].years.length) continue;
      rows.push({ actual: g[s]!.g1, zone: zone[s].years[0].byGrade.g1, area: area[s].years[0].byGrade.g1, held: g[s]!.g2 });
    }
    const count = (p: typeof zone, m: string) => p.filter((x) => x.entryMethod.primary === m).length;
    const withPupils = rows.filter((x) => x.actual > 0);
    type Method = 'zone' | 'area' | 'held';
    const mape = (k: Method) => mean(withPupils.map((x) => Math.abs(x[k] - x.actual) / x.actual));
    const mae = (k: Method) => mean(rows.map((x) => Math.abs(x[k] - x.actual)));
    const total = (k: 'actual' | Method) => rows.reduce((a, x) => a + x[k], 0);
    const county = (k: Method) => `${Math.round(total(k))} (${pct(total(k) / total('actual') - 1)})`;
    console.log(`Hualien grade 1 (2024) projected by the engine one year ahead from births (${rows.length} schools, ${withPupils.length} with pupils; by zone ${count(zone, 'births')} schools from births, by township ${count(area, 'births by area')}): ` +
      `before (births by nearest-school zone) -> after (births by township, shared by entry pupils now): per school MAPE ${pct(mape('zone'))} -> ${pct(mape('area'))}, mean absolute error ${mae('zone').toFixed(1)} -> ${mae('area').toFixed(1)} pupils; ` +
      `county ${Math.round(total('actual'))} actual, ${county('zone')} -> ${county('area')}; last year's intake held (g1 = g2): ${pct(mape('held'))}, ${mae('held').toFixed(1)} pupils, county ${county('held')}`);
    expect(rows.length).toBeGreaterThan(80);
    // the township is chosen without being asked, and every school with entry pupils names its township's births
    expect(count(area, 'births by area')).toBeGreaterThan(80);
    expect(count(zone, 'births by area')).toBe(0);
    // by township, the per-school error is less than half the zone match's, and the county within 5%
    expect(mape('area')).toBeLessThan(mape('zone') / 2);
    expect(mae('area')).toBeLessThan(mae('zone'));
    expect(Math.abs(total('area') / total('actual') - 1)).toBeLessThan(0.05);
  });
});

describe('housing in the projection', () => {
  it('new homes\' pupils join their zone\'s school from the occupancy year, with yields by dwelling type', async () => {
    const settings = resolveSettings({ projection: { baseYear: 2024, horizonYears: 4, credibilityPupils: 0, entryTrendDamping: 1 } });
    const schools = schoolsFrom('id,name,level,lon,lat,g1,g2,g3,g4,g5,g6\nA,A,primary,0,0,40,40,40,40,40,40\nB,B,primary,1,0,40,40,40,40,40,40\n', settings);
    const units = await unitsFrom('id,lon,lat,primary\nUA,0,0,240\nUB,1,0,240\n', settings);
    const blank = newPlan('p', { name: 't', schoolsFingerprint: '', populationFingerprint: '', units: 2, schools: 2 }, settings);
    // 40 houses x 0.3 + 120 flats x 0.1 = 24 primary pupils at A from 2026; B untouched
    const plan = addAction(blank, { kind: 'housing', name: 'H', ring: null, lon: 0, lat: 0, homes: 160, yieldPerHome: { primary: 0.5 }, occupiedYear: 2026, homesByType: { house: 40, flat: 120 }, yieldByType: { house: { primary: 0.3 }, flat: { primary: 0.1 } } });
    const before = derivePlan({ schools, units }, blank).projection, after = derivePlan({ schools, units }, plan).projection;
    const totals = (p: typeof before, id: string) => p.schools.find((s) => s.id === id)!.years.map((y) => y.total);
    expect(totals(after, 'A').map((t, i) => t - totals(before, 'A')[i])).toEqual([0, expect.closeTo(24, 10), expect.closeTo(24, 10), expect.closeTo(24, 10)]);
    expect(totals(after, 'B')).toEqual(totals(before, 'B'));
    // the plan file keeps the dwelling types; a type without yields is refused by field
    const good = validatePlan(JSON.parse(JSON.stringify(plan)), 'p.json');
    expect(good.ok && good.plan.actions![0]).toMatchObject({ homesByType: { house: 40, flat: 120 }, yieldByType: { flat: { primary: 0.1 } } });
    const bad = validatePlan(JSON.parse(JSON.stringify({ ...plan, actions: [{ ...plan.actions![0], yieldByType: { house: { primary: 0.3 } } }] })), 'p.json');
    expect(bad.problems.map((x) => x.field)).toContain('actions[0].yieldByType.flat');
  });
});

describe('housing and the base year', () => {
  it('homes occupied after the base year are not in the current statistics, only in the projections from their year', async () => {
    // base year 2024: homes occupied in 2026 add 20 primary children to A's projections from 2026, none to
    // A's catchment demand now; the same homes occupied in 2024 (or with no year) are in both
    const settings = resolveSettings({ projection: { baseYear: 2024, horizonYears: 3, credibilityPupils: 0, changeWeight: 1, cohortEntryYears: 1 } });
    const schools = schoolsFrom('id,name,level,lon,lat,g1,g2,g3,g4,g5,g6\nA,A,primary,0,0,40,40,40,40,40,40\nB,B,primary,1,0,40,40,40,40,40,40\n', settings);
    const units = await unitsFrom('id,lon,lat,primary\nUA,0,0,240\nUB,1,0,240\n', settings);
    const blank = newPlan('p', { name: 't', schoolsFingerprint: '', populationFingerprint: '', units: 2, schools: 2 }, settings);
    const homes = (occupiedYear: number | null) => addAction(blank, { kind: 'housing', name: 'H', ring: null, lon: 0, lat: 0, homes: 100, yieldPerHome: { primary: 0.2 }, occupiedYear });
    const demandA = (d: ReturnType<typeof derivePlan>) => d.result.schools.find((x) => x.id === 'A')!.demand;
    const totalsA = (d: ReturnType<typeof derivePlan>) => d.projection.schools.find((x) => x.id === 'A')!.years.map((y) => y.total);
    const before = derivePlan({ schools, units }, blank);
    const later = derivePlan({ schools, units }, homes(2026)), now = derivePlan({ schools, units }, homes(2024)), unset = derivePlan({ schools, units }, homes(null));
    expect(demandA(before)).toBe(240);
    expect(demandA(later)).toBe(240);
    expect(demandA(now)).toBe(260);
    expect(demandA(unset)).toBe(260);
    expect(totalsA(later)).toEqual([240, 260, 260]);
    expect(totalsA(now)).toEqual([260, 260, 260]);
    expect(totalsA(unset)).toEqual([260, 260, 260]);
  });
});
