/**
 * Publishes the nearest-school plan of the default data (Edinburgh) for the public lookup:
 * public/published/edinburgh.json, with an offline gazetteer of data-zone names, wards, school streets
 * and postcodes. Run: npx tsx scripts/publishDefault.ts (the output is committed).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as turf from '@turf/turf';
import { computeCatchments, loadPopulation, loadSchools, publishPlan, resolveSettings, type GazetteerEntry } from '../src/core/index';

const settings = resolveSettings(JSON.parse(readFileSync('geodata/edinburgh/settings.json', 'utf8')));
const s = loadSchools('schools.geojson', readFileSync('geodata/edinburgh/schools.geojson', 'utf8'), settings);
const u = await loadPopulation('population.geojson', readFileSync('geodata/edinburgh/population.geojson', 'utf8'), settings);
if (!s.ok || !u.ok) throw new Error('default data does not load');
const schools = s.value.schools, units = u.value;
const result = computeCatchments(schools, units, settings);

const places: GazetteerEntry[] = [];
const round = (x: number) => Math.round(x * 1e5) / 1e5;
// neighbourhoods: data zone names without their number ("Leith (Albert Street) - 02"), centred on their zones
const dz = JSON.parse(readFileSync('geodata/edinburgh/population_datazones.geojson', 'utf8'));
const groups = new Map<string, [number, number][]>();
for (const f of dz.features) {
  const name = String(f.properties.name).replace(/\s*-\s*\d+$/, '');
  const c = turf.pointOnFeature(f).geometry.coordinates as [number, number];
  groups.set(name, [...(groups.get(name) ?? []), c]);
}
for (const [name, pts] of groups) {
  // the most central of the zones' points, so that the place lies in one of its zones
  const mx = pts.reduce((a, p) => a + p[0], 0) / pts.length, my = pts.reduce((a, p) => a + p[1], 0) / pts.length;
  const best = pts.reduce((b, p) => ((p[0] - mx) ** 2 + (p[1] - my) ** 2 < (b[0] - mx) ** 2 + (b[1] - my) ** 2 ? p : b));
  places.push({ name, kind: 'area', lon: round(best[0]), lat: round(best[1]), detail: 'neighbourhood' });
}
const wards = JSON.parse(readFileSync('geodata/edinburgh/context.geojson', 'utf8'));
for (const f of wards.features) {
  const c = turf.pointOnFeature(f).geometry.coordinates;
  places.push({ name: String(f.properties.WD13NM), kind: 'place', lon: round(c[0]), lat: round(c[1]), detail: 'council ward' });
}
const published = publishPlan(schools, units, settings, result, {
  title: 'Edinburgh: nearest-school zones',
  note: 'Nearest school by straight-line distance from where children live (census output areas), for illustration. The council\'s official catchments decide admissions.',
  publishedAt: '2026-11-23', places,
  // the data's credits, shown in the public map's attribution
  attribution: JSON.parse(readFileSync('geodata/edinburgh/dataset.json', 'utf8')).attribution,
});
mkdirSync('public/published', { recursive: true });
writeFileSync('public/published/edinburgh.json', JSON.stringify(published));
console.log(`wrote public/published/edinburgh.json: ${published.schools.length} schools, ${published.gazetteer.length} places`);
