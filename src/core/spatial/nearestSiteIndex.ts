import type { SchoolIndex } from '../model';
import Delaunator from 'delaunator';
import { chord2ToMeters, toUnitVector } from './sphere';

/**
 * A static index over school sites for exact nearest-site queries by great-circle distance.
 *
 * Sites are the distinct locations of the candidate schools; several schools at one location
 * (annexes, postcode centroids) share a site and the lowest school index (= lowest id) answers.
 * Queries walk the Delaunay graph greedily from a starting site. The triangulation is built on a
 * stereographic projection centred on the sites, which maps circles on the sphere to circles in the
 * plane, so its edges are the spherical Delaunay edges near the data and greedy descent by chord
 * length ends at the true nearest site.
 */
/**
 * A position in the index's list of distinct school sites: a derived index space, not a school index
 * (several schools can share a site). Branded so that the two cannot be mixed without a type error.
 */
export type SiteIndex = number & { readonly __brand: 'SiteIndex' };

/** The school a site stands for (the lowest school index among schools at the same point). */
export function schoolOfSite(index: NearestSiteIndex, site: SiteIndex): SchoolIndex {
  return index.schoolBySite[site] as SchoolIndex;
}

export interface NearestSiteIndex {
  siteCount: number;
  /** unit vectors, stride 3 */
  xyz: Float64Array;
  /** lowest candidate school index at each site */
  schoolBySite: Uint32Array;
  /** CSR adjacency of the Delaunay graph */
  neighbourStart: Uint32Array;
  neighbours: Uint32Array;
  /** 1 / chord length of each adjacency entry (site to neighbour) */
  inverseEdgeLength: Float64Array;
  /** false when sites span more than a hemisphere: queries fall back to a scan */
  walkable: boolean;
  /**
   * Squared chord radius of the ball around each site inside which it is certainly the unique
   * nearest: (half the chord to its nearest neighbour site)^2, less a rounding guard.
   */
  safeRadius2BySite: Float64Array;
}

/**
 * Builds the index over the given candidate schools.
 * @param lon longitude by school (degrees)
 * @param lat latitude by school (degrees)
 * @param candidates school indices to index, any order
 * @example buildNearestSiteIndex(lon, lat, [0, 2, 5])
 */
export function buildNearestSiteIndex(
  lon: Float64Array,
  lat: Float64Array,
  candidates: ArrayLike<number>,
): NearestSiteIndex {
  const bySiteKey = new Map<string, number>();
  const siteSchools: number[] = [];
  const siteLon: number[] = [];
  const siteLat: number[] = [];
  for (let i = 0; i < candidates.length; i++) {
    const s = candidates[i];
    const key = `${lon[s]},${lat[s]}`;
    const site = bySiteKey.get(key);
    if (site === undefined) {
      bySiteKey.set(key, siteSchools.length);
      siteSchools.push(s);
      siteLon.push(lon[s]);
      siteLat.push(lat[s]);
    } else if (s < siteSchools[site]) {
      siteSchools[site] = s;
    }
  }
  const n = siteSchools.length;
  const xyz = new Float64Array(n * 3);
  for (let i = 0; i < n; i++) toUnitVector(siteLon[i], siteLat[i], xyz, i * 3);

  const { start, list, walkable } = n > 1 ? delaunayAdjacency(xyz, n) : { start: new Uint32Array(n + 1), list: new Uint32Array(0), walkable: true };
  const inverseEdgeLength = new Float64Array(list.length);
  for (let i = 0; i < n; i++) {
    for (let k = start[i]; k < start[i + 1]; k++) {
      const j = list[k];
      inverseEdgeLength[k] = 1 / Math.hypot(xyz[i * 3] - xyz[j * 3], xyz[i * 3 + 1] - xyz[j * 3 + 1], xyz[i * 3 + 2] - xyz[j * 3 + 2]);
    }
  }
  const safeRadius2BySite = new Float64Array(n).fill(n <= 1 ? Infinity : -1);
  if (n > 1 && walkable) {
    // the nearest neighbour of a site is always one of its Delaunay neighbours
    for (let i = 0; i < n; i++) {
      let dmin = Infinity;
      for (let k = start[i]; k < start[i + 1]; k++) {
        const j = list[k];
        const dx = xyz[i * 3] - xyz[j * 3], dy = xyz[i * 3 + 1] - xyz[j * 3 + 1], dz = xyz[i * 3 + 2] - xyz[j * 3 + 2];
        dmin = Math.min(dmin, dx * dx + dy * dy + dz * dz);
      }
      const r = Math.sqrt(dmin) / 2 - 1e-12;
      safeRadius2BySite[i] = r > 0 ? r * r : -1;
    }
  }
  return {
    siteCount: n,
    xyz,
    schoolBySite: Uint32Array.from(siteSchools),
    neighbourStart: start,
    neighbours: list,
    inverseEdgeLength,
    walkable,
    safeRadius2BySite,
  };
}

