import * as maplibregl from 'maplibre-gl';
import { markedPlace } from '../geocode/markedPlace';

/**
 * Marks the place the search chose with a pin (a DOM marker: no style layer, so it sits above whatever
 * the basemap draws). Returns the unsubscribe.
 */
export function attachPlaceMarker(map: maplibregl.Map): () => void {
  let marker: maplibregl.Marker | null = null;
  const show = ({ place }: ReturnType<typeof markedPlace.getState>) => {
    marker?.remove();
    marker = null;
    if (!place) return;
    const el = document.createElement('div');
    el.className = 'place-marker';
    el.dataset.testid = 'place-marker';
    el.title = place.name; // text, not markup
    marker = new maplibregl.Marker({ element: el, anchor: 'bottom' }).setLngLat([place.lon, place.lat]).addTo(map);
  };
  show(markedPlace.getState());
  const off = markedPlace.subscribe(show);
  return () => { off(); marker?.remove(); };
}
