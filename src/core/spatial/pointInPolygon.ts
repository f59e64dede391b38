/**
 * Even-odd test of a point against a polygon's rings (outer and holes) in lon/lat.
 * @example pointInPolygon(0.5, 0.5, [[[0, 0], [1, 0], [1, 1], [0, 0]]]) // true
 */
export function pointInPolygon(x: number, y: number, poly: number[][][]): boolean {
  let inside = false;
  for (const ring of poly) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i], [xj, yj] = ring[j];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}
