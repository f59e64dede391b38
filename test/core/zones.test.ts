import * as turf from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { dissolveUnits, type PolygonCoords, type Units } from '../../src/core/index';

function latticeUnits(cols: number, rows: number, cell = 0.01): Units {
  const n = cols * rows;
  const lon = new Float64Array(n), lat = new Float64Array(n);
  for (let i = 0; i < n; i++) { lon[i] = (i % cols + 0.5) * cell; lat[i] = -(Math.floor(i / cols) + 0.5) * cell; }
  return {
    count: n, ids: null, lon, lat, childrenByLevel: {}, countSourceByLevel: {}, childrenByAge: {},
    geometry: { kind: 'lattice', lattice: { cols, rows, x0: 0, y0: 0, dx: cell, dy: -cell, crs: null, cellByUnit: Uint32Array.from({ length: n }, (_, i) => i) } },
  };
}

function squaresUnits(labelsGrid: number[][]): Units {
  const rows = labelsGrid.length, cols = labelsGrid[0].length;
  const polygons: PolygonCoords[][] = [];
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) {
    const x = c, y = -r;
    polygons.push([[[[x, y], [x, y - 1], [x + 1, y - 1], [x + 1, y], [x, y]]]]); // clockwise on purpose
  }
  const n = rows * cols;
  return { count: n, ids: null, lon: new Float64Array(n), lat: new Float64Array(n), childrenByLevel: {}, countSourceByLevel: {}, childrenByAge: {}, geometry: { kind: 'polygons', polygons } };
}

const area = (coords: PolygonCoords[]) => turf.area(turf.multiPolygon(coords));
const planarArea = (coords: PolygonCoords[]) => coords.reduce((a, poly) => a + poly.reduce((b, ring) => {
  let s = 0;
  for (let i = 0; i + 1 < ring.length; i++) s += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return b + s / 2; // holes are clockwise: their negative area is subtracted
}, 0), 0);

describe('dissolving units into zones', () => {
  it('gives one piece per connected patch on a grid, with a hole where another zone sits inside', () => {
    // 0 0 0 0
    // 0 1 0 2
    // 0 0 0 2
    const labels = [0, 0, 0, 0, 0, 1, 0, 2, 0, 0, 0, 2];
    const zones = dissolveUnits(latticeUnits(4, 3), labels, 99);
    expect([...zones.keys()].sort()).toEqual([0, 1, 2]);
    const z0 = zones.get(0)!;
    expect(z0).toHaveLength(1); // one polygon
    expect(z0[0]).toHaveLength(2); // outer ring + the hole of zone 1
    expect(zones.get(1)![0][0]).toHaveLength(5); // a square: 4 corners + closing point
    for (const z of zones.values()) for (const poly of z) expect(turf.booleanValid(turf.polygon(poly))).toBe(true);
    // areas add up to the whole grid: no gaps, no overlaps
    const total = [...zones.values()].reduce((a, z) => a + area(z), 0);
    expect(total / area([[[[0, 0], [0.04, 0], [0.04, -0.03], [0, -0.03], [0, 0]].reverse()]])).toBeCloseTo(1, 9);
    // zones only touch along edges
    const pairs: [number, number][] = [[0, 1], [0, 2], [1, 2]];
    for (const [a, b] of pairs) {
      const inter = turf.intersect(turf.featureCollection([turf.multiPolygon(zones.get(a)!), turf.multiPolygon(zones.get(b)!)]));
      expect(inter ? turf.area(inter) : 0).toBeLessThan(1e-3);
    }
  });

  it('splits pieces that touch only at a corner into separate polygons', () => {
    // 1 0
    // 0 1
    const zones = dissolveUnits(latticeUnits(2, 2), [1, 0, 0, 1], 99);
    expect(zones.get(1)).toHaveLength(2);
    expect(zones.get(0)).toHaveLength(2);
    for (const poly of zones.get(1)!) expect(poly[0]).toHaveLength(5);
  });

  it('leaves out unlabelled units and merges shared edges of polygon units', () => {
    const units = squaresUnits([[0, 0, 1], [0, 5, 1]]);
    const zones = dissolveUnits(units, [0, 0, 1, 0, 9, 1], 9);
    expect([...zones.keys()].sort()).toEqual([0, 1]);
    expect(planarArea(zones.get(0)!)).toBeCloseTo(3, 12); // an L of three unit squares
    expect(zones.get(0)![0][0]).toHaveLength(9); // 6 corners of the L, 2 shared corners on straight runs, closing point
    expect(planarArea(zones.get(1)!)).toBeCloseTo(2, 12);
    // outer rings are counter-clockwise (RFC 7946) although the input squares were clockwise
    expect(turf.booleanClockwise(zones.get(0)![0][0])).toBe(false);
  });
});
