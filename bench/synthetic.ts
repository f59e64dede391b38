import { asSchoolIndex, type Schools, type Units } from '../src/core/model';

/** Seeded PRNG (mulberry32): benchmarks and tests must be reproducible. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A regular lon/lat grid of `count` cells (row-major, north to south) over a county-sized box. */
export function syntheticGridUnits(count: number, seed = 1, box = { west: 113, south: 28, east: 114.5, north: 29.2 }): Units {
  const rand = mulberry32(seed);
  const cols = Math.ceil(Math.sqrt(count * (box.east - box.west) / (box.north - box.south)));
  const rows = Math.ceil(count / cols);
  const dx = (box.east - box.west) / cols, dy = (box.north - box.south) / rows;
  const lon = new Float64Array(count), lat = new Float64Array(count);
  const primary = new Float32Array(count), junior = new Float32Array(count);
  const cellByUnit = new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    const r = Math.floor(i / cols), c = i % cols;
    lon[i] = box.west + (c + 0.5) * dx;
    lat[i] = box.north - (r + 0.5) * dy;
    primary[i] = Math.floor(rand() * 20);
    junior[i] = Math.floor(rand() * 10);
    cellByUnit[i] = i;
  }
  return {
    count, ids: null, lon, lat,
    childrenByLevel: { primary, junior },
    countSourceByLevel: { primary: 'synthetic', junior: 'synthetic' },
    childrenByAge: {},
    geometry: { kind: 'lattice', lattice: { cols, rows, x0: box.west, y0: box.north, dx, dy: -dy, crs: null, cellByUnit } },
  };
}

/** `count` open schools at random points in the box; every fifth is a nine-year school. */
export function syntheticSchools(count: number, seed = 2, box = { west: 113, south: 28, east: 114.5, north: 29.2 }): Schools {
  const rand = mulberry32(seed);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push(`S${String(i).padStart(6, '0')}`);
  const lon = new Float64Array(count), lat = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    lon[i] = box.west + rand() * (box.east - box.west);
    lat[i] = box.south + rand() * (box.north - box.south);
  }
  return {
    count, ids, indexById: new Map(ids.map((id, i) => [id, asSchoolIndex(i)])),
    names: ids.map((id) => `School ${id}`),
    types: ids.map((_, i) => (i % 5 === 0 ? 'nine_year' : i % 5 === 1 ? 'junior' : 'primary')),
    status: ids.map(() => 'open' as const),
    lon, lat,
    capacity: new Float64Array(count).fill(NaN), classrooms: new Float64Array(count).fill(NaN),
    teachers: new Float64Array(count).fill(NaN), enrollment: new Float64Array(count).fill(NaN),
    enrollmentByGrade: ids.map(() => null), extra: ids.map(() => ({})),
  };
}
