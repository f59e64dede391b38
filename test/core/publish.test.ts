import { readFileSync } from 'node:fs';
import * as turf from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { computeCatchments, lookup, parseCoordinates, publishPlan, resolveSettings, searchGazetteer, type GazetteerEntry } from '../../src/core/index';
import { pickLanguage, t } from '../../src/lookup/messages';
import { schoolsFrom, unitsFrom } from '../helpers';

describe('public lookup', () => {
  it('answers, for a point inside a unit, the school that unit is assigned to', async () => {
    const settings = resolveSettings(JSON.parse(readFileSync('geodata/edinburgh/settings.json', 'utf8')));
    const schools = schoolsFrom(readFileSync('geodata/edinburgh/schools.geojson', 'utf8'), settings, 'schools.geojson');
    const units = await unitsFrom(readFileSync('geodata/edinburgh/population.geojson', 'utf8'), settings, 'population.geojson');
    const r = computeCatchments(schools, units, settings);
    const plan = publishPlan(schools, units, settings, r, { title: 't', note: '', publishedAt: '2026-11-23', places: [] });
    const fc = JSON.parse(readFileSync('geodata/edinburgh/population.geojson', 'utf8'));
    let checked = 0, agree = 0;
    for (let u = 0; u < units.count; u += 37) {
      // a point well inside the unit (not on a border): turf's point on feature
      const pt = turf.pointOnFeature(fc.features[u]);
      // the simplified source polygons overlap a little: a point inside two units has no single answer
      if (fc.features.filter((f: GeoJSON.Feature<GeoJSON.Polygon>) => turf.booleanPointInPolygon(pt, f)).length !== 1) continue;
      const [lon, lat] = pt.geometry.coordinates;
      const answers = lookup(plan, lon, lat);
      checked++;
      if (answers[0].school?.id === schools.ids[r.assignments[0].schoolByUnit[u]]) agree++;
    }
    console.log(`lookup vs assignment: ${agree} of ${checked} unambiguous points agree`);
    expect(checked).toBeGreaterThan(100);
    expect(agree / checked).toBeGreaterThan(0.99);
    expect(lookup(plan, -2.0, 55.0).every((a) => a.school === null)).toBe(true); // outside every zone
  });

  it('puts a point on a border shared by two zones in exactly one of them', () => {
    const square = (x0: number, school: number) => ({ type: 'Feature' as const, properties: { school }, geometry: { type: 'MultiPolygon' as const, coordinates: [[[[x0, 0], [x0 + 1, 0], [x0 + 1, 1], [x0, 1], [x0, 0]]]] } });
    const plan = { format: 'school-zoning-published' as const, version: 1 as const, title: '', publishedAt: '2026-01-01', note: '', bbox: [0, 0, 2, 1] as [number, number, number, number],
      levels: [{ id: 'primary', name: 'Primary', distanceStandardM: 2000 }], schools: [{ id: 'A', name: 'A', address: null, lon: 0.5, lat: 0.5 }, { id: 'B', name: 'B', address: null, lon: 1.5, lat: 0.5 }],
      zones: { primary: { type: 'FeatureCollection' as const, features: [square(0, 0), square(1, 1)] } }, gazetteer: [] };
    const onBorder = lookup(plan, 1, 0.5)[0];
    expect(onBorder.school).not.toBeNull();
    expect(['A', 'B']).toContain(onBorder.school!.id);
    expect(lookup(plan, 1.2, 0.5)[0].school!.id).toBe('B');
    expect(lookup(plan, 1.2, 0.5)[0].beyondStandard).toBe(true); // 0.3 degrees is far beyond 2 km
  });

  it('ranks search results: exact, then prefix, then word start, then substring', () => {
    const e = (name: string, kind: GazetteerEntry['kind'] = 'area'): GazetteerEntry => ({ name, kind, lon: 0, lat: 0 });
    const list = [e('Upper Leithen'), e('Leith Walk', 'address'), e('South Leith'), e('Leith'), e('Fleithby'), e('Léith Academy', 'school')];
    expect(searchGazetteer(list, 'leith').map((x) => x.name)).toEqual(['Leith', 'Leith Walk', 'Léith Academy', 'South Leith', 'Upper Leithen', 'Fleithby']);
    expect(searchGazetteer(list, '')).toEqual([]);
  });

  it('reads coordinates as people write them', () => {
    const box: [number, number, number, number] = [-3.4, 55.8, -3.0, 56.0];
    expect(parseCoordinates('55.953, -3.172', box)).toEqual([-3.172, 55.953]);
    expect(parseCoordinates('-3.172 55.953', box)).toEqual([-3.172, 55.953]);
    expect(parseCoordinates('55.953N 3.172W')).toEqual([-3.172, 55.953]);
    expect(parseCoordinates('Leith Walk')).toBeNull();
  });

  it('speaks three languages through whole message templates', () => {
    expect(pickLanguage(['zh-TW', 'en'])).toBe('zh-CN');
    expect(pickLanguage(['es-MX'])).toBe('es');
    expect(pickLanguage(['fr'])).toBe('en');
    expect(t('zh-CN', 'assigned', { level: '小学', school: 'Leith Primary School' })).toBe('小学：Leith Primary School');
    expect(t('es', 'distance', { distance: '730 m' })).toBe('730 m en línea recta');
  });
});
