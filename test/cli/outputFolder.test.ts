import * as fs from 'node:fs';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

// the file system calls of the output module, made to fail on demand
const failures = vi.hoisted(() => ({ rename: null as null | ((from: string, to: string) => boolean), write: null as null | (() => boolean) }));
vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  const sysError = (code: string, syscall: string, message: string) => Object.assign(new Error(`${code}: ${message}, ${syscall}`), { code, syscall, errno: -1 });
  return {
    ...real,
    renameSync: (from: string, to: string) => {
      if (failures.rename?.(from, to)) throw sysError('EACCES', 'rename', 'permission denied');
      return real.renameSync(from, to);
    },
    writeSync: (...args: Parameters<typeof real.writeSync>) => {
      if (failures.write?.()) throw sysError('ENOSPC', 'write', 'no space left on device');
      return (real.writeSync as (...a: unknown[]) => number)(...args);
    },
  };
});

const { OutputFolder, planOutputs, writeOutputs, FsError } = await import('../../src/cli/output');
const { runCli } = await import('../../src/cli/run');

afterEach(() => {
  failures.rename = null;
  failures.write = null;
  vi.restoreAllMocks();
});

describe('OutputFolder: every file or none', () => {
  it('a move that fails half-way puts back the files that were there and leaves no new one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rollback-'));
    writeFileSync(join(dir, 'a.csv'), 'old a');
    writeFileSync(join(dir, 'c.csv'), 'old c');
    const out = new OutputFolder(dir, ['a.csv', 'b.csv', 'c.csv']);
    // a.csv and b.csv move into place, then c.csv cannot
    failures.rename = (from, to) => from.endsWith('/c.csv') && to === join(dir, 'c.csv');
    expect(() => writeOutputs(out, (w) => { w.write('a.csv', 'new a'); w.write('b.csv', ['new ', 'b']); w.write('c.csv', 'new c'); }))
      .toThrow(new FsError(join(dir, 'c.csv'), 'permission denied', 'EACCES'));
    expect(readdirSync(dir).sort()).toEqual(['a.csv', 'c.csv']);
    expect(readFileSync(join(dir, 'a.csv'), 'utf8')).toBe('old a');
    expect(readFileSync(join(dir, 'c.csv'), 'utf8')).toBe('old c');
  });

  it('a write that fails (disk full) names the output path; neither the new folder nor its new parents remain', () => {
    const parent = mkdtempSync(join(tmpdir(), 'enospc-'));
    const out = planOutputs(join(parent, 'made', 'out'), ['x.csv', 'y.csv'], []);
    let calls = 0;
    failures.write = () => ++calls > 1;
    expect(() => writeOutputs(out, (w) => { w.write('x.csv', 'x'); w.write('y.csv', 'y'); })).toThrow(`${join(parent, 'made', 'out', 'y.csv')}: no space left on the device`);
    expect(readdirSync(parent)).toEqual([]);
  });

  it('without a failure every file is in place and the temporary folder is gone', () => {
    const dir = mkdtempSync(join(tmpdir(), 'commit-'));
    writeFileSync(join(dir, 'a.csv'), 'old a');
    writeOutputs(new OutputFolder(dir, ['a.csv', 'b.csv']), (w) => { w.write('a.csv', 'new a'); w.write('b.csv', 'new b'); });
    expect(readdirSync(dir).sort()).toEqual(['a.csv', 'b.csv']);
    expect(readFileSync(join(dir, 'a.csv'), 'utf8')).toBe('new a');
    // a new folder gets the mode mkdir gives (not the owner-only mode of a temporary folder)
    const made = join(dir, 'made');
    writeOutputs(new OutputFolder(made, ['z.csv']), (w) => w.write('z.csv', 'z'));
    fs.mkdirSync(join(dir, 'plain'));
    expect(fs.statSync(made).mode & 0o777).toBe(fs.statSync(join(dir, 'plain')).mode & 0o777);
    expect(readdirSync(dir).sort()).toEqual(['a.csv', 'b.csv', 'made', 'plain']);
  });
});

describe('runCli: failures map to exit codes, one line each', () => {
  async function capture(run: () => Promise<number>) {
    let stdout = '', stderr = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((s) => { stdout += String(s); return true; });
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => { stderr += String(s); return true; });
    const code = await run();
    vi.restoreAllMocks();
    return { code, stdout, stderr };
  }
  const command = (run: () => Promise<number>) => ({ boom: { help: 'Usage: boom\n', options: [], run } });

  it('an unexpected error: exit 70, one line, the stack only with DEBUG=1', async () => {
    const fail = command(async () => { throw new TypeError('cannot read properties of undefined\n  more detail'); });
    const before = process.env.DEBUG;
    try {
      delete process.env.DEBUG;
      const r = await capture(() => runCli(['boom'], fail, 'help\n'));
      expect(r.code).toBe(70);
      expect(r.stderr).toBe('internal error: cannot read properties of undefined (run with DEBUG=1 for details)\n');
      process.env.DEBUG = '1';
      const d = await capture(() => runCli(['boom'], fail, 'help\n'));
      expect(d.code).toBe(70);
      expect(d.stderr).toContain('    at ');
    } finally {
      if (before === undefined) delete process.env.DEBUG; else process.env.DEBUG = before;
    }
  });

  it('a file-system error from anywhere: exit 1, `path: reason`', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fserr-'));
    const r = await capture(() => runCli(['boom'], command(async () => { fs.openSync(join(dir, 'gone', 'x.csv'), 'r'); return 0; }), 'help\n'));
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`${join(dir, 'gone', 'x.csv')}: no such file or folder\n`);
  });
});