function delaunayAdjacency(xyz: Float64Array, n: number) {
  // centre of the sites on the sphere
  let cx = 0, cy = 0, cz = 0;
  for (let i = 0; i < n; i++) { cx += xyz[i * 3]; cy += xyz[i * 3 + 1]; cz += xyz[i * 3 + 2]; }
  const norm = Math.hypot(cx, cy, cz);
  let walkable = norm > 1e-9;
  if (walkable) { cx /= norm; cy /= norm; cz /= norm; } else { cx = 0; cy = 0; cz = 1; }
  // orthonormal basis (e1, e2) of the tangent plane at the centre
  const ay = 0;
  let ax = 0, az = 1;
  if (Math.abs(cz) > 0.9) { ax = 1; az = 0; }
  let e1x = ay * cz - az * cy, e1y = az * cx - ax * cz, e1z = ax * cy - ay * cx;
  const l1 = Math.hypot(e1x, e1y, e1z);
  e1x /= l1; e1y /= l1; e1z /= l1;
  const e2x = cy * e1z - cz * e1y, e2y = cz * e1x - cx * e1z, e2z = cx * e1y - cy * e1x;

  const coords = new Float64Array(n * 2);
  for (let i = 0; i < n; i++) {
    const x = xyz[i * 3], y = xyz[i * 3 + 1], z = xyz[i * 3 + 2];
    const dot = x * cx + y * cy + z * cz;
    // beyond a hemisphere the projection no longer keeps Delaunay edges near the data
    if (dot < 0.05) walkable = false;
    const k = 2 / (1 + dot);
    coords[i * 2] = k * (x * e1x + y * e1y + z * e1z);
    coords[i * 2 + 1] = k * (x * e2x + y * e2y + z * e2z);
  }
  const d = new Delaunator(coords);
  const pairs: number[] = [];
  const { triangles, halfedges, hull } = d;
  for (let e = 0; e < triangles.length; e++) {
    if (halfedges[e] < e) {
      const a = triangles[e];
      const b = triangles[e % 3 === 2 ? e - 2 : e + 1];
      pairs.push(a, b);
    }
  }
  if (triangles.length === 0) {
    // collinear sites: the Delaunay graph is the path along the hull order
    for (let i = 0; i + 1 < hull.length; i++) pairs.push(hull[i], hull[i + 1]);
  }
  const degree = new Uint32Array(n + 1);
  for (let i = 0; i < pairs.length; i++) degree[pairs[i]]++;
  const start = new Uint32Array(n + 1);
  for (let i = 0; i < n; i++) start[i + 1] = start[i] + degree[i];
  const fill = start.slice(0, n);
  const list = new Uint32Array(pairs.length);
  for (let i = 0; i < pairs.length; i += 2) {
    const a = pairs[i], b = pairs[i + 1];
    list[fill[a]++] = b;
    list[fill[b]++] = a;
  }
  return { start, list, walkable };
}

// relative window within which two chords count as a possible tie; far above rounding error
const TIE_WINDOW = 1e-9;

