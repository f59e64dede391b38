import type { LpSolver } from '../optimise/lpSolver';
import type { BalanceStandard } from './balanceStandards';
import type { BalanceEvaluation } from './evaluateBalance';
import { additionPlan, rotationPlan, type AdditionPlan, type RotationPlan } from './passBalance';

/** What it takes to pass: per failing indicator, the rotation (movable resources) or the least addition. */
export interface WhatItTakes {
  rotations: (RotationPlan & { level: string })[];
  additions: (AdditionPlan & { level: string })[];
}

/**
 * For every indicator whose CV fails its threshold: the fewest teacher transfers when the resource
 * is movable, else the least amount to add. The CLI's `balance` and the app's Balance tab both call it.
 * @example whatItTakes(d.balance.after, balanceStandardFor(settings), solver, (s) => [lon[s], lat[s]]).rotations
 */
export function whatItTakes(e: BalanceEvaluation, standard: BalanceStandard, solver: LpSolver, lonLat: (index: number) => [number, number]): WhatItTakes {
  const out: WhatItTakes = { rotations: [], additions: [] };
  for (const lv of e.levels) for (const ind of lv.indicators) {
    // under a composite rule no single indicator fails: the ones above the composite limit are the ones to fix
    const failing = ind.pass === false || (e.standard.rule === 'composite' && lv.pass === false && ind.cv > ind.threshold);
    if (!failing || !Number.isFinite(ind.threshold)) continue;
    if (standard.indicators.find((x) => x.id === ind.id)?.movable) out.rotations.push({ level: lv.level, ...rotationPlan(ind, ind.threshold, solver, lonLat) });
    else out.additions.push({ level: lv.level, ...additionPlan(ind, ind.threshold) });
  }
  return out;
}
