import type { DistrictSummary, ImportedZone, MergerSuggestion, Move, Outcomes, Plan, PlanProblem, ProjectionResult, Problem, SchoolReport, Schools, Settings, UnitAdjacency, UnknownIds, Units, ZoneFeature } from '../core/index';

/** A file handed to the engine: its name (for messages and format detection) and its bytes. */
export interface FileInput {
  name: string;
  bytes: Uint8Array;
}

export interface OpenDatasetRequest {
  name: string;
  schools: FileInput;
  population: FileInput;
  /** optional outlines drawn under the data (district, wards, roads) */
  context?: FileInput;
  /** settings overrides as in a settings JSON (profile and standards) */
  settings?: unknown;
}

/** Static school attributes as loaded (edits are applied on top in each computation). */
export type SchoolsView = Pick<Schools, 'ids' | 'names' | 'types' | 'status' | 'lon' | 'lat' | 'enrollment' | 'capacity' | 'classrooms' | 'teachers' | 'extra'>;

export type UnitsGeometryView =
  | { kind: 'polygons'; features: GeoJSON.FeatureCollection }
  | { kind: 'lattice'; cols: number; rows: number; cellByUnit: Uint32Array; corners: [number, number][] }
  | { kind: 'points' };

/** Units as the map needs them: the core's arrays, with geometry ready to draw. */
export type UnitsView = Pick<Units, 'count' | 'ids' | 'lon' | 'lat' | 'childrenByLevel' | 'countSourceByLevel'> & { geometry: UnitsGeometryView };

export interface DatasetPayload {
  token: number;
  name: string;
  fingerprint: string;
  schoolsFingerprint: string;
  populationFingerprint: string;
  /** which units touch (fill tool, zone pieces); null for point units */
  adjacency: UnitAdjacency | null;
  settings: Settings;
  schools: SchoolsView;
  units: UnitsView;
  context: GeoJSON.FeatureCollection | null;
  bbox: [number, number, number, number];
  millis: number;
}

export type OpenDatasetResponse = { ok: true; problems: Problem[]; dataset: DatasetPayload } | { ok: false; problems: Problem[] };

export interface ComputeRequest {
  token: number;
  /** the plan record (the baseline is a plan without levels or actions): everything is derived from it */
  plan: Plan;
}

export interface AssignmentView {
  level: string;
  schoolByUnit: Uint16Array | Uint32Array;
  noSchool: number;
  distanceByUnit: Float32Array;
}

export interface ComputePayload {
  token: number;
  reports: SchoolReport[];
  summary: DistrictSummary;
  assignments: AssignmentView[];
  /** nearest-school assignment of the same open schools (the baseline) */
  nearest: AssignmentView[];
  checks: PlanProblem[];
  /** enrollment projections of every school under this plan */
  projection: ProjectionResult;
  /** the schools after the scenario's layout actions (opened schools are appended after the data's) */
  schools: SchoolsView;
  /** the plan's outcomes against the baseline (same data and corrections, nearest zones, no actions) */
  outcomes: Outcomes;
  moves: Move[];
  mergers: MergerSuggestion[];
  scenarioProblems: string[];
  /** ids the plan names that the data does not have */
  unknown: UnknownIds;
  /** dissolved catchment outlines per level; null when unchanged since the last computation */
  zones: Record<string, ZoneFeature[]> | null;
  millis: number;
}

export type ImportZonesResponse =
  | { ok: true; problems: Problem[]; zones: ImportedZone[]; zoneByUnit: Int32Array; unitsOutside: number }
  | { ok: false; problems: Problem[] };

/** The engine's API as seen from the main thread (comlink wraps each method in a Promise). */
export interface EngineApi {
  openDataset(request: OpenDatasetRequest): Promise<OpenDatasetResponse>;
  compute(request: ComputeRequest): Promise<ComputePayload>;
  /** outcomes of several saved scenarios against the baseline, for side-by-side comparison */
  compareScenarios(request: { token: number; plans: import('../core/index').Plan[] }): Promise<{ id: string; name: string; outcomes: Outcomes; problems: string[] }[]>;
  /** existing attendance zones (GeoJSON) placed over the units of the open data set */
  importZones(request: { token: number; file: FileInput }): Promise<ImportZonesResponse>;
}
