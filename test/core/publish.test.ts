import { readFileSync } from 'node:fs';
import * as turf from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { computeCatchments, lookup, parseCoordinates, publishPlan, resolveSettings, searchGazetteer, type GazetteerEntry } from '../../src/core/index';
import { gazetteerEntryAt, type PublishedPlan } from '../../src/core/publish/lookupZones';
import { allowedOriginsFromConfig, checkPlanUrl } from '../../src/core/publish/planSource';
import { isPublishedDate, MAX_PUBLISHED_PROBLEMS, parsePublishedPlan, validatePublishedPlan } from '../../src/core/publish/validatePublished';
import { answerHref, pointLabel, readAnswer } from '../../src/lookup/answerUrl';
import { LANGUAGES, pickLanguage, t, type Lang, type MessageKey } from '../../src/lookup/messages';
import { FORGED, forgedPlan, smallPlan } from '../fixtures/lookup/plans';
import { schoolsFrom, unitsFrom } from '../helpers';

describe('public lookup', () => {
  it('answers, for a point inside a unit, the school that unit is assigned to', async () => {
    const settings = resolveSettings(JSON.parse(readFileSync('geodata/edinburgh/settings.json', 'utf8')));
    const schools = schoolsFrom(readFileSync('geodata/edinburgh/schools.geojson', 'utf8'), settings, 'schools.geojson');
    const units = await unitsFrom(readFileSync('geodata/edinburgh/population.geojson', 'utf8'), settings, 'population.geojson');
    const r = computeCatchments(schools, units, settings);
    const plan = publishPlan(schools, units, settings, r, { title: 't', note: '', publishedAt: '2026-11-23', places: [] });
    expect(validatePublishedPlan(JSON.parse(JSON.stringify(plan)))).toEqual({ ok: true, plan }); // what publishing writes, the page reads
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

/** The problems of a plan changed by `edit`, as `path kind` lines. */
function problemsOf(edit: (p: Record<string, any>) => void): string[] {
  const p = JSON.parse(JSON.stringify(smallPlan()));
  edit(p);
  const r = validatePublishedPlan(p);
  return r.ok ? [] : r.problems.map((x) => `${x.path} ${x.kind}`);
}

describe('published plans are checked before the page shows them', () => {
  it('accepts the shipped plan and the test plan, keeping only what the page reads', () => {
    expect(validatePublishedPlan(JSON.parse(readFileSync('public/published/edinburgh.json', 'utf8'))).ok).toBe(true);
    const r = validatePublishedPlan({ ...smallPlan(), secret: 'x', zones: { ...smallPlan().zones, other: 1 } });
    expect(r.ok && Object.keys(r.plan).sort()).toEqual(['bbox', 'format', 'gazetteer', 'levels', 'note', 'publishedAt', 'schools', 'title', 'version', 'zones']);
    expect(r.ok && Object.keys(r.plan.zones)).toEqual(['primary', 'secondary']);
  });

  it('names each problem of a malformed plan by field and position', () => {
    expect(problemsOf((p) => { p.levels = []; })).toEqual(['levels empty']);
    expect(problemsOf((p) => { delete p.levels; })).toEqual(['levels missing']);
    expect(problemsOf((p) => { p.publishedAt = 'soon'; })).toEqual(['publishedAt date']);
    expect(problemsOf((p) => { p.publishedAt = '2026-02-30'; })).toEqual(['publishedAt date']);
    expect(problemsOf((p) => { p.publishedAt = 20261123; })).toEqual(['publishedAt type']);
    expect(problemsOf((p) => { p.zones.primary.features[1].properties.school = 3; })).toEqual(['zones[levels[0].id].features[1].properties.school school']);
    expect(problemsOf((p) => { p.zones.primary.features[1].properties.school = -1; })).toEqual(['zones[levels[0].id].features[1].properties.school school']);
    expect(problemsOf((p) => { p.zones.primary.features[1].properties.school = '1'; })).toEqual(['zones[levels[0].id].features[1].properties.school type']);
    expect(problemsOf((p) => { p.bbox = [10.04, 50, 10, 50.02]; })).toEqual(['bbox bbox']);
    expect(problemsOf((p) => { p.bbox = [10, 50, 10.04]; })).toEqual(['bbox bbox']);
    expect(problemsOf((p) => { p.bbox = ['10', 50, 10.04, 50.02]; })).toEqual(['bbox bbox']);
    expect(problemsOf((p) => { p.title = 7; p.schools = {}; })).toEqual(['title type', 'schools type']);
    expect(problemsOf((p) => { p.levels[1].distanceStandardM = '5 km'; p.levels[1].id = 'primary'; })).toEqual(['levels[1].id duplicate', 'levels[1].distanceStandardM type']);
    expect(problemsOf((p) => { delete p.zones.secondary; })).toEqual(['zones[levels[1].id] missing']);
    expect(problemsOf((p) => { p.zones.primary.features[0].geometry.type = 'Polygon'; })).toEqual(['zones[levels[0].id].features[0].geometry.type geometry']);
    expect(problemsOf((p) => { p.zones.primary.features[0].geometry.coordinates[0][0][2] = [200, 50]; })).toEqual(['zones[levels[0].id].features[0].geometry.coordinates[0][0][2] range']);
    expect(problemsOf((p) => { p.zones.primary.features[0].geometry.coordinates[0][0] = [[10, 50], [10.02, 50]]; })).toEqual(['zones[levels[0].id].features[0].geometry.coordinates[0][0] geometry']);
    expect(problemsOf((p) => { p.schools[2].lat = null; })).toEqual(['schools[2] type']);
    expect(problemsOf((p) => { p.gazetteer[1].kind = 'constructor'; p.gazetteer[0].name = ''; })).toEqual(['gazetteer[0].name empty', 'gazetteer[1].kind type']);
    expect(parsePublishedPlan('<html>not found</html>')).toEqual({ ok: false, problems: [{ path: '(file)', kind: 'format', message: 'not JSON' }] });
    expect(validatePublishedPlan({ ...smallPlan(), format: 'something-else' })).toMatchObject({ ok: false, problems: [{ path: 'format', kind: 'format' }] });
    expect(validatePublishedPlan([])).toMatchObject({ ok: false, problems: [{ kind: 'type' }] });
    expect(isPublishedDate('2026-11-23T10:00Z') && isPublishedDate('2024-02-29') && !isPublishedDate('2026-11-23T24:00Z')).toBe(true);
  });

  it('never quotes the file in its problems, and stops listing after a limit', () => {
    const p = JSON.parse(JSON.stringify(forgedPlan()));
    p.levels[0].id = FORGED.title; // a level id that is a sentence
    p.zones = { [FORGED.title]: { type: 'FeatureCollection', features: Array.from({ length: 100 }, () => ({ type: 'Feature', properties: { school: FORGED.school }, geometry: FORGED.note })) } };
    p.publishedAt = FORGED.note;
    const r = validatePublishedPlan(p);
    expect(r.ok).toBe(false);
    const text = JSON.stringify(r);
    for (const w of Object.values(FORGED)) expect(text).not.toContain(w.split(' ')[0]);
    expect(!r.ok && r.problems.length).toBe(MAX_PUBLISHED_PROBLEMS);
    // every problem kind has a message in every language
    for (const lang of Object.keys(LANGUAGES) as Lang[]) for (const x of r.ok ? [] : r.problems) expect(t(lang, `problem_${x.kind}` as MessageKey, { path: x.path })).toContain(x.path);
  });
});

describe('which addresses the lookup reads plans from', () => {
  const page = 'http://127.0.0.1:4173/lookup/?plan=x';
  it('reads the page’s own origin and the listed origins only', () => {
    expect(checkPlanUrl('/published/edinburgh.json', page, [])).toEqual({ ok: true, url: 'http://127.0.0.1:4173/published/edinburgh.json', sameOrigin: true });
    expect(checkPlanUrl('../published/a.json', page, [])).toMatchObject({ ok: true, sameOrigin: true });
    expect(checkPlanUrl('http://127.0.0.1:4173/p.json', page, [])).toMatchObject({ ok: true });
    expect(checkPlanUrl('data:application/json,{}', page, [])).toEqual({ ok: false, reason: 'scheme' });
    expect(checkPlanUrl('javascript:alert(1)', page, [])).toEqual({ ok: false, reason: 'scheme' });
    expect(checkPlanUrl('blob:http://127.0.0.1:4173/0d6b', page, [])).toEqual({ ok: false, reason: 'scheme' });
    expect(checkPlanUrl('//127.0.0.1:9999/p.json', page, [])).toEqual({ ok: false, reason: 'origin' });
    expect(checkPlanUrl('/\\127.0.0.1:9999/p.json', page, [])).toEqual({ ok: false, reason: 'origin' });
    expect(checkPlanUrl(' \thttp://evil.example/p.json', page, [])).toEqual({ ok: false, reason: 'origin' });
    expect(checkPlanUrl('http://127.0.0.1:9999/p.json', page, [])).toEqual({ ok: false, reason: 'origin' });
    expect(checkPlanUrl('https://127.0.0.1:4173/p.json', page, [])).toEqual({ ok: false, reason: 'origin' }); // another scheme is another origin
    expect(checkPlanUrl('http://user:pw@127.0.0.1:4173/p.json', page, [])).toEqual({ ok: false, reason: 'credentials' });
    expect(checkPlanUrl('http://[::1', page, [])).toEqual({ ok: false, reason: 'malformed' });
    const { origins, ignored } = allowedOriginsFromConfig({ allowedPlanOrigins: ['https://maps.example.org/', 'http://127.0.0.1:9999', '*', 'https://*.example.org', 'https://a.org/plans/', 'data:x', 7] });
    expect(origins).toEqual(['https://maps.example.org', 'http://127.0.0.1:9999']);
    expect(ignored).toBe(5);
    expect(checkPlanUrl('https://maps.example.org/p/plan.json', page, origins)).toMatchObject({ ok: true, sameOrigin: false });
    expect(checkPlanUrl('//127.0.0.1:9999/p.json', page, origins)).toMatchObject({ ok: true });
    expect(checkPlanUrl('https://maps.example.org:8443/p.json', page, origins)).toEqual({ ok: false, reason: 'origin' });
    expect(checkPlanUrl('https://maps.example.org.evil.example/p.json', page, origins)).toEqual({ ok: false, reason: 'origin' });
    expect(allowedOriginsFromConfig(JSON.parse(readFileSync('public/lookup-config.json', 'utf8')))).toEqual({ origins: [], ignored: 0 });
    expect(allowedOriginsFromConfig(null)).toEqual({ origins: [], ignored: 0 });
  });
});

describe('the URL of an answer', () => {
  const plan: PublishedPlan = smallPlan();
  it('labels a point only with a gazetteer name of that point', () => {
    expect(readAnswer('?lat=50.01000&lon=10.01000&place=Alder+Street&level=secondary&lang=es', plan)).toEqual({ point: { lon: 10.01, lat: 50.01, label: 'Alder Street' }, level: 'secondary', lang: 'es' });
    expect(readAnswer('?lat=50.01&lon=10.01&place=Your+school+has+closed', plan).point).toEqual({ lon: 10.01, lat: 50.01 });
    expect(readAnswer('?lat=50.01&lon=10.03&place=Alder+Street', plan).point).toEqual({ lon: 10.03, lat: 50.01 }); // a real name on another point
    expect(readAnswer('?lat=&lon=&level=__proto__&lang=toString', plan)).toEqual({ point: null, level: null, lang: null });
    expect(readAnswer('?lat=95&lon=10', plan).point).toBeNull();
    expect(gazetteerEntryAt(plan.gazetteer, 'Birch Road', 10.030004, 50.009996)?.name).toBe('Birch Road');
    expect(pointLabel({ lon: -3.1720004, lat: 55.953 })).toBe('55.95300, -3.17200');
  });

  it('keeps the plan, the point and its name, the level and the language', () => {
    const href = answerHref('/lookup/', { planParam: 'https://maps.example.org/a b.json', point: { lon: 10.01, lat: 50.01, label: 'Alder Street' }, level: 'primary', lang: 'zh-CN' });
    expect(href).toBe('/lookup/?plan=https%3A%2F%2Fmaps.example.org%2Fa+b.json&lat=50.01000&lon=10.01000&place=Alder+Street&level=primary&lang=zh-CN');
    expect(readAnswer(href.slice(href.indexOf('?')), plan)).toEqual({ point: { lon: 10.01, lat: 50.01, label: 'Alder Street' }, level: 'primary', lang: 'zh-CN' });
    expect(answerHref('/lookup/', { planParam: null, point: null, level: 'primary', lang: 'en' })).toBe('/lookup/?level=primary&lang=en');
  });
});
