import { allocateSchoolByUnit, assignNearest, candidateSchools, type LevelAssignment } from '../catchment/assignNearest';
import { summarise, type CatchmentResult } from '../catchment/computeCatchments';
import type { Schools, Units } from '../model';
import { compilePlan, type UnknownIds } from '../plan/applyPlan';
import { checkPlan, type PlanProblem } from '../plan/checks';
import type { Plan } from '../plan/plan';
import { applySchoolEdits } from '../plan/schoolEdits';
import { projectEnrollment, type ProjectionResult } from '../project/projectEnrollment';
import { chooseBaseYear } from '../project/baseYear';
import { applyActions } from '../scenario/actions';
import { balanceOfPlan, type PlanBalance } from '../balance/balanceOfPlan';
import { measureOutcomes, movesBetween, type Move, type Outcomes } from '../scenario/measureOutcomes';
import { suggestMergers, type MergerSuggestion } from '../scenario/mergerSuggestions';
import { levelsServed, type Settings } from '../settings/settings';
import { greatCircleMeters } from '../spatial/sphere';
import type { UnitAdjacency } from '../zones/unitAdjacency';
import type { RoadGraph } from '../network/roadGraph';
import { routeDistances, type RouteDistances } from '../network/routeDistances';
import { summariseRoutes, type RouteSummary } from '../network/routeSummary';

/** The loaded inputs a plan applies to. `adjacency` (touching units) enables the zone-piece checks. */
export interface DataSet {
  schools: Schools;
  units: Units;
  adjacency?: UnitAdjacency | null;
  /** the data set's road network (built once when the data set is opened), for route distances */
  network?: RoadGraph | null;
}

/** Everything derived from (data, plan). Nothing here is stored as truth. */
export interface Derivation {
  settings: Settings;
  /** schools after corrections and layout actions: the data's indices are kept, opened schools appended */
  schools: Schools;
  /** units after housing */
  units: Units;
  /** nearest-school assignment of the schools after the actions (what painting's eraser returns to) */
  nearest: LevelAssignment[];
  /** the plan's assignment with statistics, flags and the district summary */
  result: CatchmentResult;
  checks: PlanProblem[];
  projection: ProjectionResult;
  /** the same data and corrections, nearest-school zones, no actions */
  baseline: CatchmentResult;
  baselineSchools: Schools;
  moves: Move[];
  outcomes: Outcomes;
  /** the county balance evaluation (the settings' standard) before and after the layout actions */
  balance: PlanBalance;
  mergers: MergerSuggestion[];
  /** layout actions that could not be applied as asked, in words */
  problems: string[];
  /** ids the plan names that the data does not have: reported, not applied */
  unknown: UnknownIds;
  /** route distances (settings choose the network and the data set has one): the statutory test and where catchments differ; else null */
  routes: RouteSummary | null;
  /** the distance every figure used, unit to school (after the actions): what optimisers price */
  distance: (u: number, s: number) => number;
}

export interface DeriveOptions {
  /** checked between stages; a derivation that is no longer wanted stops early by throwing it */
  signal?: { aborted: boolean; reason?: unknown };
  /** leave out merger suggestions (they rank every undersized school) */
  mergers?: boolean;
  /** told each stage as it starts (the CLI prints them) */
  onProgress?: (stage: string) => void;
}

/**
 * The one function from (data, plan) to every figure the app, the CLI, the report and the tests show.
 *
 * The rule for drawn areas, locks and closed schools, in order, per unit and level:
 * 1. a drawn (or locked) area keeps its drawn school while that school is open and teaches the level;
 * 2. else, when the school it was with before the layout actions (its drawn school, else its nearest)
 *    was closed or merged by an action naming a receiver, it goes to that receiver (followed through
 *    chains of closures); a merged school whose campus is retained keeps its children travelling to its site;
 * 3. else it goes to its nearest open school of the level after the actions.
 * Drawn areas whose school is closed or does not teach the level are reported by the checks.
 * @example derivePlan({ schools, units }, plan).result.summary.flagCounts
 */
export function derivePlan(data: DataSet, plan: Plan, options: DeriveOptions = {}): Derivation {
  const stages = deriveStages(data, plan, options);
  for (let step = stages.next(); ; step = stages.next()) {
    if (step.done) return step.value;
    stopIfAborted(options.signal);
  }
}

/**
 * derivePlan that gives the event loop a turn (a macrotask) before and between its stages and checks
 * the signal after each turn, so that in a worker a cancel message, or a newer request, is read while
 * the derivation runs and stops it early. The same stages as derivePlan, so the same answer.
 * @example await derivePlanAsync(data, plan, { signal: controller.signal })
 */
