import type * as maplibregl from 'maplibre-gl';

let current: maplibregl.Map | null = null;

/** The app's map, registered by its pane (printing needs a picture of it). */
export function registerMap(map: maplibregl.Map | null): void { current = map; }

/**
 * A PNG of the map as drawn now. WebGL keeps no picture between frames, so it is read inside the
 * render event of a fresh frame.
 */
export function snapshotMap(): Promise<string | null> {
  const map = current;
  if (!map) return Promise.resolve(null);
  return new Promise((resolve) => {
    map.once('render', () => { try { resolve(map.getCanvas().toDataURL('image/png')); } catch { resolve(null); } });
    map.triggerRepaint();
  });
}
