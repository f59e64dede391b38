// Which addresses the public lookup may read a published plan from (`/lookup/?plan=…`).

/** Why an address was refused. */
export type PlanSourceRefusal = 'malformed' | 'scheme' | 'credentials' | 'origin';

export type PlanSourceCheck = { ok: true; url: string; sameOrigin: boolean } | { ok: false; reason: PlanSourceRefusal };

/**
 * Decides whether the page may fetch a plan from `address` (the `plan` parameter, relative to the page).
 * Allowed: http(s) addresses on the page's own origin, and on the exactly listed `allowedOrigins`
 * (see `allowedOriginsFromConfig`). Refused: other schemes (data:, blob:, javascript:, file:), addresses
 * with a user name or password, and any other origin, however written (`//host`, `/\host`):
 * the address is resolved exactly as `fetch` resolves it and then compared by origin.
 * @example checkPlanUrl('/published/a.json', 'https://x.org/lookup/', []).ok // true
 * @example checkPlanUrl('//evil.example/a.json', 'https://x.org/lookup/', []) // { ok: false, reason: 'origin' }
 */
export function checkPlanUrl(address: string, pageUrl: string, allowedOrigins: readonly string[]): PlanSourceCheck {
  let page: URL, url: URL;
  try { page = new URL(pageUrl); url = new URL(address, page); } catch { return { ok: false, reason: 'malformed' }; }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, reason: 'scheme' };
  if (url.username || url.password) return { ok: false, reason: 'credentials' };
  const sameOrigin = url.origin === page.origin;
  if (!sameOrigin && !allowedOrigins.includes(url.origin)) return { ok: false, reason: 'origin' };
  return { ok: true, url: url.href, sameOrigin };
}

/** The origin an entry names, or null: http(s), nothing but scheme, host and port (a trailing / is fine). */
function originOf(entry: unknown): string | null {
  if (typeof entry !== 'string') return null;
  let u: URL;
  try { u = new URL(entry.trim()); } catch { return null; }
  if ((u.protocol !== 'http:' && u.protocol !== 'https:') || u.hostname.includes('*') || u.username || u.password || u.pathname !== '/' || u.search || u.hash) return null;
  return u.origin;
}

/**
 * The other origins a deployment trusts for plans (or, with `key`, for basemap styles), from its configuration file
 * (`public/lookup-config.json`: `{ "allowedPlanOrigins": ["https://maps.example.org"] }`). Only exact origins
 * count: no wildcards, paths or other schemes; such entries are left out and returned as `ignored`.
 * The same rules hold for `allowedGeocoderOrigins`: address services a published plan may point the page at.
 * @example allowedOriginsFromConfig({ allowedPlanOrigins: ['https://a.org/', '*'] }) // { origins: ['https://a.org'], ignored: 1 }
 */
export function allowedOriginsFromConfig(config: unknown, key: 'allowedPlanOrigins' | 'allowedBasemapOrigins' | 'allowedGeocoderOrigins' = 'allowedPlanOrigins'): { origins: string[]; ignored: number } {
  const list = typeof config === 'object' && config !== null ? (config as Record<string, unknown>)[key] : undefined;
  if (!Array.isArray(list)) return { origins: [], ignored: list === undefined ? 0 : 1 };
  const origins: string[] = [];
  let ignored = 0;
  for (const entry of list) {
    const o = originOf(entry);
    if (o === null) ignored++;
    else if (!origins.includes(o)) origins.push(o);
  }
  return { origins, ignored };
}
