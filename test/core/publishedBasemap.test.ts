import { describe, expect, it } from 'vitest';
import { publishZones } from '../../src/core/index';
import { checkPublishedAttribution, checkPublishedBasemap } from '../../src/core/publish/publishedBasemap';
import { validatePublishedPlan } from '../../src/core/publish/validatePublished';
import { allowedOriginsFromConfig } from '../../src/core/publish/planSource';
import { smallPlan } from '../fixtures/lookup/plans';

describe('a published plan\'s basemap and credits', () => {
  it('accepts none and an http(s) style, and refuses anything else with the field at fault', () => {
    expect(checkPublishedBasemap({ kind: 'none' })).toEqual({ ok: true, basemap: { kind: 'none' } });
    expect(checkPublishedBasemap({ kind: 'style', url: 'https://tiles.openfreemap.org/styles/liberty' })).toEqual({ ok: true, basemap: { kind: 'style', url: 'https://tiles.openfreemap.org/styles/liberty' } });
    expect(checkPublishedBasemap({ kind: 'style', url: 'javascript:alert(1)' })).toMatchObject({ ok: false, path: 'basemap.url' });
    expect(checkPublishedBasemap({ kind: 'style', url: 'https://user:pw@maps.example.org/s.json' })).toMatchObject({ ok: false, path: 'basemap.url' });
    expect(checkPublishedBasemap({ kind: 'style', url: '/relative.json' })).toMatchObject({ ok: false, path: 'basemap.url' });
    expect(checkPublishedBasemap({ kind: 'pmtiles' })).toMatchObject({ ok: false, path: 'basemap.kind' });
    expect(checkPublishedBasemap('https://x.org')).toMatchObject({ ok: false, path: 'basemap' });
    expect(checkPublishedAttribution(['© a', 'b'])).toEqual({ ok: true, attribution: ['© a', 'b'] });
    expect(checkPublishedAttribution(['a', 3])).toMatchObject({ ok: false, path: 'attribution[1]' });
  });

  it('is kept by validation when present, left out when absent, and a bad one fails the file', () => {
    const plain = validatePublishedPlan(smallPlan());
    expect(plain.ok && 'basemap' in plain.plan).toBe(false);
    const withBasemap = validatePublishedPlan({ ...smallPlan(), basemap: { kind: 'style', url: 'https://maps.example.org/style.json', extra: 1 }, attribution: ['© Crown copyright'] });
    expect(withBasemap.ok && withBasemap.plan.basemap).toEqual({ kind: 'style', url: 'https://maps.example.org/style.json' });
    expect(withBasemap.ok && withBasemap.plan.attribution).toEqual(['© Crown copyright']);
    const bad = validatePublishedPlan({ ...smallPlan(), basemap: { kind: 'style', url: 'data:text/plain,x' } });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.problems.map((p) => p.path)).toEqual(['basemap.url']);
  });

  it('is written by publishing when the planner chose one', () => {
    const p = publishZones({ zones: {}, schools: { ids: [], names: [], lon: [], lat: [], extra: [] }, levels: [{ id: 'primary', name: 'Primary', distanceStandardM: 2000 }], bbox: [0, 0, 1, 1] },
      { title: 't', note: '', publishedAt: '2026-11-23', places: [], basemap: { kind: 'style', url: 'https://tiles.openfreemap.org/styles/liberty' }, attribution: ['© x'] });
    expect(p.basemap).toEqual({ kind: 'style', url: 'https://tiles.openfreemap.org/styles/liberty' });
    expect(validatePublishedPlan(JSON.parse(JSON.stringify(p)))).toEqual({ ok: true, plan: p });
  });

  it('reads the deployment\'s trusted basemap origins from its own key of the configuration', () => {
    expect(allowedOriginsFromConfig({ allowedPlanOrigins: ['https://a.org'], allowedBasemapOrigins: ['https://maps.b.org/', 'https://*.c.org'] }, 'allowedBasemapOrigins')).toEqual({ origins: ['https://maps.b.org'], ignored: 1 });
  });
});
