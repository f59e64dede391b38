import { closeSync, lstatSync, mkdirSync, mkdtempSync, openSync, renameSync, rmdirSync, rmSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join, resolve } from 'node:path';
import { escapeControls } from '../core/load/problems';
import { formatProblem, type EnglishProblem } from '../core/index';
import { UsageError } from './args';

/**
 * One line to stdout. Control characters are escaped (`\x1b`, `\u{202E}`): a school name or column
 * name from a hostile file cannot move the cursor or clear the terminal. Escaping twice changes nothing.
 */
export function say(line: string): void {
  process.stdout.write(`${escapeControls(line)}\n`);
}

/** One line to stderr, escaped as `say`. */
export function warn(line: string): void {
  process.stderr.write(`${escapeControls(line)}\n`);
}

/** Prints the problems (one line each) and counts them. */
export function printProblems(problems: readonly EnglishProblem[]): { errors: number; warnings: number } {
  let errors = 0, warnings = 0;
  for (const p of problems) {
    if (p.severity === 'error') errors++; else warnings++;
    say(formatProblem(p));
  }
  return { errors, warnings };
}

/** Progress to stderr with the seconds since the start: `[1.2s] assigning primary`. */
export function progressReporter(): (stage: string) => void {
  const t0 = performance.now();
  return (stage) => warn(`[${((performance.now() - t0) / 1000).toFixed(1)}s] ${stage}`);
}

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'read-only file system',
  ENOTDIR: 'a part of the path is not a folder',
  EISDIR: 'is a folder; expected a file',
  ENOENT: 'no such file or folder',
  EEXIST: 'already exists',
  ENOTEMPTY: 'folder not empty',
  EMFILE: 'too many open files',
  ENAMETOOLONG: 'name too long',
  EIO: 'input/output error',
  EBUSY: 'busy',
  EXDEV: 'on another file system',
  ELOOP: 'too many symbolic links',
};

/** A file-system error with the path it happened at: printed as one line `path: reason`, exit 1. */
export class FsError extends Error {
  constructor(readonly path: string, reason: string, readonly code?: string) {
    super(`${path}: ${reason}`);
  }

  /** From a Node system error (EACCES, ENOSPC...): the given path, else the error's own. */
  static from(e: unknown, path?: string): FsError {
    const err = e as NodeJS.ErrnoException;
    const code = typeof err?.code === 'string' ? err.code : undefined;
    const reason = (code && REASONS[code]) ?? String(err?.message ?? e).split('\n')[0].replace(/^[A-Z]+: /, '');
    return new FsError(path ?? err?.path ?? `(${err?.syscall ?? 'file system'})`, reason, code);
  }
}

/** A Node system error (has an errno code and a system call), as thrown by node:fs. */
export function isSystemError(e: unknown): e is NodeJS.ErrnoException {
  return e instanceof Error && typeof (e as NodeJS.ErrnoException).code === 'string' && typeof (e as NodeJS.ErrnoException).syscall === 'string';
}

function tryFs<T>(path: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    // only file-system errors become `path: reason`; anything else is a bug and stays one (exit 70)
    throw isSystemError(e) ? FsError.from(e, path) : e;
  }
}

/** The same file: the same resolved path, or the same device and inode (hard links, symbolic links, case-insensitive names). */
function sameFile(a: string, b: string): boolean {
  if (resolve(a) === resolve(b)) return true;
  try {
    const sa = statSync(a), sb = statSync(b);
    return sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return false;
  }
}

/** An input file, named by the option that gave it (for messages). */
export interface NamedInput {
  option: string;
  path: string;
}

/**
 * The files one command writes into one folder. Nothing is written in place: every file goes to a
 * temporary folder next to the target (on the same file system) and all are moved into place only
 * when every one was written; after any failure the target is as it was.
 * @example const out = planOutputs('out', ['schools.csv'], inputs); ...; out.begin(); out.write('schools.csv', text); out.commit();
 */
export class OutputFolder {
  private stage: string | null = null;
  private stageIsTarget = false;
  private created: string | undefined;
  private readonly written = new Set<string>();

  constructor(readonly dir: string, readonly names: readonly string[]) {}

  /** The path a file will have once written. */
  path(name: string): string {
    return join(this.dir, name);
  }

  /** Creates the temporary folder: inside the target folder when it exists, else beside it (then moved as a whole). */
  begin(): void {
    const dir = this.dir;
    let exists = false;
    try {
      const st = statSync(dir);
      if (!st.isDirectory()) throw new FsError(dir, 'exists and is not a folder', 'ENOTDIR');
      exists = true;
    } catch (e) {
      if (e instanceof FsError) throw e;
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw FsError.from(e, dir);
    }
    if (exists) {
      this.stage = tryFs(dir, () => mkdtempSync(join(dir, '.partial-')));
    } else {
      const parent = dirname(resolve(dir));
      this.stageIsTarget = true;
      this.created = tryFs(parent, () => mkdirSync(parent, { recursive: true }));
      try {
        // made as the folder itself will be (mode from the umask), under a name of its own
        const stage = join(parent, `.${basename(resolve(dir))}.partial-${process.pid}-${randomBytes(4).toString('hex')}`);
        tryFs(parent, () => mkdirSync(stage));
        this.stage = stage;
      } catch (e) {
        this.removeCreatedFolders();
        throw e;
      }
    }
  }

