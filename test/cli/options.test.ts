import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseOptions, UsageError } from '../../src/cli/args';
import { COMMANDS, MAIN_HELP } from '../../src/cli/commands/index';
import { runCli } from '../../src/cli/run';

/**
 * Every command declares its options: an unknown one, or one that needs a value and has none (the
 * end of the line, or another --option next), exits 2 with a one-line reason and the command's usage,
 * before anything is read or written.
 */
const FILES = ['--schools', 'test/fixtures/cli/schools.csv', '--population', 'test/fixtures/cli/population.csv'];

/** runCli in this process, with stdout and stderr captured. */
async function inProcess(argv: string[]) {
  let stdout = '', stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((s) => { stdout += String(s); return true; });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((s) => { stderr += String(s); return true; });
  try {
    const code = await runCli(argv, COMMANDS, MAIN_HELP);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

afterEach(() => vi.restoreAllMocks());

describe('cli options: declared per command', () => {
  const valueOptions: Record<string, string[]> = {
    validate: ['--schools', '--population', '--settings', '--dataset'],
    assign: ['--schools', '--population', '--settings', '--plan', '--zones', '--zone-field', '--level', '--dataset', '--out'],
    project: ['--schools', '--population', '--settings', '--plan', '--years', '--dataset', '--out'],
    scenario: ['--schools', '--population', '--scenario', '--dataset', '--out'],
    mergers: ['--schools', '--population', '--settings', '--same', '--dataset', '--out'],
  };

  for (const [command, opts] of Object.entries(valueOptions)) {
    it(`${command}: an unknown option exits 2 with the reason and the usage`, async () => {
      const out = join(mkdtempSync(join(tmpdir(), 'opt-')), 'out');
      const r = await inProcess([command, ...FILES, '--setings', 'x.json', '--out', out]);
      expect(r.code).toBe(2);
      const [reason, blank, usage] = r.stderr.split('\n');
      expect(reason).toBe(command === 'scenario' ? 'unknown option --setings' : 'unknown option --setings (did you mean --settings?)');
      expect(blank).toBe('');
      expect(usage).toMatch(new RegExp(`^Usage: npm run --silent cli -- ${command} `));
      expect(r.stdout).toBe('');
      expect(existsSync(out)).toBe(false);
    });

    it(`${command}: each option that takes a value exits 2 without one`, async () => {
      for (const opt of opts) {
        // at the end of the line
        const end = await inProcess([command, opt]);
        expect(end.code, `${command} ${opt}`).toBe(2);
        expect(end.stderr.split('\n')[0], `${command} ${opt}`).toMatch(new RegExp(`^${opt} needs (a file|a folder|a number|a value)$`));
        // followed by another option: never taken as its value
        const next = await inProcess([command, opt, '--help-me']);
        expect(next.code, `${command} ${opt} --help-me`).toBe(2);
        expect(next.stderr.split('\n')[0]).toMatch(new RegExp(`^${opt} needs `));
      }
    });
  }

  it('options are read as the command declares them: --name value and --name=value, flags, errors', () => {
    const specs = [{ name: 'out', value: 'dir' as const }, { name: 'years', value: 'number' as const }, { name: 'help', value: null }];
    expect(parseOptions(['--out', 'x', '--years=3'], specs)).toEqual({ out: 'x', years: '3' });
    expect(parseOptions(['-h'], specs)).toEqual({ help: true });
    const reason = (argv: string[]) => { try { parseOptions(argv, specs); return null; } catch (e) { expect(e).toBeInstanceOf(UsageError); return (e as Error).message; } };
    expect(reason(['--years', 'ten'])).toBe('--years: "ten" is not a number');
    expect(reason(['--out', 'a', '--out', 'b'])).toBe('--out is given twice');
    expect(reason(['stray'])).toBe('unexpected argument "stray"; options start with --');
    expect(reason(['--help=yes'])).toBe('--help takes no value');
    expect(reason(['--yeers', '3'])).toBe('unknown option --yeers (did you mean --years?)');
  });

  it('--help after any option prints the command help, exit 0', async () => {
    const r = await inProcess(['project', '--bogus', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: npm run --silent cli -- project /);
  });
});

describe('cli options: the cases that used to pass silently', () => {
  const TSX = join('node_modules', '.bin', 'tsx');
  const cli = (...args: string[]) => spawnSync(TSX, ['src/cli/main.ts', ...args], { encoding: 'utf8' });

  it('assign --setings FILE, project --setting FILE, project --years at the end: exit 2, nothing written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'opt-'));
    const a = cli('assign', ...FILES, '--setings', 'geodata/edinburgh/settings.json', '--out', join(dir, 'a'));
    expect(a.status).toBe(2);
    expect(a.stderr).toMatch(/^unknown option --setings \(did you mean --settings\?\)\n\nUsage: npm run --silent cli -- assign /);
    const p = cli('project', ...FILES, '--setting', 'geodata/edinburgh/settings.json', '--out', join(dir, 'p'));
    expect(p.status).toBe(2);
    expect(p.stderr.split('\n')[0]).toBe('unknown option --setting (did you mean --settings?)');
    const y = cli('project', ...FILES, '--out', join(dir, 'y'), '--years');
    expect(y.status).toBe(2);
    expect(y.stderr.split('\n')[0]).toBe('--years needs a number');
    expect(existsSync(join(dir, 'a')) || existsSync(join(dir, 'p')) || existsSync(join(dir, 'y'))).toBe(false);
  });
});
