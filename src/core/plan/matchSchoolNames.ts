/**
 * Matching school names and ids as written in other people's files (zone layers, lists) to the
 * schools of a data set: by id, exact name, normalised name (case, accents, punctuation, spaces and
 * common abbreviations ignored), a name with a designation such as "Primary School" dropped on
 * either side when that leaves one school, or initials ("WHEC"). What does not match uniquely gets
 * up to 3 suggestions by similarity.
 */

/** How a value matched a school: its id, its exact name, its normalised name, its name without a
 *  designation suffix ("Primary School", "High", "小学", a trailing "(Leith)"), or its initials. */
export type MatchRule = 'id' | 'exact' | 'normalised' | 'suffix' | 'initials';

export type NameMatch =
  /** inferred: the school's kind was not in the value (a designation such as "Primary" was dropped to match) */
  | { school: number; rule: MatchRule; inferred?: boolean }
  /** ambiguous: several schools match equally well (listed, best first); none: no school matches */
  | { school: null; rule: null; why: 'ambiguous' | 'none'; tied: number[] };

export interface SchoolsForMatching {
  ids: string[];
  names: string[];
  /** school types, used to prefer the kind of school most of a file's values match */
  types?: string[];
}

/** Words expanded wherever they appear (after lower-casing and removing dots and apostrophes). */
const ABBREVIATIONS = new Map<string, string[]>(Object.entries({
  intl: ['international'], jr: ['junior'], sr: ['senior'], elem: ['elementary'], prim: ['primary'], pri: ['primary'],
  sch: ['school'], schl: ['school'], hs: ['high', 'school'], ms: ['middle', 'school'], jhs: ['junior', 'high', 'school'],
  es: ['elementary', 'school'], ps: ['primary', 'school'], rc: ['roman', 'catholic'], sec: ['secondary'], acad: ['academy'],
  ctr: ['centre'], center: ['centre'],
}));

/**
 * Words that say what kind of school it is, not which one: they may be dropped from the end of a
 * name. The value is the level they imply (two names whose dropped words imply different levels or
 * name different designations do not match: "Leith Primary" is not "Leith Academy").
 */
const DESIGNATION = new Map<string, string>(Object.entries({
  school: '', academy: 'academy', primary: 'primary', elementary: 'primary', infant: 'primary', secondary: 'secondary',
  high: 'secondary', middle: 'middle', junior: 'junior', senior: 'senior', k8: 'k8', k12: 'k12', community: '', college: 'college',
}));

/** Chinese designations dropped from the end of a name, longest first, with the level they imply. */
const CJK_SUFFIXES: [string, string][] = [
  ['九年一贯制学校', 'nine_year'], ['初级中学', 'secondary'], ['高级中学', 'secondary'], ['完全中学', 'secondary'],
  ['中学', 'secondary'], ['小学', 'primary'], ['学校', ''],
];

/** Words that do not tell schools apart, left out of the similarity score. */
const GENERIC = new Set([...DESIGNATION.keys(), 'the', 'and', 'of', 'roman', 'catholic', 'saint', 'nursery', 'international', 'public', 'centre']);

/**
 * The words of a name: lower case, accents removed, apostrophes removed ("Int'l" -> intl), other
 * punctuation as spaces, abbreviations expanded, "St" as the first word read as Saint, "&" as and,
 * "K-8" as one word.
 * @example nameWords("St. Mary's RC Prim. Sch.") // ['saint', 'marys', 'roman', 'catholic', 'primary', 'school']
 */
