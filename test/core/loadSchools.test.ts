import { describe, expect, it } from 'vitest';
import { defaultSettings, loadSchools } from '../../src/core/index';
import { errorsOf } from '../helpers';

const settings = defaultSettings();
const load = (text: string, file = 'schools.csv') => loadSchools(file, text, settings);

describe('loading schools: real-world CSV habits', () => {
  it('reads a BOM, ";" delimiters, decimal commas, quoted fields, non-Latin names and any-case columns', () => {
    const text = '\ufeffID;Name;LEVEL;Latitude;Longitude;Capacity;Enrollment\n' +
      'S1;"第一小学; 东校区";小学;28,2345;112,9876;1.200;980\n' +
      'S2;"The ""Old"" School, North";nine_year;28,30;113,01;;\n';
    const r = load(text);
    expect(errorsOf(r)).toEqual([]);
    if (!r.ok) return;
    const s = r.value.schools;
    expect(s.ids).toEqual(['S1', 'S2']);
    expect(s.names).toEqual(['第一小学; 东校区', 'The "Old" School, North']);
    expect(s.types).toEqual(['primary', 'nine_year']);
    expect(s.lat[0]).toBeCloseTo(28.2345, 6);
    expect(s.lon[0]).toBeCloseTo(112.9876, 6);
    expect(s.capacity[0]).toBe(1200);
    expect(Number.isNaN(s.capacity[1])).toBe(true);
    expect(r.value.columnsUsed).toMatchObject({ id: 'ID', name: 'Name', level: 'LEVEL', lat: 'Latitude', lon: 'Longitude' });
  });

  it('accepts x/y as coordinates and keeps extra columns as they are', () => {
    const r = load('code,school_name,type,x,y,district\nA1,A,primary,113.1,28.1,North\n');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.columnsUsed).toMatchObject({ id: 'code', name: 'school_name', level: 'type', lon: 'x', lat: 'y' });
    expect(r.value.schools.extra[0]).toEqual({ district: 'North' });
  });

  it('sums per-grade columns into enrollment and keeps them by grade', () => {
    const r = load('id,name,level,lon,lat,g1,g2,g7\nN,N,nine_year,113,28,40,38,50\n');
    expect(r.ok && r.value.schools.enrollment[0]).toBe(128);
    expect(r.ok && r.value.schools.enrollmentByGrade[0]).toEqual({ g1: 40, g2: 38, g7: 50 });
  });

  it('reads GeoJSON points', () => {
    const gj = JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { id: 7, name: 'Seven', level: 'junior', classrooms: 12 }, geometry: { type: 'Point', coordinates: [113, 28] } }] });
    const r = load(gj, 'schools.geojson');
    expect(r.ok && r.value.schools.ids).toEqual(['7']);
    expect(r.ok && r.value.schools.classrooms[0]).toBe(12);
  });
});

