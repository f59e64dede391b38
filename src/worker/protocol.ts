import type { LevelAssignment, RouteSummary, Alternative, ClosureSuggestion, PlanFigures, SiteScore, PlanBalance, WhatItTakes, DistrictSummary, ImportedZone, MergerSuggestion, Move, Outcomes, Plan, PlanProblem, ProjectionResult, Problem, SchoolReport, Schools, Settings, UnitAdjacency, UnknownIds, Units, ZoneFeature } from '../core/index';

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
  /** road lines (GeoJSON) for route distances; the graph is built once here */
  network?: FileInput;
  /**
   * the planner chose this road file (the Data tab): its errors refuse the load like any other file's;
   * a shipped data set's network that fails only warns, and distances stay straight-line
   */
  refuseBadNetwork?: boolean;
  /** births by area and year (CSV area,year,births), joined to the population units by id */
  births?: FileInput;
  /** settings overrides as in a settings JSON (profile and standards) */
  settings?: unknown;
  /**
   * the token the data set gets (the client numbers data sets, so that a restarted worker reopening
   * one gives it the token the store already holds); the engine numbers them itself when absent
   */
  token?: number;
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
  /** the road network read with the data set, or null: the switch to route distances needs one */
  network: NetworkInfo | null;
  bbox: [number, number, number, number];
  millis: number;
}

/** What the app says about a data set's road network. */
export interface NetworkInfo {
  file: string;
  junctions: number;
  segments: number;
  km: number;
  pieces: number;
  classes: string[];
}

export type OpenDatasetResponse = { ok: true; problems: Problem[]; dataset: DatasetPayload } | { ok: false; problems: Problem[] };

export interface ComputeRequest {
  token: number;
  /** the plan record (the baseline is a plan without levels or actions): everything is derived from it */
  plan: Plan;
}

/** A level's assignment as posted: the core's own type (its arrays are transferred). */
export type AssignmentView = LevelAssignment;

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
  /** the county balance evaluation before and after the layout actions (the settings' standard) */
  balance: PlanBalance;
  moves: Move[];
  mergers: MergerSuggestion[];
  scenarioProblems: string[];
  /** ids the plan names that the data does not have */
  unknown: UnknownIds;
  /** route distances chosen and a network loaded: the statutory test by route and where catchments differ; else null */
  routes: RouteSummary | null;
  /** dissolved catchment outlines per level; null when unchanged since the last computation */
  zones: Record<string, ZoneFeature[]> | null;
  millis: number;
}

export type ImportZonesResponse =
  | { ok: true; problems: Problem[]; zones: ImportedZone[]; zoneByUnit: Int32Array; unitsOutside: number }
  | { ok: false; problems: Problem[] };

export interface CompareScenariosRequest {
  token: number;
  plans: Plan[];
}

export type CompareScenariosResponse = { id: string; name: string; outcomes: Outcomes; problems: string[] }[];

export interface BalancePlansRequest {
  token: number;
  plan: Plan;
}

/** Distances from every unit to one school, for the painter's running totals when routes are chosen. */
export interface UnitDistancesRequest {
  token: number;
  network: Settings['network'];
  lon: number;
  lat: number;
}

export interface ImportZonesRequest {
  token: number;
  file: FileInput;
}

export interface ProposeZonesRequest {
  token: number;
  /** the plan the proposals start from (its locks, layout changes and corrections are kept) */
  plan: Plan;
  level: string;
  /** each school's children within [lo, hi] x its places */
  band: [number, number];
  /** candidate schools per area */
  k: number;
  maxDistanceM: number | null;
  /** the price of a moved child (metres) in the "fewest moves" alternative */
  movedWeightM: number;
}

export interface ProposeZonesResponse { before: PlanFigures; alternatives: Alternative[]; millis: number }

export interface SuggestClosuresRequest {
  token: number;
  plan: Plan;
  level: string;
  count: number;
  /** only schools with fewer pupils of the level than this may close */
  closableBelow: number | null;
}

export interface ScoreSitesRequest {
  token: number;
  plan: Plan;
  level: string;
  capacity: number;
  /** points the planner clicked; null: a grid over the district */
  sites: { lon: number; lat: number }[] | null;
  best: number;
}

/**
 * The worker protocol: each request name with its [request, response] types. EngineApi, the client,
 * the worker shell and the messages below are all derived from this one map.
 */
