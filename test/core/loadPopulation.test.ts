import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { crossCheck, defaultSettings, formatProblem, greatCircleMeters, loadPopulation, resolveSettings } from '../../src/core/index';
import { errorsOf, schoolsFrom, unitsFrom } from '../helpers';

const settings = defaultSettings();
const load = (text: string | Uint8Array, file = 'population.csv', s = settings) => loadPopulation(file, text, s);

describe('school-age counts per level', () => {
  it('sums single-year ages over each level (primary 6-11, junior 12-14)', async () => {
    const cols = Array.from({ length: 16 }, (_, a) => `age_${a}`);
    const vals = Array.from({ length: 16 }, (_, a) => a * 10);
    const u = await unitsFrom(`id,lon,lat,${cols.join(',')}\nA,113,28,${vals.join(',')}\n`);
    expect(u.childrenByLevel.primary[0]).toBe(60 + 70 + 80 + 90 + 100 + 110);
    expect(u.childrenByLevel.junior[0]).toBe(120 + 130 + 140);
    expect(u.countSourceByLevel.primary).toBe('single-year ages 6-11');
    expect(u.childrenByAge[5][0]).toBe(50); // next year's entrants are kept for projections
  });

  it('splits age bands in proportion to the years they share with a level', async () => {
    const u = await unitsFrom('id,lon,lat,age_5_9,age_10_14\nA,113,28,100,50\n');
    // primary 6-11: 4/5 of 5-9 + 2/5 of 10-14; junior 12-14: 3/5 of 10-14
    expect(u.childrenByLevel.primary[0]).toBeCloseTo(80 + 20, 5);
    expect(u.childrenByLevel.junior[0]).toBeCloseTo(30, 5);
  });

  it('prefers per-level columns', async () => {
    const u = await unitsFrom('id,lon,lat,primary,junior,age_5_9\nA,113,28,7,3,100\n');
    expect(u.childrenByLevel.primary[0]).toBe(7);
    expect(u.countSourceByLevel.junior).toBe('column "junior"');
  });

  it('estimates from an all-ages total only with a share setting, and says so', async () => {
    const r1 = await load('id,lon,lat,population\nA,113,28,1000\n');
    expect(r1.ok).toBe(false);
    expect(errorsOf(r1)[0]).toMatch(/^population\.csv:1: no school-age counts found; expected columns "primary"/);
    const s = resolveSettings({ shareOfTotal: { primary: 0.08, junior: 0.04 } });
    const r2 = await load('id,lon,lat,population\nA,113,28,1000\n', 'population.csv', s);
    expect(r2.ok && r2.value.childrenByLevel.primary[0]).toBeCloseTo(80, 4);
    expect(r2.problems.map(formatProblem)).toContain('population.csv:1: primary: warning: children estimated as estimate: 8% of all-ages "population" (setting shareOfTotal.primary)');
  });
});

describe('population: bad input', () => {
  it('missing and negative counts name the row and column', async () => {
    expect(errorsOf(await load('id,lon,lat,primary,junior\nA,113,28,,2\nB,113.1,28,-3,1\n'))).toEqual([
      'population.csv:2: primary: missing; expected a count of people (0 or more)',
      'population.csv:3: primary: -3 is negative; expected a count of people (0 or more)',
    ]);
  });
  it('duplicate unit ids', async () => {
    expect(errorsOf(await load('id,lon,lat,primary,junior\nA,113,28,1,2\nA,113.1,28,1,1\n'))).toEqual([
      'population.csv:3: id: "A" is a duplicate of an earlier unit (line 2); expected unique ids',
    ]);
  });
  it('binary content that is not a GeoTIFF', async () => {
    expect(errorsOf(await load(new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 1, 2]), 'population.zip'))).toEqual([
      'population.zip: not a CSV, GeoJSON or GeoTIFF file (binary content); expected population as CSV points, GeoJSON polygons/points or a GeoTIFF of counts',
    ]);
  });
  it('polygon vertices in projected metres', async () => {
    const gj = JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { id: 'A', primary: 1, junior: 1 }, geometry: { type: 'Polygon', coordinates: [[[327000, 674000], [328000, 674000], [328000, 675000], [327000, 674000]]] } }] });
    expect(errorsOf(await load(gj, 'areas.geojson'))).toEqual(['areas.geojson:feature 0: lon: coordinates (327000, 674000) look like projected metres (e.g. British National Grid or UTM); expected WGS84 longitude/latitude in degrees']);
  });
  it('a lines layer given as population', async () => {
    const gj = JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { primary: 1, junior: 0 }, geometry: { type: 'LineString', coordinates: [[0, 0], [1, 1]] } }] });
    expect(errorsOf(await load(gj, 'roads.geojson'))).toEqual(['roads.geojson:feature 0: geometry: is a LineString; expected a Polygon, MultiPolygon or Point']);
  });
});

