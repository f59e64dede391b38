/**
 * Chains directed boundary edges (interior on the left) into closed rings and groups them into
 * polygons: counter-clockwise rings are outers, clockwise rings holes of the smallest outer that
 * contains them. At a vertex where several rings touch, the sharpest left turn is taken, so
 * touching pieces come out as separate rings instead of one self-touching ring.
 * @param from edge start vertex ids
 * @param to edge end vertex ids
 * @param vx planar x of each vertex (for turns, areas and containment)
 * @param vy planar y of each vertex
 * @returns polygons as lists of rings of vertex ids (closed: first id repeated at the end)
 */
export function traceRings(from: Uint32Array, to: Uint32Array, vx: Float64Array, vy: Float64Array): number[][][] {
  const m = from.length;
  const vertexCount = vx.length;
  const start = new Uint32Array(vertexCount + 1);
  for (let e = 0; e < m; e++) start[from[e] + 1]++;
  for (let v = 0; v < vertexCount; v++) start[v + 1] += start[v];
  const out = new Uint32Array(m);
  const fill = start.slice(0, vertexCount);
  for (let e = 0; e < m; e++) out[fill[from[e]]++] = e;
  const used = new Uint8Array(m);

  const rings: number[][] = [];
  for (let e0 = 0; e0 < m; e0++) {
    if (used[e0]) continue;
    const ring = [from[e0]];
    let e = e0;
    used[e] = 1;
    for (let guard = 0; guard <= m; guard++) {
      const v = to[e];
      if (v === ring[0]) break;
      ring.push(v);
      const dxIn = vx[v] - vx[from[e]], dyIn = vy[v] - vy[from[e]];
      let best = -1, bestTurn = -Infinity;
      for (let k = start[v]; k < start[v + 1]; k++) {
        const c = out[k];
        if (used[c]) continue;
        const dxOut = vx[to[c]] - vx[v], dyOut = vy[to[c]] - vy[v];
        const turn = Math.atan2(dxIn * dyOut - dyIn * dxOut, dxIn * dxOut + dyIn * dyOut);
        if (turn > bestTurn) { bestTurn = turn; best = c; }
      }
      if (best < 0) break; // open chain: only on inconsistent input; the ring is closed as is
      used[best] = 1;
      e = best;
    }
    ring.push(ring[0]);
    if (ring.length >= 4) rings.push(ring);
  }

  const area = rings.map((r) => signedArea(r, vx, vy));
  const outers: number[] = [], holes: number[] = [];
  rings.forEach((_, i) => (area[i] > 0 ? outers : holes).push(i));
  const polygons = new Map<number, number[][]>(outers.map((i) => [i, [rings[i]]]));
  for (const h of holes) {
    const r = rings[h];
    const px = (vx[r[0]] + vx[r[1]]) / 2, py = (vy[r[0]] + vy[r[1]]) / 2;
    let owner = -1;
    for (const o of outers) {
      if ((owner < 0 || area[o] < area[owner]) && pointInRing(px, py, rings[o], vx, vy)) owner = o;
    }
    if (owner >= 0) polygons.get(owner)!.push(r);
  }
  return [...polygons.values()];
}

function signedArea(r: number[], vx: Float64Array, vy: Float64Array): number {
  let a = 0;
  for (let i = 0; i + 1 < r.length; i++) a += vx[r[i]] * vy[r[i + 1]] - vx[r[i + 1]] * vy[r[i]];
  return a / 2;
}

function pointInRing(px: number, py: number, r: number[], vx: Float64Array, vy: Float64Array): boolean {
  let inside = false;
  for (let i = 0, j = r.length - 2; i < r.length - 1; j = i++) {
    const xi = vx[r[i]], yi = vy[r[i]], xj = vx[r[j]], yj = vy[r[j]];
    if (yi > py !== yj > py && px < ((xj - xi) * (py - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
