import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../bench/synthetic';
import { loadInputs } from '../../src/cli/inputs';
import {
  addAction, buildUnitAdjacency, defaultSettings, derivePlan, fingerprint, newPlan, outcomesCsv, planFileText, removeAction, schoolsCsv,
  type Plan, type ScenarioActionDraft,
} from '../../src/core/index';
import { createEngine } from '../../src/worker/engine';
import { schoolsFrom, unitsFrom } from '../helpers';
import { makeStore, settled, shippedSource } from '../store/storeHelpers';

const tsx = join('node_modules', '.bin', 'tsx');
const cli = (args: string[]) => spawnSync(tsx, ['src/cli/main.ts', ...args], { encoding: 'utf8' });
const idsOf = (r: ReturnType<typeof derivePlan>, level = 'primary') => Array.from(r.result.assignments.find((a) => a.level === level)!.schoolByUnit, (s) => r.schools.ids[s] ?? null);

describe('one derivation: drawn areas and closed schools follow one rule', () => {
  // A west, B east, C between them; u2 is drawn onto C, which the corrections close
  const schools = 'id,name,level,lon,lat,capacity\nA,A,primary,0,0,100\nB,B,primary,0.1,0,100\nC,C,primary,0.05,0.001,100\n';
  const units = 'id,lon,lat,primary,junior\nu1,0.01,0,10,0\nu2,0.04,0,20,0\nu3,0.06,0,30,0\nu4,0.09,0,40,0\n';

  it('an area drawn onto a closed school goes to its nearest open school, with or without layout actions', async () => {
    const data = { schools: schoolsFrom(schools), units: await unitsFrom(units) };
    const plan = newPlan('p', { name: 't', schoolsFingerprint: '', populationFingerprint: '', units: 4, schools: 3 }, defaultSettings());
    plan.schoolEdits = { C: { status: 'closed' } };
    plan.levels.primary.overrides = { u2: 'C' };
    const plain = derivePlan(data, plan);
    // before: the plan path kept u2 on the closed C ([A, C, B, B]) while the scenario path sent it to A
    expect(idsOf(plain)).toEqual(['A', 'A', 'B', 'B']);
    expect(plain.checks.find((c) => c.kind === 'closed_school')!.message).toBe('20 primary children (1 area) drawn onto C, which is closed, go to A');
    // a layout action that moves nobody leaves the zones as they were
    const withAction = derivePlan(data, addAction(plan, { kind: 'change', school: 'B', capacity: 120 }));
    expect(idsOf(withAction)).toEqual(idsOf(plain));
    expect(Array.from(withAction.result.assignments[0].distanceByUnit)).toEqual(Array.from(plain.result.assignments[0].distanceByUnit));
  });

  it('an area drawn onto a school that a merger closes goes to the receiving school', async () => {
    const data = { schools: schoolsFrom(schools), units: await unitsFrom(units) };
    let plan = newPlan('p', { name: 't', schoolsFingerprint: '', populationFingerprint: '', units: 4, schools: 3 }, defaultSettings());
    plan.levels.primary.overrides = { u1: 'C' };
    plan = addAction(plan, { kind: 'merge', school: 'C', into: 'B', campusRetained: false, moveStaff: true });
    // u1 drawn onto C and u2, u3 (C's zone before) all follow C to B
    expect(idsOf(derivePlan(data, plan))).toEqual(['B', 'B', 'B', 'B']);
  });

  it('schools keep their index when a scenario opens one whose id sorts first; action ids are never reused', async () => {
    const csv = 'id,name,level,lon,lat\nÄrla,Ärla,primary,0,0\nÖst,Öst,primary,0.1,0\n';
    const data = { schools: schoolsFrom(csv), units: await unitsFrom(units) };
    let plan = newPlan('p', { name: 't', schoolsFingerprint: '', populationFingerprint: '', units: 4, schools: 2 }, defaultSettings());
    plan.levels.primary.overrides = { u4: 'Ärla' };
    plan = addAction(plan, { kind: 'open', name: 'New', type: 'primary', lon: 0.05, lat: 0, capacity: null, classrooms: null });
    const r = derivePlan(data, plan);
    expect(r.schools.ids).toEqual(['Ärla', 'Öst', '~new-1']);
    expect(idsOf(r)).toEqual(['Ärla', '~new-1', '~new-1', 'Ärla']);
    const removed = removeAction(plan, '~new-1');
    const again = addAction(removed, { kind: 'open', name: 'Other', type: 'primary', lon: 0.06, lat: 0, capacity: null, classrooms: null });
    expect(again.actions!.map((a) => a.id)).toEqual(['~new-2']);
    const more = addAction(addAction(again, { kind: 'close', school: 'Öst' }), { kind: 'housing', name: 'H', ring: null, lon: 0, lat: 0, homes: 1, yieldPerHome: {}, occupiedYear: null });
    expect(more.actions!.map((a) => a.id)).toEqual(['~new-2', 'a3', 'h4']);
  });

  it('a new school is judged on its catchment demand, not flagged undersized for having no pupils yet', async () => {
    const data = { schools: schoolsFrom(schools), units: await unitsFrom(units) };
    const base = defaultSettings();
    const settings = { ...base, levels: base.levels.map((l) => ({ ...l, minPupils: 30 })) };
    const plan = addAction(newPlan('p', { name: 't', schoolsFingerprint: '', populationFingerprint: '', units: 4, schools: 3 }, settings), { kind: 'open', name: 'New', type: 'primary', lon: 0.09, lat: 0, capacity: 60, classrooms: 2 });
    const r = derivePlan(data, plan);
    const report = r.result.schools.find((s) => s.id === '~new-1')!;
    expect(report.enrollment).toBe(40);
    expect(report.enrollmentFromDemand).toBe(true);
    const undersized = report.flags.find((f) => f.flag === 'undersized')!;
    expect(undersized.message).toContain('catchment demand');
    expect(r.mergers.some((m) => m.school === '~new-1')).toBe(false);
  });
});

