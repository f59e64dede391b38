import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultSettings, fingerprint, newPlan, planFileText } from '../../src/core/index';

const TSX = join('node_modules', '.bin', 'tsx');
const cli = (...args: string[]) => spawnSync(TSX, ['src/cli/main.ts', ...args], { encoding: 'utf8' });
const S = 'test/fixtures/cli/schools.csv', P = 'test/fixtures/cli/population.csv';
// C0 controls but newline, DEL and C1 controls: never written raw to the terminal
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

describe('cli messages', () => {
  it('a settings file that fails: every problem on its own line as file: field: message', () => {
    const dir = mkdtempSync(join(tmpdir(), 'settings-'));
    const file = join(dir, 'settings.json');
    writeFileSync(file, JSON.stringify({ profile: 'scotland', farShareAbove: 5, levels: null, bogus: 1 }));
    for (const command of ['validate', 'assign', 'project', 'mergers']) {
      const r = cli(command, '--schools', S, '--population', P, '--settings', file, ...(command === 'validate' ? [] : ['--out', join(dir, command)]));
      expect(r.status, command).toBe(1);
      const lines = r.stdout.split('\n');
      expect(lines.filter((l) => l.startsWith(`${file}: `)).sort(), command).toEqual([
        `${file}: bogus: unknown setting; expected one of profile, levels, schoolTypes, shareOfTotal, projection, balance, network, overcrowdedAbove, underUsedBelow, farShareAbove, farFromNearestFactor, largeClassFrom, superLargeClassFrom`,
        `${file}: farShareAbove: 5 is not valid; expected a share from 0 to 1`,
        `${file}: levels: null is not valid; expected an object keyed by level id`,
      ]);
      expect(r.stdout, command).not.toContain('\\x0a');
    }
  });

  it('--plan and --scenario: ids the data does not have are listed as warnings (count and examples), never dropped silently', () => {
    const dir = mkdtempSync(join(tmpdir(), 'unknown-'));
    const plan = newPlan('Unknown ids', { name: 'fixture', schoolsFingerprint: fingerprint(readFileSync(S)), populationFingerprint: fingerprint(readFileSync(P)), units: 6, schools: 5 }, defaultSettings());
    plan.levels.primary.overrides = { a3: 'P-01', ghost1: 'P-02', ghost2: 'P-02', a4: 'Z-99' };
    plan.levels.primary.lockedSchools = ['Z-98'];
    writeFileSync(join(dir, 'plan.json'), planFileText(plan));
    const planFile = join(dir, 'plan.json');
    for (const [command, option] of [['assign', '--plan'], ['project', '--plan'], ['scenario', '--scenario']]) {
      const r = cli(command, '--schools', S, '--population', P, option, planFile, '--out', join(dir, command));
      expect(r.status, command + r.stdout + r.stderr).toBe(0);
      const lines = r.stdout.split('\n');
      expect(lines, command).toContain(`${planFile}: levels.primary.overrides: warning: 2 unit ids are not areas of this data ("ghost1", "ghost2"); they are ignored`);
      expect(lines, command).toContain(`${planFile}: levels.primary.overrides: warning: 1 area is drawn onto 1 school not in this data ("Z-99"); it goes to the nearest school`);
      expect(lines, command).toContain(`${planFile}: levels.primary.lockedSchools: warning: 1 locked school id is not a school of this data ("Z-98"); it is ignored`);
    }
  });

  it('column and school names from the files are printed with control characters escaped', () => {
    const dir = mkdtempSync(join(tmpdir(), 'controls-'));
    const point = (lon: number) => ({ type: 'Point', coordinates: [lon, 28] });
    const square = (x: number) => ({ type: 'Polygon', coordinates: [[[x - 0.01, 27.99], [x + 0.01, 27.99], [x + 0.01, 28.01], [x - 0.01, 28.01], [x - 0.01, 27.99]]] });
    // a property name with a carriage return and a vertical tab (read as "name"); names with escape sequences
    writeFileSync(join(dir, 'schools.geojson'), JSON.stringify({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { id: 'A', 'name\r\u000b': 'Dalry Primary\u001b[2J', level: 'primary' }, geometry: point(113) },
        { type: 'Feature', properties: { id: 'B', 'name\r\u000b': 'Leith\u001b]0;pwned\u0007 Academy', level: 'junior' }, geometry: point(113.1) },
      ],
    }));
    const v = cli('validate', '--schools', join(dir, 'schools.geojson'));
    expect(v.status).toBe(0);
    expect(v.stdout).toContain('name=name\\x0d\\x0b, level=level');
    expect(v.stdout).not.toMatch(RAW_CONTROL);
    // zone labels and school names in what assign --zones prints
    writeFileSync(join(dir, 'zones.geojson'), JSON.stringify({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { name: 'A' }, geometry: square(113) },
        { type: 'Feature', properties: { name: 'B' }, geometry: square(113.1) },
        { type: 'Feature', properties: { name: 'Dalkeith\u202e\u001b[31m' }, geometry: square(113.2) },
      ],
    }));
    const pop = join(dir, 'population.csv');
    writeFileSync(pop, 'id,lon,lat,primary,junior\nu1,113.0,28.0,10,0\nu2,113.1,28.0,10,5\n');
    const a = cli('assign', '--schools', join(dir, 'schools.geojson'), '--population', pop, '--zones', join(dir, 'zones.geojson'), '--zone-field', 'name', '--level', 'primary', '--out', join(dir, 'out'));
    expect(a.status, a.stdout + a.stderr).toBe(0);
    expect(a.stdout).not.toMatch(RAW_CONTROL);
    expect(a.stdout).not.toContain('\u202e');
    expect(a.stdout).toContain('zone 2 "Dalkeith\\u{202E}\\x1b[31m": no school matches');
    expect(a.stdout).toContain('warning: zone 1 "B" matches B Leith\\x1b]0;pwned\\x07 Academy, which does not teach primary');
  });
});
