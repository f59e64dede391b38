// What any place search answers, whoever answered it: the data's own gazetteer or an address service.
import type { GazetteerEntry } from '../publish/lookupZones';

/** `address` also covers whatever an address service returns (streets, buildings, localities). */
export type PlaceKind = GazetteerEntry['kind'];

/** Who answered: the open data set (or published plan) itself, or the HTTP geocoder. */
export type PlaceProvider = 'data' | 'geocoder';

/**
 * One place found. Names and details are data from a file or a network response: shown as plain text,
 * never as markup. `schoolId` names a school of the data; `unit` a population unit (index).
 */
export interface PlaceResult {
  name: string;
  kind: PlaceKind;
  lon: number;
  lat: number;
  detail?: string;
  provider: PlaceProvider;
  schoolId?: string;
  unit?: number;
}

/** A response item left out, and why (for the console and tests; never shown as the item's text). */
export interface SkippedItem { index: number; reason: string }

/** An answer of one search: the places, what was skipped, and the words to credit the source with. */
export interface PlaceAnswer { results: PlaceResult[]; skipped: SkippedItem[]; attribution: string | null }

/**
 * A pluggable place search. The gazetteer answers at once; an HTTP geocoder may be slow, fail or be
 * cancelled through `signal` (rejecting with the abort reason).
 */
export interface Geocoder {
  readonly provider: PlaceProvider;
  search(query: string, signal?: AbortSignal): Promise<PlaceAnswer>;
}