export function nameWords(name: string): string[] {
  let s = name.normalize('NFKD').replace(/([\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}])\p{M}+/gu, '$1').normalize('NFC').toLowerCase();
  s = s.replace(/&/g, ' and ').replace(/\bk\s*[-–]\s*(\d{1,2})\b/g, 'k$1').replace(/['’‘`´]/g, '');
  const words: string[] = [];
  for (const raw of s.split(/\s+/)) {
    if (!raw) continue;
    if (raw === 'el.') { words.push('elementary'); continue; }
    for (const part of raw.replace(/\./g, '').split(/[^\p{L}\p{N}]+/u)) {
      if (!part) continue;
      if (part === 'st' && words.length === 0) words.push('saint');
      else words.push(...(ABBREVIATIONS.get(part) ?? [part]));
    }
  }
  return words;
}

/** The name reduced to one comparable string: words joined without spaces. */
export function normaliseSchoolName(name: string): string {
  return nameWords(name).join('');
}

interface Variant { key: string; cost: number; dropped: string[] }

/**
 * The name as written and shortened: without a trailing parenthesis ("(Leith)"), a leading "the",
 * trailing designation words ("primary school", "high", "academy") or a Chinese suffix (小学, 中学,
 * 学校, 初级中学, 九年一贯制学校). Each variant costs the number of things dropped.
 */
function variants(name: string): Variant[] {
  const out = new Map<string, Variant>();
  const add = (v: Variant) => { const o = out.get(v.key); if (v.key && (!o || o.cost > v.cost)) out.set(v.key, v); };
  const bases: { words: string[]; cost: number; dropped: string[] }[] = [{ words: nameWords(name), cost: 0, dropped: [] }];
  const paren = /^(.*\S)\s*[(（][^()（）]*[)）]\s*$/.exec(name);
  if (paren) bases.push({ words: nameWords(paren[1]), cost: 1, dropped: [] });
  for (const b of [...bases]) if (b.words[0] === 'the' && b.words.length > 1) bases.push({ words: b.words.slice(1), cost: b.cost + 1, dropped: b.dropped });
  for (const b of bases) {
    let words = b.words, cost = b.cost, dropped = b.dropped;
    for (;;) {
      add({ key: words.join(''), cost, dropped });
      const last = words[words.length - 1];
      if (words.length > 1 && DESIGNATION.has(last)) {
        words = words.slice(0, -1); cost++; dropped = [...dropped, last];
        continue;
      }
      const cjk = last === undefined ? undefined : CJK_SUFFIXES.find(([suffix]) => last.endsWith(suffix) && last.length > suffix.length);
      if (!cjk) break;
      words = [...words.slice(0, -1), last.slice(0, -cjk[0].length)]; cost++; dropped = [...dropped, `cjk:${cjk[1]}`];
    }
  }
  return [...out.values()];
}

/** What the dropped words say about the school: levels and designations, "school" and "学校" saying nothing. */
function designations(dropped: string[]): Set<string> {
  const s = new Set<string>();
  for (const w of dropped) {
    const d = w.startsWith('cjk:') ? w.slice(4) : DESIGNATION.get(w);
    if (d) s.add(d);
  }
  return s;
}

/** Two names whose dropped words both say something, and nothing in common, are different schools. */
function conflict(a: Set<string>, b: Set<string>): boolean {
  if (!a.size || !b.size) return false;
  for (const x of a) if (b.has(x)) return false;
  return true;
}

function initialsOf(words: string[]): string {
  return words.map((w) => w[0]).join('');
}

/** Lookup tables over the schools' ids and names, built once per schools list. */
export interface SchoolNameIndex {
  schools: SchoolsForMatching;
  byId: Map<string, number>;
  byIdFolded: Map<string, number[]>;
  byExact: Map<string, number[]>;
  byVariant: Map<string, { school: number; cost: number; dropped: Set<string> }[]>;
  byInitials: Map<string, number[]>;
  /** for suggestions: distinguishing words and their joined form, per school */
  core: { words: Set<string>; key: string }[];
  /** schools by the character pairs of their distinguishing part, to find candidates for suggestions quickly */
  byPair: Map<string, number[]>;
}

const push = <K, V>(m: Map<K, V[]>, k: K, v: V) => { const a = m.get(k); if (a) a.push(v); else m.set(k, [v]); };

/** @example const index = schoolNameIndex(schools); matchSchool(index, 'Broughton High') */
export function schoolNameIndex(schools: SchoolsForMatching): SchoolNameIndex {
  const index: SchoolNameIndex = { schools, byId: new Map(), byIdFolded: new Map(), byExact: new Map(), byVariant: new Map(), byInitials: new Map(), core: [], byPair: new Map() };
  schools.ids.forEach((id, s) => {
    index.byId.set(id, s);
    push(index.byIdFolded, id.trim().toLowerCase(), s);
    const name = schools.names[s] ?? '';
    push(index.byExact, name.trim(), s);
    for (const v of variants(name)) push(index.byVariant, v.key, { school: s, cost: v.cost, dropped: designations(v.dropped) });
    const words = nameWords(name);
    const inits = new Set([initialsOf(words), initialsOf(words.filter((w) => !DESIGNATION.has(w))), initialsOf(words.filter((w) => !GENERIC.has(w)))]);
    for (const i of inits) if (i.length >= 3) push(index.byInitials, i, s);
    const core = coreWords(name);
    index.core.push({ words: new Set(core), key: core.join('') });
    for (const p of pairsOf(core.join(''))) push(index.byPair, p, s);
  });
  return index;
}

/** The distinct character pairs of a string (the character itself for a single character). */
function pairsOf(key: string): Set<string> {
  const c = [...key];
  if (c.length === 1) return new Set(c);
  const out = new Set<string>();
  for (let i = 0; i + 1 < c.length; i++) out.add(c[i] + c[i + 1]);
  return out;
}

function coreWords(name: string): string[] {
  const words = nameWords(name).filter((w) => !GENERIC.has(w));
  // a Chinese name is one "word": compare it without its designation
  return words.map((w) => { const c = CJK_SUFFIXES.find(([s]) => w.endsWith(s) && w.length > s.length); return c ? w.slice(0, -c[0].length) : w; });
}

/** Among equally good candidates, those of a preferred type, when that leaves exactly one. */
function preferred(cands: number[], index: SchoolNameIndex, prefer: Set<string> | null): number[] {
  if (cands.length < 2 || !prefer?.size || !index.schools.types) return cands;
  const p = cands.filter((s) => prefer.has(index.schools.types![s]));
  return p.length === 1 ? p : cands;
}

/**
 * Matches one value (an id or a name) to a school: by id, exact name, normalised name, name
 * without designation suffixes (on either side, only when one school is best), then initials.
 * @param prefer school types to prefer among equally good matches (e.g. the zones file's level)
 * @example matchSchool(index, "James Gillespie's High") // { school: 12, rule: 'suffix' }
 */
export function matchSchool(index: SchoolNameIndex, value: unknown, prefer: Set<string> | null = null): NameMatch {
  const none: NameMatch = { school: null, rule: null, why: 'none', tied: [] };
  if (typeof value !== 'string' && typeof value !== 'number') return none;
  const raw = String(value).trim();
  if (!raw) return none;
  const byId = index.byId.get(raw);
  if (byId !== undefined) return { school: byId, rule: 'id' };
  const folded = index.byIdFolded.get(raw.toLowerCase());
  if (folded?.length === 1) return { school: folded[0], rule: 'id' };
  const decide = (cands: number[], rule: MatchRule): NameMatch | null => {
    if (!cands.length) return null;
    const c = preferred(cands, index, prefer);
    return c.length === 1 ? { school: c[0], rule } : { school: null, rule: null, why: 'ambiguous', tied: c };
  };
  const exact = decide(index.byExact.get(raw) ?? [], 'exact');
  if (exact) return exact;
  // every school sharing a shortened form of the name, at the lowest total cost of shortening
  const vs = variants(raw);
  const best = new Map<number, number>();
  const inferred = new Map<number, boolean>();
  for (const v of vs) {
    const mine = designations(v.dropped);
    for (const e of index.byVariant.get(v.key) ?? []) {
      if (conflict(mine, e.dropped)) continue;
      const cost = v.cost + e.cost;
      if (cost < (best.get(e.school) ?? Infinity)) { best.set(e.school, cost); inferred.set(e.school, e.dropped.size > 0 && mine.size === 0); }
    }
  }
  const same = [...best].filter(([, c]) => c === 0).map(([s]) => s);
  const normalised = decide(same, 'normalised');
  if (normalised) return normalised;
  if (best.size) {
    // a school of the preferred kind first, then the fewest words dropped
    const rank = (s: number) => (prefer?.size && index.schools.types && !prefer.has(index.schools.types[s]) ? 1000 : 0) + best.get(s)!;
    const ranked = [...best.keys()].sort((a, b) => rank(a) - rank(b) || a - b);
    const top = ranked.filter((s) => rank(s) === rank(ranked[0]));
    return top.length === 1 ? { school: top[0], rule: 'suffix', inferred: inferred.get(top[0]) } : { school: null, rule: null, why: 'ambiguous', tied: top };
  }
  const letters = raw.replace(/\./g, '');
  if (/^[A-Z]{3,8}$/.test(letters)) {
    const byInitials = decide(index.byInitials.get(letters.toLowerCase()) ?? [], 'initials');
    if (byInitials) return byInitials.school === null ? byInitials : { ...byInitials, inferred: true };
  }
  return none;
}

function editDistance(a: string, b: string): number {
  const A = [...a], B = [...b];
  let prev = Array.from({ length: B.length + 1 }, (_, j) => j);
  for (let i = 1; i <= A.length; i++) {
    const cur = [i];
    for (let j = 1; j <= B.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (A[i - 1] === B[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[B.length];
}

/**
 * How alike two names are, 0..1: the larger of the share of distinguishing words in common and
 * one minus the edit distance between the names' distinguishing parts over the longer one.
 * @example nameSimilarity('Kirknewton Primary School', 'Kirkliston Primary School') // 0.7
 */
export function nameSimilarity(a: string, b: string): number {
  return similarityOf(coreOf(a), coreOf(b));
}

const coreOf = (name: string) => { const w = coreWords(name); return { words: new Set(w), key: w.join('') }; };

/** `floor`: scores below it need not be exact (the edit distance is skipped when it cannot reach it) */
function similarityOf(a: { words: Set<string>; key: string }, b: { words: Set<string>; key: string }, floor = 0): number {
  if (!a.key || !b.key) return 0;
  let common = 0;
  for (const t of a.words) if (b.words.has(t)) common++;
  const jaccard = common / (a.words.size + b.words.size - common);
  const la = [...a.key].length, lb = [...b.key].length, longer = Math.max(la, lb);
  // the edit distance is at least the difference in length: skip it when it cannot reach the bar
  if (1 - Math.abs(la - lb) / longer < Math.max(jaccard, floor)) return jaccard;
  return Math.max(jaccard, 1 - editDistance(a.key, b.key) / longer);
}

/** Below this similarity a school is not suggested (unless tied for an ambiguous match). */
const SUGGEST_FROM = 0.5;
/** Schools scored exactly for a suggestion: those sharing the most character pairs with the value. */
const SUGGEST_POOL = 64;

/**
 * Up to `k` schools (indices) to suggest for a value that did not match: schools tied for an
 * ambiguous match first, then the most similar names.
 */
export function suggestSchools(index: SchoolNameIndex, value: string, k = 3, tied: number[] = []): number[] {
  const me = coreOf(value);
  const shared = new Map<number, number>();
  for (const p of pairsOf(me.key)) for (const s of index.byPair.get(p) ?? []) shared.set(s, (shared.get(s) ?? 0) + 1);
  const pool = [...shared].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, SUGGEST_POOL).map(([s]) => s);
  const scored = pool.map((s) => ({ s, score: similarityOf(me, index.core[s], SUGGEST_FROM) }))
    .filter((x) => x.score >= SUGGEST_FROM && !tied.includes(x.s))
    .sort((a, b) => b.score - a.score || a.s - b.s);
  return [...tied, ...scored.map((x) => x.s)].slice(0, k);
}
