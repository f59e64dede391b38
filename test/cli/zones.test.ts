import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fingerprint, parsePlanFile } from '../../src/core/index';

const TSX = join('node_modules', '.bin', 'tsx');
const cli = (...args: string[]) => spawnSync(TSX, ['src/cli/main.ts', ...args], { encoding: 'utf8' });
const EDI = ['--schools', 'geodata/edinburgh/schools.geojson', '--population', 'geodata/edinburgh/population.geojson', '--settings', 'geodata/edinburgh/settings.json'];
const ZONES = 'geodata/edinburgh/official_catchments_primary_nd.geojson';
/** The first line of stderr that is not progress (`[1.2s] ...`). */
const reason = (stderr: string) => stderr.split('\n').find((l) => !/^\[\d+\.\ds\] /.test(l));

describe('cli assign --zones: existing attendance zones as a plan', () => {
  it('Edinburgh\'s official primary catchments: plan.json, and the same schools.csv as assign --plan of that plan', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zones-'));
    const z = cli('assign', ...EDI, '--zones', ZONES, '--out', join(dir, 'zones'));
    expect(z.status, z.stdout + z.stderr).toBe(0);
    // the field chosen, the level, and the one zone without a school, listed with suggestions
    expect(z.stdout).toMatch(new RegExp(`^${ZONES}: zone field "school_name" \\(detected\\): \\d+ of 73 zones match a school`, 'm'));
    expect(z.stdout).toContain(`${ZONES}: zones applied to primary (of the schools they match,`);
    expect(z.stdout).toMatch(/^ {2}zone \d+ "Kirknewton Primary School": no school matches; suggestions: \d+ \S.*Primary School/m);
    expect(z.stdout).toContain('Plan "Zones from official_catchments_primary_nd.geojson"');
    const outputs = readdirSync(join(dir, 'zones')).sort();
    expect(outputs).toEqual(['assignment.csv', 'plan.json', 'schools.csv', 'summary.json', 'zones.geojson']);
    // a new folder made with the mode mkdir gives, not the owner-only mode of a temporary folder
    mkdirSync(join(dir, 'plain'));
    expect(statSync(join(dir, 'zones')).mode & 0o777).toBe(statSync(join(dir, 'plain')).mode & 0o777);

    const planText = readFileSync(join(dir, 'zones', 'plan.json'), 'utf8');
    const parsed = parsePlanFile(planText, 'plan.json', {
      schoolsFingerprint: fingerprint(readFileSync('geodata/edinburgh/schools.geojson')),
      populationFingerprint: fingerprint(readFileSync('geodata/edinburgh/population.geojson')),
    });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(Object.keys(parsed.plan.levels.primary.overrides).length).toBeGreaterThan(100);
    expect(parsed.plan.levels.secondary.overrides).toEqual({});
    const summary = JSON.parse(readFileSync(join(dir, 'zones', 'summary.json'), 'utf8'));
    expect(summary.zones.levels).toEqual(['primary']);
    expect(summary.zones.unmatched.map((u: { label: string }) => u.label)).toEqual(['Kirknewton Primary School']);
    expect(summary.plan.file).toBe(join(dir, 'zones', 'plan.json'));

    const p = cli('assign', '--schools', 'geodata/edinburgh/schools.geojson', '--population', 'geodata/edinburgh/population.geojson', '--plan', join(dir, 'zones', 'plan.json'), '--out', join(dir, 'plan'));
    expect(p.status, p.stdout + p.stderr).toBe(0);
    expect(readFileSync(join(dir, 'plan', 'schools.csv'), 'utf8')).toBe(readFileSync(join(dir, 'zones', 'schools.csv'), 'utf8'));
    expect(readFileSync(join(dir, 'plan', 'assignment.csv'), 'utf8')).toBe(readFileSync(join(dir, 'zones', 'assignment.csv'), 'utf8'));
  }, 120_000);

  it('a zone field the zones do not have, or a level the settings do not have: refused, nothing written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zones-'));
    const f = cli('assign', ...EDI, '--zones', ZONES, '--zone-field', 'catchment', '--out', join(dir, 'f'));
    expect(f.status).toBe(1);
    expect(f.stdout).toMatch(new RegExp(`^${ZONES}: catchment: no zone has this property; expected the property holding each zone's school id or name \\(the zones have .*school_name`, 'm'));
    const l = cli('assign', ...EDI, '--zones', ZONES, '--level', 'nursery', '--out', join(dir, 'l'));
    expect(l.status).toBe(2);
    expect(reason(l.stderr)).toBe('--level: "nursery" is not a level of the settings (profile "scotland"); expected one of primary, secondary');
    expect(readdirSync(dir)).toEqual([]);
  }, 120_000);

  it('zones of schools of no one level: --level is required (exit 2); with it, the other zones are listed, not applied', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zones-'));
    const square = (x: number, y: number) => ({ type: 'Polygon', coordinates: [[[x, y], [x + 0.02, y], [x + 0.02, y + 0.02], [x, y + 0.02], [x, y]]] });
    // a primary school's zone and a junior school's zone in one file
    writeFileSync(join(dir, 'zones.geojson'), JSON.stringify({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { school: 'P-02' }, geometry: square(113.0, 27.995) },
        { type: 'Feature', properties: { school: 'J-01' }, geometry: square(113.03, 27.995) },
      ],
    }));
    const files = ['--schools', 'test/fixtures/cli/schools.csv', '--population', 'test/fixtures/cli/population.csv', '--zones', join(dir, 'zones.geojson')];
    const a = cli('assign', ...files, '--out', join(dir, 'a'));
    expect(a.status).toBe(2);
    expect(reason(a.stderr)).toBe(`cannot tell which level the zones of ${join(dir, 'zones.geojson')} are for (of the schools they match, 1 of 2 teach primary, 1 of 2 teach junior); give --level LEVEL`);
    const b = cli('assign', ...files, '--level', 'primary', '--out', join(dir, 'b'));
    expect(b.status, b.stdout + b.stderr).toBe(0);
    expect(b.stdout).toContain('warning: zone 1 "J-01" matches J-01 Central Junior, which does not teach primary: for primary its areas keep their nearest school');
    // a1 and a2 lie in P-02's square: drawn onto P-02 although P-01 is nearer
    const plan = JSON.parse(readFileSync(join(dir, 'b', 'plan.json'), 'utf8'));
    expect(plan.levels.primary.overrides).toEqual({ a1: 'P-02', a2: 'P-02' });
    expect(plan.levels.junior.overrides).toEqual({});
  }, 120_000);
});
