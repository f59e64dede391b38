import { describe, expect, it } from 'vitest';
import { defaultSettings, scoreSites, type ProposeInput } from '../../src/core/index';
import { removable } from '../../src/core/optimise/zoneRepairs';
import type { UnitAdjacency } from '../../src/core/zones/unitAdjacency';
import { schoolsFrom, unitsFrom } from '../helpers';

/** Rook adjacency of a w x h grid, cells numbered row by row. */
function grid(w: number, h: number): UnitAdjacency {
  const lists: number[][] = [];
  for (let r = 0; r < h; r++) for (let c = 0; c < w; c++) {
    const l: number[] = [];
    if (c > 0) l.push(r * w + c - 1); if (c < w - 1) l.push(r * w + c + 1);
    if (r > 0) l.push((r - 1) * w + c); if (r < h - 1) l.push((r + 1) * w + c);
    lists.push(l);
  }
  const start = new Uint32Array(lists.length + 1);
  lists.forEach((l, i) => { start[i + 1] = start[i] + l.length; });
  return { start, neighbours: Uint32Array.from(lists.flat()) };
}

describe('removable: taking a unit out never splits its zone when it says so', () => {
  it('the centre of a 3x3 zone can go (its neighbours meet at the corners); the middle of a line cannot', () => {
    const g = grid(3, 3);
    expect(removable(new Int32Array(9).fill(0), g, 4)).toBe(true);
    // zone 0 is the middle row only: its centre joins the two ends
    const row = Int32Array.from([1, 1, 1, 0, 0, 0, 1, 1, 1]);
    expect(removable(row, g, 4)).toBe(false);
    expect(removable(row, g, 3)).toBe(true);
  });
});

describe('scoreSites: a greedy estimate of what a new school would cut', () => {
  // one school at x=0 with 30 places; three areas of 20 children at x = 0.01, 0.05 and 0.06 (degrees east)
  const schools = schoolsFrom('id,name,level,lon,lat,capacity\nA,A,primary,113.00,28.0,30\n');
  it('takes the children who live nearer the site, those at a school over capacity first, up to its places', async () => {
    const units = await unitsFrom('id,lon,lat,primary,junior\nu1,113.01,28.0,20,0\nu2,113.05,28.0,20,0\nu3,113.06,28.0,20,0\n');
    const input: ProposeInput = {
      schools, units, settings: defaultSettings(), adjacency: null,
      current: Int32Array.from([0, 0, 0]), noSchool: -1, fixed: new Uint8Array(3), closedToNew: new Set(), otherLevelDemand: new Float64Array(1),
    };
    const level = input.settings.levels[0].id;
    const [best, none] = scoreSites(input, { level, capacity: 40, sites: [{ lon: 113.055, lat: 28.0 }, { lon: 112.9, lat: 28.0 }], overloadPriceM: 1000 });
    // u2 and u3 move (nearer the site than the school): 60 children at 30 places was 30 over; 20 left is none
    expect(best.children).toBe(40);
    expect(best.overloadCut).toBe(30);
    expect(best.travelCutM).toBeGreaterThan(0);
    expect(best.score).toBeCloseTo(best.travelCutM + 30 * 1000, 6);
    expect(none).toMatchObject({ children: 0, travelCutM: 0, overloadCut: 0, score: 0 });
    // a smaller school takes only what fits: one area
    const [small] = scoreSites(input, { level, capacity: 25, sites: [{ lon: 113.055, lat: 28.0 }], overloadPriceM: 1000 });
    expect(small.children).toBe(20);
    expect(small.overloadCut).toBe(20);
  });
});
