import loadHighs from 'highs';
import { beforeAll, describe, expect, it } from 'vitest';
import { syntheticGridUnits, syntheticSchools } from '../../bench/synthetic';
import {
  buildUnitAdjacency, createHighsSolver, defaultSettings, derivePlan, newPlan, proposePlan,
  type LpModel, type LpSolver, type Schools, type Units,
} from '../../src/core/index';

let solver: LpSolver;
beforeAll(async () => { solver = createHighsSolver(await loadHighs()); });

/** ~500 grid cells and 10 primary schools whose places add up to 1.1x the children, unevenly. */
function instance(): { schools: Schools; units: Units } {
  const units = syntheticGridUnits(500, 7, { west: 113, south: 28, east: 113.2, north: 28.15 });
  const schools = syntheticSchools(10, 8, { west: 113.01, south: 28.01, east: 113.19, north: 28.14 });
  const total = units.childrenByLevel.primary.reduce((a, b) => a + b, 0);
  schools.types = schools.types.map(() => 'primary');
  schools.capacity = Float64Array.from({ length: 10 }, (_, i) => Math.round((total * 1.1 / 10) * (0.6 + 0.08 * i)));
  return { schools, units };
}

describe('propose zones', () => {
  it('keeps every school within its band, zones in one piece, within 0.5% of the exact optimum', () => {
    const { schools, units } = instance();
    const adjacency = buildUnitAdjacency(units);
    const plan = newPlan('base', { name: 't', schoolsFingerprint: '', populationFingerprint: '', units: units.count, schools: schools.count }, defaultSettings());
    let captured: LpModel | null = null;
    // the first programme solved is the bound (no contiguity rows): its MIP bounds every one-piece plan from below
    const capture: LpSolver = (m, o) => { captured ??= m; return solver(m, o); };
    const before = derivePlan({ schools, units, adjacency }, plan);
    const over = before.result.schools.filter((r) => r.demand > r.capacity).length;
    expect(over).toBeGreaterThan(0); // nearest-school zones overload some schools

    const { plan: proposed, proposal } = proposePlan({ schools, units, adjacency }, plan, { level: 'primary', solver: capture, band: [0.5, 1.0] });
    expect(proposal.outsideBand).toEqual([]);
    expect(proposal.gap).toBeLessThanOrEqual(0.005);
    expect(proposal.objective).toBeGreaterThanOrEqual(proposal.lowerBound - 1e-6);
    const after = derivePlan({ schools, units, adjacency }, proposed);
    expect(after.checks.filter((c) => c.kind === 'fragmented')).toEqual([]);
    expect(after.result.schools.filter((r) => r.demand > r.capacity + 1e-6)).toEqual([]);
    // the derived plan says the same as the optimiser
    expect(after.result.assignments[0].schoolByUnit.every((s, u) => s === proposal.schoolByUnit[u])).toBe(true);

    // the exact optimum with whole-unit assignment and the same bands (HiGHS MIP), contiguity relaxed: no better plan exists
    const mip = solver({ ...captured!, integer: true }, { timeLimitS: 120 });
    expect(mip.status).toBe('optimal');
    console.log(`propose zones, 500 units x 10 schools: LP bound ${Math.round(proposal.lowerBound)}, rounded ${Math.round(proposal.objective)}, exact MIP ${Math.round(mip.objective)}; gap to the bound ${(proposal.gap * 100).toFixed(3)}%, to the MIP ${((proposal.objective / mip.objective - 1) * 100).toFixed(3)}%; ${proposal.stats.splitUnits} split units, ${proposal.stats.repairedUnits} repaired`);
    expect(mip.objective).toBeGreaterThanOrEqual(proposal.lowerBound - 1e-6 * proposal.lowerBound);
    expect(proposal.objective / mip.objective - 1).toBeLessThanOrEqual(0.005);
  });

  it('keeps locked units and locked zones, and prices the children moved from the current plan', () => {
    const { schools, units } = instance();
    const adjacency = buildUnitAdjacency(units);
    const base = newPlan('base', { name: 't', schoolsFingerprint: '', populationFingerprint: '', units: units.count, schools: schools.count }, defaultSettings());
    const d = derivePlan({ schools, units, adjacency }, base);
    const nearest = d.result.assignments[0].schoolByUnit;
    const lockedZone = schools.ids[3];
    base.levels.primary.lockedSchools = [lockedZone];
    base.levels.primary.lockedUnits = ['0'];
    base.levels.primary.overrides = { 0: schools.ids[nearest[0]] === schools.ids[5] ? schools.ids[6] : schools.ids[5] };
    const pinned = base.levels.primary.overrides['0'];
    const free = proposePlan({ schools, units, adjacency }, base, { level: 'primary', solver, band: [0.5, 1.0] });
    const after = derivePlan({ schools, units, adjacency }, free.plan).result.assignments[0].schoolByUnit;
    expect(schools.ids[after[0]]).toBe(pinned);
    for (let u = 0; u < units.count; u++) {
      if (nearest[u] === 3) expect(after[u]).toBe(3); // the locked zone keeps its areas
      else expect(after[u]).not.toBe(3); // and gains none
    }
    const sticky = proposePlan({ schools, units, adjacency }, base, { level: 'primary', solver, band: [0.5, 1.0], movedWeight: 5000 });
    expect(sticky.proposal.childrenMoved).toBeLessThan(free.proposal.childrenMoved);
  });

  it('on large grids prices from planning units: the Lagrangian bound stays below the exact LP optimum, bands kept', () => {
    const units = syntheticGridUnits(3000, 17, { west: 113, south: 28, east: 113.3, north: 28.2 });
    const schools = syntheticSchools(20, 18, { west: 113.01, south: 28.01, east: 113.29, north: 28.19 });
    const total = units.childrenByLevel.primary.reduce((a, b) => a + b, 0);
    schools.types = schools.types.map(() => 'primary');
    schools.capacity = Float64Array.from({ length: 20 }, (_, i) => Math.round((total * 1.1 / 20) * (0.7 + 0.03 * i)));
    const plan = newPlan('base', { name: 't', schoolsFingerprint: '', populationFingerprint: '', units: units.count, schools: schools.count }, defaultSettings());
    const exact = proposePlan({ schools, units, adjacency: null }, plan, { level: 'primary', solver, band: [0.5, 1.0], contiguity: false });
    const priced = proposePlan({ schools, units, adjacency: null }, plan, { level: 'primary', solver, band: [0.5, 1.0], contiguity: false, maxLpUnits: 1000 });
    const p = priced.proposal;
    console.log(`propose zones, 3,000 units x 20 schools: exact LP bound ${Math.round(exact.proposal.lowerBound)}, gap ${(exact.proposal.gap * 100).toFixed(3)}%; over ${p.stats.planningUnits} planning units: Lagrangian bound ${Math.round(p.lowerBound)}, gap ${(p.gap * 100).toFixed(3)}%`);
    expect(p.stats.planningUnits).toBeLessThan(units.count);
    expect(exact.proposal.stats.planningUnits).toBe(units.count);
    // weak duality: any prices give a bound at most the LP optimum, which is at most any plan
    expect(p.lowerBound).toBeLessThanOrEqual(exact.proposal.lowerBound + 1e-6 * exact.proposal.lowerBound);
    expect(p.lowerBound).toBeGreaterThan(0.99 * exact.proposal.lowerBound);
    expect(p.outsideBand).toEqual([]);
    expect(p.gap).toBeLessThanOrEqual(0.01);
  });

  it('says which schools cannot be kept within their band, instead of failing', () => {
    const { schools, units } = instance();
    schools.capacity = schools.capacity.map((c) => c / 3); // far too few places
    const plan = newPlan('base', { name: 't', schoolsFingerprint: '', populationFingerprint: '', units: units.count, schools: schools.count }, defaultSettings());
    const { proposal } = proposePlan({ schools, units, adjacency: buildUnitAdjacency(units) }, plan, { level: 'primary', solver });
    expect(proposal.outsideBand.length).toBeGreaterThan(0);
    expect(proposal.outsideBand.every((s) => s.by > 0)).toBe(true);
  });
});

