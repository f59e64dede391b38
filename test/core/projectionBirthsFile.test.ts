/**
 * Births by area and year from a births file (CSV area,year,births): joined to the population units by
 * their id, the same projection as `birth_YYYY` columns; bad rows and unknown areas named by row and field.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { computeCatchments, formatProblem, loadBirths, newPlan, projectEnrollment, resolveSettings, withBirths, type Units } from '../../src/core/index';
import { i18n } from '../../src/i18n/i18n';
import { problemText } from '../../src/panels/format';
import { createEngine } from '../../src/worker/engine';
import { schoolsFrom, unitsFrom } from '../helpers';

const settings = resolveSettings({ projection: { baseYear: 2024, horizonYears: 3, credibilityPupils: 0, entryTrendDamping: 1, changeWeight: 1 } });
// the hand fixture of projectionBacktest.test.ts: A's zone has births (rate (45 + 50) / (50 + 50) = 0.95), B's none
const schoolsCsv = 'id,name,level,lon,lat,g1,g2,g3,g4,g5,g6,g1_2023\nA,A,primary,0,0,50,50,50,50,50,50,45\nB,B,primary,1,0,44,40,40,40,40,40,40\n';
const project = (units: Units) => {
  const schools = schoolsFrom(schoolsCsv, settings);
  return projectEnrollment(schools, units, settings, computeCatchments(schools, units, settings).assignments).schools;
};

describe('births file', () => {
  it('joins births to the units by area code: the projection equals that of birth_YYYY columns', async () => {
    const plain = await unitsFrom('id,lon,lat,primary\nUA,0,0,300\nUB,1,0,240\n', settings);
    // UA's 2019 births in two rows would be a duplicate: one row per area and year, in any order
    const file = loadBirths('births.csv', 'area,year,births\nUA,2018,50\nUA,2017,50\nUA,2019,40\nUA,2020,60\nUB,2018,0\n');
    expect(file.ok && file.problems).toEqual([]);
    if (!file.ok) return;
    const joined = withBirths('births.csv', plain, file.value);
    expect(joined.problems).toEqual([]);
    expect(Array.from(joined.units.birthsByYear![2018])).toEqual([50, 0]);
    expect(Array.from(joined.units.birthsByYear![2019])).toEqual([40, 0]);
    const fromFile = project(joined.units);
    const fromColumns = project(await unitsFrom('id,lon,lat,primary,birth_2017,birth_2018,birth_2019,birth_2020\nUA,0,0,300,50,50,40,60\nUB,1,0,240,0,0,0,0\n', settings));
    expect(fromFile[0].entryMethod.primary).toBe('births');
    expect(fromFile[0].years.map((y) => y.byGrade.g1)).toEqual([expect.closeTo(0.95 * 40, 10), expect.closeTo(0.95 * 60, 10), expect.closeTo(0.95 * 60, 10)]);
    expect(fromFile.map((s) => s.years.map((y) => y.total))).toEqual(fromColumns.map((s) => s.years.map((y) => y.total)));
    // a year of the file replaces the same year's column; other columns stay
    const both = withBirths('births.csv', await unitsFrom('id,lon,lat,primary,birth_2018,birth_2016\nUA,0,0,300,7,9\nUB,1,0,240,7,9\n', settings), file.value).units;
    expect(Array.from(both.birthsByYear![2018])).toEqual([50, 0]);
    expect(Array.from(both.birthsByYear![2016])).toEqual([9, 9]);
  });

  it('an area the population does not have is a warning naming its row; the rest are joined', async () => {
    const units = await unitsFrom('id,lon,lat,primary\nUA,0,0,300\nUB,1,0,240\n', settings);
    const file = loadBirths('births.csv', 'area,year,births\nUA,2018,50\nUZ,2018,5\nUB,2018,3\n');
    if (!file.ok) throw new Error('expected the file to load');
    const r = withBirths('births.csv', units, file.value);
    expect(r.problems.map(formatProblem)).toEqual(['births.csv:3: area: warning: "UZ" is not an area of the population; its births are left out']);
    expect(Array.from(r.units.birthsByYear![2018])).toEqual([50, 3]);
    // without unit ids there is nothing to join to: said once, the units unchanged
    const noIds = await unitsFrom('lon,lat,primary\n0,0,300\n', settings);
    const n = withBirths('births.csv', noIds, file.value);
    expect(n.units.birthsByYear).toBeUndefined();
    expect(n.problems.map((p) => [p.severity, p.code, p.field])).toEqual([['warning', 'birthsNoUnitIds', 'area']]);
  });

  it('bad rows are errors naming the file, row and field; nothing is loaded', () => {
    const r = loadBirths('births.csv', 'Area Code,Year,Births\n,2018,1\nU1,18,2\nU1,2019,-1\nU1,2020,x\nU1,2021,1\nU1,2021,2\n');
    expect(r.ok).toBe(false);
    expect(r.problems.map(formatProblem)).toEqual([
      'births.csv:2: Area Code: missing; expected the area code of a population unit',
      'births.csv:3: Year: "18" is not a year; expected a year such as 2018',
      'births.csv:4: Births: -1 is negative; expected a number of births (0 or more)',
      'births.csv:5: Births: "x" is not a number; expected a number of births (0 or more)',
      'births.csv:7: Area Code: area "U1" in 2021 is on line 6 too; expected one row per area and year',
    ]);
    const cols = loadBirths('births.csv', 'code,n\nU1,3\n');
    expect(cols.problems.map(formatProblem)).toEqual([
      'births.csv:1: year: no column found; expected one named year, birth_year',
      'births.csv:1: births: no column found; expected one named births, birth, count',
    ]);
  });
});

describe('births file in the app\'s worker (the import panel\'s optional file)', () => {
  afterEach(() => void i18n.changeLanguage('en'));
  const file = (name: string, text: string) => ({ name, bytes: new TextEncoder().encode(text) });
  const open = (births: string, engine = createEngine()) => engine.openDataset({
    name: 'fixture', settings: { projection: settings.projection },
    schools: file('schools.csv', schoolsCsv), population: file('population.csv', 'id,lon,lat,primary\nUA,0,0,300\nUB,1,0,240\n'), births: file('births.csv', births),
  });

  it('joins the births: the projection takes its entry from them; an unknown area is a warning', async () => {
    const engine = createEngine();
    const opened = await open('area,year,births\nUA,2017,50\nUA,2018,50\nUA,2019,40\nUQ,2019,1\n', engine);
    if (!opened.ok) throw new Error(JSON.stringify(opened.problems));
    expect(opened.problems.filter((p) => p.file === 'births.csv').map(formatProblem)).toEqual(['births.csv:5: area: warning: "UQ" is not an area of the population; its births are left out']);
    const ds = opened.dataset;
    const plan = newPlan('p', { name: 'fixture', schoolsFingerprint: ds.schoolsFingerprint, populationFingerprint: ds.populationFingerprint, units: ds.units.count, schools: ds.schools.ids.length }, ds.settings);
    const a = (await engine.compute({ token: ds.token, plan })).projection.schools[0];
    expect(a.entryMethod.primary).toBe('births');
    expect(a.years[0].byGrade.g1).toBeCloseTo(0.95 * 40, 10);
  });

  it('a bad births file stops the load, each problem coded with its row and field in every language', async () => {
    const r = await open('area,year,births\nUA,2017,many\nUA,17,1\n');
    expect(r.ok).toBe(false);
    const births = r.problems.filter((p) => p.file === 'births.csv');
    expect(births.map((p) => [p.code, formatProblem(p)])).toEqual([
      ['notNumber', 'births.csv:2: births: "many" is not a number; expected a number of births (0 or more)'],
      ['notBirthYear', 'births.csv:3: year: "17" is not a year; expected a year such as 2018'],
    ]);
    void i18n.changeLanguage('zh-CN');
    expect(problemText(births[1])).toBe('births.csv:3: year: "17" 不是年份；应为如 2018 的年份');
    void i18n.changeLanguage('es');
    expect(problemText(births[0])).toBe('births.csv:2: births: "many" no es un número; se esperaba un número de nacimientos (0 o más)');
  });
});