describe('population geometry', () => {
  it('recognises a regular grid of CSV points as a lattice', async () => {
    const rows = [];
    for (let r = 0; r < 3; r++) for (let c = 0; c < 4; c++) rows.push(`${(113 + c * 0.01 + 0.005).toFixed(6)},${(28.03 - r * 0.01 - 0.005).toFixed(6)},1,1`);
    const u = await unitsFrom('lon,lat,primary,junior\n' + rows.join('\n'));
    expect(u.ids).toBeNull();
    expect(u.geometry.kind).toBe('lattice');
    if (u.geometry.kind !== 'lattice') return;
    expect([u.geometry.lattice.cols, u.geometry.lattice.rows]).toEqual([4, 3]);
    expect(u.geometry.lattice.dx).toBeCloseTo(0.01, 9);
    expect(Array.from(u.geometry.lattice.cellByUnit)).toEqual(Array.from({ length: 12 }, (_, i) => i));
  });

  it('reads the Malawi GeoTIFF: UTM 36N with negative northings, NaN nodata skipped', async () => {
    const bytes = new Uint8Array(readFileSync('test/fixtures/raster/malawi_population.tif'));
    const r = await load(bytes, 'malawi_population.tif', resolveSettings({ shareOfTotal: { primary: 0.17, junior: 0.07 } }));
    expect(errorsOf(r)).toEqual([]);
    if (!r.ok) return;
    const u = r.value;
    expect(u.count).toBe(21_702); // valid cells per the source's documentation
    let total = 0, west = 180, east = -180, south = 90, north = -90;
    for (let i = 0; i < u.count; i++) {
      total += u.childrenByLevel.primary[i] / 0.17;
      west = Math.min(west, u.lon[i]); east = Math.max(east, u.lon[i]);
      south = Math.min(south, u.lat[i]); north = Math.max(north, u.lat[i]);
    }
    expect(total / 4_140_430).toBeCloseTo(1, 3);
    expect(west).toBeGreaterThan(33.79); expect(east).toBeLessThan(35.92);
    expect(south).toBeGreaterThan(-16.53); expect(north).toBeLessThan(-14.74);
    expect(u.geometry.kind).toBe('lattice');
  });
});

describe('checks across the two files', () => {
  it('reports a whole schools file with lat/lon swapped', async () => {
    const units = await unitsFrom('id,lon,lat,primary,junior\nA,113.0,28.0,1,1\nB,113.5,28.5,1,1\n');
    const far = schoolsFrom('id,name,level,lon,lat\nS,S,primary,113.2,30\n');
    const km = Math.round(greatCircleMeters(113.2, 30, 113.2, 28.5) / 1000);
    expect(crossCheck('schools.csv', far, units).map(formatProblem)).toEqual([`schools.csv: lon/lat: warning: school "S" (S) lies ${km} km outside the population extent`]);
    const swapped = schoolsFrom('id,name,level,lon,lat\nS,S,primary,28.2,13.2\n');
    const inside = await unitsFrom('id,lon,lat,primary,junior\nA,13.0,28.0,1,1\nB,13.5,28.5,1,1\n');
    expect(crossCheck('schools.csv', swapped, inside).map(formatProblem)).toEqual(['schools.csv: lon/lat: every school lies outside the population area, and 1 would lie inside with longitude and latitude exchanged: lat/lon look swapped; expected lon = x (east), lat = y (north)']);
  });
});
