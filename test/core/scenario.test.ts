import { describe, expect, it } from 'vitest';
import { addAction, defaultSettings, derivePlan, greatCircleMeters, newPlan, weightedCv, type Plan, type ScenarioActionDraft } from '../../src/core/index';
import { schoolsFrom, unitsFrom } from '../helpers';

const settings = defaultSettings();
// schools A, B, C on the equator 0.1 degree apart; six areas placed so that no area is equidistant from two schools
const schoolsCsv = 'id,name,level,lon,lat,capacity,classrooms,teachers,g1,g2,g3,g4,g5,g6\nA,A,primary,0,0,300,8,20,20,20,20,20,20,20\nB,B,primary,0.1,0,200,6,12,10,10,10,10,10,10\nC,C,primary,0.2,0,300,8,20,30,30,30,30,30,30\n';
const LON = [0, 0.04, 0.09, 0.14, 0.2, 0.25];
const unitsCsv = 'id,lon,lat,primary,junior\n' + LON.map((x, k) => `u${k},${x},0,${10 * (k + 1)},0`).join('\n');
const d = (a: number, b: number) => greatCircleMeters(a, 0, b, 0);

async function run(actions: ScenarioActionDraft[]) {
  const schools = schoolsFrom(schoolsCsv), units = await unitsFrom(unitsCsv);
  let plan: Plan = newPlan('s', { name: 't', schoolsFingerprint: '', populationFingerprint: '', units: 6, schools: 3 }, settings);
  for (const a of actions) plan = addAction(plan, a);
  return derivePlan({ schools, units }, plan);
}
const moves = (r: Awaited<ReturnType<typeof run>>) => r.moves.map((m) => `${m.unitId}:${m.from}->${m.to}:${m.children}:${Math.round(m.distanceBeforeM)}->${Math.round(m.distanceAfterM)}`);

describe('layout scenario actions', () => {
  it('closing a school sends its children to the nearest remaining school', async () => {
    const r = await run([{ kind: 'close', school: 'B' }]);
    // baseline: u2 (0.09) and u3 (0.14) at B
    expect(moves(r)).toEqual([`u2:B->A:30:${Math.round(d(0.09, 0.1))}->${Math.round(d(0.09, 0))}`, `u3:B->C:40:${Math.round(d(0.14, 0.1))}->${Math.round(d(0.14, 0.2))}`]);
    expect(r.outcomes.schoolsByLevel[0]).toEqual({ level: 'primary', before: 3, after: 2 });
    expect(r.outcomes.capacityFreed).toBe(200);
  });

  it('closing with a receiving school sends the whole zone there', async () => {
    const r = await run([{ kind: 'close', school: 'B', receiver: 'C' }]);
    expect(moves(r)).toEqual([`u2:B->C:30:${Math.round(d(0.09, 0.1))}->${Math.round(d(0.09, 0.2))}`, `u3:B->C:40:${Math.round(d(0.14, 0.1))}->${Math.round(d(0.14, 0.2))}`]);
  });

  it('merging with the campus retained keeps travel and adds the buildings; without, children travel to B', async () => {
    const kept = await run([{ kind: 'merge', school: 'B', into: 'A', campusRetained: true, moveStaff: true }]);
    expect(moves(kept)).toEqual([`u2:B->A:30:${Math.round(d(0.09, 0.1))}->${Math.round(d(0.09, 0.1))}`, `u3:B->A:40:${Math.round(d(0.14, 0.1))}->${Math.round(d(0.14, 0.1))}`]);
    const a = kept.result.schools.find((x) => x.id === 'A')!;
    expect([a.capacity, a.classrooms, a.enrollment, a.teachers]).toEqual([500, 14, 180, 32]);
    const moved = await run([{ kind: 'merge', school: 'B', into: 'A', campusRetained: false, moveStaff: false }]);
    expect(moves(moved)).toEqual([`u2:B->A:30:${Math.round(d(0.09, 0.1))}->${Math.round(d(0.09, 0))}`, `u3:B->A:40:${Math.round(d(0.14, 0.1))}->${Math.round(d(0.14, 0))}`]);
    expect(moved.result.schools.find((x) => x.id === 'A')!.capacity).toBe(300);
  });

  it('a teaching point keeps grades 1-3; the older half of its zone travels to the receiver', async () => {
    const r = await run([{ kind: 'teaching_point', school: 'B', into: 'A', keepUpTo: 'g3' }]);
    expect(moves(r)).toEqual([`u2:B->A:15:${Math.round(d(0.09, 0.1))}->${Math.round(d(0.09, 0))}`, `u3:B->A:20:${Math.round(d(0.14, 0.1))}->${Math.round(d(0.14, 0))}`]);
    const b = r.schools.enrollmentByGrade[r.schools.indexById.get('B')!];
    expect(b).toEqual({ g1: 10, g2: 10, g3: 10 });
    expect(r.schools.enrollmentByGrade[r.schools.indexById.get('A')!]).toMatchObject({ g4: 30, g6: 30 });
  });

  it('opening a school takes exactly the units nearer to it', async () => {
    const r = await run([{ kind: 'open', name: 'New', type: 'primary', lon: 0.24, lat: 0, capacity: 400, classrooms: 12 }]);
    expect(moves(r)).toEqual([`u5:C->~new-1:60:${Math.round(d(0.25, 0.2))}->${Math.round(d(0.25, 0.24))}`]);
    expect(r.outcomes.schoolsByLevel[0].after).toBe(4);
  });

  it('housing adds homes x yield children to the area', async () => {
    const r = await run([{ kind: 'housing', name: 'Riverside', ring: null, lon: 0.041, lat: 0, homes: 100, yieldPerHome: { primary: 0.25 }, occupiedYear: null }]);
    expect(r.units.childrenByLevel.primary[1]).toBe(20 + 25);
    expect(r.result.schools.find((x) => x.id === 'A')!.demand).toBe(10 + 45);
  });

  it('balance: coefficient of variation of per-pupil resources, weighted by pupils with a pooled mean', () => {
    // x = 1 and 3 per pupil, 10 pupils each: X = 40 / 20 = 2; sqrt(0.5 (1-2)^2 + 0.5 (3-2)^2) / 2 = 0.5
    expect(weightedCv([10, 30], [10, 10])).toBeCloseTo(0.5, 12);
    // weights follow pupils: x = 1 (30 pupils) and 4 (10 pupils): X = 70 / 40 = 1.75; sqrt(0.75 * 0.5625 + 0.25 * 5.0625) / 1.75
    expect(weightedCv([30, 40], [30, 10])).toBeCloseTo(Math.sqrt(0.75 * 0.5625 + 0.25 * 5.0625) / 1.75, 12);
    expect(weightedCv([10, 20], [10, 20])).toBe(0); // equal resources per pupil: no variation
  });
});

