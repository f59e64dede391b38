import type {
  PlanBalance, DistrictSummary, ImportedZone, RouteSummary, LevelAssignment, MergerSuggestion, Move, Outcomes, PlanProblem, Problem, ProjectionResult,
  SchoolReport, Schools, Settings, UnitAdjacency, Units, UnknownIds, ZoneFeature,
} from '../core/index';
import type { ComputePayload, DatasetPayload, ImportZonesResponse, NetworkInfo } from '../worker/protocol';

export type { NetworkInfo } from '../worker/protocol';

/*
 * The store's own types for what the engine gives it. The worker's message types can change (buffers,
 * cancellation) without the panels and the map noticing: this module is the one place that maps them.
 */

/** A file as the store hands it to the engine: its name (for messages and format detection) and its bytes. */
export interface SourceFile {
  name: string;
  bytes: Uint8Array;
}

/** Schools as loaded, or after a plan's layout changes (corrections applied); index = school index. */
export type SchoolTable = Pick<Schools, 'ids' | 'names' | 'types' | 'status' | 'lon' | 'lat' | 'enrollment' | 'capacity' | 'classrooms' | 'teachers' | 'extra'>;

/** How the map draws the units: polygons, cells of a grid (one image), or points. */
export type UnitShapes =
  | { kind: 'polygons'; features: GeoJSON.FeatureCollection }
  | { kind: 'lattice'; cols: number; rows: number; cellByUnit: Uint32Array; corners: [number, number][] }
  | { kind: 'points' };

export type UnitTable = Pick<Units, 'count' | 'ids' | 'lon' | 'lat' | 'childrenByLevel' | 'countSourceByLevel'> & { geometry: UnitShapes };

/** The open data set. `token` names it to the engine. */
export interface Dataset {
  token: number;
  name: string;
  fingerprint: string;
  schoolsFingerprint: string;
  populationFingerprint: string;
  /** which units touch (fill tool); null for point units */
  adjacency: UnitAdjacency | null;
  /** the data set's own settings (the defaults the Standards tab shows) */
  settings: Settings;
  schools: SchoolTable;
  units: UnitTable;
  context: GeoJSON.FeatureCollection | null;
  /** the data set's road network, or null (route distance then falls back to the straight line) */
  network: NetworkInfo | null;
  bbox: [number, number, number, number];
}

/** One level's school per unit and distance; painting changes these arrays in place. */
export type Assignment = Pick<LevelAssignment, 'level' | 'schoolByUnit' | 'noSchool' | 'distanceByUnit'>;

/** Everything derived from the data and the plan on screen. */
export interface Results {
  reports: SchoolReport[];
  summary: DistrictSummary;
  assignments: Assignment[];
  /** the nearest-school assignment over the same open schools (the baseline) */
  nearest: Assignment[];
  checks: PlanProblem[];
  projection: ProjectionResult;
  /** the schools after the plan's layout changes (opened schools after the data's) */
  schools: SchoolTable;
  outcomes: Outcomes;
  /** the county balance before and after the layout actions */
  balance: PlanBalance;
  moves: Move[];
  mergers: MergerSuggestion[];
  scenarioProblems: string[];
  unknown: UnknownIds;
  /** dissolved zone outlines per level */
  zones: Record<string, ZoneFeature[]>;
  /** route distances: the statutory test by route, both distances per school, where catchments differ; null for straight line */
  routes: RouteSummary | null;
}

/** Existing zones read from a file, for the planner to review before a plan is made of them. */
export type ZoneReview =
  | { ok: true; problems: Problem[]; zones: ImportedZone[]; zoneByUnit: Int32Array; unitsOutside: number }
  | { ok: false; problems: Problem[] };

const schoolTable = (s: SchoolTable): SchoolTable => ({
  ids: s.ids, names: s.names, types: s.types, status: s.status, lon: s.lon, lat: s.lat,
  enrollment: s.enrollment, capacity: s.capacity, classrooms: s.classrooms, teachers: s.teachers, extra: s.extra,
});

const assignment = (a: Assignment): Assignment => ({ level: a.level, schoolByUnit: a.schoolByUnit, noSchool: a.noSchool, distanceByUnit: a.distanceByUnit });

/** The engine's answer to openDataset as the store keeps it (arrays are shared, not copied). */
export function datasetFromPayload(p: DatasetPayload): { dataset: Dataset; millis: number } {
  const u = p.units;
  return {
    dataset: {
      token: p.token, name: p.name, fingerprint: p.fingerprint, schoolsFingerprint: p.schoolsFingerprint, populationFingerprint: p.populationFingerprint,
      adjacency: p.adjacency, settings: p.settings, schools: schoolTable(p.schools),
      units: { count: u.count, ids: u.ids, lon: u.lon, lat: u.lat, childrenByLevel: u.childrenByLevel, countSourceByLevel: u.countSourceByLevel, geometry: u.geometry },
      context: p.context, network: p.network ?? null, bbox: p.bbox,
    },
    millis: p.millis,
  };
}

/**
 * The engine's answer to compute as the store keeps it. The engine leaves out outlines that did not
 * change since its last answer: the previous ones are kept.
 */
export function resultsFromPayload(p: ComputePayload, previousZones: Record<string, ZoneFeature[]> | undefined): { results: Results; millis: number } {
  return {
    results: {
      reports: p.reports, summary: p.summary,
      assignments: p.assignments.map(assignment), nearest: p.nearest.map(assignment),
      checks: p.checks, projection: p.projection, schools: schoolTable(p.schools),
      outcomes: p.outcomes, balance: p.balance, moves: p.moves, mergers: p.mergers, scenarioProblems: p.scenarioProblems, unknown: p.unknown,
      zones: p.zones ?? previousZones ?? {},
      routes: p.routes ?? null,
    },
    millis: p.millis,
  };
}

/** The engine's reading of a zones file. */
export function zoneReviewFromResponse(r: ImportZonesResponse): ZoneReview {
  return r.ok ? { ok: true, problems: r.problems, zones: r.zones, zoneByUnit: r.zoneByUnit, unitsOutside: r.unitsOutside } : { ok: false, problems: r.problems };
}
