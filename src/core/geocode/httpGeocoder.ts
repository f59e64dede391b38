import { buildGeocodeUrl, type GeocodeRequestOptions } from './geocoderUrl';
import { parseGeocodeResponse } from './parseGeocodeResponse';
import type { Geocoder, PlaceAnswer } from './placeResult';

/** How the shell fetches: the text of a URL, cancelled by `signal`; rejects on any failure. */
export type FetchText = (url: string, signal?: AbortSignal) => Promise<string>;

export interface HttpGeocoderOptions extends GeocodeRequestOptions {
  /** URL template, checked by `checkGeocoderTemplate` */
  template: string;
  /** words crediting the service; else the response's licence, else the service's host */
  attribution?: string | null;
  fetchText: FetchText;
}

/**
 * A geocoder over an HTTP address service (Nominatim- or Photon-compatible). The core builds the
 * request and reads the answer; `fetchText` (the shell's) does the network. A response the core refuses
 * whole (not JSON, too large) rejects like a network failure.
 * @example await createHttpGeocoder({ template, bbox, lang: 'en', fetchText }).search('10 Downing Street')
 */
export function createHttpGeocoder(options: HttpGeocoderOptions): Geocoder {
  const { template, fetchText, attribution, ...request } = options;
  return {
    provider: 'geocoder',
    async search(query: string, signal?: AbortSignal): Promise<PlaceAnswer> {
      const url = buildGeocodeUrl(template, query, request);
      if (url === null) throw new Error('the geocoder URL template is not valid');
      const text = await fetchText(url, signal);
      const parsed = parseGeocodeResponse(text, { bbox: request.bbox });
      if (parsed.error) throw new Error(`geocoder response refused: ${parsed.error}`);
      const credit = attribution?.trim() || parsed.attribution || new URL(url).host;
      return { results: parsed.results, skipped: parsed.skipped, attribution: credit };
    },
  };
}