describe('cli scenario and mergers', () => {
  it('applies an exported scenario file: outcomes.json, schools.csv, moves.csv', async () => {
    const { spawnSync } = await import('node:child_process');
    const { mkdtempSync, readFileSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { fingerprint, planFileText } = await import('../../src/core/index');
    const dir = mkdtempSync(join(tmpdir(), 'scenario-'));
    writeFileSync(join(dir, 'schools.csv'), schoolsCsv);
    writeFileSync(join(dir, 'population.csv'), unitsCsv);
    const plan: Plan = {
      ...newPlan('Close B', { name: 't', schoolsFingerprint: fingerprint(readFileSync(join(dir, 'schools.csv'))), populationFingerprint: fingerprint(readFileSync(join(dir, 'population.csv'))), units: 6, schools: 3 }, settings),
      actions: [{ kind: 'close', id: 'a1', school: 'B', receiver: 'C' }],
    };
    writeFileSync(join(dir, 'scenario.json'), planFileText(plan));
    const r = spawnSync(join('node_modules', '.bin', 'tsx'), ['src/cli/main.ts', 'scenario', '--schools', join(dir, 'schools.csv'), '--population', join(dir, 'population.csv'), '--scenario', join(dir, 'scenario.json'), '--out', join(dir, 'out')], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const moves = readFileSync(join(dir, 'out', 'moves.csv'), 'utf8').trim().split('\n');
    expect(moves[0]).toBe('unit_id,level,from_school,to_school,children,distance_before_m,distance_after_m');
    expect(moves.slice(1).map((l) => l.split(',').slice(0, 5).join(','))).toEqual(['u2,primary,B,C,30', 'u3,primary,B,C,40']);
    const outcomes = JSON.parse(readFileSync(join(dir, 'out', 'outcomes.json'), 'utf8'));
    expect(outcomes.childrenMoved.primary).toBe(70);
    expect(outcomes.schoolsByLevel[0]).toEqual({ level: 'primary', before: 3, after: 2 });
    expect(readFileSync(join(dir, 'out', 'schools.csv'), 'utf8')).toContain('B,B,primary,closed');
    expect(readFileSync(join(dir, 'out', 'outcomes.csv'), 'utf8')).toContain('moves,primary,,children changing school,,70');
  });

  it('suggests mergers for Northern Ireland\'s undersized schools (rural < 105, urban < 140)', async () => {
    const { readFileSync } = await import('node:fs');
    const { computeCatchments, resolveSettings, suggestMergers } = await import('../../src/core/index');
    const ni = resolveSettings(JSON.parse(readFileSync('geodata/northern-ireland/settings.json', 'utf8')));
    const schools = schoolsFrom(readFileSync('geodata/northern-ireland/schools.geojson', 'utf8'), ni, 'schools.geojson');
    const units = await unitsFrom(readFileSync('geodata/northern-ireland/population.geojson', 'utf8'), ni, 'population.geojson');
    const r = computeCatchments(schools, units, ni);
    const lines: string[] = [];
    for (const same of [undefined, 'management_type']) {
      const m = suggestMergers(schools, units, ni, r, { sameField: same });
      const ok = m.filter((x) => x.respectsStandard);
      const withChildren = ok.filter((x) => x.movedChildren > 0);
      const moved = withChildren.reduce((a, x) => a + x.movedChildren, 0);
      const perPupil = withChildren.reduce((a, x) => a + x.addedTravelPerPupilM * x.movedChildren, 0) / moved;
      const after = ok.map((x) => x.receiverEnrollmentAfter).sort((a, b) => a - b);
      const rural = m.filter((x) => /rural/i.test(String(schools.extra[schools.indexById.get(x.school)!].urban_rural))).length;
      lines.push(`${same ? 'same management type' : 'any management type'}: ${m.length} undersized (${rural} rural); ${ok.length} can merge within the distance standard, ${m.length - ok.length} cannot; added travel ${Math.round(perPupil)} m per moved child (${Math.round(moved)} children in the catchments of ${withChildren.length} of them); receivers' enrollment after the move: median ${Math.round(after[Math.floor(after.length / 2)])}; utilization not assessed (no capacity data)`);
      expect(m.length).toBeGreaterThan(180);
      expect(ok.length).toBeGreaterThan(50);
    }
    console.log(['Northern Ireland merger suggestions:', ...lines].join('\n  '));
  });
});
