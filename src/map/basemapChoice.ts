// Which basemap the planner draws under its data, kept in this browser (localStorage: a small preference).

/** An online vector style by URL, a PMTiles file opened once and kept in this browser, or none. */
export type BasemapChoice = { kind: 'none' } | { kind: 'style'; url: string } | { kind: 'pmtiles'; name: string };

/** The default online style: OpenFreeMap's OpenStreetMap-based "Liberty" (free, no key). */
export const DEFAULT_STYLE_URL = 'https://tiles.openfreemap.org/styles/liberty';
export const DEFAULT_STYLE_CREDIT = '<a href="https://openfreemap.org" target="_blank" rel="noopener">OpenFreeMap</a>';

const KEY = 'planner:basemap';

/** Reads a stored choice; anything malformed is no choice. */
export function parseBasemapChoice(x: unknown): BasemapChoice | null {
  if (typeof x !== 'object' || x === null) return null;
  const o = x as Record<string, unknown>;
  if (o.kind === 'none') return { kind: 'none' };
  if (o.kind === 'style' && typeof o.url === 'string' && /^https?:\/\//i.test(o.url)) return { kind: 'style', url: o.url };
  if (o.kind === 'pmtiles' && typeof o.name === 'string') return { kind: 'pmtiles', name: o.name };
  return null;
}

/**
 * The choice this browser made, else the default: the online style, except in test mode (`?test`),
 * where no test may reach the network unless it asks for the online default (`?test&basemap=online`).
 */
export function initialBasemapChoice(): BasemapChoice {
  try {
    const stored = parseBasemapChoice(JSON.parse(globalThis.localStorage?.getItem(KEY) ?? 'null'));
    if (stored) return stored;
  } catch { /* no storage or a broken entry: the default */ }
  const params = new URLSearchParams(globalThis.location?.search ?? '');
  if (params.has('test') && params.get('basemap') !== 'online') return { kind: 'none' };
  return { kind: 'style', url: DEFAULT_STYLE_URL };
}

export function storeBasemapChoice(choice: BasemapChoice): void {
  try { globalThis.localStorage?.setItem(KEY, JSON.stringify(choice)); } catch { /* private mode: kept for this session only */ }
}
