// The HTTP geocoder is configured by one URL template, so a council can point it at its own service.

/** Placeholders a template may use; `{query}` is required. */
export const GEOCODER_PLACEHOLDERS = ['query', 'viewbox', 'bbox', 'lang', 'limit', 'lon', 'lat'] as const;

/** Why a template was refused. */
export type GeocoderUrlRefusal = 'empty' | 'malformed' | 'scheme' | 'credentials' | 'no_query' | 'placeholder' | 'origin';

export type GeocoderUrlCheck = { ok: true; template: string; origin: string } | { ok: false; reason: GeocoderUrlRefusal };

/** What a request asks for besides the words: the data set's extent, the reader's language, how many. */
export interface GeocodeRequestOptions { bbox?: [number, number, number, number] | null; lang?: string; limit?: number }

/** Example templates (README): Nominatim's JSON and a Photon server. */
export const NOMINATIM_TEMPLATE = 'https://nominatim.openstreetmap.org/search?format=jsonv2&q={query}&viewbox={viewbox}&bounded=1&limit={limit}&accept-language={lang}';
export const PHOTON_TEMPLATE = 'https://photon.komoot.io/api/?q={query}&bbox={bbox}&limit={limit}&lang={lang}';

const fill = (template: string, values: Record<string, string>) =>
  template.replace(/\{([a-z]+)\}/g, (m, k: string) => (Object.prototype.hasOwnProperty.call(values, k) ? encodeURIComponent(values[k]) : m));

/**
 * Checks a geocoder URL template: an absolute http(s) URL without a user name or password, with
 * `{query}` and only known placeholders (`{query} {viewbox} {bbox} {lang} {limit} {lon} {lat}`).
 * When `allowedOrigins` is given, the template's origin must be one of them.
 * @example checkGeocoderTemplate('https://geo.example.org/search?q={query}').ok // true
 * @example checkGeocoderTemplate('javascript:alert(1)//{query}') // { ok: false, reason: 'scheme' }
 */
export function checkGeocoderTemplate(template: unknown, allowedOrigins?: readonly string[]): GeocoderUrlCheck {
  if (typeof template !== 'string' || !template.trim()) return { ok: false, reason: 'empty' };
  const t = template.trim();
  if (t.length > 2000) return { ok: false, reason: 'malformed' };
  const names = [...t.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1]);
  if (!names.includes('query')) return { ok: false, reason: 'no_query' };
  if (names.some((n) => !(GEOCODER_PLACEHOLDERS as readonly string[]).includes(n))) return { ok: false, reason: 'placeholder' };
  let url: URL;
  try { url = new URL(fill(t, { query: 'x', viewbox: '0,0,0,0', bbox: '0,0,0,0', lang: 'en', limit: '1', lon: '0', lat: '0' })); } catch { return { ok: false, reason: 'malformed' }; }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, reason: 'scheme' };
  if (url.username || url.password) return { ok: false, reason: 'credentials' };
  if (allowedOrigins && !allowedOrigins.includes(url.origin)) return { ok: false, reason: 'origin' };
  return { ok: true, template: t, origin: url.origin };
}

const coord = (x: number) => String(Math.round(x * 1e5) / 1e5);

/**
 * The request URL for a query: placeholders filled in and URL-encoded. `{viewbox}` is Nominatim's
 * `west,north,east,south`, `{bbox}` Photon's `west,south,east,north`, `{lon}`/`{lat}` the extent's centre
 * (a location bias); without an extent they are empty. Returns null for a template `checkGeocoderTemplate` refuses.
 * @example buildGeocodeUrl('https://g.org/s?q={query}&limit={limit}', '10 Downing St', { limit: 5 }) // 'https://g.org/s?q=10%20Downing%20St&limit=5'
 */
export function buildGeocodeUrl(template: string, query: string, options: GeocodeRequestOptions = {}): string | null {
  if (!checkGeocoderTemplate(template).ok) return null;
  const b = options.bbox && options.bbox.every(Number.isFinite) ? options.bbox : null;
  const limit = Math.max(1, Math.min(50, Math.floor(options.limit ?? 8)));
  return fill(template.trim(), {
    query: query.trim().slice(0, 200),
    viewbox: b ? [b[0], b[3], b[2], b[1]].map(coord).join(',') : '',
    bbox: b ? b.map(coord).join(',') : '',
    lang: options.lang ?? '',
    limit: String(limit),
    lon: b ? coord((b[0] + b[2]) / 2) : '',
    lat: b ? coord((b[1] + b[3]) / 2) : '',
  });
}