describe('figures the data cannot give read "not assessed", never 0', () => {
  it('capacity freed and balance without capacity or classrooms; the outcomes CSV says why', async () => {
    // no capacity, no classrooms, teachers for one school only
    const data = { schools: schoolsFrom('id,name,level,lon,lat,teachers,g1\nA,A,primary,0,0,10,100\nB,B,primary,0.1,0,,80\nC,C,primary,0.05,0.001,,90\n'), units: await unitsFrom('id,lon,lat,primary,junior\nu1,0.01,0,10,0\nu2,0.04,0,20,0\nu3,0.06,0,30,0\nu4,0.09,0,40,0\n') };
    const plan = addAction(newPlan('p', { name: 't', schoolsFingerprint: '', populationFingerprint: '', units: 4, schools: 3 }, defaultSettings()), { kind: 'close', school: 'C' });
    const o = derivePlan(data, plan).outcomes;
    expect(o.capacityFreed).toBeNaN();
    expect(o.balance.filter((b) => b.level === 'primary').map((b) => [b.indicator, b.notAssessed])).toEqual([
      ['teachers', 'not assessed: 2 of 3 schools have no teachers in the data'],
      ['classrooms', 'not assessed: 3 of 3 schools have no classrooms in the data'],
      ['places', 'not assessed: 3 of 3 schools have no capacity in the data'],
    ]);
    const csv = outcomesCsv(o);
    expect(csv).toContain('capacity,,,places freed,,,a closed school has no capacity in the data');
    expect(csv).toContain('balance,primary,teachers,coefficient of variation,,,not assessed: 2 of 3 schools have no teachers in the data');
    expect(csv).not.toMatch(/places freed,,0/);
  });
});

