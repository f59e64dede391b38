import { derivePlanAsync, nextMacrotask, type DataSet, type Derivation } from '../derive/derivePlan';
import type { Plan } from '../plan/plan';
import { weightedQuantile } from '../stats/weightedQuantile';
import type { SchoolOutsideBand } from './proposeZones';
import { proposePlan } from './proposePlan';
import type { LpSolver } from './lpSolver';

/** One alternative's weights: what a moved child costs, and the capacity band (narrower = more even use). */
export interface AlternativeWeights {
  id: 'travel' | 'moves' | 'balance';
  /** metres of travel one child moved from the current plan is worth */
  movedWeightM: number;
  band: [number, number];
}

export interface PlanFigures {
  /** open schools of the level whose children (all levels) exceed their capacity */
  schoolsOverCapacity: number;
  meanDistanceM: number;
  p90DistanceM: number;
  children: number;
}

export interface Alternative {
  weights: AlternativeWeights;
  plan: Plan;
  figures: PlanFigures;
  childrenMoved: number;
  objective: number;
  lowerBound: number;
  gap: number;
  travelGap: number;
  outsideBand: SchoolOutsideBand[];
  uncapped: string[];
  seconds: number;
  /** areas and the planning units the programme was solved over (fewer on large grids: the bound is then Lagrangian) */
  units: number;
  planningUnits: number;
}

export interface AlternativesOptions {
  level: string;
  solver: LpSolver;
  band: [number, number];
  k?: number;
  maxDistanceM?: number | null;
  contiguity?: boolean;
  /** the price of a moved child in the "fewest moves" alternative (the "even use" one takes a quarter of it) */
  movedWeightM: number;
  signal?: AbortSignal;
  onProgress?: (stage: string) => void;
}

/**
 * The three weightings "Propose zones" offers side by side: least travel (no price on moves), fewest
 * children moved (each moved child priced), and even use (the upper half of the band only, moves at a
 * quarter of the price): a narrower band is how utilisation balance enters the programme.
 */
export function alternativeWeights(band: [number, number], movedWeightM: number): AlternativeWeights[] {
  const [lo, hi] = band;
  return [
    { id: 'travel', movedWeightM: 0, band: [lo, hi] },
    { id: 'moves', movedWeightM, band: [lo, hi] },
    { id: 'balance', movedWeightM: movedWeightM / 4, band: [lo + (hi - lo) / 2, hi] },
  ];
}

/** Schools over capacity, mean and 90th-percentile home-school distance of one level of a derivation. */
export function planFigures(d: Derivation, level: string): PlanFigures {
  const a = d.result.assignments.find((x) => x.level === level);
  const w = d.units.childrenByLevel[level];
  const schoolsOverCapacity = d.result.schools.filter((r) => r.status === 'open' && r.levels.includes(level) && r.capacity > 0 && r.demand > r.capacity).length;
  if (!a || !w) return { schoolsOverCapacity, meanDistanceM: NaN, p90DistanceM: NaN, children: 0 };
  const dist = new Float64Array(d.units.count), weight = new Float64Array(d.units.count);
  let sum = 0, children = 0;
  for (let u = 0; u < d.units.count; u++) {
    if (a.schoolByUnit[u] === a.noSchool || !(w[u] > 0)) continue;
    dist[u] = a.distanceByUnit[u]; weight[u] = w[u];
    sum += w[u] * a.distanceByUnit[u]; children += w[u];
  }
  return { schoolsOverCapacity, meanDistanceM: children > 0 ? sum / children : NaN, p90DistanceM: children > 0 ? weightedQuantile(dist, weight, 0.9) : NaN, children };
}

/**
 * Proposes the level's zones three times, one per weighting, each as a new plan with its figures
 * (derived by derivePlan like any plan) and the current plan's figures to compare with. The event
 * loop gets a turn between solves, so that a cancel stops the work before the next one.
 * @example (await proposeAlternatives(data, plan, { level: 'primary', solver, band: [0.85, 1], movedWeightM: 1000 })).alternatives[0].gap
 */
export async function proposeAlternatives(data: DataSet, plan: Plan, o: AlternativesOptions): Promise<{ before: PlanFigures; alternatives: Alternative[] }> {
  const stop = () => { if (o.signal?.aborted) throw o.signal.reason ?? new Error('cancelled'); };
  const progress = o.onProgress ?? (() => {});
  progress('current plan');
  const before = planFigures(await derivePlanAsync(data, plan, { mergers: false, signal: o.signal }), o.level);
  const alternatives: Alternative[] = [];
  const specs = alternativeWeights(o.band, o.movedWeightM);
  for (const [i, weights] of specs.entries()) {
    await nextMacrotask();
    stop();
    const t0 = performance.now();
    const { plan: proposed, proposal } = proposePlan(data, plan, {
      level: o.level, solver: o.solver, band: weights.band, movedWeight: weights.movedWeightM, k: o.k, maxDistanceM: o.maxDistanceM, contiguity: o.contiguity,
      name: `${plan.name} (${o.level}: ${weights.id})`,
      onProgress: (stage) => progress(`${i + 1}/${specs.length} ${weights.id}: ${stage}`),
    });
    const seconds = (performance.now() - t0) / 1000;
    progress(`${i + 1}/${specs.length} ${weights.id}: figures`);
    const d = await derivePlanAsync(data, proposed, { mergers: false, signal: o.signal });
    alternatives.push({
      weights, plan: proposed, figures: planFigures(d, o.level), childrenMoved: proposal.childrenMoved, objective: proposal.objective, lowerBound: proposal.lowerBound,
      gap: proposal.gap, travelGap: proposal.travelGap, outsideBand: proposal.outsideBand, uncapped: proposal.uncapped, seconds, units: proposal.stats.units, planningUnits: proposal.stats.planningUnits,
    });
  }
  return { before, alternatives };
}
