/**
 * One i18next instance for the planner and the public page. Catalogues are the JSON files
 * `locales/<lang>/<namespace>.json`, bundled at build time (no fetch), so initialisation is synchronous and
 * the first render is already in the user's language. Safe in Node (tests, CLI): no window, no storage.
 */
import i18next, { type Resource } from 'i18next';
import { initReactI18next } from 'react-i18next';

export const SUPPORTED_LANGUAGES = ['zh-CN', 'en', 'es'] as const;
export type Language = (typeof SUPPORTED_LANGUAGES)[number];
/** Each language named in itself, for the switchers. */
export const LANGUAGE_NAMES: Record<Language, string> = { 'zh-CN': '简体中文', en: 'English', es: 'Español' };
export const FALLBACK_LANGUAGE: Language = 'en';
const STORAGE_KEY = 'planner.language';

const files = import.meta.glob<{ default: Record<string, unknown> }>('./locales/*/*.json', { eager: true });

/** The catalogues by language and namespace, read from the file names. */
export function catalogues(): Record<string, Record<string, Record<string, unknown>>> {
  const out: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const [path, mod] of Object.entries(files)) {
    const m = /\/locales\/([^/]+)\/([^/]+)\.json$/.exec(path);
    if (!m) continue;
    (out[m[1]] ??= {})[m[2]] = mod.default;
  }
  return out;
}

const resources = catalogues() as Resource;
export const NAMESPACES = [...new Set(Object.values(resources).flatMap((r) => Object.keys(r)))].sort();

/** A supported language for a tag such as zh-TW, es-419 or en-GB; null when none fits. */
export function matchLanguage(tag: string | null | undefined): Language | null {
  if (!tag) return null;
  const l = tag.toLowerCase();
  if (l.startsWith('zh')) return 'zh-CN';
  if (l.startsWith('es')) return 'es';
  if (l.startsWith('en')) return 'en';
  return null;
}

function storage(): Storage | null {
  try {
    return typeof localStorage !== 'undefined' ? localStorage : null;
  } catch {
    return null; // some privacy modes throw on access
  }
}

/** ?lang= in the URL, then the remembered choice, then the browser's preferences, else English. */
export function detectLanguage(): Language {
  if (typeof location !== 'undefined') {
    const asked = matchLanguage(new URLSearchParams(location.search).get('lang'));
    if (asked) return asked;
  }
  const kept = matchLanguage(storage()?.getItem(STORAGE_KEY));
  if (kept) return kept;
  if (typeof navigator !== 'undefined') {
    for (const tag of navigator.languages ?? [navigator.language]) {
      const l = matchLanguage(tag);
      if (l) return l;
    }
  }
  return FALLBACK_LANGUAGE;
}

function followLanguage(lang: string): void {
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
}

export const i18n = i18next.createInstance();
i18n.use(initReactI18next).init({
  resources,
  lng: detectLanguage(),
  fallbackLng: FALLBACK_LANGUAGE,
  supportedLngs: [...SUPPORTED_LANGUAGES],
  ns: NAMESPACES,
  defaultNS: 'common',
  fallbackNS: 'common',
  initAsync: false,
  // React escapes; catalogue text is ours
  interpolation: { escapeValue: false },
});
followLanguage(i18n.language);
i18n.on('languageChanged', followLanguage);

/** Switch the language everywhere and remember it for the next visit. */
export function setLanguage(lang: Language): void {
  try {
    storage()?.setItem(STORAGE_KEY, lang);
  } catch {
    // full or refused storage: the switch still holds for this visit
  }
  void i18n.changeLanguage(lang);
}

/** The current language as one of the supported ones. */
export function currentLanguage(): Language {
  return matchLanguage(i18n.resolvedLanguage ?? i18n.language) ?? FALLBACK_LANGUAGE;
}
