import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../bench/synthetic';
import {
  assignNearest, buildRoadGraph, candidateSchools, multiSourceSearch, networkCatchments, rankById, resolveSettings, snapToGraph,
  type RoadGraph, type Schools,
} from '../../src/core/index';
import { schoolsFrom, unitsFrom } from '../helpers';

/** A street grid of n x n junctions 0.001 degree apart with some links missing (a river, a railway). */
function streetGrid(n: number, seed: number) {
  const rand = mulberry32(seed);
  const features: unknown[] = [];
  const at = (i: number, j: number) => [10 + i * 0.001, 50 + j * 0.001];
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    if (i + 1 < n && rand() > 0.15) features.push({ type: 'Feature', properties: { road_function: 'Local Road' }, geometry: { type: 'LineString', coordinates: [at(i, j), at(i + 1, j)] } });
    if (j + 1 < n && rand() > 0.15) features.push({ type: 'Feature', properties: { road_function: rand() < 0.05 ? 'Motorway' : 'Local Road' }, geometry: { type: 'LineString', coordinates: [at(i, j), at(i, j + 1)] } });
  }
  return { type: 'FeatureCollection', features };
}

/** The same question answered the slow way: one search per school, the best per unit. */
function perSchool(graph: RoadGraph, schools: Schools, candidates: number[], lon: Float64Array, lat: Float64Array, maxSnap: number): Float64Array {
  const rank = rankById(schools);
  const out = new Float64Array(lon.length).fill(Infinity);
  for (const s of candidates) {
    const snap = snapToGraph(graph, schools.lon[s], schools.lat[s], maxSnap);
    if (!snap) continue;
    const r = multiSourceSearch(graph, [{ school: s, snap }], rank);
    for (let u = 0; u < lon.length; u++) {
      const us = snapToGraph(graph, lon[u], lat[u], maxSnap);
      if (!us) continue;
      const len = graph.edgeLength[us.edge];
      let d = Math.min(us.accessM + us.t * len + r.dist[graph.edgeA[us.edge]], us.accessM + (1 - us.t) * len + r.dist[graph.edgeB[us.edge]]);
      if (us.edge === snap.edge) d = Math.min(d, us.accessM + Math.abs(us.t - snap.t) * len + snap.accessM);
      out[u] = Math.min(out[u], d);
    }
  }
  return out;
}

describe('walking distance along the road network', () => {
  it('builds a graph from shared vertices, leaves barriers out and reports disconnected pieces', () => {
    const { graph, problems } = buildRoadGraph(streetGrid(20, 3), 'roads.geojson');
    expect(graph!.nodeCount).toBeLessThanOrEqual(400);
    expect(Object.keys(graph!.classesSkipped)).toEqual(['Motorway']);
    expect(graph!.componentSizes.reduce((a, b) => a + b, 0)).toBe(graph!.nodeCount);
    if (graph!.componentSizes.length > 1) expect(problems.some((p) => p.message.includes('disconnected pieces'))).toBe(true);
    expect(buildRoadGraph({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [0, 0] } }] }, 'x.geojson').problems.map((p) => p.severity)).toEqual(['warning', 'error']);
  });

  it('one multi-source search equals one search per school, on random networks', async () => {
    for (const seed of [1, 2, 3]) {
      const { graph } = buildRoadGraph(streetGrid(25, seed), 'roads.geojson');
      const rand = mulberry32(seed + 10);
      const rows = Array.from({ length: 8 }, (_, i) => `S${i},S${i},primary,${10 + rand() * 0.024},${50 + rand() * 0.024}`);
      const schools = schoolsFrom('id,name,level,lon,lat\n' + rows.join('\n'));
      const units = await unitsFrom('id,lon,lat,primary,junior\n' + Array.from({ length: 300 }, (_, k) => `u${k},${10 + rand() * 0.024},${50 + rand() * 0.024},1,0`).join('\n'));
      const all = Array.from({ length: schools.count }, (_, i) => i);
      const net = networkCatchments(graph!, schools, all, units, { maxSnapM: 200 });
      const slow = perSchool(graph!, schools, all, units.lon, units.lat, 200);
      for (let u = 0; u < units.count; u++) {
        if (!net.viaNetwork[u]) continue;
        expect(net.distanceByUnit[u]).toBeCloseTo(slow[u], 6);
      }
      expect(net.viaNetwork.reduce((a, b) => a + b, 0)).toBeGreaterThan(250);
    }
  });

  it('breaks ties by school id, whatever the order of the sources (two schools on one site)', () => {
    const { graph } = buildRoadGraph(streetGrid(12, 4), 'roads.geojson');
    const snap = snapToGraph(graph!, 10.005, 50.004, 500)!;
    for (const rank of [Int32Array.of(0, 1), Int32Array.of(1, 0)]) {
      const winner = rank[0] < rank[1] ? 0 : 1;
      for (const sources of [[{ school: 0, snap }, { school: 1, snap }], [{ school: 1, snap }, { school: 0, snap }]]) {
        const r = multiSourceSearch(graph!, sources, rank);
        expect(r.settled).toBeGreaterThan(50);
        expect(Array.from(r.school).filter((s) => s >= 0).every((s) => s === winner)).toBe(true);
      }
    }
  });

  it('Edinburgh: network catchments against straight-line ones (OS Open Roads, 6 km)', async () => {
    const settings = resolveSettings(JSON.parse(readFileSync('geodata/edinburgh/settings.json', 'utf8')));
    const schools = schoolsFrom(readFileSync('geodata/edinburgh/schools.geojson', 'utf8'), settings, 'schools.geojson');
    const units = await unitsFrom(readFileSync('geodata/edinburgh/population.geojson', 'utf8'), settings, 'population.geojson');
    const t0 = performance.now();
    const { graph } = buildRoadGraph(JSON.parse(readFileSync('../shared/geodata/roads/edinburgh_os_open_roads_6km.geojson', 'utf8')), 'roads');
    const buildMs = performance.now() - t0;
    const cands = candidateSchools(schools, settings, 'primary');
    const net = networkCatchments(graph!, schools, cands, units, { maxSnapM: 300 });
    const straight = assignNearest(units, schools, cands, 'primary');
    let onNet = 0, differ = 0, ratio = 0;
    for (let u = 0; u < units.count; u++) {
      if (!net.viaNetwork[u]) continue;
      onNet++;
      if (net.schoolByUnit[u] !== straight.schoolByUnit[u]) differ++;
      ratio += net.distanceByUnit[u] / Math.max(1, straight.distanceByUnit[u]);
      expect(net.distanceByUnit[u]).toBeGreaterThanOrEqual(straight.distanceByUnit[u] - 1); // a route is never shorter than the straight line
    }
    console.log(`Edinburgh primary: network of ${graph!.nodeCount.toLocaleString('en-GB')} junctions built in ${Math.round(buildMs)} ms; ${onNet} of ${units.count} areas on the network (${net.schoolsOffNetwork.length} schools off it); network-nearest school differs from the straight-line one for ${differ} (${((differ / onNet) * 100).toFixed(1)}%); mean route / straight-line distance ${(ratio / onNet).toFixed(2)}`);
    expect(onNet).toBeGreaterThan(1000);
    expect(differ).toBeGreaterThan(0);
  });
});
