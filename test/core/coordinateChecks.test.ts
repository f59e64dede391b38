import { describe, expect, it } from 'vitest';
import { crossCheck, defaultSettings, formatProblem, loadSchools } from '../../src/core/index';
import { errorsOf, schoolsFrom, unitsFrom } from '../helpers';

const settings = defaultSettings();
const load = (text: string, file = 'schools.csv') => loadSchools(file, text, settings);
const header = 'id,name,level,lon,lat\n';
const csv = (points: [number | string, number | string][]) => header + points.map(([lon, lat], i) => `S${i + 1},School ${i + 1},primary,${lon},${lat}`).join('\n') + '\n';
const warningsOf = (r: { problems: import('../../src/core/index').Problem[] }) => r.problems.filter((p) => p.severity === 'warning').map(formatProblem);

describe('a schools file with longitude and latitude swapped, alone', () => {
  it('latitudes out of range on every row: one error with the count and an example, not one per row', () => {
    // Changsha (112.9-113.1 E, 28.1-28.3 N) written lat, lon
    const r = load(csv([[28.2, 112.98], [28.25, 113.01], [28.15, 113.05], [28.3, 112.91]]));
    expect(errorsOf(r)).toEqual(['schools.csv: lon/lat: longitude and latitude look swapped in 4 of 4 rows (e.g. row 2: lon 28.2, lat 112.98); swap the columns']);
  });

  it('latitudes valid but where no schools are (beyond 72°N, or Antarctica) while longitudes are not beyond 60°', () => {
    // Delhi and Mumbai written lat, lon: valid degrees, but in the Arctic Ocean
    expect(errorsOf(load(csv([[28.61, 77.21], [19.08, 72.88], [28.7, 77.1]])))).toEqual([
      'schools.csv: lon/lat: longitude and latitude look swapped in 3 of 3 rows (e.g. row 2: lon 28.61, lat 77.21); swap the columns',
    ]);
    // Córdoba and Rosario (Argentina) written lat, lon: in Antarctica
    expect(errorsOf(load(csv([[-31.42, -64.18], [-32.95, -60.65]])))).toEqual([
      'schools.csv: lon/lat: longitude and latitude look swapped in 2 of 2 rows (e.g. row 2: lon -31.42, lat -64.18); swap the columns',
    ]);
  });

  it('latitudes of 60-72°N (Nordic countries, northern Russia): a warning, and the file loads', () => {
    // Helsinki, Tampere, Oulu: really this far north
    const r = load(csv([[24.94, 60.17], [23.76, 61.5], [25.47, 65.01]]));
    expect(r.ok).toBe(true);
    expect(warningsOf(r)).toEqual([
      'schools.csv: lon/lat: warning: latitude is beyond 60° while longitude is within 60° in 3 of 3 rows (e.g. row 2: lon 24.94, lat 60.17): longitude and latitude may be swapped; swap the columns unless the schools really are this far north',
    ]);
  });

  it('a GeoJSON file says features and how to write the points', () => {
    const gj = JSON.stringify({ type: 'FeatureCollection', features: [[28.2, 113], [28.3, 113.1]].map((c, i) => ({ type: 'Feature', properties: { id: `S${i}`, name: 'S', level: 'primary' }, geometry: { type: 'Point', coordinates: c } })) });
    expect(errorsOf(load(gj, 'schools.geojson'))).toEqual(['schools.geojson: lon/lat: longitude and latitude look swapped in 2 of 2 features (e.g. feature 0: lon 28.2, lat 113); write each point as [longitude, latitude]']);
  });

  it('swapped rows that are not most of the file are named row by row, 20 at most, the rest counted', () => {
    const rows = Array.from({ length: 60 }, (_, i): [number | string, number | string] => (i < 35 ? [113, 28] : [28.3, (113 + (i - 35) * 0.37).toFixed(i % 3)]));
    const e = errorsOf(load(csv(rows)));
    expect(e).toHaveLength(21);
    expect(e[0]).toBe('schools.csv:37: lat: latitude 113 is outside -90..90 while longitude 28.3 would be a valid latitude: lat and lon look swapped; expected lon = x (east), lat = y (north)');
    expect(e[20]).toBe('schools.csv: lat: ... and 5 more rows with the same problem');
  });
});

