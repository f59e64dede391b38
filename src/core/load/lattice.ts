import type { Lattice } from '../model';

/**
 * Detects whether points sit on a regular grid and returns the lattice of cells they are centres of.
 * `cell` overrides the spacing (same units as the coordinates). Returns null when the points are
 * not on one grid (within 1% of a cell).
 * @example detectLattice(Float64Array.of(0.5, 1.5), Float64Array.of(0.5, 0.5)) // 2 x 1 cells of 1
 */
export function detectLattice(x: Float64Array, y: Float64Array, cell?: { dx: number; dy: number }, crs: string | null = null): Lattice | null {
  const n = x.length;
  if (n === 0) return null;
  let dx = cell?.dx ?? minStep(x);
  let dy = cell?.dy ?? minStep(y);
  // a single row or column: square cells
  if (!(dx > 0) && dy > 0) dx = dy;
  if (!(dy > 0) && dx > 0) dy = dx;
  if (!(dx > 0) || !(dy > 0)) return null;
  let minX = Infinity, maxY = -Infinity, maxX = -Infinity, minY = Infinity;
  for (let i = 0; i < n; i++) {
    if (x[i] < minX) minX = x[i];
    if (x[i] > maxX) maxX = x[i];
    if (y[i] > maxY) maxY = y[i];
    if (y[i] < minY) minY = y[i];
  }
  // the smallest gap is distorted by rounding in the file: spread the error over the whole span
  if (!cell) {
    if (maxX > minX) dx = (maxX - minX) / Math.round((maxX - minX) / dx);
    if (maxY > minY) dy = (maxY - minY) / Math.round((maxY - minY) / dy);
  }
  const cols = Math.round((maxX - minX) / dx) + 1;
  const rows = Math.round((maxY - minY) / dy) + 1;
  if (cols * rows > 2 ** 32 - 1) return null;
  const cellByUnit = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const c = (x[i] - minX) / dx, r = (maxY - y[i]) / dy;
    const ci = Math.round(c), ri = Math.round(r);
    if (Math.abs(c - ci) > 0.01 || Math.abs(r - ri) > 0.01) return null;
    cellByUnit[i] = ri * cols + ci;
  }
  return { cols, rows, x0: minX - dx / 2, y0: maxY + dy / 2, dx, dy: -dy, crs, cellByUnit };
}

/** Smallest positive spacing between distinct coordinate values (rounded to 1e-9). */
function minStep(v: Float64Array): number {
  const distinct = new Set<number>();
  for (let i = 0; i < v.length && distinct.size < 200_000; i++) distinct.add(Math.round(v[i] * 1e9));
  const sorted = Float64Array.from(distinct).sort();
  let step = Infinity;
  for (let i = 1; i < sorted.length; i++) step = Math.min(step, sorted[i] - sorted[i - 1]);
  return step === Infinity ? NaN : step / 1e9;
}
