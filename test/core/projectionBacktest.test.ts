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
  backtest, baseGrades, birthEntryRates, chooseBaseYear, computeCatchments, dampedYears, gradeSeries, projectEnrollment, quantile, rangeAt,
  resolveSettings, zoneBirths, addAction, derivePlan, newPlan, validatePlan, bestChangeWeight, withChange, DEFAULT_CHANGE_WEIGHT, type BacktestPoint, type Settings,
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
    expect(a.entry.primary).toMatch(/^births: 95% of the zone's births 6 years earlier .*births known through the 2026 intake, later years at the 2020 births/);
    // B's zone has no births: its own entry trend, and it says so
    expect(b.entryMethod.primary).toBe('school entry trend');
    expect(b.entry.primary).toMatch(/no births in the zone/);
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
  it('the 2024 grade 1 from its intake window\'s births, at a rate fitted on grade 2 and the births a year earlier', async () => {
    const { settings, schools } = dataSet('hualien');
    const units = await unitsFrom(readFileSync('geodata/hualien/population.geojson', 'utf8'), settings, 'population.geojson');
    expect(Object.keys(units.birthsByYear ?? {}).map(Number).sort()).toContain(2018);
    const r = computeCatchments(schools, units, settings);
    const births = zoneBirths(units, schools.count, r.assignments.find((a) => a.level === 'primary')!);
    // out of sample: the rate is fitted on g2 2024 (intake 2023, births of the window ending 2018 - 1) as if
    // it were the g1 of 2023, then g1 2024 = rate x births of the window ending in 2018
    const asG1 = schools.ids.map((_, s) => new Map<number, Record<string, number>>([[2023, schools.enrollmentByGrade[s]?.g2 !== undefined ? { g1: schools.enrollmentByGrade[s]!.g2 } : {}]]));
    const rows: { actual: number; school: number; county: number; township: number; held: number }[] = [];
    // after: births matched to schools by township, not by nearest-school zone: each township's rate fitted
    // on its schools' g2 against its births a year earlier, shared by the schools' g2; this reduces to
    // g1 = g2 x B_T(2018) / B_T(2017), the school's last intake moved by its township's births
    const townBirths = new Map<string, Map<number, number>>();
    for (const f of JSON.parse(readFileSync('geodata/hualien/population.geojson', 'utf8')).features) {
      const m = townBirths.get(f.properties.township) ?? new Map<number, number>();
      for (const y of [2017, 2018]) m.set(y, (m.get(y) ?? 0) + (f.properties[`birth_${y}`] ?? 0));
      townBirths.set(f.properties.township, m);
    }
    const townOf = new Map<string, string>(JSON.parse(readFileSync('geodata/hualien/schools.geojson', 'utf8')).features.map((f: { properties: { id: string; township: string } }) => [f.properties.id, f.properties.township]));
    const fitted = birthEntryRates(asG1, births, 'g1', 6, 2023, 5, settings.projection.credibilityPupils)!;
    const b18 = births.get(2018)!;
    for (let s = 0; s < schools.count; s++) {
      const g1 = schools.enrollmentByGrade[s]?.g1;
      if (g1 === undefined || Number.isNaN(fitted.rate[s])) continue;
      const tb = townBirths.get(townOf.get(schools.ids[s])!)!, g2 = schools.enrollmentByGrade[s]!.g2;
      rows.push({ actual: g1, school: fitted.rate[s] * b18[s], county: fitted.district * b18[s], township: (g2 * tb.get(2018)!) / tb.get(2017)!, held: g2 });
    }
    const withPupils = rows.filter((x) => x.actual > 0);
    type Method = 'school' | 'county' | 'township' | 'held';
    const mape = (k: Method) => mean(withPupils.map((x) => Math.abs(x[k] - x.actual) / x.actual));
    const mae = (k: Method) => mean(rows.map((x) => Math.abs(x[k] - x.actual)));
    const total = (k: 'actual' | Method) => rows.reduce((a, x) => a + x[k], 0);
    console.log(`Hualien grade 1 (2024) from births (${rows.length} schools with births in the zone): per school MAPE ${pct(mape('school'))} (mean absolute error ${mae('school').toFixed(1)} pupils) with the school's shrunk rate, ${pct(mape('county'))} (${mae('county').toFixed(1)}) with the county rate ${fitted.district.toFixed(3)}; county ${Math.round(total('actual'))} actual, ${Math.round(total('school'))} projected (${pct(total('school') / total('actual') - 1)}); ` +
      `before -> after (births by township, shared by the schools' last intake): per school MAPE ${pct(mape('school'))} -> ${pct(mape('township'))}, mean absolute error ${mae('school').toFixed(1)} -> ${mae('township').toFixed(1)} pupils, county ${Math.round(total('township'))} (${pct(total('township') / total('actual') - 1)}); ` +
      `last year's intake held (g1 = g2): ${pct(mape('held'))}, ${mae('held').toFixed(1)} pupils`);
    expect(rows.length).toBeGreaterThan(80);
    // the county within 15% (2024's intake is smaller than its births predict from 2023's); per school the
    // nearest-school zones are not where Hualien's children go to school (many schools of a few pupils)
    expect(Math.abs(total('school') / total('actual') - 1)).toBeLessThan(0.15);
    // matching births to schools by township more than halves the per-school error of the zone match
    expect(mape('township')).toBeLessThan(mape('school') / 2);
    expect(mae('township')).toBeLessThan(mae('school'));
    // and the projection itself takes its entry from births
    const p = projectEnrollment(schools, units, settings, r.assignments);
    expect(p.schools.filter((s) => s.entryMethod.primary === 'births').length).toBe(rows.length);
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
