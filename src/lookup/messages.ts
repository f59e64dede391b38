import { i18n } from '../i18n/i18n';
import enLookup from '../i18n/locales/en/lookup.json';

/** Interface text of the public lookup: whole message templates per language, never pieced together. */
export const LANGUAGES = { en: 'English', 'zh-CN': '简体中文', es: 'Español' } as const;
export type Lang = keyof typeof LANGUAGES;

// The texts live in the shared catalogues (src/i18n/locales/<lang>/lookup.json), level names in common.json:
// the planner and this page translate a term once.
export type MessageKey = keyof typeof enLookup;

/** Level names in the public view, from the shared catalogue (the plan's own names are in English). */
export const LEVEL_NAMES: Record<Lang, Record<string, string>> = Object.fromEntries(
  (Object.keys(LANGUAGES) as Lang[]).map((l) => [l, (i18n.getResource(l, 'common', 'level') ?? {}) as Record<string, string>]),
) as Record<Lang, Record<string, string>>;

/** The message in a language with its {{placeholders}} filled. */
export function t(lang: Lang, key: MessageKey, values: Record<string, string | number> = {}): string {
  return i18n.getFixedT(lang, 'lookup')(key, values);
}

/** The best supported language for the browser's preferences. */
export function pickLanguage(preferred: readonly string[]): Lang {
  for (const p of preferred) {
    const l = p.toLowerCase();
    if (l.startsWith('zh')) return 'zh-CN';
    if (l.startsWith('es')) return 'es';
    if (l.startsWith('en')) return 'en';
  }
  return 'en';
}

export function formatDistance(lang: Lang, m: number): string {
  const nf = new Intl.NumberFormat(lang, { maximumFractionDigits: m < 1000 ? 0 : 1 });
  return m < 1000 ? `${nf.format(Math.round(m / 10) * 10)} m` : `${nf.format(m / 1000)} km`;
}
