/**
 * Network catchments: one multi-source search against one search per school, on a seeded street
 * grid; and loading a 1M-edge network from GeoJSON. Times printed with ratios, never asserted.
 */
import { buildRoadGraph, buildRoadGraphFromText, multiSourceSearch, rankById, snapToGraph, type Schools } from '../src/core/index';
import { mulberry32 } from './synthetic';

function grid(n: number, seed: number) {
  const rand = mulberry32(seed);
  const features: unknown[] = [];
  const at = (i: number, j: number) => [10 + i * 0.001, 50 + j * 0.0007];
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    if (i + 1 < n && rand() > 0.1) features.push({ type: 'Feature', properties: { road_function: 'Local Road' }, geometry: { type: 'LineString', coordinates: [at(i, j), at(i + 1, j)] } });
    if (j + 1 < n && rand() > 0.1) features.push({ type: 'Feature', properties: { road_function: 'Local Road' }, geometry: { type: 'LineString', coordinates: [at(i, j), at(i, j + 1)] } });
  }
  return { type: 'FeatureCollection', features };
}

export function benchNetwork(): void {
  for (const [side, schoolCount] of [[317, 150]] as const) {
    const { graph } = buildRoadGraph(grid(side, 5), 'grid');
    const g = graph!;
    const rand = mulberry32(9);
    const ids = Array.from({ length: schoolCount }, (_, i) => `S${String(i).padStart(4, '0')}`);
    const schools = { ids } as Pick<Schools, 'ids'>;
    const rank = rankById(schools);
    const sources = ids.map((_, s) => ({ school: s, snap: snapToGraph(g, 10 + rand() * side * 0.001, 50 + rand() * side * 0.0007, 500)! })).filter((x) => x.snap);
    multiSourceSearch(g, sources, rank); // warm-up
    const runs: number[] = [];
    for (let k = 0; k < 5; k++) { const t = performance.now(); multiSourceSearch(g, sources, rank); runs.push(performance.now() - t); }
    const multi = Math.min(...runs);
    const t = performance.now();
    for (const src of sources.slice(0, 20)) multiSourceSearch(g, [src], rank);
    const perSchool = ((performance.now() - t) / 20) * sources.length;
    console.log(`network catchments, ${g.nodeCount.toLocaleString('en-GB')} junctions x ${sources.length} schools: one multi-source search ${multi.toFixed(1)} ms; one search per school ${(perSchool / 1000).toFixed(1)} s (extrapolated from 20): ${(perSchool / multi).toFixed(0)}x`);
  }
  const big = grid(708, 6); // about 900,000 links
  const text = JSON.stringify(big);
  // the baseline: JSON.parse, then the graph from the objects; against the text read straight into typed arrays
  const t = performance.now();
  const parsed = JSON.parse(text);
  const t1 = performance.now();
  const { graph } = buildRoadGraph(parsed, 'big');
  const t2 = performance.now();
  const fromText = buildRoadGraphFromText(text, 'big').graph!;
  const t3 = performance.now();
  console.log(`network load: ${graph!.edgeA.length.toLocaleString('en-GB')} road segments (${(text.length / 1e6).toFixed(0)} MB GeoJSON): JSON.parse ${((t1 - t) / 1000).toFixed(1)} s + graph ${((t2 - t1) / 1000).toFixed(1)} s; from the text (the app and CLI) ${((t3 - t2) / 1000).toFixed(1)} s (${((t2 - t) / (t3 - t2)).toFixed(1)}x); same junctions: ${fromText.nodeCount === graph!.nodeCount}`);
}

if (process.argv[1]?.endsWith('network.ts')) benchNetwork();
