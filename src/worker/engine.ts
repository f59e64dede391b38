import {
  balanceStandardFor, buildRoadGraphFromText, coded, parts, SettingsError, greatCircleMeters, routeDistancesTo, buildUnitAdjacency, createHighsSolver, crossCheck, derivePlanAsync, whatItTakes, proposeAlternatives, proposeInputOf, scoreSites, suggestClosures, type LpSolver, fingerprint, importZones, loadBirths, loadPopulation, loadSchools, withBirths, resolveSettings, zonesGeoJSON,
  type Problem, type RoadGraph, type Schools, type UnitAdjacency, type Units, type ZoneFeature,
} from '../core/index';
import { nextMacrotask } from '../core/derive/derivePlan';
import { bboxOf } from '../core/load/coords';
import { toLonLat } from '../core/load/crs';
import { decodePopulation, decodeText, withDecodeProblems } from '../core/load/decodeText';
import { cancelledError as cancelled, type NetworkInfo, type CallOptions, type ComputePayload, type ComputeRequest, type DatasetPayload, type EngineApi, type ImportZonesResponse, type OpenDatasetRequest, type OpenDatasetResponse, type UnitsGeometryView } from './protocol';

interface Loaded { token: number; schools: Schools; units: Units; adjacency: UnitAdjacency | null; network: RoadGraph | null }

export interface EngineOptions {
  /** told each stage of a derivation as it starts (tests count them; the CLI prints its own) */
  onProgress?: (stage: string) => void;
  /**
   * loads HiGHS for the optimisers, once, when first needed: the worker shell points it at the bundled
   * wasm; by default (Node, tests) the package finds its own file
   */
  loadSolver?: () => Promise<LpSolver>;
}

async function defaultSolver(): Promise<LpSolver> {
  const { default: loadHighs } = await import('highs');
  return createHighsSolver(await loadHighs());
}

/**
 * The engine behind the worker: holds the current data set and computes on request. Written without
 * worker APIs so that tests can drive it directly in Node. Derivations give the event loop a turn
 * between stages (derivePlanAsync), so that a cancel, or a newer compute, stops the one running.
 */
