import type * as maplibregl from 'maplibre-gl';
import type { Dataset } from '../store/plannerStore';
import { SCHOOLS, UNITS } from './mapLayers';

/** The unit under a point of the map: grid cells by arithmetic, polygons and points by rendered features. */
export function unitAt(map: maplibregl.Map, ds: Dataset | null, unitByCell: Int32Array | null, e: Pick<maplibregl.MapMouseEvent, 'point' | 'lngLat'>): number | null {
  if (!ds) return null;
  const g = ds.units.geometry;
  if (g.kind === 'lattice' && unitByCell) {
    // affine inverse of the image quad from three corners (exact for lon/lat grids)
    const [tl, tr, , bl] = g.corners;
    const ax = tr[0] - tl[0], ay = tr[1] - tl[1], bx = bl[0] - tl[0], by = bl[1] - tl[1];
    const det = ax * by - ay * bx;
    const px = e.lngLat.lng - tl[0], py = e.lngLat.lat - tl[1];
    const c = Math.floor(((px * by - py * bx) / det) * g.cols), r = Math.floor(((ax * py - ay * px) / det) * g.rows);
    if (c < 0 || r < 0 || c >= g.cols || r >= g.rows) return null;
    const u = unitByCell[r * g.cols + c];
    return u >= 0 ? u : null;
  }
  const layer = g.kind === 'polygons' ? `${UNITS}-fill` : `${UNITS}-points`;
  if (!map.getLayer(layer)) return null;
  const f = map.queryRenderedFeatures(e.point, { layers: [layer] })[0];
  return f ? (f.id as number) : null;
}

/** The id of the school drawn within `slop` pixels of a point, if any. */
export function schoolAt(map: maplibregl.Map, point: maplibregl.PointLike & { x: number; y: number }, slop = 0): string | null {
  if (!map.getLayer(`${SCHOOLS}-circle`)) return null;
  const box: [maplibregl.PointLike, maplibregl.PointLike] = [[point.x - slop, point.y - slop], [point.x + slop, point.y + slop]];
  // opened schools are drawn as markers of their own
  const layers = [`${SCHOOLS}-circle`, `${SCHOOLS}-new`].filter((l) => map.getLayer(l));
  const hit = map.queryRenderedFeatures(slop ? box : point, { layers })[0];
  return hit ? (hit.properties.id as string) : null;
}