describe('which schools to close', () => {
  it('closes the school whose children the others absorb with the least added travel, within their places', async () => {
    const { schoolsFrom, unitsFrom } = await import('../helpers');
    const { proposeInputOf, suggestClosures } = await import('../../src/core/index');
    // A, B, C, D on a line; A and B 330 m apart: A's zone is one area, and B absorbs it with the least added travel
    const schools = schoolsFrom('id,name,level,lon,lat,capacity\nA,A,primary,0,0,300\nB,B,primary,0.003,0,300\nC,C,primary,0.05,0,300\nD,D,primary,0.1,0,300\n');
    const units = await unitsFrom('id,lon,lat,primary,junior\n' + [0, 0.002, 0.004, 0.045, 0.05, 0.055, 0.095, 0.1, 0.105].map((x, i) => `u${i},${x},0.001,40,0`).join('\n'));
    const plan = newPlan('p', { name: 't', schoolsFingerprint: '', populationFingerprint: '', units: units.count, schools: 4 }, defaultSettings());
    const s = suggestClosures(proposeInputOf({ schools, units }, plan, 'primary').input, { level: 'primary', solver, count: 1 });
    expect(s.close.map((c) => c.id)).toEqual(['A']);
    expect(s.overLimit).toEqual([]);
    expect(s.travelAfter).toBeGreaterThanOrEqual(s.travelBefore);
    expect(s.gap).toBeLessThanOrEqual(0.005);
    // with too few places at B (85 for 120 children), closing A would overfill it: B closes into A instead
    const tight = schoolsFrom('id,name,level,lon,lat,capacity\nA,A,primary,0,0,300\nB,B,primary,0.003,0,85\nC,C,primary,0.05,0,300\nD,D,primary,0.1,0,300\n');
    const t = suggestClosures(proposeInputOf({ schools: tight, units }, plan, 'primary').input, { level: 'primary', solver, count: 1 });
    expect(t.close.map((c) => c.id)).toEqual(['B']);
    expect(t.overLimit).toEqual([]);
  });
});
