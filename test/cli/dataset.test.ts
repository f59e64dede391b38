import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const TSX = join('node_modules', '.bin', 'tsx');
const cli = (...args: string[]) => spawnSync(TSX, ['src/cli/main.ts', ...args], { encoding: 'utf8' });

/** A data set folder with a manifest over copies of the CLI fixtures; `settings.json` sets the base year 2030. */
function dataset(manifest: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'dataset-'));
  copyFileSync('test/fixtures/cli/schools.csv', join(dir, 'schools.csv'));
  copyFileSync('test/fixtures/cli/population.csv', join(dir, 'population.csv'));
  writeFileSync(join(dir, 'settings.json'), JSON.stringify({ projection: { baseYear: 2030 } }));
  writeFileSync(join(dir, 'other-settings.json'), JSON.stringify({ projection: { baseYear: 2040 } }));
  writeFileSync(join(dir, 'dataset.json'), JSON.stringify(manifest));
  return dir;
}
const FULL = { id: 'fixture', name: 'Fixture (test)', description: 'the CLI fixtures', schools: 'schools.csv', population: 'population.csv', settings: 'settings.json', context: [], attribution: ['none'] };

describe('cli --dataset DIR: the files and settings named by DIR/dataset.json', () => {
  it('project uses the data set\'s own settings; an explicit --settings takes their place', () => {
    const dir = dataset(FULL);
    const out = join(dir, 'out');
    const r = cli('project', '--dataset', dir, '--out', out);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/\(base year 2030\)/);
    expect(readFileSync(join(out, 'projections.csv'), 'utf8').split('\n')[1]).toMatch(/^[^,]+,2031,/);
    const o = cli('project', '--dataset', dir, '--settings', join(dir, 'other-settings.json'), '--out', join(dir, 'out2'));
    expect(o.status).toBe(0);
    expect(o.stdout).toMatch(/\(base year 2040\)/);
  });

  it('assign and mergers take the files from the manifest; an explicit --schools takes its place', () => {
    const dir = dataset({ ...FULL, schools: 'missing.csv' });
    const a = cli('assign', '--dataset', dir, '--schools', 'test/fixtures/cli/schools.csv', '--out', join(dir, 'a'));
    expect(a.status, a.stdout + a.stderr).toBe(0);
    const summary = JSON.parse(readFileSync(join(dir, 'a', 'summary.json'), 'utf8'));
    expect(summary.inputs.schools.file).toBe('test/fixtures/cli/schools.csv');
    expect(summary.inputs.population.file).toBe(join(dir, 'population.csv'));
    expect(summary.inputs.dataset).toEqual({ file: join(dir, 'dataset.json'), id: 'fixture', name: 'Fixture (test)' });
    expect(summary.settings.projection.baseYear).toBe(2030);
    const m = cli('mergers', '--dataset', dir, '--out', join(dir, 'm'));
    expect(m.status).toBe(1);
    expect(m.stdout).toContain(`${join(dir, 'missing.csv')}: file not found`);
    expect(existsSync(join(dir, 'm'))).toBe(false);
  });

  it('validate checks the manifest\'s files and its context files; a manifest without settings is said so', () => {
    const dir = dataset({ ...FULL, settings: undefined, context: ['context.geojson'] });
    const r = cli('validate', '--dataset', dir);
    expect(r.status).toBe(1);
    expect(r.stdout.split('\n')).toContain(`${join(dir, 'context.geojson')}: file not found (named in ${join(dir, 'dataset.json')} as context)`);
    expect(r.stdout).toContain(`${join(dir, 'dataset.json')}: settings: warning: missing: the data set names no settings file, so the default settings (profile "china") are used`);
    expect(r.stdout).toContain(`${join(dir, 'schools.csv')}: 5 schools; columns:`);
    expect(r.stdout).toContain(`${join(dir, 'dataset.json')}: data set "Fixture (test)" (fixture); 3 file(s)`);
    expect(r.stdout).toMatch(/^FAILED: 1 error\(s\), 1 warning\(s\)$/m);
  });

  it('a broken manifest: every problem by field, exit 1; a missing one, exit 1', () => {
    const dir = dataset({ name: 3, population: ['population.csv'], settings: '/etc/settings.json', context: 'context.geojson' });
    const r = cli('assign', '--dataset', dir, '--out', join(dir, 'out'));
    expect(r.status).toBe(1);
    const m = join(dir, 'dataset.json');
    expect(r.stdout.split('\n')).toEqual([
      `${m}: name: is number; expected text`,
      `${m}: population: is an array; expected a file name relative to ${dir}`,
      `${m}: settings: "/etc/settings.json" is an absolute path; expected a file name relative to ${dir}`,
      `${m}: context: is string; expected an array`,
      `${m}: schools: missing; expected the schools file of the data set (e.g. "schools.geojson")`,
      'FAILED: 5 error(s); nothing written',
      '',
    ]);
    expect(existsSync(join(dir, 'out'))).toBe(false);
    const none = cli('project', '--dataset', join(dir, 'nowhere'));
    expect(none.status).toBe(1);
    expect(none.stdout).toContain(`${join(dir, 'nowhere', 'dataset.json')}: file not found; expected the data set's manifest`);
  });
});