/**
 * Nearest site to the unit vector (qx, qy, qz), walking from `startSite`.
 * Returns the site whose school has the smallest (distance in metres, school index).
 * When `margin` is given, margin[0] receives the chord distance from the query to the nearest
 * bisector plane between the answer and its Delaunay neighbours (0 on a near tie): any query
 * closer than that to this one has the same unique answer, so coherent queries can skip the walk.
 * @example nearestSite(index, 1, 0, 0, 0)
 */
export function nearestSite(index: NearestSiteIndex, qx: number, qy: number, qz: number, startSite: SiteIndex, margin?: Float64Array): SiteIndex {
  const { xyz, neighbourStart, neighbours, siteCount, inverseEdgeLength } = index;
  if (margin) margin[0] = 0;
  if (siteCount <= 1) return (siteCount - 1) as SiteIndex;
  if (!index.walkable) return nearestSiteByScan(index, qx, qy, qz) as SiteIndex;
  let cur: number = startSite;
  let dx = xyz[cur * 3] - qx, dy = xyz[cur * 3 + 1] - qy, dz = xyz[cur * 3 + 2] - qz;
  let dcur = dx * dx + dy * dy + dz * dz;
  let secondBest = Infinity;
  let planeGap = Infinity;
  for (;;) {
    let best = cur;
    let dbest = dcur;
    secondBest = Infinity;
    planeGap = Infinity;
    for (let k = neighbourStart[cur], end = neighbourStart[cur + 1]; k < end; k++) {
      const o = neighbours[k] * 3;
      dx = xyz[o] - qx; dy = xyz[o + 1] - qy; dz = xyz[o + 2] - qz;
      const d = dx * dx + dy * dy + dz * dz;
      if (d < dbest) { best = neighbours[k]; dbest = d; } else if (d < secondBest) secondBest = d;
      // for unit vectors, (|q-t|^2 - |q-s|^2) / (2|s-t|) is q's distance to the s|t bisector plane
      const g = (d - dcur) * inverseEdgeLength[k];
      if (g < planeGap) planeGap = g;
    }
    if (best === cur) break;
    cur = best;
    dcur = dbest;
  }
  if (secondBest <= dcur * (1 + TIE_WINDOW) + 1e-30) return resolveTie(index, qx, qy, qz, cur, dcur) as SiteIndex;
  if (margin) margin[0] = planeGap / 2;
  return cur as SiteIndex;
}

/** Among sites reachable through near-tied neighbours, picks the smallest (metres, school index). */
function resolveTie(index: NearestSiteIndex, qx: number, qy: number, qz: number, from: number, dmin: number): number {
  const { xyz, neighbourStart, neighbours, schoolBySite } = index;
  const limit = dmin * (1 + TIE_WINDOW) + 1e-30;
  const seen = new Set<number>([from]);
  const queue = [from];
  let best = from;
  let bestM = chord2ToMeters(dmin);
  while (queue.length) {
    const s = queue.pop()!;
    for (let k = neighbourStart[s]; k < neighbourStart[s + 1]; k++) {
      const nb = neighbours[k];
      if (seen.has(nb)) continue;
      seen.add(nb);
      const dx = xyz[nb * 3] - qx, dy = xyz[nb * 3 + 1] - qy, dz = xyz[nb * 3 + 2] - qz;
      const d = dx * dx + dy * dy + dz * dz;
      if (d > limit) continue;
      queue.push(nb);
      const m = chord2ToMeters(d);
      if (m < bestM || (m === bestM && schoolBySite[nb] < schoolBySite[best])) { best = nb; bestM = m; }
    }
  }
  return best;
}

function nearestSiteByScan(index: NearestSiteIndex, qx: number, qy: number, qz: number): number {
  const { xyz, schoolBySite, siteCount } = index;
  let best = -1;
  let bestM = Infinity;
  for (let s = 0; s < siteCount; s++) {
    const dx = xyz[s * 3] - qx, dy = xyz[s * 3 + 1] - qy, dz = xyz[s * 3 + 2] - qz;
    const m = chord2ToMeters(dx * dx + dy * dy + dz * dz);
    if (m < bestM || (m === bestM && schoolBySite[s] < schoolBySite[best])) { best = s; bestM = m; }
  }
  return best;
}
