import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const TSX = join('node_modules', '.bin', 'tsx');
function cli(...args: string[]) {
  const r = spawnSync(TSX, ['src/cli/main.ts', ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const fx = (f: string) => join('test/fixtures/cli', f);

describe('cli: usage', () => {
  it('prints help for the tool and each command, exit 0', () => {
    expect(cli('--help').code).toBe(0);
    for (const c of ['validate', 'assign']) {
      const r = cli(c, '--help');
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`Usage: npm run --silent cli -- ${c}`);
    }
  });
  it('exits 2 on an unknown command or missing options', () => {
    expect(cli('frobnicate').code).toBe(2);
    const r = cli('assign', '--schools', fx('schools.csv'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('assign needs --schools FILE and --population FILE');
  });
});

describe('cli: validate', () => {
  it('exit 0 on loadable files and says which column was taken for which field', () => {
    const r = cli('validate', '--schools', fx('schools.csv'), '--population', fx('population.csv'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('test/fixtures/cli/schools.csv: 5 schools; columns: id=id, name=name, level=level, lon=lon, lat=lat');
    expect(r.stdout).toContain('primary from single-year ages 6-11; junior from single-year ages 12-14');
    expect(r.stdout).toContain('OK: loadable with 0 warning(s)');
  });
  it('exit 1 with every problem as file:row: field: message', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-'));
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'id,name,level,lon,lat\nA,One,primary,113,28\nA,Two,primary,400000,3000000\n');
    const r = cli('validate', '--schools', bad);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')).toContain(`${bad}:3: id: "A" is a duplicate of the school at line 2; expected unique ids`);
    expect(r.stdout).toContain('FAILED: 1 error(s)');
    expect(cli('validate', '--schools', join(dir, 'missing.csv')).stdout).toContain(`${join(dir, 'missing.csv')}: file not found`);
  });
});

describe('cli: assign', () => {
  it('writes assignment.csv, schools.csv, zones.geojson and summary.json', () => {
    const out = mkdtempSync(join(tmpdir(), 'assign-'));
    const r = cli('assign', '--schools', fx('schools.csv'), '--population', fx('population.csv'), '--out', out);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/\[\d+\.\ds\] assigning primary/);
    expect(r.stdout).toMatch(/overcrowded\s+\d+ \/ \d+/);
    const assignment = readFileSync(join(out, 'assignment.csv'), 'utf8').trim().split('\n');
    expect(assignment[0]).toBe('unit_id,level,school_id,distance_m,children');
    expect(assignment).toHaveLength(1 + 6 * 2);
    // a2 lies between P-01 and the closed P-03's site: it goes to P-01 (open)
    expect(assignment.find((l) => l.startsWith('a2,primary,'))).toMatch(/^a2,primary,P-01,\d+,60$/);
    expect(assignment.find((l) => l.startsWith('a5,junior,'))).toMatch(/^a5,junior,N-01,\d+,18$/);
    const schools = readFileSync(join(out, 'schools.csv'), 'utf8').trim().split('\n');
    expect(schools[0].split(',')).toEqual(expect.arrayContaining(['school_id', 'flags', 'not_assessed', 'utilization']));
    const p01 = schools.find((l) => l.startsWith('P-01,'))!;
    expect(p01).toContain('overcrowded;large_classes:over_standard');
    const zones = JSON.parse(readFileSync(join(out, 'zones.geojson'), 'utf8'));
    expect(zones.type).toBe('FeatureCollection');
    // the points sit on a regular 0.01 degree grid: each zone is the union of its cells
    const primary = zones.features.filter((f: { properties: { level: string } }) => f.properties.level === 'primary');
    expect(primary.map((f: { properties: { school_id: string } }) => f.properties.school_id).sort()).toEqual(['N-01', 'P-01', 'P-02']);
    expect(primary.reduce((a: number, f: { properties: { children: number } }) => a + f.properties.children, 0)).toBe(61 * 6);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.childrenByLevel.primary).toBe((20 + 10 + 12 + 5 + 8 + 6) * 6);
    expect(summary.inputs.schools.fingerprint).toMatch(/^fnv1a:[0-9a-f]{16}:\d+$/);
  });

  it('writes zone outlines for polygon units (the shipped Edinburgh data)', () => {
    const out = mkdtempSync(join(tmpdir(), 'edi-'));
    const r = cli('assign', '--schools', 'geodata/edinburgh/schools.geojson', '--population', 'geodata/edinburgh/population.geojson', '--settings', 'geodata/edinburgh/settings.json', '--out', out);
    expect(r.code).toBe(0);
    const zones = JSON.parse(readFileSync(join(out, 'zones.geojson'), 'utf8'));
    const primaryZones = zones.features.filter((f: { properties: { level: string } }) => f.properties.level === 'primary');
    expect(primaryZones.length).toBeGreaterThan(80);
    expect(primaryZones.every((f: { geometry: { type: string } }) => f.geometry.type === 'MultiPolygon')).toBe(true);
  });

  it('exit 1 and writes nothing when an input is bad', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'bad-')), 'out');
    const r = cli('assign', '--schools', fx('population.csv'), '--population', fx('population.csv'), '--out', out);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('FAILED');
    expect(existsSync(out)).toBe(false);
  });
});

