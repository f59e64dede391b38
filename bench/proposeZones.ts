/**
 * Propose zones against the greedy "closest school with room" rule, on seeded grids. Run: npm run bench
 * (after the engine benchmarks) or `npx tsx bench/proposeZones.ts`. Times are printed with a ratio to
 * the same run's LP solve of the bound, never asserted.
 */
import loadHighs from 'highs';
import { buildUnitAdjacency, createHighsSolver, defaultSettings, derivePlan, greatCircleMeters, newPlan, proposePlan, type Schools, type Units } from '../src/core/index';
import { proposeInstance } from './proposeInstance';

/** Each unit, largest first, to the nearest school that still has room (else its nearest): what tools do today. */
function greedyClosestWithRoom(units: Units, schools: Schools, level: string, cap: Float64Array): { travel: number; over: number } {
  const ch = units.childrenByLevel[level];
  const intake = new Float64Array(schools.count);
  const order = Array.from({ length: units.count }, (_, u) => u).sort((a, b) => ch[b] - ch[a]);
  let travel = 0;
  for (const u of order) {
    const ds = Array.from({ length: schools.count }, (_, s) => ({ s, d: greatCircleMeters(units.lon[u], units.lat[u], schools.lon[s], schools.lat[s]) })).sort((a, b) => a.d - b.d);
    const pick = ds.find((x) => intake[x.s] + ch[u] <= cap[x.s]) ?? ds[0];
    intake[pick.s] += ch[u];
    travel += ch[u] * pick.d;
  }
  let over = 0;
  for (let s = 0; s < schools.count; s++) over += Math.max(0, intake[s] - cap[s]);
  return { travel, over };
}

export async function benchProposeZones(cases: [number, number, boolean][] = [[10_000, 50, true], [100_000, 150, false]]): Promise<void> {
  const solver = createHighsSolver(await loadHighs());
  for (const [unitCount, schoolCount, contiguity] of cases) {
    const { units, schools } = proposeInstance(unitCount, schoolCount);
    const adjacency = contiguity ? buildUnitAdjacency(units) : null;
    const plan = newPlan('base', { name: 'bench', schoolsFingerprint: '', populationFingerprint: '', units: unitCount, schools: schoolCount }, defaultSettings());
    const stages: string[] = [];
    let t = performance.now(), boundMs = 0;
    const timed = (m: Parameters<typeof solver>[0], o?: Parameters<typeof solver>[1]) => { const t0 = performance.now(); const r = solver(m, o); if (!boundMs) boundMs = performance.now() - t0; return r; };
    const { plan: proposed, proposal } = proposePlan({ schools, units, adjacency }, plan, { level: 'primary', solver: timed, band: [0.5, 1.0], contiguity, onProgress: (s) => stages.push(s) });
    const ms = performance.now() - t;
    const after = derivePlan({ schools, units, adjacency }, proposed, { mergers: false });
    const fragments = after.checks.filter((c) => c.kind === 'fragmented').length;
    t = performance.now();
    const greedy = greedyClosestWithRoom(units, schools, 'primary', schools.capacity);
    const greedyMs = performance.now() - t;
    const overAfter = after.result.schools.reduce((a, r) => a + Math.max(0, r.demand - r.capacity), 0);
    console.log(`propose zones, ${unitCount.toLocaleString('en-GB')} units x ${schoolCount} schools${contiguity ? ', contiguity' : ', capacity only'}: ${(ms / 1000).toFixed(1)} s (${(ms / boundMs).toFixed(1)}x its first LP solve of ${(boundMs / 1000).toFixed(1)} s); gap ${(proposal.gap * 100).toFixed(3)}% to the LP bound (travel ${(proposal.travelGap * 100).toFixed(3)}%); ${proposal.outsideBand.length} schools outside their band; ${fragments} detached pieces; ${proposal.stats.splitUnits} split units, ${proposal.stats.repairedUnits} repaired${proposal.stats.planningUnits < unitCount ? `; prices from ${proposal.stats.planningUnits.toLocaleString('en-GB')} planning units, Lagrangian bound` : ''}`);
    console.log(`  travel ${Math.round(proposal.travelChildMeters / 1000).toLocaleString('en-GB')} child-km, over capacity ${Math.round(overAfter)} children; greedy closest-with-room: ${Math.round(greedy.travel / 1000).toLocaleString('en-GB')} child-km (${(greedy.travel / proposal.travelChildMeters).toFixed(3)}x), over capacity ${Math.round(greedy.over)} children, ${(greedyMs / 1000).toFixed(1)} s`);
  }
}

if (process.argv[1]?.endsWith('proposeZones.ts')) {
  const big = process.argv.includes('--small') ? [[10_000, 50, true]] as [number, number, boolean][] : undefined;
  void benchProposeZones(big);
}