export async function derivePlanAsync(data: DataSet, plan: Plan, options: DeriveOptions = {}): Promise<Derivation> {
  await nextMacrotask();
  stopIfAborted(options.signal);
  const stages = deriveStages(data, plan, options);
  for (let step = stages.next(); ; step = stages.next()) {
    if (step.done) return step.value;
    stopIfAborted(options.signal);
    await nextMacrotask();
    stopIfAborted(options.signal);
  }
}

function stopIfAborted(signal: DeriveOptions['signal']): void {
  if (signal?.aborted) throw signal.reason ?? new Error('derivation cancelled');
}

/** Resolves after the tasks already queued (messages, timers) have run: setImmediate in Node, a message in a worker. */
export function nextMacrotask(): Promise<void> {
  const g = globalThis as { setImmediate?: (f: () => void) => unknown; MessageChannel?: typeof MessageChannel };
  if (g.setImmediate) return new Promise((resolve) => { g.setImmediate!(resolve); });
  if (g.MessageChannel) {
    return new Promise((resolve) => {
      const channel = new g.MessageChannel!();
      channel.port1.onmessage = () => { channel.port1.close(); resolve(); };
      channel.port2.postMessage(null);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** The stages of the derivation; each `yield` is a point where it may be stopped (see derivePlan, derivePlanAsync). */
function* deriveStages(data: DataSet, plan: Plan, options: DeriveOptions): Generator<void, Derivation, void> {
  const settings = plan.settings;
  const progress = options.onProgress ?? (() => {});
  // route distances only when chosen and the data set has a network; the straight-line path is untouched
  const graph = settings.network?.distance === 'network' ? data.network ?? null : null;
  const routesOf = (u: Units, sc: Schools): RouteDistances | null => (graph ? routeDistances(graph, u, sc, settings.network) : null);
  const nearestOf = (u: Units, sc: Schools, r: RouteDistances | null) => settings.levels.map((l) => {
    progress(`assigning ${l.id}${r ? ' by route' : ''}`);
    const candidates = candidateSchools(sc, settings, l.id);
    return r ? r.nearest(candidates, l.id) : assignNearest(u, sc, candidates, l.id);
  });
  const edited = applySchoolEdits(data.schools, plan.schoolEdits).schools;
  const units0 = data.units;
  const routes0 = routesOf(units0, edited);
  const nearest0 = nearestOf(units0, edited, routes0);
  yield;
  // the current statistics are the base year's: housing occupied later joins the projections only
  const layout = applyActions(edited, units0, settings, plan.actions ?? [], chooseBaseYear(edited, settings).year);
  const schools = layout.schools, units = layout.units;
  const { levels: compiled, unknown } = compilePlan(plan, schools, units);
  const hasActions = (plan.actions ?? []).length > 0;
  if (hasActions) progress('applying the layout changes');
  const routes = hasActions ? routesOf(units, schools) : routes0;
  const nearest = hasActions ? nearestOf(units, schools, routes) : nearest0;
  const distance = routes ? routes.between : (u: number, s: number) => greatCircleMeters(units.lon[u], units.lat[u], schools.lon[s], schools.lat[s]);
  yield;
  const redirected: PlanProblem[] = [];
  const assignments = nearest.map((n, li) => {
    const level = n.level;
    const drawn = compiled[level]?.overrideByUnit;
    const receiver = layout.receiverBySchool[level];
    const n0 = nearest0[li];
    const teaches = (sc: Schools, s: number) => s >= 0 && s < sc.count && sc.status[s] === 'open' && levelsServed(settings, sc.types[s]).includes(level);
    const teachesAfter = new Uint8Array(schools.count);
    for (let s = 0; s < schools.count; s++) teachesAfter[s] = teaches(schools, s) ? 1 : 0;
    if (!drawn && !hasActions) return n;
    const { array: schoolByUnit } = allocateSchoolByUnit(schools.count, units.count);
    schoolByUnit.set(n.schoolByUnit);
    const distanceByUnit = n.distanceByUnit.slice();
    const straightByUnit = n.straightByUnit?.slice(), viaNetworkByUnit = n.viaNetworkByUnit?.slice();
    const lost = new Map<number, { units: number; children: number; u: number; to: Set<number> }>();
    for (let u = 0; u < units.count; u++) {
      const o = drawn ? drawn[u] : -1;
      let target = -1, site = -1;
      if (o >= 0 && teachesAfter[o]) target = o;
      else if (hasActions) {
        // the school the unit was with before the actions, then that school's receivers until one teaches the level
        let s = o >= 0 ? o : n0.schoolByUnit[u] === n0.noSchool ? -1 : n0.schoolByUnit[u];
        for (let steps = 0; s >= 0 && !teachesAfter[s] && steps < schools.count; steps++) {
          if (layout.campusRetained[s] && site < 0) site = s;
          s = receiver[s];
        }
        if (s >= 0 && teachesAfter[s] && s !== (o >= 0 ? o : n0.schoolByUnit[u])) target = s;
        else site = -1;
      }
      if (o >= 0 && target !== o) {
        const w = lost.get(o) ?? { units: 0, children: 0, u, to: new Set<number>() };
        w.units++; w.children += units.childrenByLevel[level][u];
        w.to.add(target >= 0 ? target : n.schoolByUnit[u]);
        lost.set(o, w);
      }
      if (target < 0 || (target === n.schoolByUnit[u] && site < 0)) continue;
      schoolByUnit[u] = target;
      const at = site >= 0 ? site : target;
      distanceByUnit[u] = distance(u, at);
      if (routes && straightByUnit && viaNetworkByUnit) {
        straightByUnit[u] = greatCircleMeters(units.lon[u], units.lat[u], schools.lon[at], schools.lat[at]);
        viaNetworkByUnit[u] = routes.routed(u, at) ? 1 : 0;
      }
    }
    const n0f = (x: number) => Math.round(x).toLocaleString('en-GB');
    for (const [s, w] of lost) {
      const closed = schools.status[s] !== 'open';
      const dest = [...w.to].filter((t) => t !== n.noSchool).map((t) => schools.names[t]);
      redirected.push({
        kind: closed ? 'closed_school' : 'wrong_level', level, schoolId: schools.ids[s], units: w.units, children: w.children,
        lon: units.lon[w.u], lat: units.lat[w.u],
        params: { children: Math.round(w.children), level, units: w.units, school: schools.names[s], status: schools.status[s], type: schools.types[s], dest: dest.length === 1 ? dest[0] : '', destCount: dest.length },
        message: `${n0f(w.children)} ${level} children (${w.units} area${w.units === 1 ? '' : 's'}) drawn onto ${schools.names[s]}, ${closed ? `which is ${schools.status[s]}` : `a ${schools.types[s].replace('_', ' ')} school that does not teach ${level}`}, go to ${dest.length === 1 ? dest[0] : dest.length ? `${dest.length} other schools` : 'no school'}`,
      });
    }
    return (routes ? { level, schoolByUnit, noSchool: n.noSchool, distanceByUnit, straightByUnit, viaNetworkByUnit } : { level, schoolByUnit, noSchool: n.noSchool, distanceByUnit }) as LevelAssignment;
  });
  yield;
  progress('statistics');
  const result = summarise(schools, units, settings, assignments);
  const baseline = hasActions || assignments.some((a, i) => a !== nearest0[i]) ? summarise(edited, units0, settings, nearest0) : result;
  yield;
  progress('checks and projections');
  const checks = [...redirected, ...checkPlan(schools, units, settings, assignments, nearest, data.adjacency ?? null, result.schools)];
  const projection = projectEnrollment(schools, units, settings, assignments, { housing: layout.housing });
  yield;
  const moves = movesBetween(edited, units0, baseline.assignments, schools, units, assignments, layout.gradeMoves, settings, routes ? distance : undefined);
  const balance = balanceOfPlan(settings, plan.actions ?? [], { schools: edited, reports: baseline.schools }, { schools, reports: result.schools }, moves);
  const outcomes = measureOutcomes(baseline, units0, result, units, moves, projection, settings, balance);
  const mergers = options.mergers === false ? [] : suggestMergers(schools, units, settings, result, routes ? { distance, schoolToSchool: routes.schoolToSchool } : {});
  let routeSummary: RouteSummary | null = null;
  if (routes) {
    progress('walking distance by route');
    const straight = settings.levels.map((l) => assignNearest(units, schools, candidateSchools(schools, settings, l.id), l.id));
    routeSummary = summariseRoutes(schools, units, settings, assignments, nearest, straight);
  }
  const problems = settings.network?.distance === 'network' && !data.network
    ? [...layout.problems, 'route distance is chosen but this data set has no road network: every distance is a straight line']
    : layout.problems;
  return { settings, schools, units, nearest, result, checks, projection, baseline, baselineSchools: edited, moves, outcomes, balance, mergers, problems, unknown, routes: routeSummary, distance };
}
