import type { Units } from '../model';

/** Which units touch which: CSR lists (neighbours of u are neighbours[start[u]] .. neighbours[start[u+1]-1]). */
export interface UnitAdjacency {
  start: Uint32Array;
  neighbours: Uint32Array;
}

/**
 * Units sharing an edge: the four grid neighbours of a cell, or polygons sharing a boundary segment
 * (vertices matched to 1e-7 degrees). Null for point units without a grid: they have no sides.
 * @example buildUnitAdjacency(units).start[1] - buildUnitAdjacency(units).start[0] // neighbours of unit 0
 */
export function buildUnitAdjacency(units: Units): UnitAdjacency | null {
  const pairs: number[] = [];
  const g = units.geometry;
  if (g.kind === 'points') return null;
  if (g.kind === 'lattice') {
    const { cols, rows, cellByUnit } = g.lattice;
    const unitByCell = new Int32Array(cols * rows).fill(-1);
    for (let u = 0; u < cellByUnit.length; u++) unitByCell[cellByUnit[u]] = u;
    for (let u = 0; u < cellByUnit.length; u++) {
      const cell = cellByUnit[u], c = cell % cols;
      const right = c + 1 < cols ? unitByCell[cell + 1] : -1;
      const below = cell + cols < cols * rows ? unitByCell[cell + cols] : -1;
      if (right >= 0) pairs.push(u, right);
      if (below >= 0) pairs.push(u, below);
    }
  } else if (g.kind === 'polygons') {
    const vertexId = new Map<string, number>();
    const id = (p: number[]) => {
      const key = `${Math.round(p[0] * 1e7)},${Math.round(p[1] * 1e7)}`;
      let v = vertexId.get(key);
      if (v === undefined) { v = vertexId.size; vertexId.set(key, v); }
      return v;
    };
    const edgeOwner = new Map<number, number>();
    const seen = new Set<number>();
    const edges: [number, number, number][] = [];
    g.polygons.forEach((polys, u) => {
      if (!polys) return;
      for (const poly of polys) for (const ring of poly) {
        for (let i = 0; i + 1 < ring.length; i++) edges.push([u, id(ring[i]), id(ring[i + 1])]);
      }
    });
    const V = vertexId.size;
    for (const [u, a, b] of edges) {
      if (a === b) continue;
      const key = Math.min(a, b) * V + Math.max(a, b);
      const other = edgeOwner.get(key);
      if (other === undefined) edgeOwner.set(key, u);
      else if (other !== u) {
        const pk = Math.min(u, other) * units.count + Math.max(u, other);
        if (!seen.has(pk)) { seen.add(pk); pairs.push(u, other); }
      }
    }
  }
  const start = new Uint32Array(units.count + 1);
  for (let i = 0; i < pairs.length; i++) start[pairs[i] + 1]++;
  for (let u = 0; u < units.count; u++) start[u + 1] += start[u];
  const fill = start.slice(0, units.count);
  const neighbours = new Uint32Array(pairs.length);
  for (let i = 0; i < pairs.length; i += 2) {
    neighbours[fill[pairs[i]]++] = pairs[i + 1];
    neighbours[fill[pairs[i + 1]]++] = pairs[i];
  }
  return { start, neighbours };
}
