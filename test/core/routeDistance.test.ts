import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assignmentCsvChunks, buildRoadGraph, routeDistancesTo, defaultSettings, derivePlan, newPlan, resolveSettings, type Settings } from '../../src/core/index';
import { schoolsFrom, unitsFrom } from '../helpers';

// test/fixtures/network/README.md: a river between the west bank and East Bank Primary, the only bridge 2.2 km north
const fx = (f: string) => join('test/fixtures/network', f);
const graph = buildRoadGraph(JSON.parse(readFileSync(fx('roads.geojson'), 'utf8')), 'roads.geojson', { barriers: [] }).graph!;

async function derive(settings: Settings) {
  const schools = schoolsFrom(readFileSync(fx('schools.csv'), 'utf8'), settings);
  const units = await unitsFrom(readFileSync(fx('population.csv'), 'utf8'), settings);
  const plan = newPlan('nearest', { name: '', schoolsFingerprint: '', populationFingerprint: '', units: units.count, schools: schools.count }, settings, new Date(0));
  const d = derivePlan({ schools, units, network: graph }, plan);
  const a = d.result.assignments.find((x) => x.level === 'primary')!;
  const at = (id: string) => { const u = units.ids!.indexOf(id); return { school: d.schools.ids[a.schoolByUnit[u]], m: a.distanceByUnit[u], straight: a.straightByUnit?.[u], routed: a.viaNetworkByUnit?.[u] }; };
  return { d, a, at, units };
}
const withRoutes = (network: Partial<Settings['network']> = {}) => { const s = defaultSettings(); return { ...s, network: { ...s.network, distance: 'network' as const, ...network } }; };

describe('route distance: a river makes the nearest school by route differ from the straight-line one', () => {
  it('straight line: the west bank goes across the water to East Bank (357 m)', async () => {
    const { at, d } = await derive(defaultSettings());
    expect(at('west').school).toBe('A');
    expect(at('west').m).toBeCloseTo(357, -1);
    expect(d.routes).toBeNull();
  });

  it('by route: the west bank goes to West Road Primary (715 m), East Bank is 4.8 km round by the bridge', async () => {
    const { at, d, units } = await derive(withRoutes());
    expect(at('west')).toMatchObject({ school: 'B', routed: 1 });
    expect(at('west').m).toBeCloseTo(715, -1);
    expect(at('west').straight).toBeCloseTo(715, -1);
    expect(at('east').school).toBe('A');
    // off the network: the straight line, marked
    expect(at('hills').routed).toBe(0);
    const primary = d.routes!.levels.find((x) => x.level === 'primary')!;
    expect(primary.differs[units.ids!.indexOf('west')]).toBe(1);
    expect(primary.unitsDiffer).toBe(1);
    expect(primary.unitsFallback).toBe(1);
    // the mover's distance to a school it is not nearest to follows the roads too
    expect(d.distance(units.ids!.indexOf('west'), d.schools.indexById.get('A')!)).toBeGreaterThan(4700);
    const csv = [...assignmentCsvChunks(units, d.schools, d.result, d.settings)].join('');
    expect(csv.split('\n')[0]).toBe('unit_id,level,school_id,distance_m,children,distance_network_m,network_fallback,beyond_standard_by_route');
    expect(csv).toMatch(/^west,primary,B,715,60,715,0,0$/m);
    expect(csv).toMatch(/^hills,primary,B,\d+,12,\d+,1,[01]$/m);
  });

  it('the statutory test counts children beyond the standard by route per school', async () => {
    const s = withRoutes();
    const tight = { ...s, levels: s.levels.map((l) => (l.id === 'primary' ? { ...l, distanceStandardM: 600 } : l)) };
    const { d } = await derive(tight);
    const primary = d.routes!.levels.find((x) => x.level === 'primary')!;
    const b = primary.bySchool[d.schools.indexById.get('B')!];
    // west (60 children, 715 m) is beyond 600 m by route; hills (straight line, 3.3 km) too
    expect(b.beyondChildren).toBe(72);
    expect(b.meanRouteM).toBeGreaterThan(b.meanStraightM - 1);
  });

  it('barrier classes are settings: with the motorway walkable, the west bank crosses to East Bank again', async () => {
    const { at } = await derive(withRoutes({ barrierClasses: [] }));
    expect(at('west').school).toBe('A');
    expect(at('west').m).toBeCloseTo(357, -1);
  });

  it('settings read and refuse the network fields by name', () => {
    expect(resolveSettings({ network: { distance: 'network', maxSnapM: 200 } }).network).toMatchObject({ distance: 'network', maxSnapM: 200, walkingSpeedKmh: 4.8 });
    expect(() => resolveSettings({ network: { distance: 'roads' } }, 's.json')).toThrow(/s\.json: network\.distance: "roads" is not valid; expected "straight" or "network"/);
    expect(() => resolveSettings({ network: { walkingSpeedKmh: 0 } }, 's.json')).toThrow(/network\.walkingSpeedKmh/);
  });

  it('the CLI gives the same answer as derivePlan, and the straight line without --distance', async () => {
    const run = (...extra: string[]) => {
      const out = mkdtempSync(join(tmpdir(), 'route-'));
      const r = spawnSync(join('node_modules', '.bin', 'tsx'), ['src/cli/main.ts', 'assign', '--schools', fx('schools.csv'), '--population', fx('population.csv'), '--out', out, ...extra], { encoding: 'utf8' });
      expect(r.status, r.stderr + r.stdout).toBe(0);
      return { csv: readFileSync(join(out, 'assignment.csv'), 'utf8'), stdout: r.stdout };
    };
    const routed = run('--distance', 'network', '--network', fx('roads.geojson'));
    const { d, units } = await derive(withRoutes());
    expect(routed.csv).toBe([...assignmentCsvChunks(units, d.schools, d.result, d.settings)].join(''));
    expect(routed.stdout).toContain('primary by route:');
    expect(run().csv).toMatch(/^west,primary,A,357,60$/m);
  });

  it('measures every unit to one school as a derivation does: what the painter tallies by route', async () => {
    const settings = withRoutes();
    const schools = schoolsFrom(readFileSync(fx('schools.csv'), 'utf8'), settings);
    const units = await unitsFrom(readFileSync(fx('population.csv'), 'utf8'), settings);
    const a = schools.ids.indexOf('A');
    const field = routeDistancesTo(graph, units, settings.network, schools.lon[a], schools.lat[a]);
    // every unit painted onto East Bank: the derivation's distances are the field's, exactly
    const plan = newPlan('all to A', { name: '', schoolsFingerprint: '', populationFingerprint: '', units: units.count, schools: schools.count }, settings, new Date(0));
    plan.levels.primary.overrides = Object.fromEntries(units.ids!.map((id) => [id, 'A']));
    const painted = derivePlan({ schools, units, network: graph }, plan).result.assignments.find((x) => x.level === 'primary')!;
    expect(Array.from(field)).toEqual(Array.from(painted.distanceByUnit));
    expect(field[units.ids!.indexOf('west')]).toBeGreaterThan(4000); // round by the bridge, not 357 m across
  });
});
