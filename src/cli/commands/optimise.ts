import { assignmentCsvChunks, buildUnitAdjacency, derivePlan, planFileText, proposePlan, schoolsCsv } from '../../core/index';
import { str, UsageError, type OptionSpec, type Options } from '../args';
import { baselinePlan, chooseData, DATA_OPTIONS, dataOf, OUT_OPTION, PLAN_OPTION, prepare, ROUTE_OPTIONS } from '../inputs';
import { planOutputs, progressReporter, say, writeOutputs } from '../output';
import { loadSolver } from '../solver';

export const help = `Usage: npm run --silent cli -- optimise (--schools FILE --population FILE | --dataset DIR) --level LEVEL [--plan FILE]
       [--band LO,HI] [--k N] [--max-distance M] [--moved-weight M] [--no-contiguity] [--out DIR]

Proposes attendance zones for one level: least children x distance with each school's children within
LO-HI of its places (default 0.85,1.0), zones in one piece, locked areas and zones of the plan kept, over
each area's K nearest schools (default 6). --moved-weight M prices each child moved from the current plan
as M metres of travel. Solves a linear programme (HiGHS), rounds and repairs it, and reports the objective,
the LP lower bound and the gap. Writes to DIR (default ./out):
  plan.json       the proposed plan (open it in the app, or apply it with assign --plan)
  assignment.csv  unit_id,level,school_id,distance_m,children of the proposed plan
  schools.csv     one row per school under the proposed plan (the columns of assign)
  summary.json    objective, bound, gap, schools outside their band, children moved
Exit 0 on success, 1 on bad input, 2 on bad usage.
`;

export const options: OptionSpec[] = [
  ...DATA_OPTIONS, ...ROUTE_OPTIONS, PLAN_OPTION, { name: 'level', value: 'text' }, { name: 'band', value: 'text' }, { name: 'k', value: 'number' },
  { name: 'max-distance', value: 'number' }, { name: 'moved-weight', value: 'number' }, { name: 'no-contiguity', value: null }, OUT_OPTION,
];

const OUTPUTS = ['plan.json', 'assignment.csv', 'schools.csv', 'summary.json'];

export async function run(o: Options): Promise<number> {
  const level = str(o.level);
  if (!level) throw new UsageError('optimise needs --level LEVEL (e.g. primary)');
  const band = str(o.band)?.split(',').map(Number);
  if (band && (band.length !== 2 || !band.every((x) => Number.isFinite(x) && x >= 0) || band[0] > band[1])) throw new UsageError(`--band: "${str(o.band)}" is not LO,HI with 0 <= LO <= HI (e.g. 0.85,1)`);
  const dir = str(o.out) ?? 'out';
  const data = chooseData(o);
  const out = planOutputs(dir, OUTPUTS, data.inputs);
  const progress = progressReporter();
  const l = await prepare(o, data, { needs: 'optimise needs --schools FILE and --population FILE, or --dataset DIR', population: 'required', planOption: 'plan' }, progress);
  if (typeof l === 'number') return l;
  if (!l.settings.levels.some((x) => x.id === level)) throw new UsageError(`--level: "${level}" is not a level of the settings (${l.settings.levels.map((x) => x.id).join(', ')})`);
  const plan = l.plan ?? baselinePlan(l);
  const data2 = dataOf(l, buildUnitAdjacency(l.units));
  const solver = await loadSolver();
  const t0 = performance.now();
  const { plan: proposed, proposal } = proposePlan(data2, plan, {
    level, solver, band: band as [number, number] | undefined, k: o.k ? Number(o.k) : undefined,
    maxDistanceM: o['max-distance'] ? Number(o['max-distance']) : null, movedWeight: o['moved-weight'] ? Number(o['moved-weight']) : 0,
    contiguity: !o['no-contiguity'], onProgress: progress,
  });
  const seconds = (performance.now() - t0) / 1000;
  progress('deriving the proposed plan');
  const before = derivePlan(data2, plan, { mergers: false });
  const after = derivePlan(data2, proposed, { mergers: false });
  const over = (r: typeof after.result) => r.schools.filter((x) => x.status === 'open' && x.levels.includes(level) && x.capacity > 0 && (x.distanceByLevel[level]?.children ?? 0) > x.capacity).length;
  const summary = {
    version: 1, level, seconds, objective: proposal.objective, lowerBound: proposal.lowerBound, gap: proposal.gap, travelGap: proposal.travelGap,
    travelChildMeters: proposal.travelChildMeters, childrenMoved: proposal.childrenMoved, outsideBand: proposal.outsideBand,
    uncapped: proposal.uncapped, beyondMaxDistance: proposal.beyondMax, stats: proposal.stats,
    before: { schoolsOverCapacity: over(before.result), meanDistanceM: before.result.summary.meanDistanceMByLevel[level] },
    after: { schoolsOverCapacity: over(after.result), meanDistanceM: after.result.summary.meanDistanceMByLevel[level] },
    checks: after.checks.filter((c) => c.level === level),
  };
  writeOutputs(out, (w) => {
    w.write('plan.json', planFileText(proposed));
    w.write('assignment.csv', [...assignmentCsvChunks(after.units, after.schools, after.result, after.settings)].join(''));
    w.write('schools.csv', schoolsCsv(after.result, after.settings));
    w.write('summary.json', JSON.stringify(summary, null, 2));
  });
  progress('done');
  say(`Proposed ${level} zones in ${seconds.toFixed(1)} s: travel ${Math.round(proposal.travelChildMeters / 1000).toLocaleString('en-GB')} child-km, ${(proposal.travelGap * 100).toFixed(2)}% above the least travel possible (LP bound); gap with the band terms ${(proposal.gap * 100).toFixed(2)}%`);
  say(`  schools over capacity ${summary.before.schoolsOverCapacity} -> ${summary.after.schoolsOverCapacity}; mean distance ${Math.round(summary.before.meanDistanceM)} -> ${Math.round(summary.after.meanDistanceM)} m; ${Math.round(proposal.childrenMoved)} children moved from the current plan`);
  if (proposal.stats.planningUnits < proposal.stats.units) say(`  solved over ${proposal.stats.planningUnits.toLocaleString('en-GB')} planning units (areas of one grid cell with the same candidate schools) for ${proposal.stats.units.toLocaleString('en-GB')} areas; each area assigned whole; the bound is Lagrangian`);
  if (proposal.outsideBand.length) say(`  ${proposal.outsideBand.length} school(s) cannot be kept within their band: ${proposal.outsideBand.slice(0, 10).map((s) => `${s.name} ${s.by > 0 ? '+' : ''}${Math.round(s.by)}`).join('; ')}`);
  if (proposal.uncapped.length) say(`  ${proposal.uncapped.length} school(s) have no capacity in the data: their intake is not limited`);
  say(`Wrote ${OUTPUTS.map((f) => out.path(f)).join(', ')}`);
  return 0;
}
