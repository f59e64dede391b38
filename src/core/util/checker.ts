import { grouped } from './numberWords';
import { coded, parts, type Coded, type Problem } from './problems';

/**
 * Names that must never be accepted as an id or a key of a record read from a file: they reach
 * Object.prototype when assigned (`__proto__`) or shadow its members in plain-object lookups
 * (`settings.schoolTypes['constructor']` is a function, not undefined).
 */
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype', ...Object.getOwnPropertyNames(Object.prototype)]);

/** True for `__proto__`, `constructor`, `prototype` and the other members of Object.prototype. */
export function isUnsafeKey(key: string): boolean {
  return UNSAFE_KEYS.has(key);
}

/**
 * A JSON-path-like field name: `actions[2].homes`, `schoolEdits.5520924.capacity`, and
 * `levels.primary.overrides["a b"]` for keys that would be ambiguous after a dot.
 */
export function fieldPath(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  if (/^[^\s.[\]"'\\]+$/.test(key) && key.length <= 80) return base ? `${base}.${key}` : key;
  return `${base}[${JSON.stringify(key.length > 80 ? `${key.slice(0, 80)}…` : key)}]`;
}

/** A short description of a value for a message: `null`, `"abc"`, `Infinity`, `an array`. */
export function describeValue(v: unknown): string {
  if (v === undefined) return 'missing';
  if (v === null) return 'null';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (Array.isArray(v)) return `an array of ${grouped(v.length)}`;
  return typeof v === 'object' ? 'an object' : typeof v;
}

/** 100000 -> "100,000", 0.5 -> "0.5" */
export function formatNumber(n: number): string {
  return Number.isInteger(n) && Math.abs(n) >= 10_000 ? (n < 0 ? '-' : '') + grouped(Math.abs(n)) : String(n);
}

export interface NumberRule {
  min: number;
  max: number;
  integer?: boolean;
  /** what is expected, e.g. "a class size"; the range is appended */
  what?: string;
}

/** `a class size from 1 to 200` */
export function expected(rule: NumberRule): string {
  return `${rule.what ?? (rule.integer ? 'a whole number' : 'a number')} from ${formatNumber(rule.min)} to ${formatNumber(rule.max)}`;
}

/**
 * Collects the problems of one file while its fields are read. Every reader returns the value when
 * it is valid and `undefined` after recording an error naming the field. Problems beyond `limit`
 * are counted, not listed (a hostile file can hold millions of bad entries).
 */
export class Checker {
  private readonly errors: Problem[] = [];
  private readonly warnings: Problem[] = [];
  private cutErrors = 0;
  private cutWarnings = 0;

  constructor(readonly file: string, private readonly limit = 200) {}

  /** errors recorded so far (listed or counted) */
  get errorCount(): number {
    return this.errors.length + this.cutErrors;
  }

  error(field: string, message: Coded): void {
    if (this.errors.length + this.warnings.length >= this.limit) { this.cutErrors++; return; }
    this.errors.push({ severity: 'error', file: this.file, field: field || undefined, ...parts(message) });
  }

  warning(field: string, message: Coded): void {
    if (this.errors.length + this.warnings.length >= this.limit) { this.cutWarnings++; return; }
    this.warnings.push({ severity: 'warning', file: this.file, field: field || undefined, ...parts(message) });
  }

  /** Errors first, then warnings, then one line counting what was cut. */
  problems(): Problem[] {
    const out = [...this.errors, ...this.warnings];
    const cut = this.cutErrors + this.cutWarnings;
    if (cut) out.push({ severity: this.cutErrors ? 'error' : 'warning', file: this.file, ...parts(coded('moreProblems', { count: cut, errors: this.cutErrors }, `... and ${grouped(cut)} more problems (${grouped(this.cutErrors)} errors) not listed`)) });
    return out;
  }

  /** A plain object (not null, not an array). */
  object(v: unknown, field: string, what = 'an object'): Record<string, unknown> | undefined {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
    this.error(field, notValid(v, what));
    return undefined;
  }

  /** An array of at most `max` items. */
  array(v: unknown, field: string, what: string, max: number): unknown[] | undefined {
    if (!Array.isArray(v)) {
      this.error(field, notValid(v, what));
      return undefined;
    }
    if (v.length > max) {
      this.error(field, coded('tooManyItems', { count: v.length, max }, `${grouped(v.length)} items; at most ${grouped(max)} are allowed`));
      return undefined;
    }
    return v;
  }

  /** A string of at most `max` characters (empty allowed). */
  string(v: unknown, field: string, max = 1000, what = 'a string'): string | undefined {
    if (typeof v !== 'string') {
      this.error(field, notValid(v, what));
      return undefined;
    }
    if (v.length > max) {
      this.error(field, coded('tooLong', { count: v.length, max }, `${grouped(v.length)} characters; at most ${grouped(max)} are allowed`));
      return undefined;
    }
    return v;
  }

  /** A non-empty id of at most `max` characters that is not a prototype key. */
  id(v: unknown, field: string, what = 'an id', max = 256): string | undefined {
    const problem = idProblemCoded(v, what, max);
    if (problem) { this.error(field, problem); return undefined; }
    return v as string;
  }

  /** A finite number within the rule's range. */
  number(v: unknown, field: string, rule: NumberRule): number | undefined {
    const problem = numberProblemCoded(v, rule);
    if (problem) { this.error(field, problem); return undefined; }
    return v as number;
  }

  /** null, or a number within the rule's range; `undefined` means invalid. */
  nullableNumber(v: unknown, field: string, rule: NumberRule): number | null | undefined {
    if (v === null) return null;
    const problem = numberProblemCoded(v, rule);
    if (problem) { this.error(field, coded(`${problem.code}OrNull`, problem.params, `${problem.text} or null`)); return undefined; }
    return v as number;
  }

  boolean(v: unknown, field: string): boolean | undefined {
    if (typeof v === 'boolean') return v;
    this.error(field, notValid(v, 'true or false'));
    return undefined;
  }

  /** One of a fixed set of strings. */
  oneOf<T extends string>(v: unknown, field: string, options: readonly T[], what: string): T | undefined {
    if (typeof v === 'string' && (options as readonly string[]).includes(v)) return v as T;
    this.error(field, coded('notOneOf', { ...valueParams(v), what, options: options.join(', ') }, `${describeValue(v)} is not ${what}; expected one of ${options.join(', ')}`));
    return undefined;
  }

  /**
   * Checks the keys of an object: prototype keys are errors; keys outside `known` (when given) are
   * errors or warnings ("ignored"). Returns the keys that may be read.
   */
  keys(o: Record<string, unknown>, field: string, known: readonly string[] | null, unknown: 'error' | 'warning' = 'warning', noun = 'field'): string[] {
    const out: string[] = [];
    for (const k of Object.keys(o)) {
      if (isUnsafeKey(k)) { this.error(fieldPath(field, k), coded('notAllowedName', { value: k }, `"${k}" is not allowed as a name or id`)); continue; }
      if (known && !known.includes(k)) {
        if (unknown === 'error') this.error(fieldPath(field, k), coded('unknownKey', { what: noun, options: known.join(', ') }, `unknown ${noun}; expected one of ${known.join(', ')}`));
        else this.warning(fieldPath(field, k), coded('unknownKeyIgnored', { what: noun }, `unknown ${noun}; ignored`));
        continue;
      }
      out.push(k);
    }
    return out;
  }
}

/** Why a value is not an id, or null when it is one. */
export function idProblem(v: unknown, what = 'an id', max = 256): string | null {
  return idProblemCoded(v, what, max)?.text ?? null;
}

/** idProblem with a code and parameters for translation. */
export function idProblemCoded(v: unknown, what = 'an id', max = 256): Coded | null {
  if (typeof v !== 'string' || v === '') return v === undefined ? coded('missing', { what }, `missing; expected ${what}`) : coded('idNotValid', { ...valueParams(v), what }, `${describeValue(v)} is not valid; expected ${what} (a non-empty string)`);
  if (v.length > max) return coded('idTooLong', { count: v.length, max }, `an id of ${grouped(v.length)} characters; at most ${max} are allowed`);
  if (isUnsafeKey(v)) return coded('notAllowedAs', { value: v, what }, `"${v}" is not allowed as ${what}`);
  return null;
}

/** Why a value is not a number within the rule, or null when it is. */
export function numberProblem(v: unknown, rule: NumberRule): string | null {
  return numberProblemCoded(v, rule)?.text ?? null;
}

/** numberProblem with a code and parameters for translation. */
export function numberProblemCoded(v: unknown, rule: NumberRule): Coded | null {
  const range = { what: rule.what ?? (rule.integer ? 'a whole number' : 'a number'), min: formatNumber(rule.min), max: formatNumber(rule.max) };
  if (v === undefined) return coded('missingRange', range, `missing; expected ${expected(rule)}`);
  if (typeof v !== 'number' || !Number.isFinite(v)) return coded('notInRange', { ...valueParams(v), ...range }, `${describeValue(v)} is not valid; expected ${expected(rule)}`);
  if (v < 0 && rule.min >= 0) return coded('negativeRange', { value: v, ...range }, `${v} is not valid; expected a non-negative number (${expected(rule)})`);
  if (v < rule.min || v > rule.max || (rule.integer && !Number.isInteger(v))) return coded('notInRange', { value: formatNumber(v), ...range }, `${formatNumber(v)} is not valid; expected ${expected(rule)}`);
  return null;
}

/** "missing; expected X" or "V is not valid; expected X", coded. */
export function notValid(v: unknown, what: string): Coded {
  return v === undefined ? coded('missing', { what }, `missing; expected ${what}`) : coded('notValid', { ...valueParams(v), what }, `${describeValue(v)} is not valid; expected ${what}`);
}

/**
 * describeValue as parameters: `value` is the English description; `valueKind` (object, array, null,
 * missing) and `count` let the app say it in the user's language.
 */
export function valueParams(v: unknown): Record<string, string | number> {
  const value = describeValue(v);
  if (v === undefined) return { value, valueKind: 'missing' };
  if (Array.isArray(v)) return { value, valueKind: 'array', count: v.length };
  if (v !== null && typeof v === 'object') return { value, valueKind: 'object' };
  return { value };
}


/** Most examples listed in a message about many entries. */
export const EXAMPLES = 10;

/**
 * examples() as parameters: `examples` is the English text; `exampleIds` (the ids shown) and
 * `exampleMore` (how many more) let the app say "and N more" in the user's language.
 */
export function exampleParams(ids: readonly string[]): Record<string, string | number> {
  return { examples: examples(ids), exampleIds: examples(ids.slice(0, EXAMPLES)), exampleMore: Math.max(0, ids.length - EXAMPLES) };
}

/** `"a", "b", "c"` and `... (12 more)`: up to EXAMPLES ids. */
export function examples(ids: readonly string[]): string {
  const shown = ids.slice(0, EXAMPLES).map((x) => JSON.stringify(x.length > 40 ? `${x.slice(0, 40)}…` : x)).join(', ');
  return ids.length > EXAMPLES ? `${shown} and ${grouped(ids.length - EXAMPLES)} more` : shown;
}
