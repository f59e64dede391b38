import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mulberry32, syntheticGridUnits, syntheticSchools } from '../../bench/synthetic';
import {
  assignNearest, buildUnitAdjacency, candidateSchools, checkPlan, derivePlan, defaultSettings, fingerprint, greatCircleMeters,
  moveUnit, newPlan, parsePlanFile, planFileText, tallyAssignment, type Plan,
} from '../../src/core/index';
import { schoolsFrom, unitsFrom } from '../helpers';

const datasetOf = (schools: number, units: number): Plan['dataset'] => ({ name: 'test', schoolsFingerprint: 'fs', populationFingerprint: 'fp', units, schools });

describe('incremental zone tallies', () => {
  it('equal a full recompute after thousands of random moves', () => {
    const units = syntheticGridUnits(40_000, 3);
    const schools = syntheticSchools(120, 4);
    const settings = defaultSettings();
    const a = assignNearest(units, schools, candidateSchools(schools, settings, 'primary'), 'primary');
    const ch = units.childrenByLevel.primary;
    const tally = tallyAssignment(a, ch, schools.count, 2000);
    const rand = mulberry32(5);
    for (let k = 0; k < 20_000; k++) {
      const u = Math.floor(rand() * units.count), s = Math.floor(rand() * schools.count);
      moveUnit(tally, a, u, s, ch[u], greatCircleMeters(units.lon[u], units.lat[u], schools.lon[s], schools.lat[s]));
    }
    const fresh = tallyAssignment(a, ch, schools.count, 2000);
    for (let s = 0; s < schools.count; s++) {
      expect(tally.units[s]).toBe(fresh.units[s]);
      expect(tally.children[s]).toBe(fresh.children[s]); // integer children: exact
      expect(tally.childrenBeyond[s]).toBe(fresh.childrenBeyond[s]);
      expect(Math.abs(tally.distanceSum[s] - fresh.distanceSum[s])).toBeLessThanOrEqual(1e-9 * Math.max(1, fresh.distanceSum[s]));
    }
  });
});

describe('applying a plan', () => {
  const schoolsCsv = 'id,name,level,lon,lat,capacity\nA,West,primary,0,0,100\nB,East,primary,0.1,0,100\nC,Closed,primary,0.05,0.05,100\n';
  const unitsCsv = 'id,lon,lat,primary,junior\nu1,0.01,0,10,0\nu2,0.04,0,20,0\nu3,0.06,0,30,0\nu4,0.09,0,40,0\n';

  it('moves overridden units and measures their distance to the new school', async () => {
    const schools = schoolsFrom(schoolsCsv), units = await unitsFrom(unitsCsv);
    const plan = newPlan('p', datasetOf(3, 4), defaultSettings());
    plan.levels.primary.overrides = { u2: 'B', u9: 'A', u1: 'Z' };
    plan.schoolEdits = { C: { status: 'closed' } };
    const r = derivePlan({ schools, units }, plan);
    const a = r.result.assignments[0];
    const ids = Array.from(a.schoolByUnit, (s) => schools.ids[s]);
    expect(ids).toEqual(['A', 'B', 'B', 'B']);
    expect(a.distanceByUnit[1]).toBe(Math.fround(greatCircleMeters(0.04, 0, 0.1, 0)));
    expect(r.nearest[0].schoolByUnit[1]).toBe(0); // the baseline still has u2 at its nearest, A
    expect(r.unknown).toEqual({ units: ['u9'], schools: ['Z'] });
    expect(r.result.schools.find((x) => x.id === 'B')!.distanceByLevel.primary.children).toBe(90);
  });

  it('checks: pieces, closed schools, unassigned children, detours, over capacity', async () => {
    const settings = defaultSettings();
    // a 6 x 1 strip of cells: zone A = cells 0-1 and 4 (a detached piece), zone B the rest
    const rows = [0, 1, 2, 3, 4, 5].map((c) => `${(0.005 + c * 0.01).toFixed(3)},0.005,${c === 5 ? 0 : 30},0`);
    const units = await unitsFrom('lon,lat,primary,junior\n' + rows.join('\n'));
    const schools = schoolsFrom('id,name,level,lon,lat,capacity\nA,A,primary,0.005,0.005,50\nB,B,primary,0.055,0.005,500\nC,C,junior,0.03,0.005,100\n');
    const plan = newPlan('p', datasetOf(3, 6), settings);
    plan.levels.primary.overrides = { '4': 'A', '2': 'C' };
    plan.schoolEdits = { B: { status: 'open' } };
    const r = derivePlan({ schools, units, adjacency: buildUnitAdjacency(units) }, plan);
    const problems = r.checks;
    const kinds = problems.map((p) => p.kind).sort();
    expect(kinds).toEqual(['far_from_nearest', 'fragmented', 'fragmented', 'over_capacity', 'wrong_level']);
    // an area drawn onto a school that does not teach the level goes to its nearest school, and is reported
    expect(problems.find((p) => p.kind === 'wrong_level')!.message).toBe('30 primary children (1 area) drawn onto C, a junior school that does not teach primary, go to A');
    expect(Array.from(r.result.assignments[0].schoolByUnit, (s) => schools.ids[s])).toEqual(['A', 'A', 'A', 'B', 'A', 'B']);
    // checkPlan alone on the same assignment finds the same zone problems
    expect(checkPlan(r.schools, r.units, settings, r.result.assignments, r.nearest, buildUnitAdjacency(units), r.result.schools).length).toBe(problems.length - 1);
    expect(problems.find((p) => p.kind === 'over_capacity')!.message).toBe('A: 120 children for 50 places (240%)');
  });
});

