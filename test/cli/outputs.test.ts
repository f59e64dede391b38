import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Outputs are written to a temporary folder and moved into place only when all are written: after a
 * failure the output folder is as it was. A file-system error is one line `path: reason` (exit 1,
 * no stack trace); an output that would overwrite an input is refused (exit 2).
 */
const TSX = join('node_modules', '.bin', 'tsx');
const cli = (...args: string[]) => spawnSync(TSX, ['src/cli/main.ts', ...args], { encoding: 'utf8' });
const FILES = ['--schools', 'test/fixtures/cli/schools.csv', '--population', 'test/fixtures/cli/population.csv'];

describe('cli outputs: all or nothing', () => {
  it('a file that cannot be moved into place leaves the folder as it was: no partial outputs, no temporary folder', () => {
    const out = mkdtempSync(join(tmpdir(), 'partial-'));
    writeFileSync(join(out, 'assignment.csv'), 'from an earlier run\n');
    // a folder where schools.csv should go: assignment.csv would have been written before it
    mkdirSync(join(out, 'schools.csv'));
    const r = cli('assign', ...FILES, '--out', out);
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n').pop()).toBe(`${join(out, 'schools.csv')}: is a folder; expected a file (move it away or choose another --out)`);
    expect(`${r.stdout}${r.stderr}`).not.toContain('    at ');
    expect(readFileSync(join(out, 'assignment.csv'), 'utf8')).toBe('from an earlier run\n');
    expect(readdirSync(out).sort()).toEqual(['assignment.csv', 'schools.csv']);
    expect(readdirSync(join(out, 'schools.csv'))).toEqual([]);
  });

  it('an --out path that is an existing file: one line, exit 1, the file untouched', () => {
    const dir = mkdtempSync(join(tmpdir(), 'outfile-'));
    const file = join(dir, 'results');
    writeFileSync(file, 'keep me');
    for (const [command, extra] of [['assign', []], ['project', []], ['mergers', []]] as const) {
      const r = cli(command, ...FILES, ...extra, '--out', file);
      expect(r.status, command).toBe(1);
      expect(r.stderr, command).toBe(`${file}: exists and is not a folder\n`);
      expect(readFileSync(file, 'utf8')).toBe('keep me');
    }
    const below = cli('assign', ...FILES, '--out', join(file, 'sub'));
    expect(below.status).toBe(1);
    expect(below.stderr).toBe(`${join(file, 'sub')}: a part of the path is not a folder\n`);
    expect(readdirSync(dir)).toEqual(['results']);
  });
});

describe('cli outputs: never over an input', () => {
  it('refuses an --out folder where an output has the name of an input file, exit 2, the input untouched', () => {
    const dir = mkdtempSync(join(tmpdir(), 'overwrite-'));
    for (const f of ['schools.csv', 'population.csv']) copyFileSync(join('test/fixtures/cli', f), join(dir, f));
    const before = readFileSync(join(dir, 'schools.csv'), 'utf8');
    const files = ['--schools', join(dir, 'schools.csv'), '--population', join(dir, 'population.csv')];
    const a = cli('assign', ...files, '--out', dir);
    expect(a.status).toBe(2);
    expect(a.stderr).toBe(`refusing to write ${join(dir, 'schools.csv')}: it is the input given as --schools (${join(dir, 'schools.csv')}); choose another --out folder\n`);
    // the same file by another path
    const b = cli('assign', ...files, '--out', join(dir, '..', dir.split('/').pop()!));
    expect(b.status).toBe(2);
    expect(b.stderr).toContain('refusing to write');
    expect(readFileSync(join(dir, 'schools.csv'), 'utf8')).toBe(before);
    expect(readdirSync(dir).sort()).toEqual(['population.csv', 'schools.csv']);
    expect(existsSync(join(dir, 'assignment.csv'))).toBe(false);
  });

  it('refuses a plan or scenario input that an output would replace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'overwrite-'));
    writeFileSync(join(dir, 'outcomes.json'), '{}');
    const r = cli('scenario', ...FILES, '--scenario', join(dir, 'outcomes.json'), '--out', dir);
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(`refusing to write ${join(dir, 'outcomes.json')}: it is the input given as --scenario (${join(dir, 'outcomes.json')}); choose another --out folder`);
    expect(readFileSync(join(dir, 'outcomes.json'), 'utf8')).toBe('{}');
  });
});
