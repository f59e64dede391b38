import loadHighs from 'highs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  additionPlan, BALANCE_STANDARDS, computeCatchments, createHighsSolver, defaultSettings, evaluateBalance, rotationPlan, weightedCvTerms, type LpSolver,
} from '../../src/core/index';
import { schoolsFrom, unitsFrom } from '../helpers';

let solver: LpSolver;
beforeAll(async () => { solver = createHighsSolver(await loadHighs()); });

const settings = defaultSettings();
async function evaluate(csv: string, standard = BALANCE_STANDARDS.basic2012) {
  const schools = schoolsFrom(csv, settings);
  const units = await unitsFrom('id,lon,lat,primary,junior\nu1,0,0,1,1\n', settings);
  const r = computeCatchments(schools, units, settings);
  return { schools, evaluation: evaluateBalance(schools, r.schools, standard, ['primary', 'junior']) };
}

describe('county balance evaluation', () => {
  it('reproduces the official worked example: 5 primaries, 302 pupils, 1,913 books, CV 0.52', async () => {
    // 县域义务教育校际均衡指标计算方法 (以生均图书册数为例): pupils 45/37/89/76/55, books 279/137/935/160/402
    const t = weightedCvTerms([279, 137, 935, 160, 402], [45, 37, 89, 76, 55]);
    expect(t.pooled).toBeCloseTo(6.33, 2);
    expect(Array.from(t.terms, (x) => Math.round(x * 100) / 100)).toEqual([0, 0.85, 5.13, 4.5, 0.17]);
    expect(Math.round(Math.sqrt(t.terms.reduce((a, b) => a + b, 0)) * 100) / 100).toBe(3.26);
    expect(Math.round(t.cv * 100) / 100).toBe(0.52);
    const csv = 'id,name,level,lon,lat,enrollment,books\n' + [[45, 279], [37, 137], [89, 935], [76, 160], [55, 402]].map(([n, b], i) => `P${i + 1},Primary ${i + 1},primary,${i * 0.01},0,${n},${b}`).join('\n');
    const { evaluation } = await evaluate(csv);
    const books = evaluation.levels[0].indicators.find((i) => i.id === 'books')!;
    expect(books.cv).toBeCloseTo(t.cv, 12);
    expect(books.countyValue).toBeCloseTo(1913 / 302, 12);
    // the other seven indicators are not in the data: not assessed, and so is the composite
    expect(evaluation.levels[0].indicators.filter((i) => i.notAssessed).length).toBe(7);
    expect(evaluation.levels[0].composite).toBeNaN();
    expect(evaluation.levels[0].pass).toBeNull();
  });

  it('splits a nine-year school between its levels by weighted pupils and applies the 2017 per-school rule', async () => {
    // N: 100 primary + 100 junior pupils; junior weight 1.1: 110/210 of its 21 teachers above qualification go to junior
    const head = 'id,name,level,lon,lat,g1,g7,teachers_above_qualification,key_teachers,pe_art_teachers,teaching_space_m2,sports_ground_m2,equipment_value,multimedia_classrooms';
    const csv = [head,
      'N,Nine,nine_year,0,0,100,100,21,2,2,1000,2000,500000,5',
      'A,Alpha,primary,0.01,0,100,,5,1,1,500,800,210000,3',
      'B,Beta,primary,0.02,0,100,,4,1,0.5,400,600,150000,2',
      'T,Point,primary,0.03,0,30,,1,0,0,100,100,10000,0',
    ].join('\n');
    const { evaluation } = await evaluate(csv, BALANCE_STANDARDS.quality2017);
    const primary = evaluation.levels.find((l) => l.level === 'primary')!;
    expect(primary.excluded.map((e) => e.id)).toEqual(['T']); // a teaching point under 50 pupils
    const q = primary.indicators.find((i) => i.id === 'qualified_teachers')!;
    const nine = q.schools.find((s) => s.id === 'N')!;
    expect(nine.resource).toBeCloseTo(21 * 100 / 210, 12);
    expect(evaluation.levels.find((l) => l.level === 'junior')!.indicators[0].schools[0].resource).toBeCloseTo(21 * 110 / 210, 12);
    // per 100 pupils: N 10, A 5, B 4 -> county 19 / 300 * 100
    expect(q.countyValue).toBeCloseTo(((10 + 5 + 4) / 300) * 100, 9);
    const b = primary.perSchool.find((s) => s.id === 'B')!;
    // B: qualified 4.0 < 4.2 (95%), PE/art 0.5 < 0.9 (56%), space 4.0 < 4.5, sports 6 < 7.5, equipment 1500 < 2000, rooms 2 < 2.3: fails
    expect(b.pass).toBe(false);
    expect(b.missed.map((m) => m.indicator)).toContain('pe_art_teachers');
    const a = primary.perSchool.find((s) => s.id === 'A')!;
    expect(a.met.length).toBeGreaterThanOrEqual(6);
    expect(a.pass).toBe(true);
  });

  it('finds the teacher rotation that brings a failing CV under the threshold, and the least addition', async () => {
    const rows = Array.from({ length: 40 }, (_, i) => `S${i},School ${i},primary,${(i % 8) * 0.02},${Math.floor(i / 8) * 0.02},${100 + i * 10},${i % 5 === 0 ? 30 : 4 + (i % 3)}`);
    const { schools, evaluation } = await evaluate('id,name,level,lon,lat,enrollment,teachers\n' + rows.join('\n'), BALANCE_STANDARDS.resources);
    const teachers = evaluation.levels[0].indicators.find((i) => i.id === 'teachers')!;
    expect(teachers.pass).toBe(false);
    const plan = rotationPlan(teachers, 0.5, solver, (s) => [schools.lon[s], schools.lat[s]]);
    expect(plan.reached).toBe(true);
    expect(plan.cvAfter).toBeLessThanOrEqual(0.5 + 1e-9);
    const totalBefore = teachers.schools.reduce((a, s) => a + s.resource, 0);
    expect(Object.values(plan.after).reduce((a, b) => a + b, 0)).toBeCloseTo(totalBefore, 6);
    // fewer moves than flattening every school to the county value
    const flatten = teachers.schools.reduce((a, s) => a + Math.max(0, s.resource - s.pupils * (totalBefore / teachers.schools.reduce((x, y) => x + y.pupils, 0))), 0);
    expect(plan.moved).toBeLessThan(flatten);
    console.log(`teacher rotation, 40 schools: CV ${plan.cvBefore.toFixed(3)} -> ${plan.cvAfter.toFixed(3)} (target 0.5) with ${plan.moved.toFixed(1)} teachers moved in ${plan.transfers.length} transfers (flattening would move ${flatten.toFixed(1)})`);
    const add = additionPlan(teachers, 0.5);
    expect(add.cvAfter).toBeLessThanOrEqual(0.5 + 1e-6);
    expect(add.additions.every((a) => a.amount > 0)).toBe(true);
  });
});
