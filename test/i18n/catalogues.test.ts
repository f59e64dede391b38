// Every language has the English catalogue's keys, no more, with the same interpolation variables.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SUPPORTED_LANGUAGES } from '../../src/i18n/i18n';

const ROOT = join(__dirname, '../../src/i18n/locales');
const PLURAL = /_(zero|one|two|few|many|other)$/;

function flatten(obj: unknown, prefix = '', out: Record<string, string> = {}): Record<string, string> {
  if (typeof obj === 'string') out[prefix] = obj;
  else if (obj && typeof obj === 'object') for (const [k, v] of Object.entries(obj)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  else out[prefix] = String(obj);
  return out;
}
const read = (lang: string, ns: string) => flatten(JSON.parse(readFileSync(join(ROOT, lang, `${ns}.json`), 'utf8')));
const namespaces = (lang: string) => readdirSync(join(ROOT, lang)).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort();
/** {{name}} and {{name, format}} variables; plural keys' own count is left out (a "_one" text may spell it). */
const variables = (text: string, key: string) =>
  [...new Set([...text.matchAll(/\{\{\s*([\w.]+)\s*(?:,[^}]*)?\}\}/g)].map((m) => m[1]))].filter((v) => !(PLURAL.test(key) && v === 'count')).sort();

/** What each language must have for an English key: plural keys by the language's own categories. */
export function problems(en: Record<string, string>, other: Record<string, string>, lang: string): string[] {
  const categories = new Set(new Intl.PluralRules(lang).resolvedOptions().pluralCategories);
  const needed = new Set(['one', 'other'].filter((c) => categories.has(c as Intl.LDMLPluralRule)));
  const out: string[] = [];
  const pluralBases = new Set(Object.keys(en).filter((k) => PLURAL.test(k)).map((k) => k.replace(PLURAL, '')));
  for (const key of Object.keys(en)) {
    const m = PLURAL.exec(key);
    if (m && !needed.has(m[1])) continue; // e.g. x_one in Chinese: one form serves every count
    if (!(key in other)) out.push(`missing ${key}`);
  }
  for (const key of Object.keys(other)) {
    const m = PLURAL.exec(key);
    const allowed = key in en || (m && pluralBases.has(key.replace(PLURAL, '')) && categories.has(m[1] as Intl.LDMLPluralRule));
    if (!allowed) out.push(`not in English: ${key}`);
    if (other[key].trim() === '') out.push(`empty: ${key}`);
    const ref = en[key] ?? en[key.replace(PLURAL, '_other')];
    if (ref !== undefined) {
      const a = variables(ref, key).join(',');
      const b = variables(other[key], key).join(',');
      if (a !== b) out.push(`variables of ${key}: English {${a}}, ${lang} {${b}}`);
    }
  }
  return out;
}

describe('catalogues', () => {
  const enNs = namespaces('en');
  it('has a common namespace and English catalogues', () => {
    expect(enNs).toContain('common');
  });
  for (const lang of SUPPORTED_LANGUAGES.filter((l) => l !== 'en')) {
    it(`${lang} has the same namespaces as English`, () => {
      expect(namespaces(lang)).toEqual(enNs);
    });
    for (const ns of enNs) {
      it(`${lang}/${ns}.json has every English key, no others, and the same variables`, () => {
        expect(problems(read('en', ns), read(lang, ns), lang)).toEqual([]);
      });
    }
  }
  for (const ns of enNs) {
    it(`en/${ns}.json has both plural forms of every plural key`, () => {
      const en = read('en', ns);
      const missing = Object.keys(en).filter((k) => PLURAL.test(k)).flatMap((k) => ['one', 'other'].map((c) => k.replace(PLURAL, `_${c}`))).filter((k) => !(k in en));
      expect(missing).toEqual([]);
    });
  }
  it('catches a missing key, an extra key, a missing plural form and a changed variable', () => {
    const en = { a: 'A {{name}}', n_one: 'one', n_other: '{{count}} things' };
    expect(problems(en, { a: 'A {{name}}', n_other: '{{count}} 个' }, 'zh-CN')).toEqual([]);
    expect(problems(en, { a: 'A {{nom}}', n_one: 'uno', n_other: '{{count}} cosas', b: 'x' }, 'es')).toEqual(['variables of a: English {name}, es {nom}', 'not in English: b']);
    expect(problems(en, { a: 'A {{name}}', n_other: '{{count}} cosas' }, 'es')).toEqual(['missing n_one']);
  });
});
