import { pointInPolygon } from '../core/index';
import type { Dataset } from '../store/plannerStore';

/** The population unit at a point (for the hover box after a search): polygon containing it, grid cell, or nearest point. */
export function unitAtPoint(ds: Dataset, lon: number, lat: number): number | null {
  const g = ds.units.geometry;
  if (g.kind === 'polygons') {
    for (const f of g.features.features) {
      const geom = f.geometry;
      const polys = geom.type === 'MultiPolygon' ? geom.coordinates : geom.type === 'Polygon' ? [geom.coordinates] : [];
      if (polys.some((p) => pointInPolygon(lon, lat, p))) return typeof f.id === 'number' ? f.id : Number(f.id);
    }
    return null;
  }
  if (g.kind === 'lattice') {
    const [tl, tr, , bl] = g.corners;
    const ax = tr[0] - tl[0], ay = tr[1] - tl[1], bx = bl[0] - tl[0], by = bl[1] - tl[1];
    const det = ax * by - ay * bx;
    const px = lon - tl[0], py = lat - tl[1];
    const c = Math.floor(((px * by - py * bx) / det) * g.cols), r = Math.floor(((ax * py - ay * px) / det) * g.rows);
    if (c < 0 || r < 0 || c >= g.cols || r >= g.rows) return null;
    const u = g.cellByUnit.indexOf(r * g.cols + c);
    return u >= 0 ? u : null;
  }
  let best: number | null = null, d = Infinity;
  const k = Math.cos((lat * Math.PI) / 180) ** 2;
  for (let u = 0; u < ds.units.count; u++) {
    const e = (ds.units.lon[u] - lon) ** 2 * k + (ds.units.lat[u] - lat) ** 2;
    if (e < d) { d = e; best = u; }
  }
  return best;
}
