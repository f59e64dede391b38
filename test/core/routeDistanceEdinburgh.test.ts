/**
 * Route distance on the shipped Edinburgh data set (OS Open Roads, about 6 km around the centre), through
 * derivePlan as the app and the CLI run it. Prints the share of areas whose nearest school by route differs
 * from the straight-line one and the mean ratio of route to straight-line distance.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildRoadGraph, buildRoadGraphFromText, derivePlan, loadPopulation, loadSchools, newPlan, resolveSettings } from '../../src/core/index';

describe('route distance on Edinburgh', () => {
  it('the text reader gives the graph JSON.parse gives; derivePlan by route: differing share and mean ratio printed', async () => {
    const dir = 'geodata/edinburgh';
    const manifest = JSON.parse(readFileSync(`${dir}/dataset.json`, 'utf8'));
    const text = readFileSync(`${dir}/${manifest.network}`, 'utf8');
    const graph = buildRoadGraphFromText(text, 'roads.geojson', { barriers: [] }).graph!;
    const viaObjects = buildRoadGraph(JSON.parse(text), 'roads.geojson', { barriers: [] }).graph!;
    expect(graph.nodeCount).toBe(viaObjects.nodeCount);
    expect(graph.edgeLength).toEqual(viaObjects.edgeLength);
    expect(graph.classNames).toEqual(viaObjects.classNames);
    expect(graph.edgeA.length).toBe(48_912);

    const settings = resolveSettings({ ...JSON.parse(readFileSync(`${dir}/${manifest.settings}`, 'utf8')), network: { distance: 'network' } });
    const s = loadSchools('schools', readFileSync(`${dir}/${manifest.schools}`, 'utf8'), settings);
    const u = await loadPopulation('population', readFileSync(`${dir}/${manifest.population}`, 'utf8'), settings);
    if (!s.ok || !u.ok) throw new Error('Edinburgh does not load');
    const plan = newPlan('by route', { name: '', schoolsFingerprint: '', populationFingerprint: '', units: u.value.count, schools: s.value.schools.count }, settings, new Date(0));
    const d = derivePlan({ schools: s.value.schools, units: u.value, network: graph }, plan, { mergers: false });
    for (const x of d.routes!.levels) {
      const share = x.unitsDiffer / u.value.count;
      console.log(`Edinburgh ${x.level} by route: nearest school differs for ${x.unitsDiffer} of ${u.value.count} areas (${(share * 100).toFixed(1)}%); mean route / straight line ${x.meanRatio.toFixed(2)}; ${x.unitsFallback} areas with children off the network; ${Math.round(x.childrenBeyond)} children beyond ${Math.round(x.standardM)} m by route`);
      // a road network parts from the crow's flight for some areas, never most; routes are longer, not absurdly
      expect(share).toBeGreaterThan(0.05);
      expect(share).toBeLessThan(0.4);
      expect(x.meanRatio).toBeGreaterThan(1.1);
      expect(x.meanRatio).toBeLessThan(3);
      // areas outside the 6 km cover keep the straight line, marked
      expect(x.unitsFallback).toBeGreaterThan(100);
    }
  });
});