export interface EngineMessages {
  /** loads and checks the files; only a clean load replaces the engine's current data set */
  openDataset: [OpenDatasetRequest, OpenDatasetResponse];
  /**
   * derives everything from a plan. An aborted signal stops the work early and rejects with the abort
   * reason; a newer compute supersedes an older one still running (which rejects, its work stopped).
   */
  compute: [ComputeRequest, ComputePayload];
  /** outcomes of several saved scenarios against the baseline, for side-by-side comparison */
  compareScenarios: [CompareScenariosRequest, CompareScenariosResponse];
  /** what it takes to pass the balance evaluation: teacher rotations (HiGHS) and least additions for the failing indicators */
  balancePlans: [BalancePlansRequest, WhatItTakes];
  /**
   * metres from every unit to a school at (lon, lat) by the settings' distance (route over the data
   * set's network, else the straight line): what a derivation would give a unit painted onto it
   */
  unitDistances: [UnitDistancesRequest, Float32Array];
  /** existing attendance zones (GeoJSON) placed over the units of the open data set */
  importZones: [ImportZonesRequest, ImportZonesResponse];
  /** three alternative zone plans for a level (least travel, fewest moves, even use), with LP bounds and gaps */
  proposeZones: [ProposeZonesRequest, ProposeZonesResponse];
  /** which schools to close: capacitated p-median with its bound and gap */
  suggestClosures: [SuggestClosuresRequest, ClosureSuggestion];
  /** where to open a school: candidate sites ranked by the overload and travel a new school would cut */
  scoreSites: [ScoreSitesRequest, SiteScore[]];
}

export type RequestName = keyof EngineMessages;
export type RequestOf<K extends RequestName> = EngineMessages[K][0];
export type ResponseOf<K extends RequestName> = EngineMessages[K][1];

export interface CallOptions {
  /** aborting it cancels the request: the promise rejects with the abort reason and the worker stops the work */
  signal?: AbortSignal;
  /** told each stage of a long request (the optimisers) as the worker starts it */
  onProgress?: (stage: string) => void;
}

/**
 * The engine as the store sees it: one method per request of EngineMessages, each cancellable.
 * Failures of the engine itself (an exception, an answer that cannot be sent, a worker that died or
 * stopped answering) reject with a readable Error, except for openDataset and importZones, whose
 * answers carry problems: there they come back as `{ ok: false, problems }` so that the Data tab lists
 * them like any other reason a file did not load.
 */
export type EngineApi = { [K in RequestName]: (request: RequestOf<K>, options?: CallOptions) => Promise<ResponseOf<K>> };

/** The failures a test build can force in the worker (see ToWorker `__fail`). */
export type ForcedFailure =
  /** the next request throws inside the engine */
  | 'exception'
  /** the next request answers with something that cannot be posted (a function) */
  | 'unserialisable'
  /** the worker closes itself on the next request without answering (as when it runs out of memory) */
  | 'terminate'
  /** the next request throws outside any handler: an `error` event on the Worker, no answer */
  | 'uncaught';

/** Main thread -> worker. Ids are the client's, unique per worker. */
export type ToWorker =
  | { [K in RequestName]: { kind: 'request'; id: number; name: K; request: RequestOf<K> } }[RequestName]
  /** stop request `id` and drop its answer */
  | { kind: 'cancel'; id: number }
  /** liveness: answered with a pong whenever the worker's event loop gets a turn */
  | { kind: 'ping'; id: number }
  /** test builds only (worker started with TEST_WORKER_NAME): the next request fails this way */
  | { kind: '__fail'; failure: ForcedFailure };

/** Worker -> main thread. */
export type FromWorker =
  | { [K in RequestName]: { kind: 'response'; id: number; name: K; response: ResponseOf<K> } }[RequestName]
  /** request `id` failed; `cancelled` when it was stopped by a cancel or superseded */
  | { kind: 'error'; id: number; message: string; cancelled: boolean }
  /** request `id` started a stage (long requests only) */
  | { kind: 'progress'; id: number; stage: string }
  | { kind: 'pong'; id: number };

/** The worker's name (WorkerOptions.name) when the page runs in test mode: only then is `__fail` honoured. */
export const TEST_WORKER_NAME = 'engine-test';

/** The rejection of work stopped because it is no longer wanted (a cancel, a newer request). */
export function cancelledError(message: string): Error {
  const e = new Error(message);
  e.name = 'AbortError';
  return e;
}

/** An error (or anything thrown) as one readable line. */
export function describeError(e: unknown): string {
  if (e && typeof e === 'object' && 'message' in e) {
    const { name, message } = e as { name?: unknown; message: unknown };
    return typeof name === 'string' && name && name !== 'Error' && name !== 'AbortError' ? `${name}: ${String(message)}` : String(message);
  }
  return String(e);
}
