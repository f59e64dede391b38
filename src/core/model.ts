/** Position of a school in `Schools` (schools are sorted by id, so lower index = lower id). */
export type SchoolIndex = number & { readonly __brand: 'SchoolIndex' };

/**
 * A number read from a school-indexed array (assignments, candidate lists) as a data-set school index.
 * The brand keeps a derived index space (a level's candidate list, the Delaunay sites of the nearest-school
 * index) from being used where a school index is meant: such a mix is a type error.
 */
export const asSchoolIndex = (n: number): SchoolIndex => n as SchoolIndex;
/** Position of a population unit in `Units`. */
export type UnitIndex = number;
/** Great-circle distance in metres. */
export type Meters = number;

export type SchoolStatus = 'open' | 'closed' | 'proposed';

/** Schools as a struct of arrays, sorted by id. Missing numbers are NaN. */
export interface Schools {
  count: number;
  ids: string[];
  indexById: Map<string, SchoolIndex>;
  names: string[];
  /** school type as given: primary, junior, nine_year, secondary, special, ... */
  types: string[];
  status: SchoolStatus[];
  lon: Float64Array;
  lat: Float64Array;
  capacity: Float64Array;
  classrooms: Float64Array;
  teachers: Float64Array;
  /** total enrollment (given, or the sum of per-grade counts) */
  enrollment: Float64Array;
  /** per-grade enrollment keyed by grade id, or null where the file has none */
  enrollmentByGrade: (Record<string, number> | null)[];
  /** earlier years' per-grade enrollment (columns like g1_2022), year -> grade -> pupils; null where none */
  historyByYear?: (Record<number, Record<string, number>> | null)[];
  /** every other column / property, kept as-is */
  extra: Record<string, unknown>[];
}

/** Regular grid lattice the units sit on (cell centres), in the grid's own coordinate system. */
export interface Lattice {
  cols: number;
  rows: number;
  /** x/y of the corner of cell (0,0) and the step to the next column/row; dy may be negative */
  x0: number;
  y0: number;
  dx: number;
  dy: number;
  /** proj4 definition of the grid coordinates; null for lon/lat degrees */
  crs: string | null;
  /** cell index (row * cols + col) by unit */
  cellByUnit: Uint32Array;
}

export type UnitGeometry =
  | { kind: 'polygons'; polygons: (PolygonCoords[] | null)[] }
  | { kind: 'lattice'; lattice: Lattice }
  | { kind: 'points' };

/** Polygon as GeoJSON coordinates: outer ring first, then holes; rings closed. */
export type PolygonCoords = number[][][];

/** Population units (small areas or grid cells) as a struct of arrays. */
export interface Units {
  count: number;
  /** input ids, or null when the input has none (then ids are the 0-based indices) */
  ids: string[] | null;
  /** representative point (centroid or cell centre), degrees */
  lon: Float64Array;
  lat: Float64Array;
  /** school-age children by level id */
  childrenByLevel: Record<string, Float32Array>;
  /** how each level's count was obtained, for the README/app ("single-year ages 6-11", "estimate: 9.5% of total") */
  countSourceByLevel: Record<string, string>;
  /** single-year age counts where the input had them (for projections) */
  childrenByAge: Record<number, Float32Array>;
  /** births by year (`birth_YYYY` columns): the cohort reaching the entry age in YYYY + entry age; absent without */
  birthsByYear?: Record<number, Float32Array>;
  /** the area (township, district) each unit lies in, from a column AREA_FIELDS names; absent without */
  areaByUnit?: { field: string; values: string[] };
  geometry: UnitGeometry;
}

/** A unit's id: the input's id, or its 0-based index when the input had none. */
export function unitId(units: { ids: string[] | null }, i: UnitIndex): string {
  return units.ids ? units.ids[i] : String(i);
}

/** Assignment of every unit to one school for one level. */
export interface LevelAssignment {
  level: string;
  /** school index by unit; `noSchool` where no school serves the level */
  schoolByUnit: Uint16Array | Uint32Array;
  noSchool: number;
  /** distance from the unit's point to its school, metres (NaN when unassigned): great-circle, or by route when the settings choose routes */
  distanceByUnit: Float32Array;
  /** route distances only: the straight-line distance to the same school */
  straightByUnit?: Float32Array;
  /** route distances only: 1 where distanceByUnit follows the roads, 0 where the straight line was used (off the network) */
  viaNetworkByUnit?: Uint8Array;
}
