/** What an option's value is: shown in messages ("--out needs a folder") and checked where it can be. */
export type ValueKind = 'file' | 'dir' | 'number' | 'text';

/** One option a command accepts. `value: null` is a flag (no value). */
export interface OptionSpec {
  name: string;
  value: ValueKind | null;
}

/** The options a command was given: a value (string) for each option that takes one, `true` for flags. */
export type Options = Record<string, string | true>;

/** Bad usage: exit 2. `usage` false: the reason alone, without the command's help text. */
export class UsageError extends Error {
  constructor(message: string, readonly usage = true) {
    super(message);
  }
}

const WHAT: Record<ValueKind, string> = { file: 'a file', dir: 'a folder', number: 'a number', text: 'a value' };

/** Common to every command. */
export const HELP_OPTION: OptionSpec = { name: 'help', value: null };

/**
 * Reads `--name value` and `--name=value` against a command's declared options. Throws a UsageError
 * for an unknown option (with the closest known name), an option without its value (nothing after
 * it, or another `--option`), an option given twice, a value that is not a number where one is
 * expected, and any bare word.
 * @example parseOptions(['--years', '3'], [{ name: 'years', value: 'number' }]) // { years: '3' }
 */
export function parseOptions(argv: readonly string[], specs: readonly OptionSpec[]): Options {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const out: Options = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-h') { out.help = true; continue; }
    if (!a.startsWith('--') || a === '--') throw new UsageError(`unexpected argument "${a}"; options start with --`);
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
    const spec = byName.get(name);
    if (!spec) {
      const near = closest(name, specs.map((s) => s.name));
      throw new UsageError(`unknown option --${name}${near ? ` (did you mean --${near}?)` : ''}`);
    }
    if (out[name] !== undefined && name !== 'help') throw new UsageError(`--${name} is given twice`);
    if (spec.value === null) {
      if (eq > 0) throw new UsageError(`--${name} takes no value`);
      out[name] = true;
      continue;
    }
    let value: string | undefined;
    if (eq > 0) value = a.slice(eq + 1);
    else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) value = argv[++i];
    if (value === undefined || value === '') throw new UsageError(`--${name} needs ${WHAT[spec.value]}`);
    if (spec.value === 'number' && (value.trim() === '' || !Number.isFinite(Number(value)))) throw new UsageError(`--${name}: "${value}" is not a number`);
    out[name] = value;
  }
  return out;
}

/** The string value of an option, or undefined. */
export function str(v: string | true | undefined): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** The known name nearest to a mistyped one (edit distance at most 2, or a prefix), if any. */
function closest(name: string, known: string[]): string | null {
  let best: string | null = null, bestD = 3;
  for (const k of known) {
    const d = k.startsWith(name) || name.startsWith(k) ? Math.min(2, distance(name, k)) : distance(name, k);
    if (d < bestD) { best = k; bestD = d; }
  }
  return best;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const here = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = here;
    }
  }
  return row[b.length];
}

/** One command of the CLI: its help text, the options it accepts and what it does. */
export interface Command {
  help: string;
  options: readonly OptionSpec[];
  run(options: Options): Promise<number>;
}