export function createEngine(engineOptions: EngineOptions = {}): EngineApi {
  let current: Loaded | null = null;
  let nextToken = 1;
  let zonesCache: { key: string; zones: Record<string, ZoneFeature[]> } | null = null;
  /** the compute in progress: a newer compute stops it (one on a replaced data set finishes; the store drops its answer by token) */
  let running: AbortController | null = null;
  const onProgress = engineOptions.onProgress;
  let solver: Promise<LpSolver> | null = null;
  const solverOnce = () => {
    solver ??= (engineOptions.loadSolver ?? defaultSolver)().catch((e: unknown) => { solver = null; throw new Error(`the solver (HiGHS) could not be loaded: ${(e as Error).message}`); });
    return solver;
  };
  /** the open data set, when it is the one the request was made for */
  const dataFor = (token: number) => {
    if (!current || current.token !== token) throw new Error(`data set ${token} is not loaded in the engine`);
    return { schools: current.schools, units: current.units, adjacency: current.adjacency, network: current.network };
  };

  return {
    async openDataset(req: OpenDatasetRequest): Promise<OpenDatasetResponse> {
      const t0 = performance.now();
      let settings;
      try {
        settings = resolveSettings(req.settings, 'settings');
      } catch (e) {
        if (e instanceof SettingsError) return { ok: false, problems: e.problems };
        const detail = (e as Error).message;
        return { ok: false, problems: [{ severity: 'error', file: 'settings', ...parts(coded('engineFailed', { detail }, `the engine failed: ${detail}`)) }] };
      }
      const problems: Problem[] = [];
      const schoolsText = decodeText(req.schools.bytes, req.schools.name), populationData = decodePopulation(req.population.bytes, req.population.name);
      const schools = schoolsText.ok ? withDecodeProblems(schoolsText.problems, loadSchools(req.schools.name, schoolsText.value, settings)) : schoolsText;
      let units = populationData.ok ? withDecodeProblems(populationData.problems, await loadPopulation(req.population.name, populationData.value, settings)) : populationData;
      problems.push(...schools.problems, ...units.problems);
      if (req.births && units.ok) {
        const text = decodeText(req.births.bytes, req.births.name);
        const births = text.ok ? withDecodeProblems(text.problems, loadBirths(req.births.name, text.value)) : text;
        problems.push(...births.problems);
        if (!births.ok) return { ok: false, problems };
        const joined = withBirths(req.births.name, units.value, births.value);
        problems.push(...joined.problems);
        units = { ...units, value: joined.units };
      }
      let context: GeoJSON.FeatureCollection | null = null;
      if (req.context) {
        try {
          context = JSON.parse(new TextDecoder().decode(req.context.bytes)) as GeoJSON.FeatureCollection;
        } catch (e) {
          const detail = (e as Error).message;
          problems.push({ severity: 'warning', file: req.context.name, ...parts(coded('contextNotJson', { detail }, `not valid JSON (${detail}); the context layer is left out`)) });
        }
      }
      if (!schools.ok || !units.ok) return { ok: false, problems };
      // the road graph is built once per data set, every class kept: the settings say which are walked
      let network: RoadGraph | null = null, networkInfo: NetworkInfo | null = null;
      if (req.network) {
        const r = buildRoadGraphFromText(new TextDecoder().decode(req.network.bytes), req.network.name, { barriers: [] });
        problems.push(...(req.refuseBadNetwork ? r.problems : r.problems.map((p) => (p.severity === 'error' ? { ...p, severity: 'warning' as const, message: `${p.message}; distances stay straight-line` } : p))));
        network = r.graph;
        if (network) networkInfo = { file: req.network.name, junctions: network.nodeCount, segments: network.edgeA.length, km: network.totalLengthM / 1000, pieces: network.componentSizes.length, classes: network.classNames };
      }
      problems.push(...crossCheck(req.schools.name, schools.value.schools, units.value));
      if (problems.some((p) => p.severity === 'error')) return { ok: false, problems };
      // only a clean load replaces the data the planner is working on
      const s = schools.value.schools, u = units.value;
      const token = req.token ?? nextToken;
      nextToken = Math.max(nextToken, token) + 1;
      current = { token, schools: s, units: u, adjacency: buildUnitAdjacency(u), network };
      zonesCache = null;
      const box = bboxOf(u.lon, u.lat);
      const dataset: DatasetPayload = {
        token: current.token,
        name: req.name,
        fingerprint: `${fingerprint(req.schools.bytes)}+${fingerprint(req.population.bytes)}`,
        schoolsFingerprint: fingerprint(req.schools.bytes),
        populationFingerprint: fingerprint(req.population.bytes),
        adjacency: current.adjacency,
        settings,
        schools: {
          ids: s.ids, names: s.names, types: s.types, status: s.status, lon: s.lon, lat: s.lat,
          enrollment: s.enrollment, capacity: s.capacity, classrooms: s.classrooms, teachers: s.teachers, extra: s.extra,
        },
        units: {
          count: u.count, ids: u.ids, lon: u.lon, lat: u.lat, childrenByLevel: u.childrenByLevel,
          countSourceByLevel: u.countSourceByLevel, geometry: geometryView(u),
        },
        context,
        network: networkInfo,
        bbox: [box.west, box.south, box.east, box.north],
        millis: performance.now() - t0,
      };
      return { ok: true, problems, dataset };
    },

    async compute(req: ComputeRequest, options: CallOptions = {}): Promise<ComputePayload> {
      // a newer compute supersedes the one running: it stops at its next stage
      running?.abort(cancelled('superseded by a newer computation'));
      const mine = new AbortController();
      running = mine;
      try {
        return await computeFor(req, options.signal ? AbortSignal.any([options.signal, mine.signal]) : mine.signal);
      } finally {
        if (running === mine) running = null;
      }
    },

    async compareScenarios({ token, plans }, options: CallOptions = {}) {
      const data = current;
      if (!data || data.token !== token) return [];
      const out = [];
      for (const plan of plans) {
        const d = await derivePlanAsync({ schools: data.schools, units: data.units, adjacency: data.adjacency, network: data.network }, plan, { mergers: false, signal: options.signal, onProgress });
        out.push({ id: plan.id, name: plan.name, outcomes: d.outcomes, problems: d.problems });
      }
      return out;
    },

    async balancePlans({ token, plan }, options: CallOptions = {}) {
      const data = current;
      if (!data || data.token !== token) throw new Error(`data set ${token} is not loaded in the engine`);
      const d = await derivePlanAsync({ schools: data.schools, units: data.units, adjacency: data.adjacency, network: data.network }, plan, { mergers: false, signal: options.signal, onProgress });
      const lp = await solverOnce();
      return whatItTakes(d.balance.after, balanceStandardFor(d.settings), lp, (s) => [d.schools.lon[s], d.schools.lat[s]]);
    },

    async proposeZones(req, options: CallOptions = {}) {
      const data = dataFor(req.token);
      const t0 = performance.now();
      options.onProgress?.('loading the solver');
      const lp = await solverOnce();
      const r = await proposeAlternatives(data, req.plan, {
        level: req.level, solver: lp, band: req.band, k: req.k, maxDistanceM: req.maxDistanceM, movedWeightM: req.movedWeightM,
        signal: options.signal, onProgress: options.onProgress,
      });
      return { ...r, millis: performance.now() - t0 };
    },

    async suggestClosures(req, options: CallOptions = {}) {
      const data = dataFor(req.token);
      options.onProgress?.('loading the solver');
      const lp = await solverOnce();
      await nextMacrotask();
      if (options.signal?.aborted) throw options.signal.reason;
      options.onProgress?.('solving');
      const { input } = proposeInputOf(data, req.plan, req.level);
      return suggestClosures(input, { level: req.level, solver: lp, count: req.count, closableBelow: req.closableBelow ?? undefined });
    },

    async unitDistances(req) {
      const data = dataFor(req.token);
      const u = data.units;
      if (req.network.distance === 'network' && data.network) return routeDistancesTo(data.network, u, req.network, req.lon, req.lat);
      return Float32Array.from({ length: u.count }, (_, i) => greatCircleMeters(u.lon[i], u.lat[i], req.lon, req.lat));
    },

    async scoreSites(req, options: CallOptions = {}) {
      const data = dataFor(req.token);
      await nextMacrotask();
      if (options.signal?.aborted) throw options.signal.reason;
      options.onProgress?.('scoring sites');
      const { input } = proposeInputOf(data, req.plan, req.level);
      return scoreSites(input, { level: req.level, capacity: req.capacity, sites: req.sites ?? undefined, best: req.best });
    },

    async importZones({ token, file }): Promise<ImportZonesResponse> {
      if (!current || current.token !== token) return { ok: false, problems: [{ severity: 'error', file: file.name, ...parts(coded('zonesStale', {}, 'the data set changed; open the zones file again')) }] };
      let fc: unknown;
      try {
        fc = JSON.parse(new TextDecoder().decode(file.bytes).replace(/^\ufeff/, ''));
      } catch (e) {
        const detail = (e as Error).message;
        return { ok: false, problems: [{ severity: 'error', file: file.name, ...parts(coded('zonesNotJson', { detail }, `not valid JSON (${detail}); expected GeoJSON zone polygons`)) }] };
      }
      const imp = importZones(fc as Parameters<typeof importZones>[0], file.name, current.schools, current.units);
      if (imp.problems.some((p) => p.severity === 'error')) return { ok: false, problems: imp.problems };
      return { ok: true, problems: imp.problems, zones: imp.zones, zoneByUnit: imp.zoneByUnit, unitsOutside: imp.unitsOutside };
    },
  };

  async function computeFor(req: ComputeRequest, signal: AbortSignal): Promise<ComputePayload> {
    if (signal.aborted) throw signal.reason;
    // the data set this computation started on, whatever opens while it runs
    const data = current;
    if (!data || data.token !== req.token) throw new Error(`data set ${req.token} is not loaded in the engine`);
    const t0 = performance.now();
    // the same derivation as every CLI command: (data, plan) -> everything shown
    const d = await derivePlanAsync({ schools: data.schools, units: data.units, adjacency: data.adjacency, network: data.network }, req.plan, { signal, onProgress });
    const { schools, units, nearest, result, projection } = d;
    // the outlines are the longest step: one more turn, so that a cancel or a newer compute skips them
    await nextMacrotask();
    if (signal.aborted) throw signal.reason;
    const assignments = result.assignments;
    const settings = req.plan.settings;
    // outlines depend only on who is assigned where: key on the assignment itself
    const key = `${req.token}:${assignments.map((a) => hashArray(a.schoolByUnit)).join(',')}`;
    let zones: Record<string, ZoneFeature[]> | null = null;
    if (!zonesCache || zonesCache.key !== key) {
      const fc = zonesGeoJSON(schools, units, assignments);
      const byLevel: Record<string, ZoneFeature[]> = {};
      for (const l of settings.levels) byLevel[l.id] = fc.features.filter((f) => f.properties.level === l.id);
      zonesCache = { key, zones: byLevel };
      zones = byLevel;
    }
    return {
      token: req.token,
      reports: result.schools,
      summary: result.summary,
      assignments: assignments.map((a) => ({ level: a.level, schoolByUnit: a.schoolByUnit, noSchool: a.noSchool, distanceByUnit: a.distanceByUnit, ...(a.straightByUnit && a.viaNetworkByUnit ? { straightByUnit: a.straightByUnit, viaNetworkByUnit: a.viaNetworkByUnit } : {}) })),
      // the nearest arrays are shared with the plain assignment when there are no overrides: copy them
      nearest: nearest.map((a) => ({ level: a.level, schoolByUnit: a.schoolByUnit.slice(), noSchool: a.noSchool, distanceByUnit: a.distanceByUnit.slice() })),
      checks: d.checks,
      projection,
      schools: { ids: schools.ids, names: schools.names, types: schools.types, status: schools.status, lon: schools.lon, lat: schools.lat, enrollment: schools.enrollment, capacity: schools.capacity, classrooms: schools.classrooms, teachers: schools.teachers, extra: schools.extra },
      routes: d.routes,
      outcomes: d.outcomes, balance: d.balance, moves: d.moves, mergers: d.mergers, scenarioProblems: d.problems, unknown: d.unknown,
      zones,
      millis: performance.now() - t0,
    };
  }
}

