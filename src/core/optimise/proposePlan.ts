import { derivePlan, type DataSet, type Derivation } from '../derive/derivePlan';
import { compilePlan } from '../plan/applyPlan';
import type { Plan, PlanLevel } from '../plan/plan';
import { levelsServed } from '../settings/settings';
import { unitId } from '../model';
import { proposeZones, type ProposedZones, type ProposeInput, type ProposeOptions } from './proposeZones';

/**
 * Proposes zones for one level of a plan and returns them as a new plan record: the same data,
 * corrections and layout changes, the level's areas drawn where the optimiser put them (only those
 * not at their nearest school), locks kept. Everything else is derived from it as for any plan.
 * @example proposePlan({ schools, units, adjacency }, plan, { level: 'primary', solver }).proposal.gap
 */
export function proposePlan(data: DataSet, plan: Plan, options: ProposeOptions & { name?: string }): { plan: Plan; proposal: ProposedZones } {
  const level = options.level;
  const { input, derivation: d } = proposeInputOf(data, plan, level);
  const n = d.nearest.find((x) => x.level === level)!;
  const a = d.result.assignments.find((x) => x.level === level)!;
  const proposal = proposeZones(input, options);
  const prev = plan.levels[level];
  const overrides: Record<string, string> = {};
  for (let u = 0; u < d.units.count; u++) {
    const s = proposal.schoolByUnit[u];
    if (s !== a.noSchool && s !== n.schoolByUnit[u]) overrides[unitId(d.units, u)] = d.schools.ids[s];
  }
  // locked units keep their pinned school in the record
  for (const u of prev?.lockedUnits ?? []) if (prev!.overrides[u]) overrides[u] = prev!.overrides[u];
  const level2: PlanLevel = { overrides, lockedUnits: [...(prev?.lockedUnits ?? [])], lockedSchools: [...(prev?.lockedSchools ?? [])] };
  const now = new Date().toISOString();
  const served = d.schools.ids.filter((_, s) => levelsServed(d.settings, d.schools.types[s]).includes(level)).length;
  const out: Plan = {
    ...structuredClone(plan), id: `plan-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`,
    name: options.name ?? `${plan.name} (proposed ${level})`,
    note: `Proposed ${level} zones over ${served} schools: travel ${Math.round(proposal.travelChildMeters / 1000).toLocaleString('en-GB')} child-km, ${Math.round(proposal.childrenMoved)} children moved, gap to the LP bound ${(proposal.gap * 100).toFixed(2)}%.`,
    createdAt: now, updatedAt: now,
    levels: { ...structuredClone(plan.levels), [level]: level2 },
  };
  return { plan: out, proposal };
}

/**
 * One level of a plan as the optimisers take it: the schools and units after the plan's changes,
 * its current assignment, what locks fix, and the places other levels already use.
 */
export function proposeInputOf(data: DataSet, plan: Plan, level: string): { input: ProposeInput; derivation: Derivation } {
  const d = derivePlan(data, plan, { mergers: false });
  const a = d.result.assignments.find((x) => x.level === level);
  if (!a) throw new Error(`"${level}" is not a level of the plan's settings`);
  const { levels } = compilePlan(plan, d.schools, d.units);
  const compiled = levels[level];
  const fixed = new Uint8Array(d.units.count);
  const closedToNew = new Set<number>(compiled?.lockedSchools ?? []);
  for (let u = 0; u < d.units.count; u++) {
    if (compiled?.lockedByUnit[u]) fixed[u] = 1;
    if (closedToNew.has(a.schoolByUnit[u])) fixed[u] = 1;
  }
  const otherLevelDemand = new Float64Array(d.schools.count);
  for (const r of d.result.schools) {
    for (const l of r.levels) if (l !== level) otherLevelDemand[r.index] += r.distanceByLevel[l]?.children ?? 0;
  }
  return {
    input: { schools: d.schools, units: d.units, settings: d.settings, adjacency: data.adjacency ?? null, current: a.schoolByUnit, noSchool: a.noSchool, fixed, closedToNew, otherLevelDemand, ...(d.routes ? { distance: d.distance } : {}) },
    derivation: d,
  };
}
