// Every code the core can put on a problem has a message in each language, and a problem shown in
// Chinese names the same file, row and field as in English.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSchools } from '../../src/core/load/loadSchools';
import { formatProblem, type Problem } from '../../src/core/load/problems';
import { validatePlan } from '../../src/core/plan/validatePlan';
import { checkSettings, defaultSettings } from '../../src/core/settings/settings';
import { i18n } from '../../src/i18n/i18n';
import { problemText } from '../../src/panels/format';

const CORE = join(__dirname, '../../src/core');
const LOCALES = join(__dirname, '../../src/i18n/locales');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** `coded('x', ...)` (every quoted word of its first argument, for `a ? 'x' : 'y'`) and `code: 'x'`. */
function codesInCore(): Set<string> {
  const out = new Set<string>();
  for (const file of sources(CORE)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\bcoded\(([^,]+),/g)) for (const w of m[1].matchAll(/(?:^|\?|:)\s*'(\w+)'/g)) out.add(w[1]);
    for (const m of text.matchAll(/\bcode: '(\w+)'/g)) out.add(m[1]);
  }
  // numberProblemCoded's codes with " or null" (Checker.nullableNumber builds them)
  for (const c of ['missingRange', 'notInRange', 'negativeRange']) out.add(`${c}OrNull`);
  // the coordinate checks' codes, built from the problem kind and the file kind
  for (const k of ['projected', 'swapped', 'lat_range', 'lon_range']) out.add(`coord_${k}`);
  for (const f of ['csv', 'geojson']) {
    for (const k of ['swapped', 'maybeSwapped', 'projected', 'lat_range', 'lon_range', 'zero']) out.add(`coordFile_${k}_${f}`);
    out.add(`coordZero_${f}`);
  }
  for (const w of ['schools_and_population_files', 'schools_file', 'population_file']) out.add(`planOtherData_${w}`);
  return out;
}

const catalogue = (lang: string) => JSON.parse(readFileSync(join(LOCALES, lang, 'problems.json'), 'utf8')) as Record<string, unknown>;

describe('problem codes', () => {
  const codes = codesInCore();

  it('finds the codes of the loaders, the Checker and the plan validation', () => {
    for (const c of ['noColumn', 'moreRows', 'notValid', 'notInRange', 'unknownKeyIgnored', 'moreProblems']) expect(codes).toContain(c);
  });

  for (const lang of ['en', 'zh-CN', 'es']) {
    it(`every code has a message in ${lang}`, () => {
      const cat = catalogue(lang);
      const missing = [...codes].filter((c) => typeof cat[c] !== 'string' && typeof cat[`${c}_other`] !== 'string');
      expect(missing).toEqual([]);
    });
  }
});

/** `file:row: field:` of a problem's formatted line: everything before the message. */
const place = (p: Problem, line: string) => {
  const field = p.field ? `${p.field}: ` : '';
  const at = line.indexOf(field, p.file.length);
  return line.slice(0, at + field.length);
};

describe('hostile files in Chinese', () => {
  afterEach(() => void i18n.changeLanguage('en'));

  function both(problems: Problem[]): { en: string[]; zh: string[] } {
    void i18n.changeLanguage('en');
    const en = problems.map(problemText);
    void i18n.changeLanguage('zh-CN');
    const zh = problems.map(problemText);
    return { en, zh };
  }

  it('a plan file with wrong types: same place, Chinese message, English kept for the CLI', () => {
    const raw = { format: 'x', name: 42, levels: { primary: { overrides: { u1: { toString: 1 } } } }, __proto__x: 1, nextActionSeq: -3 };
    const v = validatePlan(raw, 'plan.json');
    const coded = v.problems.filter((p) => p.code);
    expect(coded.length).toBeGreaterThan(1);
    const { en, zh } = both(coded);
    coded.forEach((p, i) => {
      expect(en[i]).toBe(formatProblem(p));
      expect(place(p, zh[i])).toBe(place(p, en[i]));
      expect(zh[i]).toMatch(/[\u4e00-\u9fff]/);
    });
  });

  it('a settings file with an unknown field and a bad class size', () => {
    const s = defaultSettings('china');
    const r = checkSettings({ ...s, colour: 'red', levels: s.levels.map((l, i) => (i === 0 ? { ...l, classSize: 'big' } : l)) }, 'settings.json');
    const { en, zh } = both(r.problems);
    expect(r.problems.filter((p) => !p.code).map((p) => p.message)).toEqual([]);
    const bad = r.problems.findIndex((p) => p.field?.endsWith('classSize'));
    expect(bad).toBeGreaterThanOrEqual(0);
    expect(en[bad]).toContain('"big" is not valid');
    expect(zh[bad]).toContain('"big" 无效');
    r.problems.forEach((p, i) => expect(place(p, zh[i])).toBe(place(p, en[i])));
  });

  it('a schools CSV with a missing id and a bad status keeps the row and field in Chinese', () => {
    const csv = 'id,name,lon,lat,level,status\n,A,120,23,primary,open\ns2,B,120,23,primary,shut\n';
    const r = loadSchools('schools.csv', csv, defaultSettings('china'));
    const { en, zh } = both(r.problems);
    expect(en.some((l) => l.startsWith('schools.csv:2: id: '))).toBe(true);
    expect(zh.some((l) => l.startsWith('schools.csv:2: id: 缺失'))).toBe(true);
    expect(zh.some((l) => l.startsWith('schools.csv:3: status: '))).toBe(true);
  });
});

describe('the English catalogue says what the CLI says', () => {
  const csv = (rows: string[]) => `id,name,lon,lat,level,status\n${rows.join('\n')}\n`;
  const files: Record<string, string> = {
    projected: csv(['a,A,325000,673000,primary,open', 'b,B,120,23,primary,open', 'c,C,120.1,23,primary,open', 'd,D,120.2,23,primary,open']),
    projectedAll: csv(['a,A,325000,673000,primary,open', 'b,B,325100,673000,primary,open', 'c,C,325200,673000,primary,open']),
    swapped: csv(['a,A,23,120,primary,open', 'b,B,23.1,120,primary,open', 'c,C,23.2,120,primary,open']),
    zeros: csv(['a,A,0,0,primary,open', 'b,B,0,0,primary,open', 'c,C,120,23,primary,open', 'd,D,120.1,23,primary,open', 'e,E,120.2,23,primary,open']),
    lat: csv(['a,A,120,95,primary,open', 'b,B,120,23,primary,open', 'c,C,120.1,23,primary,open', 'd,D,120.2,23,primary,open']),
  };
  for (const [name, text] of Object.entries(files)) {
    it(`${name}: every coded problem reads the same from the catalogue`, () => {
      const r = loadSchools('schools.csv', text, defaultSettings('china'));
      const coded = r.problems.filter((p) => p.code);
      expect(coded.some((p) => p.code?.startsWith('coord'))).toBe(true);
      void i18n.changeLanguage('en');
      for (const p of coded) expect(problemText(p)).toBe(formatProblem(p));
    });
  }
});
