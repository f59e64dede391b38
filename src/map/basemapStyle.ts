import type { LayerSpecification, SourceSpecification, StyleSpecification } from '@maplibre/maplibre-gl-style-spec';
import { layers, namedFlavor } from '@protomaps/basemaps';

/** Credits of a Protomaps basemap drawn from an OpenStreetMap extract. */
export const PROTOMAPS_ATTRIBUTION = '<a href="https://www.openstreetmap.org/copyright" target="_blank" rel="noopener">© OpenStreetMap contributors</a>, <a href="https://protomaps.com" target="_blank" rel="noopener">Protomaps</a>';

/** Protomaps' label languages for the app's: Chinese as simplified characters where OSM has them. */
const PROTOMAPS_LANG: Record<string, string> = { en: 'en', es: 'es', 'zh-CN': 'zh-Hans' };

/**
 * The style of a Protomaps vector archive: @protomaps/basemaps' layers in its light flavour, with no
 * sprite (icons are dropped, their labels kept) and no glyph server (fonts come from `font-faces`).
 * @example protomapsStyle('pmtiles://edinburgh.pmtiles', 'en').sources.protomaps
 */
export function protomapsStyle(url: string, lang = 'en'): StyleSpecification {
  const source: SourceSpecification = { type: 'vector', url, attribution: PROTOMAPS_ATTRIBUTION };
  const list = layers('protomaps', namedFlavor('light'), { lang: PROTOMAPS_LANG[lang] ?? 'en' }).map((l) => {
    if (l.type !== 'symbol' || !l.layout || !('icon-image' in l.layout)) return l;
    const layout = { ...l.layout };
    delete layout['icon-image'];
    return { ...l, layout };
  });
  return { version: 8, sources: { protomaps: source }, layers: list };
}

/** Why an online style could not be used: offline or too slow, refused by its server, or not a style. */
export class BasemapUnavailable extends Error {
  constructor(readonly reason: 'network' | 'timeout' | 'http' | 'invalid' | 'file', message: string) { super(message); }
}

const isAbsolute = (u: string) => /^[a-z][a-z0-9+.-]*:/i.test(u);
// new URL() escapes the braces of tile templates ({z}/{x}/{y}, {fontstack}): put them back
const resolve = (u: string, base: string) => (isAbsolute(u) ? u : new URL(u, base).href.replace(/%7B/gi, '{').replace(/%7D/gi, '}'));

/**
 * Fetches a vector style by URL, giving up after `timeoutMs` (no hang when the network is gone), and
 * resolves its relative addresses against the style's. Throws `BasemapUnavailable`.
 */
export async function fetchStyle(url: string, timeoutMs = 8000, signal?: AbortSignal): Promise<StyleSpecification> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  signal?.addEventListener('abort', () => abort.abort());
  let data: unknown;
  try {
    const r = await fetch(url, { signal: abort.signal, credentials: 'omit', referrerPolicy: 'no-referrer' });
    if (!r.ok) throw new BasemapUnavailable('http', `the style server answered HTTP ${r.status}`);
    data = await r.json();
  } catch (e) {
    if (e instanceof BasemapUnavailable) throw e;
    if (abort.signal.aborted && !signal?.aborted) throw new BasemapUnavailable('timeout', `no answer within ${timeoutMs / 1000} s`);
    if (e instanceof SyntaxError) throw new BasemapUnavailable('invalid', 'the address does not give JSON');
    throw new BasemapUnavailable('network', 'the style could not be fetched (offline?)');
  } finally {
    clearTimeout(timer);
  }
  const s = data as Partial<StyleSpecification> | null;
  if (!s || typeof s !== 'object' || s.version !== 8 || !Array.isArray(s.layers) || typeof s.sources !== 'object' || s.sources === null) {
    throw new BasemapUnavailable('invalid', 'not a MapLibre style (version 8 with sources and layers)');
  }
  const sources: Record<string, SourceSpecification> = {};
  for (const [id, src] of Object.entries(s.sources)) {
    const o = { ...src } as Record<string, unknown>;
    if (typeof o.url === 'string') o.url = resolve(o.url, url);
    if (Array.isArray(o.tiles)) o.tiles = o.tiles.map((t) => (typeof t === 'string' ? resolve(t, url) : t));
    if (typeof o.data === 'string') o.data = resolve(o.data, url);
    sources[id] = o as unknown as SourceSpecification;
  }
  return {
    ...(s as StyleSpecification), sources,
    ...(typeof s.glyphs === 'string' ? { glyphs: resolve(s.glyphs, url) } : {}),
    ...(typeof s.sprite === 'string' ? { sprite: resolve(s.sprite, url) } : {}),
  };
}

/** The style's layers drawn over the data (labels and icons): every symbol layer. */
export const isLabelLayer = (l: LayerSpecification) => l.type === 'symbol';
