import { useEffect, useMemo, useState } from 'react';
import type { Geocoder, PlaceResult } from '../core/index';
import { createPlaceSearch, type PlaceSearchState } from './placeSearchController';

/** React binding of `createPlaceSearch`: the state and the controller; a new geocoder starts afresh. */
export function usePlaceSearch(local: (query: string) => PlaceResult[], geocoder: Geocoder | null): [PlaceSearchState, ReturnType<typeof createPlaceSearch>] {
  const [state, setState] = useState<PlaceSearchState>({ query: '', results: [], address: geocoder ? 'idle' : 'off', attribution: null });
  const search = useMemo(() => createPlaceSearch({ local, geocoder, onChange: setState }), [local, geocoder]);
  useEffect(() => () => search.cancel(), [search]);
  return [state, search];
}
