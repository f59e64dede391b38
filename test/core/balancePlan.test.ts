import { describe, expect, it } from 'vitest';
import { addAction, checkSettings, defaultSettings, derivePlan, newPlan, type Settings } from '../../src/core/index';
import { schoolsFrom, unitsFrom } from '../helpers';

// N: nine-year, 100 primary + 100 junior pupils, 21 teachers; A: primary, 100 pupils, 4 teachers; J: junior, 200 pupils, 11 teachers
const SCHOOLS = [
  'id,name,level,lon,lat,g1,g7,teachers,books,teaching_space_m2',
  'N,Nine,nine_year,0,0,100,100,21,4000,1000',
  'A,Alpha,primary,0.02,0,100,,4,1000,500',
  'J,Jay,junior,0.04,0,,200,11,3000,900',
].join('\n');
const UNITS = 'id,lon,lat,primary,junior\nu1,0.001,0,50,50\nu2,0.021,0,30,0\nu3,0.041,0,0,40\n';

async function derive(settings: Settings, actions: Parameters<typeof addAction>[1][] = []) {
  const data = { schools: schoolsFrom(SCHOOLS, settings), units: await unitsFrom(UNITS, settings) };
  let plan = newPlan('p', { name: 't', schoolsFingerprint: '', populationFingerprint: '', units: 3, schools: 3 }, settings);
  for (const a of actions) plan = addAction(plan, a);
  return derivePlan(data, plan);
}
const teachersCv = (d: Awaited<ReturnType<typeof derive>>, side: 'before' | 'after', level: string) => d.balance[side].levels.find((l) => l.level === level)!.indicators.find((i) => i.id === 'teachers')!;

describe('the balance in the one derivation', () => {
  it('splits a nine-year school by weighted pupils (1 : 1.1): hand-checked CVs 3/7 primary and sqrt(1/8) junior', async () => {
    const d = await derive(defaultSettings());
    // N's 21 teachers: 100 / 210 to primary (10), 110 / 210 to junior (11)
    const p = teachersCv(d, 'before', 'primary'), j = teachersCv(d, 'before', 'junior');
    expect(p.schools.find((s) => s.id === 'N')!.resource).toBeCloseTo(10, 12);
    // primary: 10 and 4 per 100 pupils, county 7: CV = 3 / 7
    expect(p.countyValue).toBeCloseTo(7, 12);
    expect(p.cv).toBeCloseTo(3 / 7, 12);
    // junior: 11 / 100 and 11 / 200, relative 1.5 and 0.75 weighted 1/3, 2/3: CV = sqrt(0.125)
    expect(j.cv).toBeCloseTo(Math.sqrt(0.125), 12);
    expect(p.pass).toBe(true); // 0.43 <= 0.50
    expect(d.outcomes.balance.find((b) => b.level === 'primary' && b.indicator === 'teachers')!.before).toBeCloseTo(3 / 7, 12);
  });

  it('the nine-year pupil weight is a setting stored with the plan (1 : 1 gives 13/29)', async () => {
    const s = defaultSettings();
    s.balance = { ...s.balance!, levelWeights: { primary: 1, junior: 1 } };
    const check = checkSettings(JSON.parse(JSON.stringify(s)), 'plan.json', 'settings');
    expect(check.ok).toBe(true);
    const d = await derive(check.ok ? check.settings : s);
    // N primary 10.5 of 21: 10.5 and 4 per 100, county 7.25: CV = 3.25 / 7.25
    expect(teachersCv(d, 'before', 'primary').cv).toBeCloseTo(13 / 29, 12);
    const bad = checkSettings({ balance: { levelWeights: { junior: -1 }, standard: 'nope' } }, 'settings.json');
    expect(bad.ok).toBe(false);
    expect(bad.problems.map((x) => x.field)).toEqual(expect.arrayContaining(['balance.levelWeights.junior', 'balance.standard']));
  });

  it('a merger pools the resources: staff with the staff setting, goods always, buildings with the campus', async () => {
    const d = await derive(defaultSettings(), [{ kind: 'merge', school: 'A', into: 'N', campusRetained: false, moveStaff: true }]);
    const n = d.schools.indexById.get('N')!;
    expect(d.schools.teachers[n]).toBe(25);
    expect(d.schools.extra[n].books).toBe(5000);
    expect(d.schools.extra[n].teaching_space_m2).toBe(1000); // the campus is not retained
    // primary after: only N, 200 primary pupils: one school, CV 0; before 3/7
    const row = d.outcomes.balance.find((b) => b.level === 'primary' && b.indicator === 'teachers')!;
    expect([row.before, row.after]).toEqual([expect.closeTo(3 / 7, 12), 0]);
  });

  it('a closed school sends its pupils where its children go, and its staff too unless the settings say they leave', async () => {
    const follow = await derive(defaultSettings(), [{ kind: 'close', school: 'A', receiver: 'N' }]);
    const p = teachersCv(follow, 'after', 'primary');
    // N: 100 + 100 primary pupils (A's) and 100 junior; 21 + 4 teachers, 200 / 310 of them primary
    expect(p.schools.map((s) => [s.id, s.pupils])).toEqual([['N', 200]]);
    expect(p.countyValue).toBeCloseTo((25 * 200) / 310 / 2, 9);
    const s = defaultSettings();
    s.balance = { ...s.balance!, closedStaff: 'leave' };
    const leave = await derive(s, [{ kind: 'close', school: 'A', receiver: 'N' }]);
    expect(teachersCv(leave, 'after', 'primary').countyValue).toBeCloseTo((21 * 200) / 310 / 2, 9);
    expect(leave.balance.notes.join()).toMatch(/staff leave/);
  });
});