describe('cli project --backtest', () => {
  it('prints the engine against both baselines by years ahead and the change weight the backtest chose', () => {
    const dir = mkdtempSync(join(tmpdir(), 'backtest-'));
    const r = cli('project', '--dataset', 'geodata/edinburgh', '--backtest', '--years', '2', '--out', join(dir, 'out'));
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^backtest, one year ahead \(328 school-years\): MAPE of school totals: engine 3\.2%, same as last year 4\.0%, plain grade progression 3\.6%$/m);
    expect(r.stdout).toMatch(/^change weight: each grade keeps 70% of its projected change \(chosen by the backtest: 0\.3 [\d.]+%, 0\.5 [\d.]+%, 0\.7 4\.5%, 1 5\.0%\)$/m);
    expect(r.stdout).toMatch(/^ {2}3 years ahead \(112\): engine 6\.8%, same as last year 9\.1%, plain 9\.3%$/m);
  });
});

describe('cli project without a population file', () => {
  it('--schools alone, or a data set without population: projects from the schools and says where ratios and entry came from', () => {
    const r = cli('project', '--schools', 'test/fixtures/cli/schools.csv', '--out', join(mkdtempSync(join(tmpdir(), 'nopop-')), 'out'));
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('No population file: the projection uses the schools\' enrollment and history only');
    expect(r.stdout).toMatch(/^Projected 3 schools for .* \(base year \d+\)/m);
    expect(r.stdout).toMatch(/^ratios: \d+ schools from their own history, \d+ from the district, \d+ at 1\.0$/m);
    expect(r.stdout).toMatch(/^entry: primary: [a-z -]+ \(2\); junior: [a-z -]+ \(1\)$/m);

    const dir = dataset({ ...FULL, population: undefined });
    const d = cli('project', '--dataset', dir, '--out', join(dir, 'out'));
    expect(d.status, d.stdout + d.stderr).toBe(0);
    expect(d.stdout).toContain('No population file');
    expect(d.stdout).toMatch(/\(base year 2030\)/);
    const rows = readFileSync(join(dir, 'out', 'projections.csv'), 'utf8').trim().split('\n');
    expect(rows[0]).toBe('school_id,year,grade,enrollment,classes_needed,classrooms,avg_class_size,flags,enrollment_low,enrollment_high,flags_possible');
    expect(rows.length).toBeGreaterThan(1);
    // assign cannot do without one
    const a = cli('assign', '--dataset', dir, '--out', join(dir, 'a'));
    expect(a.status).toBe(2);
    expect(a.stderr.split('\n')[0]).toBe(`assign needs --schools FILE and --population FILE, or --dataset DIR (${join(dir, 'dataset.json')} names no population file)`);
  });

  it('with history columns: the ratios come from the schools\' own history', () => {
    const dir = mkdtempSync(join(tmpdir(), 'history-'));
    const grades = ['g1', 'g2', 'g3', 'g4', 'g5', 'g6'];
    const head = ['id', 'name', 'level', 'lon', 'lat', ...grades, ...grades.map((g) => `${g}_2022`)];
    const row = (id: string, lon: number, now: number[], before: number[]) => [id, `School ${id}`, 'primary', lon, 28, ...now, ...before].join(',');
    writeFileSync(join(dir, 'schools.csv'), [head.join(','), row('A', 113, [50, 48, 47, 45, 44, 40], [52, 49, 47, 46, 42, 41]), row('B', 113.1, [30, 30, 29, 28, 28, 27], [31, 30, 29, 29, 28, 26])].join('\n') + '\n');
    const r = cli('project', '--schools', join(dir, 'schools.csv'), '--out', join(dir, 'out'));
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/\(base year \d+\)/);
    expect(r.stdout.split('\n')).toContain('ratios: 2 schools from their own history, 0 from the district, 0 at 1.0');
  });
});