describe('project files', () => {
  const plan = newPlan('Draft', datasetOf(3, 4), defaultSettings('scotland'));
  plan.levels.primary.overrides = { u1: 'A' };
  plan.levels.primary.lockedUnits = ['u1'];

  it('round-trip exactly', () => {
    const r = parsePlanFile(planFileText(plan), 'plan.json', { schoolsFingerprint: 'fs', populationFingerprint: 'fp' });
    expect(r.ok && r.plan).toEqual(plan);
  });
  it('refuse other data, newer versions and other files with a clear message', () => {
    const other = parsePlanFile(planFileText(plan), 'plan.json', { schoolsFingerprint: 'fs', populationFingerprint: 'other' });
    expect(!other.ok && other.problems[0].message).toBe('the plan was drawn on "test" and its population file differ from the data loaded now; open the data set it was made for (or re-draw the plan)');
    const newer = parsePlanFile(JSON.stringify({ ...plan, version: 9 }), 'plan.json');
    expect(!newer.ok && newer.problems[0].message).toBe('9 was written by a newer version of the planner; this one reads up to version 1');
    const wrong = parsePlanFile('{"type":"FeatureCollection"}', 'zones.geojson');
    expect(!wrong.ok && `${wrong.problems[0].field}: ${wrong.problems[0].message}`).toBe('format: is null; expected "school-zoning-plan" (a plan file exported by the planner)');
    const bad = parsePlanFile(JSON.stringify({ ...plan, levels: { primary: { overrides: { u1: 7 } } } }), 'plan.json');
    expect(!bad.ok && bad.problems[0].field).toBe('levels.primary.overrides');
  });
});

describe('cli assign --plan', () => {
  it('applies a saved plan and reports the same statistics as derivePlan', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plan-'));
    const sPath = 'test/fixtures/cli/schools.csv', pPath = 'test/fixtures/cli/population.csv';
    const settings = defaultSettings();
    const plan = newPlan('CLI plan', { name: 'fixture', schoolsFingerprint: fingerprint(readFileSync(sPath)), populationFingerprint: fingerprint(readFileSync(pPath)), units: 6, schools: 5 }, settings);
    plan.levels.primary.overrides = { a3: 'P-01' };
    writeFileSync(join(dir, 'plan.json'), planFileText(plan));
    const r = spawnSync(join('node_modules', '.bin', 'tsx'), ['src/cli/main.ts', 'assign', '--schools', sPath, '--population', pPath, '--plan', join(dir, 'plan.json'), '--out', join(dir, 'out')], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Plan "CLI plan"');
    const expected = derivePlan({ schools: schoolsFrom(readFileSync(sPath, 'utf8')), units: await unitsFrom(readFileSync(pPath, 'utf8')) }, plan).result;
    const csv = readFileSync(join(dir, 'out', 'schools.csv'), 'utf8').split('\n');
    const header = csv[0].split(',');
    const p01 = csv.find((l) => l.startsWith('P-01,'))!.split(',');
    expect(Number(p01[header.indexOf('children_primary')])).toBe(expected.schools.find((x) => x.id === 'P-01')!.distanceByLevel.primary.children);
    expect(readFileSync(join(dir, 'out', 'assignment.csv'), 'utf8')).toContain('a3,primary,P-01,');
    // the same plan on other data is refused
    const other = spawnSync(join('node_modules', '.bin', 'tsx'), ['src/cli/main.ts', 'assign', '--schools', 'public/samples/schools.csv', '--population', pPath, '--plan', join(dir, 'plan.json'), '--out', join(dir, 'out2')], { encoding: 'utf8' });
    expect(other.status).toBe(1);
    expect(other.stdout).toContain('its schools file differ from the data loaded now');
  });
});
