// The basemap and credits a published plan asks the public page to show (optional fields of the file).

/** An online vector style by URL, or none. The page draws a style only from the origins it trusts. */
export type PublishedBasemap = { kind: 'none' } | { kind: 'style'; url: string };

const MAX_URL = 2000, MAX_CREDITS = 20, MAX_CREDIT = 500;

/**
 * Checks a published plan's `basemap`: `{ "kind": "none" }` or `{ "kind": "style", "url": "https://…" }`,
 * an absolute http(s) address without a user name or password. Returns a clean copy or the problem.
 * @example checkPublishedBasemap({ kind: 'style', url: 'https://tiles.openfreemap.org/styles/liberty' }).ok // true
 */
export function checkPublishedBasemap(x: unknown): { ok: true; basemap: PublishedBasemap } | { ok: false; path: string; message: string } {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return { ok: false, path: 'basemap', message: 'expected an object such as {"kind": "none"}' };
  const o = x as Record<string, unknown>;
  if (o.kind === 'none') return { ok: true, basemap: { kind: 'none' } };
  if (o.kind !== 'style') return { ok: false, path: 'basemap.kind', message: 'expected "style" or "none"' };
  if (typeof o.url !== 'string' || o.url.length > MAX_URL) return { ok: false, path: 'basemap.url', message: 'expected the address of a style' };
  let u: URL;
  try { u = new URL(o.url); } catch { return { ok: false, path: 'basemap.url', message: 'expected an absolute http(s) address' }; }
  if ((u.protocol !== 'https:' && u.protocol !== 'http:') || u.username || u.password) return { ok: false, path: 'basemap.url', message: 'expected an http(s) address without a user name or password' };
  return { ok: true, basemap: { kind: 'style', url: u.href } };
}

/**
 * Checks a published plan's `attribution`: the data set's credits, a list of plain-text lines.
 * @example checkPublishedAttribution(['© Crown copyright']).ok // true
 */
export function checkPublishedAttribution(x: unknown): { ok: true; attribution: string[] } | { ok: false; path: string; message: string } {
  if (!Array.isArray(x) || x.length > MAX_CREDITS) return { ok: false, path: 'attribution', message: `expected a list of at most ${MAX_CREDITS} lines of text` };
  const i = x.findIndex((l) => typeof l !== 'string' || l.length > MAX_CREDIT);
  if (i >= 0) return { ok: false, path: `attribution[${i}]`, message: `expected text of at most ${MAX_CREDIT} characters` };
  return { ok: true, attribution: [...x] as string[] };
}
