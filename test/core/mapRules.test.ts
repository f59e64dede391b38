import { describe, expect, it } from 'vitest';
import { connectedPatch, versusNearest } from '../../src/core/index';

describe('rules the map and panels take from the core', () => {
  // a strip of six units: 0-1-2-3-4-5; schools by unit A A B A A B
  const adjacency = { start: Uint32Array.of(0, 1, 3, 5, 7, 9, 10), neighbours: Uint32Array.of(1, 0, 2, 1, 3, 2, 4, 3, 5, 4) };
  const school = Uint16Array.of(0, 0, 1, 0, 0, 1);

  it('the fill tool takes the connected patch of the clicked unit\'s school, not the whole zone', () => {
    expect(connectedPatch(adjacency, school, 0)).toEqual([0, 1]);
    expect(connectedPatch(adjacency, school, 4)).toEqual([4, 3]);
  });

  it('a plan against the nearest-school zones: share at the nearest, children moved and their extra distance', () => {
    const children = Float32Array.of(10, 10, 10, 10, 0, 20);
    const plan = { schoolByUnit: Uint16Array.of(0, 1, 1, 0, 0, 1), noSchool: 0xffff, distanceByUnit: Float32Array.of(100, 900, 200, 100, 100, 300) };
    const nearest = { schoolByUnit: school, distanceByUnit: Float32Array.of(100, 300, 200, 100, 100, 300) };
    const v = versusNearest(children, plan, nearest);
    expect(v).toEqual({ total: 60, atNearestShare: 50 / 60, moved: 10, meanExtraM: 600, maxExtraM: 600 });
  });
});
