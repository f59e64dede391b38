import { greatCircleMeters } from '../spatial/sphere';
import type { ProposeInput } from './proposeZones';

export interface SiteScore {
  lon: number;
  lat: number;
  /** children who would move to the new school */
  children: number;
  /** child-metres of travel saved */
  travelCutM: number;
  /** children above capacity removed from the schools they leave */
  overloadCut: number;
  /** travelCutM + overloadCut x overloadPriceM: the ranking */
  score: number;
}

export interface SiteOptions {
  level: string;
  /** places of the new school for this level */
  capacity: number;
  /** points the planner clicked; without them, a grid over the units' extent */
  sites?: { lon: number; lat: number }[];
  /** cells per side of the grid (default 20); cells without a unit are left out */
  grid?: number;
  /** metres of travel one child less above capacity is worth in the ranking (default: the level's distance standard, else 2 km) */
  overloadPriceM?: number;
  /** how many of the best sites to return (default 5) */
  best?: number;
}

/**
 * Where to open a school: each candidate site is scored by a greedy evaluation, not an optimisation.
 * Children who live nearer the site than their current school move to it, those from schools over
 * capacity first and then by the distance they save, until its places are full; the score is the travel
 * saved plus the children above capacity taken off the schools they leave (priced in metres). The
 * rest of the plan is left as it is, so the figures are what opening there alone would do.
 * @example scoreSites(input, { level: 'primary', capacity: 420 })[0].score
 */
export function scoreSites(input: ProposeInput, o: SiteOptions): SiteScore[] {
  const { units, schools, settings } = input;
  const w = units.childrenByLevel[o.level];
  if (!w) throw new Error(`"${o.level}" has no children in the population`);
  const std = settings.levels.find((l) => l.id === o.level)?.distanceStandardM;
  const price = o.overloadPriceM ?? (std && std > 0 ? std : 2000);
  const cur = input.current;
  const served: number[] = [];
  const distNow = new Float64Array(units.count);
  const intake = new Float64Array(schools.count);
  for (let u = 0; u < units.count; u++) {
    const s = cur[u];
    if (s === input.noSchool || !(w[u] > 0) || input.fixed[u]) continue;
    served.push(u);
    distNow[u] = greatCircleMeters(units.lon[u], units.lat[u], schools.lon[s], schools.lat[s]);
  }
  for (let u = 0; u < units.count; u++) if (cur[u] !== input.noSchool && w[u] > 0) intake[cur[u]] += w[u];
  const placesOf = (s: number) => schools.capacity[s] - input.otherLevelDemand[s];
  const overOf = (s: number, n: number) => { const p = placesOf(s); return p > 0 ? Math.max(0, n - p) : 0; };
  const sites = o.sites ?? gridSites(units.lon, units.lat, o.grid ?? 20);
  const out: SiteScore[] = [];
  for (const site of sites) {
    const gains: { u: number; save: number; over: boolean }[] = [];
    for (const u of served) {
      const d = greatCircleMeters(units.lon[u], units.lat[u], site.lon, site.lat);
      if (d < distNow[u]) gains.push({ u, save: distNow[u] - d, over: overOf(cur[u], intake[cur[u]]) > 0 });
    }
    gains.sort((a, b) => Number(b.over) - Number(a.over) || b.save - a.save || a.u - b.u);
    const left = new Map<number, number>();
    let room = o.capacity, children = 0, travelCutM = 0, overloadCut = 0;
    for (const g of gains) {
      const n = w[g.u];
      if (n > room) continue;
      const s = cur[g.u], had = left.get(s) ?? intake[s];
      overloadCut += overOf(s, had) - overOf(s, had - n);
      left.set(s, had - n);
      room -= n; children += n; travelCutM += n * g.save;
    }
    out.push({ lon: site.lon, lat: site.lat, children, travelCutM, overloadCut, score: travelCutM + overloadCut * price });
  }
  return out.sort((a, b) => b.score - a.score).slice(0, o.best ?? 5);
}

/** Cell centres of an n x n grid over the points' extent, kept where a point lies in the cell. */
export function gridSites(lon: ArrayLike<number>, lat: ArrayLike<number>, n: number): { lon: number; lat: number }[] {
  let w = Infinity, e = -Infinity, s = Infinity, nn = -Infinity;
  for (let i = 0; i < lon.length; i++) { w = Math.min(w, lon[i]); e = Math.max(e, lon[i]); s = Math.min(s, lat[i]); nn = Math.max(nn, lat[i]); }
  if (!(e >= w)) return [];
  const dx = (e - w) / n || 1e-6, dy = (nn - s) / n || 1e-6;
  const occupied = new Set<number>();
  for (let i = 0; i < lon.length; i++) occupied.add(Math.min(n - 1, Math.floor((lon[i] - w) / dx)) * n + Math.min(n - 1, Math.floor((lat[i] - s) / dy)));
  const out: { lon: number; lat: number }[] = [];
  for (const c of [...occupied].sort((a, b) => a - b)) out.push({ lon: w + (Math.floor(c / n) + 0.5) * dx, lat: s + ((c % n) + 0.5) * dy });
  return out;
}