  /** Writes one file (text, or chunks of text) into the temporary folder. */
  write(name: string, data: string | Iterable<string>): void {
    if (!this.stage) throw new Error('OutputFolder.write before begin');
    if (!this.names.includes(name)) throw new Error(`OutputFolder: ${name} is not a declared output`);
    const path = join(this.stage, name);
    // errors are reported at the target path: the temporary folder is an implementation detail
    tryFs(this.path(name), () => {
      const fd = openSync(path, 'wx');
      try {
        if (typeof data === 'string') writeAll(fd, data);
        else for (const chunk of data) writeAll(fd, chunk);
      } finally {
        closeSync(fd);
      }
    });
    this.written.add(name);
  }

  /**
   * Moves every written file into place. Files already there are replaced; a folder in the way
   * is never replaced (an error before anything moves). A failure while moving puts back what
   * was moved, so the folder holds all the new files or none.
   */
  commit(): void {
    const stage = this.stage;
    if (!stage) throw new Error('OutputFolder.commit before begin');
    const names = this.names.filter((n) => this.written.has(n));
    if (this.stageIsTarget) {
      tryFs(this.dir, () => renameSync(stage, this.dir));
      this.stage = null;
      return;
    }
    for (const n of names) {
      const target = this.path(n);
      let st;
      try { st = lstatSync(target); } catch { continue; }
      if (st.isDirectory()) throw new FsError(target, 'is a folder; expected a file (move it away or choose another --out)', 'EISDIR');
    }
    const done: { name: string; backup: string | null }[] = [];
    try {
      for (const n of names) {
        const target = this.path(n);
        let backup: string | null = join(stage, `.previous-${n}`);
        try {
          renameSync(target, backup);
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw FsError.from(e, target);
          backup = null;
        }
        done.push({ name: n, backup });
        tryFs(target, () => renameSync(join(stage, n), target));
      }
    } catch (e) {
      // put back what was there before; the new files stay in the temporary folder, which goes
      for (const { name, backup } of done.reverse()) {
        const target = this.path(name);
        try {
          if (backup) renameSync(backup, target);
          else unlinkSync(target);
        } catch { /* the original error is the one to report */ }
      }
      throw e;
    }
    this.discard();
  }

  /** Removes the temporary folder (and the folders made for it): nothing of this run remains. */
  discard(): void {
    if (this.stage) {
      try { rmSync(this.stage, { recursive: true, force: true }); } catch { /* best effort */ }
      this.stage = null;
    }
    this.removeCreatedFolders();
  }

  private removeCreatedFolders() {
    if (!this.created || !this.stageIsTarget) return;
    // the parents mkdir made, deepest first, while they are empty
    const top = resolve(this.created);
    for (let d = dirname(resolve(this.dir)); d.startsWith(top); d = dirname(d)) {
      try { rmdirSync(d); } catch { break; }
      if (d === top) break;
    }
    this.created = undefined;
  }
}

function writeAll(fd: number, text: string) {
  const bytes = Buffer.from(text, 'utf8');
  for (let off = 0; off < bytes.length;) off += writeSync(fd, bytes, off, bytes.length - off);
}

/**
 * The output folder of a command, checked before any work: a file it would write must not be one
 * of the inputs (exit 2), and the folder must not be an existing file (exit 1).
 */
export function planOutputs(dir: string, names: readonly string[], inputs: readonly NamedInput[]): OutputFolder {
  for (const n of names) {
    const target = join(dir, n);
    const hit = inputs.find((i) => sameFile(target, i.path));
    if (hit) throw new UsageError(`refusing to write ${target}: it is the input given as --${hit.option} (${hit.path}); choose another --out folder`, false);
  }
  for (const i of inputs) {
    if (sameFile(dir, i.path)) throw new UsageError(`refusing to write into ${dir}: it is the input given as --${i.option}; choose another --out folder`, false);
  }
  let isDir = true;
  try {
    isDir = statSync(dir).isDirectory();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw FsError.from(e, dir);
  }
  if (!isDir) throw new FsError(dir, 'exists and is not a folder', 'ENOTDIR');
  return new OutputFolder(dir, names);
}

/**
 * Runs `work` with the output folder begun; commits when it returns, discards when it throws.
 * @example writeOutputs(out, (w) => { w.write('a.csv', text); })
 */
export function writeOutputs(out: OutputFolder, work: (o: OutputFolder) => void): void {
  out.begin();
  try {
    work(out);
    out.commit();
  } catch (e) {
    out.discard();
    throw e;
  }
}