function geometryView(u: Units): UnitsGeometryView {
  const g = u.geometry;
  if (g.kind === 'polygons') {
    const features: GeoJSON.Feature[] = [];
    for (let i = 0; i < u.count; i++) {
      const polys = g.polygons[i];
      if (polys) features.push({ type: 'Feature', id: i, properties: {}, geometry: { type: 'MultiPolygon', coordinates: polys } });
    }
    return { kind: 'polygons', features: { type: 'FeatureCollection', features } };
  }
  if (g.kind === 'lattice') {
    const l = g.lattice;
    const project = toLonLat(l.crs);
    const at = (c: number, r: number) => project(l.x0 + c * l.dx, l.y0 + r * l.dy);
    // image corners: top-left, top-right, bottom-right, bottom-left of the grid as drawn
    const corners = [at(0, 0), at(l.cols, 0), at(l.cols, l.rows), at(0, l.rows)];
    return { kind: 'lattice', cols: l.cols, rows: l.rows, cellByUnit: l.cellByUnit, corners };
  }
  return { kind: 'points' };
}

/** FNV-1a over an assignment: cheap change detection for the outline cache. */
function hashArray(a: Uint16Array | Uint32Array): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < a.length; i++) h = Math.imul(h ^ a[i], 0x01000193);
  return `${a.length}:${(h >>> 0).toString(16)}`;
}