/** A random plan over the fixture: overrides, locks, corrections and every kind of layout action. */
function randomPlan(seed: number, base: Plan, schoolIds: string[], unitIds: string[]): Plan {
  const rand = mulberry32(seed);
  const pick = <T,>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
  let plan: Plan = structuredClone(base);
  for (let k = 0; k < 3; k++) {
    const u = pick(unitIds);
    plan.levels.primary.overrides[u] = pick(schoolIds);
    if (rand() < 0.5) plan.levels.primary.lockedUnits.push(u);
  }
  if (rand() < 0.3) plan.schoolEdits[pick(schoolIds)] = { status: 'closed' };
  const drafts: ScenarioActionDraft[] = [];
  const n = Math.floor(rand() * 4);
  for (let k = 0; k < n; k++) {
    const kind = pick(['close', 'merge', 'open', 'teaching_point', 'housing', 'close_to'] as const);
    const a = pick(schoolIds), b = pick(schoolIds.filter((x) => x !== a));
    if (kind === 'close') drafts.push({ kind: 'close', school: a });
    else if (kind === 'close_to') drafts.push({ kind: 'close', school: a, receiver: b });
    else if (kind === 'merge') drafts.push({ kind: 'merge', school: a, into: b, campusRetained: rand() < 0.5, moveStaff: true });
    else if (kind === 'teaching_point') drafts.push({ kind: 'teaching_point', school: a, into: b, keepUpTo: 'g3' });
    else if (kind === 'open') drafts.push({ kind: 'open', name: 'New', type: 'primary', lon: 113 + rand() * 0.08, lat: 28 + rand() * 0.01, capacity: 300, classrooms: 8 });
    else drafts.push({ kind: 'housing', name: 'H', ring: null, lon: 113 + rand() * 0.08, lat: 28 + rand() * 0.01, homes: 200, yieldPerHome: { primary: 0.25, junior: 0.1 }, occupiedYear: null });
  }
  for (const d of drafts) plan = addAction(plan, d);
  if (rand() < 0.5 && plan.actions?.some((a) => a.kind === 'open')) plan.levels.primary.overrides[pick(unitIds)] = plan.actions.find((a) => a.kind === 'open')!.id;
  return plan;
}