describe('a coordinate problem on every row is reported once', () => {
  it('projected metres', () => {
    const rows = Array.from({ length: 1000 }, (_, i): [number, number] => [327000 + i * 13, 674000 + i * 7]);
    expect(errorsOf(load(csv(rows)))).toEqual([
      'schools.csv: lon/lat: coordinates look like projected metres (e.g. British National Grid or UTM) in 1000 of 1000 rows (e.g. row 2: 327000, 674000); expected WGS84 longitude/latitude in degrees: reproject the file',
    ]);
  });

  it('out of range', () => {
    expect(errorsOf(load(csv([[113, 95], [113, 95.5], [113, 120.25]])))).toEqual(['schools.csv: lat: latitude is outside -90..90 in 3 of 3 rows (e.g. row 2: lat 95); expected WGS84 degrees']);
    expect(errorsOf(load(csv([[200, 28], [190.5, 28], [113, 28]])))).toEqual(['schools.csv: lon: longitude is outside -180..180 in 2 of 3 rows (e.g. row 2: lon 200); expected WGS84 degrees']);
  });

  it('0, 0 on every row, or on several rows (one school at 0, 0 may be real)', () => {
    expect(errorsOf(load(csv([[0, 0], [0, 0], [0, 0]])))).toEqual(["schools.csv: lon/lat: coordinates are 0, 0 in 3 of 3 rows (e.g. row 2): missing locations written as zeros?; expected each school's longitude and latitude"]);
    expect(errorsOf(load(csv([[0, 0], [113, 28], [0, 0], [113.1, 28], [113.2, 28]])))).toEqual([
      "schools.csv:2: lon/lat: coordinates are 0, 0, as in 2 rows of this file: a missing location written as zeros?; expected the school's longitude and latitude",
      "schools.csv:4: lon/lat: coordinates are 0, 0, as in 2 rows of this file: a missing location written as zeros?; expected the school's longitude and latitude",
    ]);
    expect(load(csv([[0, 0], [0.1, 0]])).ok).toBe(true);
  });

  it('many bad rows that are not most of the file: 20 listed, the rest counted, whatever the numbers look like', () => {
    const rows = Array.from({ length: 60 }, (_, i): [string | number, number] => (i < 25 ? [(181 + i * 1.37).toFixed(i % 3), 28] : [113, 28]));
    const e = errorsOf(load(csv(rows)));
    expect(e).toHaveLength(21);
    expect(e[0]).toBe('schools.csv:2: lon: longitude 181 is outside -180..180; expected WGS84 degrees');
    expect(e[20]).toBe('schools.csv: lon: ... and 5 more rows with the same problem');
  });
});

describe('schools against the population file', () => {
  const edinburgh = 'id,lon,lat,primary,junior\nA,-3.30,55.90,1,1\nB,-3.10,55.99,1,1\n';

  it('most schools outside the population area but inside with lon/lat exchanged: one error with an example', async () => {
    const units = await unitsFrom(edinburgh);
    const swapped = schoolsFrom(header + 'P1,Abbeyhill,primary,55.95,-3.19\nP2,Balgreen,primary,55.94,-3.25\nP3,Blackhall,primary,55.96,-3.26\nP4,Bonaly,primary,-3.26,55.90\n');
    expect(crossCheck('schools.csv', swapped, units).map(formatProblem)).toEqual([
      'schools.csv: lon/lat: longitude and latitude look swapped in 3 of 4 schools (e.g. school "P1" (Abbeyhill): lon 55.95, lat -3.19): they lie outside the population area and would lie inside with the two exchanged; swap the columns',
    ]);
  });

  it('one swapped school among good ones: a warning naming it and the likely cause', async () => {
    const units = await unitsFrom(edinburgh);
    const one = schoolsFrom(header + 'P1,Abbeyhill,primary,55.95,-3.19\nP2,Balgreen,primary,-3.25,55.94\nP3,Blackhall,primary,-3.26,55.96\n');
    const p = crossCheck('schools.csv', one, units).map(formatProblem);
    expect(p).toHaveLength(1);
    expect(p[0]).toMatch(/^schools\.csv: lon\/lat: warning: school "P1" \(Abbeyhill\) lies \d+ km outside the population extent, and inside with longitude and latitude exchanged: swapped\?$/);
  });

  it('every school far outside (another city): one warning, not one per school', async () => {
    const units = await unitsFrom(edinburgh);
    // Glasgow's schools against Edinburgh's population
    const glasgow = schoolsFrom(header + Array.from({ length: 30 }, (_, i) => `G${i + 10},Glasgow ${i},primary,${(-4.30 + i * 0.002).toFixed(3)},55.86`).join('\n') + '\n');
    const p = crossCheck('schools.csv', glasgow, units).map(formatProblem);
    expect(p).toHaveLength(1);
    expect(p[0]).toMatch(/^schools\.csv: lon\/lat: warning: 30 of 30 schools lie more than 10 km outside the population extent \(e\.g\. school "G10" \(Glasgow 0\), \d+ km\): do the two files cover the same area\?$/);
  });
});
