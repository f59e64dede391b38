// The network side of the HTTP geocoder (the core builds requests and reads answers).
import { MAX_GEOCODE_RESPONSE_CHARS, type FetchText } from '../core/index';

/** Bytes read at most: a longer body is refused without reading the rest (UTF-8: at most 4 bytes a character). */
export const MAX_GEOCODE_RESPONSE_BYTES = MAX_GEOCODE_RESPONSE_CHARS * 2;

/**
 * A `FetchText` for address services: no cookies or referrer sent, refused when the final address
 * (after redirects) fails `allowUrl`, when the status is not 2xx, or when the body is larger than
 * `maxBytes` (read as a stream and cancelled there). Cancelled by the signal.
 */
export function geocoderFetchText(options: { allowUrl?: (url: string) => boolean; maxBytes?: number } = {}): FetchText {
  const max = options.maxBytes ?? MAX_GEOCODE_RESPONSE_BYTES;
  return async (url, signal) => {
    const r = await fetch(url, { signal, credentials: 'omit', referrerPolicy: 'no-referrer', headers: { Accept: 'application/json' } });
    if (r.url && options.allowUrl && !options.allowUrl(r.url)) throw new Error('the address service redirected to an origin that is not allowed');
    if (!r.ok) throw new Error(`the address service answered HTTP ${r.status}`);
    const declared = Number(r.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > max) { void r.body?.cancel(); throw new Error(`the address service's answer is too large (${declared} bytes)`); }
    if (!r.body) return r.text();
    const reader = r.body.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > max) { void reader.cancel(); throw new Error(`the address service's answer is too large (over ${max} bytes)`); }
      chunks.push(value);
    }
    const all = new Uint8Array(size);
    let at = 0;
    for (const c of chunks) { all.set(c, at); at += c.byteLength; }
    return new TextDecoder().decode(all);
  };
}