describe('the worker path and the CLI path give identical results', () => {
  it('on seeded random plans (overrides, locks, closes, merges, opens, teaching points, housing)', async () => {
    const sPath = 'test/fixtures/cli/schools.csv', pPath = 'test/fixtures/cli/population.csv';
    const engine = createEngine();
    const file = (p: string) => ({ name: p.split('/').pop()!, bytes: new Uint8Array(readFileSync(p)) });
    const opened = await engine.openDataset({ name: 'fixture', schools: file(sPath), population: file(pPath) });
    if (!opened.ok) throw new Error(JSON.stringify(opened.problems));
    const inputs = await loadInputs({ schools: sPath, population: pPath }, () => {});
    const ds = opened.dataset;
    const base = newPlan('random', { name: 'fixture', schoolsFingerprint: ds.schoolsFingerprint, populationFingerprint: ds.populationFingerprint, units: ds.units.count, schools: ds.schools.ids.length }, ds.settings);
    const unitIds = Array.from({ length: ds.units.count }, (_, u) => ds.units.ids?.[u] ?? String(u));
    let withActions = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const plan = randomPlan(seed, base, ds.schools.ids, unitIds);
      if (plan.actions?.length) withActions++;
      const viaWorker = await engine.compute({ token: ds.token, plan: structuredClone(plan) });
      const viaCli = derivePlan({ schools: inputs.schools!.schools, units: inputs.units!, adjacency: buildUnitAdjacency(inputs.units!) }, plan);
      const csvWorker = schoolsCsv({ assignments: viaWorker.assignments, schools: viaWorker.reports, summary: viaWorker.summary }, plan.settings);
      expect(csvWorker).toBe(schoolsCsv(viaCli.result, plan.settings));
      for (const a of viaCli.result.assignments) {
        const w = viaWorker.assignments.find((x) => x.level === a.level)!;
        expect(Array.from(w.schoolByUnit)).toEqual(Array.from(a.schoolByUnit));
      }
      expect(JSON.stringify(viaWorker.outcomes)).toBe(JSON.stringify(viaCli.outcomes));
      expect(viaWorker.checks.map((c) => c.message)).toEqual(viaCli.checks.map((c) => c.message));
    }
    expect(withActions).toBeGreaterThan(20);
  });

  it('on Edinburgh: the app\'s painted, locked, closed, merged and opened plan gives byte-identical schools.csv in the app, assign --plan and scenario', async () => {
    const store = makeStore([shippedSource('edinburgh')]);
    await store.getState().actionOpenSource('edinburgh');
    const st = () => store.getState();
    // paint 30 areas onto Abbeyhill, lock 5 of them, then close, merge and open
    st().actionSelectSchool('5520924');
    st().actionSetTool('brush');
    expect(st().actionBeginStroke()).toBe(true);
    st().actionPaintUnits(Array.from({ length: 30 }, (_, k) => 40 + k * 3));
    st().actionEndStroke();
    await settled(store);
    st().actionSetTool('lock');
    st().actionBeginStroke();
    st().actionPaintUnits([40, 43, 46, 49, 52]);
    st().actionEndStroke();
    const ids = st().dataset!.schools.ids;
    await st().actionAddLayoutAction({ kind: 'close', school: ids[10] });
    await st().actionAddLayoutAction({ kind: 'merge', school: ids[20], into: ids[21], campusRetained: false, moveStaff: true });
    await st().actionAddLayoutAction({ kind: 'open', name: 'New', type: 'primary', lon: -3.2, lat: 55.93, capacity: 420, classrooms: 14 });
    await settled(store);
    const results = st().results!;
    expect(results.schools.ids.slice(0, ids.length)).toEqual(ids);
    const appCsv = schoolsCsv({ assignments: results.assignments, schools: results.reports, summary: results.summary }, st().settings!);
    const dir = mkdtempSync(join(tmpdir(), 'one-'));
    writeFileSync(join(dir, 'plan.json'), st().exportActivePlan()!);
    const files = ['--schools', 'geodata/edinburgh/schools.geojson', '--population', 'geodata/edinburgh/population.geojson'];
    const a = cli(['assign', ...files, '--plan', join(dir, 'plan.json'), '--out', join(dir, 'assign')]);
    expect(a.status, a.stdout + a.stderr).toBe(0);
    const s = cli(['scenario', ...files, '--scenario', join(dir, 'plan.json'), '--out', join(dir, 'scenario')]);
    expect(s.status, s.stdout + s.stderr).toBe(0);
    const assignCsv = readFileSync(join(dir, 'assign', 'schools.csv'), 'utf8');
    expect(assignCsv).toBe(appCsv);
    expect(readFileSync(join(dir, 'scenario', 'schools.csv'), 'utf8')).toBe(appCsv);
    expect(appCsv).toContain('\n~new-3,New,primary,open');
  });

  it('a plan without actions gives the same schools.csv through assign --plan and scenario', () => {
    const sPath = 'test/fixtures/cli/schools.csv', pPath = 'test/fixtures/cli/population.csv';
    const dir = mkdtempSync(join(tmpdir(), 'one-'));
    const plan = newPlan('p', { name: 'fixture', schoolsFingerprint: fingerprint(readFileSync(sPath)), populationFingerprint: fingerprint(readFileSync(pPath)), units: 6, schools: 5 }, defaultSettings());
    plan.levels.primary.overrides = { a3: 'P-01' };
    writeFileSync(join(dir, 'plan.json'), planFileText(plan));
    expect(cli(['assign', '--schools', sPath, '--population', pPath, '--plan', join(dir, 'plan.json'), '--out', join(dir, 'a')]).status).toBe(0);
    expect(cli(['scenario', '--schools', sPath, '--population', pPath, '--scenario', join(dir, 'plan.json'), '--out', join(dir, 's')]).status).toBe(0);
    expect(readFileSync(join(dir, 's', 'schools.csv'), 'utf8')).toBe(readFileSync(join(dir, 'a', 'schools.csv'), 'utf8'));
  });
});