describe('loading schools: every bad input is named by file, row and field', () => {
  const header = 'id,name,level,lon,lat,capacity,enrollment\n';
  it('empty file', () => {
    expect(errorsOf(load(''))).toEqual(['schools.csv: file is empty; expected a header row and data rows']);
    expect(errorsOf(load('', 'schools.geojson'))).toEqual(['schools.geojson: file is empty; expected a GeoJSON FeatureCollection']);
  });
  it('header without rows', () => {
    expect(errorsOf(load(header))).toEqual(['schools.csv: file has a header but no data rows']);
  });
  it('unparseable CSV (unclosed quote)', () => {
    expect(errorsOf(load(header + 'A,"Broken,primary,1,2,3,4\n'))).toEqual(['schools.csv:2: quoted field unterminated; expected every opening quote to be closed']);
  });
  it('unparseable GeoJSON', () => {
    const e = errorsOf(load('{"type": "FeatureCollection", "features": [', 'schools.geojson'));
    expect(e).toHaveLength(1);
    expect(e[0]).toMatch(/^schools\.geojson: not valid JSON \(.+\); expected a GeoJSON FeatureCollection$/);
  });
  it('missing required column', () => {
    expect(errorsOf(load('id,name,lon,lat\nA,A,1,2\n'))).toEqual(['schools.csv:1: level: no column found; expected one named level, school_level, type, school_type, phase, sector']);
  });
  it('missing required value', () => {
    expect(errorsOf(load(header + ',Nameless,primary,113,28,,\n'))).toEqual(['schools.csv:2: id: missing; expected a unique school id']);
  });
  it('duplicate ids', () => {
    expect(errorsOf(load(header + 'A,One,primary,113,28,,\nA,Two,primary,113.1,28,,\n'))).toEqual(['schools.csv:3: id: "A" is a duplicate of the school at line 2; expected unique ids']);
  });
  it('non-numeric and negative counts', () => {
    expect(errorsOf(load(header + 'A,One,primary,113,28,lots,-5\n'))).toEqual([
      'schools.csv:2: capacity: "lots" is not a number; expected a number of places (0 or more)',
      'schools.csv:2: enrollment: -5 is negative; expected a number of pupils (0 or more)',
    ]);
  });
  it('coordinates outside WGS84', () => {
    expect(errorsOf(load(header + 'A,One,primary,190,28,,\n'))).toEqual(['schools.csv:2: lon: longitude 190 is outside -180..180; expected WGS84 degrees']);
  });
  it('lat/lon swapped', () => {
    expect(errorsOf(load(header + 'A,One,primary,28.2,113.1,,\n'))).toEqual(['schools.csv:2: lat: latitude 113.1 is outside -90..90 while longitude 28.2 would be a valid latitude: lat and lon look swapped; expected lon = x (east), lat = y (north)']);
  });
  it('projected coordinates in metres', () => {
    expect(errorsOf(load(header + 'A,One,primary,327073,674330,,\n'))).toEqual(['schools.csv:2: lon: coordinates (327073, 674330) look like projected metres (e.g. British National Grid or UTM); expected WGS84 longitude/latitude in degrees']);
  });
  it('unknown school type and status', () => {
    expect(errorsOf(load('id,name,level,status,lon,lat\nA,One,college,open,113,28\nB,Two,primary,maybe,113,28\n'))).toEqual([
      'schools.csv:2: level: "college" is not a school type of profile "china"; expected one of primary, junior, nine_year, secondary, special',
      'schools.csv:3: status: "maybe" is not a status; expected open, closed or proposed',
    ]);
  });
  it('wrong kind of file: polygons given as schools', () => {
    const gj = JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { id: 'A', level: 'primary' }, geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] } }] });
    expect(errorsOf(load(gj, 'schools.geojson'))).toEqual(['schools.geojson:feature 0: geometry: is a Polygon; expected a Point (a schools file holds one point per school)']);
  });
  it('wrong kind of file: a population table given as schools', () => {
    expect(errorsOf(load('lon,lat,primary\n113,28,5\n'))).toEqual([
      'schools.csv:1: id: no column found; expected one named id, school_id, schoolid, school_code, code, seed_code, de_ref, urn, ref',
      'schools.csv:1: level: no column found; expected one named level, school_level, type, school_type, phase, sector',
    ]);
  });
  it('a GeoJSON in another CRS', () => {
    const gj = JSON.stringify({ type: 'FeatureCollection', crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::27700' } }, features: [] });
    expect(errorsOf(load(gj, 'schools.geojson'))).toEqual(['schools.geojson: crs: declares urn:ogc:def:crs:EPSG::27700; expected WGS84 longitude/latitude (EPSG:4326 / CRS84): reproject the file first']);
  });
  it('lists at most 20 repeats of one problem and counts the rest', () => {
    const rows = Array.from({ length: 25 }, (_, i) => `S${i},N,primary,113,28,x,`).join('\n');
    const r = load(header + rows);
    const e = errorsOf(r);
    expect(e).toHaveLength(21);
    expect(e[20]).toBe('schools.csv: capacity: ... and 5 more rows with the same problem');
  });
});
