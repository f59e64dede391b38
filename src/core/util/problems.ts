/** One problem found in an input file. `row` is the 1-based line in a CSV; `feature` the 0-based GeoJSON feature index. */
export interface Problem {
  severity: 'error' | 'warning';
  file: string;
  row?: number;
  feature?: number;
  field?: string;
  /** English text: the CLI prints it; the app shows `code` with `params` in the user's language when present */
  message: string;
  code: string;
  params: Record<string, string | number>;
}

/**
 * A problem that may lack a code: what the command line reports about its own arguments and files
 * (it prints English). Whatever reaches the app is a `Problem`, with a code.
 */
export type EnglishProblem = Omit<Problem, 'code' | 'params'> & Partial<Pick<Problem, 'code' | 'params'>>;

/** A message with a code and parameters for translation, and its English text. */
export interface Coded { code: string; params: Record<string, string | number>; text: string }
export const coded = (code: string, params: Record<string, string | number>, text: string): Coded => ({ code, params, text });

/**
 * `file:row: field: message`, or `file:feature N: field: message`. Control characters (C0, DEL, C1)
 * and bidirectional overrides are written as `\xNN` / `\u{NNNN}`: a value quoted from a hostile
 * file cannot move the cursor, clear a terminal or reorder the line.
 */
export function formatProblem(p: EnglishProblem): string {
  return formatProblemIn(p, {});
}

/** formatProblem with the message and the words "warning" and "feature" given (the app's language). */
export function formatProblemIn(p: EnglishProblem, words: { message?: string; warning?: string; feature?: string }): string {
  // the app passes the message and the two words in the user's language; the place stays as it is
  let where = p.file;
  if (p.row !== undefined) where += `:${p.row}`;
  else if (p.feature !== undefined) where += `:${words.feature ?? 'feature'} ${p.feature}`;
  const tag = p.severity === 'warning' ? `${words.warning ?? 'warning'}: ` : '';
  const message = words.message ?? p.message;
  return escapeControls(p.field ? `${where}: ${p.field}: ${tag}${message}` : `${where}: ${tag}${message}`);
}

/**
 * Text with every C0 control (tab and newline included), DEL and C1 control as `\xNN`, and the
 * bidirectional embedding, override and isolate marks (U+202A..U+202E, U+2066..U+2069) as `\u{NNNN}`.
 * @example escapeControls('a\x1b[2Jb') // 'a\\x1b[2Jb'
 */
export function escapeControls(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16).toUpperCase()}}`;
  });
}

export type Location = { row?: number; feature?: number };

/** Problems of one file; repeats of the same kind beyond `perKindLimit` are counted, not listed. */
export class ProblemLog {
  readonly items: Problem[] = [];
  private readonly counts = new Map<string, number>();
  constructor(readonly file: string, private readonly perKindLimit = 20) {}

  error(at: Location, field: string | undefined, message: Coded, kind = `${field}:${message.text.slice(0, 12)}`): void {
    this.add({ severity: 'error', file: this.file, ...at, field, ...parts(message) }, kind);
  }

  warning(at: Location, field: string | undefined, message: Coded, kind = `${field}:${message.text.slice(0, 12)}`): void {
    this.add({ severity: 'warning', file: this.file, ...at, field, ...parts(message) }, `w:${kind}`);
  }

  get hasErrors(): boolean {
    return this.items.some((p) => p.severity === 'error');
  }

  /** Adds one summary line per kind whose repeats were cut. Call once, at the end. */
  finish(): Problem[] {
    for (const [kind, c] of this.counts) {
      if (c <= this.perKindLimit) continue;
      const severity = kind.startsWith('w:') ? 'warning' : 'error';
      const field = (kind.startsWith('w:') ? kind.slice(2) : kind).split(':')[0];
      this.items.push({ severity, file: this.file, field: field === 'undefined' ? undefined : field, message: `... and ${c - this.perKindLimit} more rows with the same problem`, code: 'moreRows', params: { count: c - this.perKindLimit } });
    }
    this.counts.clear();
    return this.items;
  }

  private add(p: Problem, kind: string) {
    const c = (this.counts.get(kind) ?? 0) + 1;
    this.counts.set(kind, c);
    if (c <= this.perKindLimit) this.items.push(p);
  }
}

/** A problem's message fields from a coded message. */
export const parts = (m: Coded): Pick<Problem, 'message' | 'code' | 'params'> => ({ message: m.text, code: m.code, params: m.params });

/** Result of loading a file: either all of it, or nothing and the reasons. */
export type LoadResult<T> = { ok: true; value: T; problems: Problem[] } | { ok: false; problems: Problem[] };
