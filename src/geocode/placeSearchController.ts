// Search as you type: the data's own places at once, the address service after a pause, one request at a time.
import { mergePlaces, type Geocoder, type PlaceResult } from '../core/index';

export type AddressStatus = 'off' | 'idle' | 'searching' | 'done' | 'unavailable';

export interface PlaceSearchState {
  query: string;
  /** the data's places first, then addresses */
  results: PlaceResult[];
  /** the address service: not configured, waiting, asked, answered, or failing (said quietly) */
  address: AddressStatus;
  /** whom to credit for the addresses shown */
  attribution: string | null;
}

export interface PlaceSearchOptions {
  local: (query: string) => PlaceResult[];
  geocoder: Geocoder | null;
  onChange: (state: PlaceSearchState) => void;
  /** pause after the last keystroke before the service is asked */
  debounceMs?: number;
  /** a request taking longer is abandoned (and the search said unavailable) */
  timeoutMs?: number;
  /** shorter queries do not go to the service */
  minChars?: number;
  limit?: number;
}

/**
 * A place search over the data's gazetteer and an optional geocoder. Each new query cancels the pending
 * pause and the request in flight (AbortController), so typing fast makes at most one request after the
 * pause; an answer to an older query is never shown. Failures and timeouts set `address: 'unavailable'`
 * while the data's places keep working.
 */
export function createPlaceSearch(options: PlaceSearchOptions) {
  const { local, geocoder, onChange, debounceMs = 300, timeoutMs = 8000, minChars = 3, limit = 12 } = options;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let inFlight: AbortController | null = null;
  let seq = 0;
  let state: PlaceSearchState = { query: '', results: [], address: geocoder ? 'idle' : 'off', attribution: null };
  const emit = (next: PlaceSearchState) => { state = next; onChange(next); };
  const stop = () => {
    if (timer !== null) { clearTimeout(timer); timer = null; }
    if (inFlight) { inFlight.abort(new DOMException('superseded', 'AbortError')); inFlight = null; }
  };

  function ask(query: string, mine: number, localResults: PlaceResult[]) {
    const controller = new AbortController();
    inFlight = controller;
    const timeout = setTimeout(() => controller.abort(new DOMException('timed out', 'TimeoutError')), timeoutMs);
    geocoder!.search(query, controller.signal).then(
      (answer) => {
        if (mine !== seq) return;
        if (answer.skipped.length) console.warn(`address search: ${answer.skipped.length} results skipped (${[...new Set(answer.skipped.map((s) => s.reason))].join('; ')})`);
        emit({ query, results: mergePlaces(localResults, answer.results, limit), address: 'done', attribution: answer.attribution });
      },
      (e: unknown) => {
        if (mine !== seq) return;
        console.warn(`address search unavailable: ${e instanceof Error ? e.message : String(e)}`);
        emit({ ...state, address: 'unavailable', attribution: null });
      },
    ).finally(() => { clearTimeout(timeout); if (inFlight === controller) inFlight = null; });
  }

  return {
    get state() { return state; },
    /** a new query (each keystroke) */
    setQuery(query: string) {
      stop();
      const mine = ++seq;
      const localResults = query.trim() ? local(query) : [];
      const asks = geocoder !== null && query.trim().length >= minChars;
      emit({ query, results: localResults.slice(0, limit), address: !geocoder ? 'off' : asks ? 'searching' : 'idle', attribution: null });
      if (asks) timer = setTimeout(() => { timer = null; ask(query, mine, localResults); }, debounceMs);
    },
    /** shows a text without searching it (the name of the place chosen) */
    setText(query: string) {
      stop();
      seq++;
      emit({ query, results: [], address: geocoder ? 'idle' : 'off', attribution: null });
    },
    /** stops waiting and cancels the request in flight (closing the list, unmounting) */
    cancel() { stop(); seq++; },
  };
}