describe('cli births by area and year (--births FILE, or births.csv in a data set folder)', () => {
  /** Two primary schools with a year of history; A's zone (UA) has births, B's (UB) none. */
  function birthsFolder(births: string): string {
    const dir = mkdtempSync(join(tmpdir(), 'births-'));
    writeFileSync(join(dir, 'schools.csv'), 'id,name,level,lon,lat,g1,g2,g3,g4,g5,g6,g1_2023\nA,A,primary,0,0,50,50,50,50,50,50,45\nB,B,primary,1,0,44,40,40,40,40,40,40\n');
    writeFileSync(join(dir, 'population.csv'), 'id,lon,lat,primary\nUA,0,0,300\nUB,1,0,240\n');
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ projection: { baseYear: 2024, horizonYears: 2, credibilityPupils: 0, changeWeight: 1 } }));
    writeFileSync(join(dir, 'births.csv'), births);
    writeFileSync(join(dir, 'dataset.json'), JSON.stringify({ ...FULL, schools: 'schools.csv', population: 'population.csv' }));
    return dir;
  }
  const g1 = (out: string, school: string, year: number) => Number(readFileSync(join(out, 'projections.csv'), 'utf8').split('\n').find((l) => l.startsWith(`${school},${year},g1,`))!.split(',')[3]);

  it('--births takes the projections\' entry from the file\'s births; a data set folder\'s births.csv is read too', () => {
    const dir = birthsFolder('area,year,births\nUA,2017,50\nUA,2018,50\nUA,2019,40\n');
    const files = ['--schools', join(dir, 'schools.csv'), '--population', join(dir, 'population.csv'), '--settings', join(dir, 'settings.json')];
    const without = cli('project', ...files, '--out', join(dir, 'a'));
    expect(without.status, without.stdout + without.stderr).toBe(0);
    expect(without.stdout).not.toMatch(/births \(/);
    const r = cli('project', ...files, '--births', join(dir, 'births.csv'), '--out', join(dir, 'b'));
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/primary: [^;]*births \(1\)/);
    // A: rate (45 + 50) / (50 + 50) = 0.95 of the 40 births of 2019 (written to 1 decimal)
    expect(g1(join(dir, 'b'), 'A', 2025)).toBeCloseTo(38, 1);
    const d = cli('project', '--dataset', dir, '--out', join(dir, 'c'));
    expect(d.status, d.stdout + d.stderr).toBe(0);
    expect(g1(join(dir, 'c'), 'A', 2025)).toBeCloseTo(38, 1);
    // assign and scenario take the option too
    expect(cli('assign', '--dataset', dir, '--births', join(dir, 'births.csv'), '--out', join(dir, 'e')).status).toBe(0);
  });

  it('an unknown area is a warning naming the row; a bad row fails naming file, row and field', () => {
    const dir = birthsFolder('area,year,births\nUA,2017,50\nUZ,2018,5\n');
    const r = cli('project', '--dataset', dir, '--out', join(dir, 'a'));
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout + r.stderr).toContain(`${join(dir, 'births.csv')}:3: area: warning: "UZ" is not an area of the population; its births are left out`);
    writeFileSync(join(dir, 'bad.csv'), 'area,year,births\nUA,2017,many\n');
    const bad = cli('project', '--dataset', dir, '--births', join(dir, 'bad.csv'), '--out', join(dir, 'b'));
    expect(bad.status).toBe(1);
    expect(bad.stdout + bad.stderr).toContain(`${join(dir, 'bad.csv')}:2: births: "many" is not a number; expected a number of births (0 or more)`);
  });
});
