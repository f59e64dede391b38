import { buildUnitAdjacency, derivePlan, movesCsv, outcomesCsv, schoolsCsv } from '../../core/index';
import { str, type OptionSpec, type Options } from '../args';
import { chooseData, DATA_OPTIONS, dataOf, OUT_OPTION, prepare, ROUTE_OPTIONS, BIRTHS_OPTION, BIRTHS_HELP } from '../inputs';
import { planOutputs, progressReporter, say, writeOutputs } from '../output';
import { routeFigures, sayRoutes } from '../routeReport';

export const help = `Usage: npm run --silent cli -- scenario (--schools FILE --population FILE | --dataset DIR) --scenario FILE [--births FILE] [--distance network|straight] [--network FILE] [--out DIR]

Applies a scenario file exported by the app (a plan with layout actions) and writes to DIR (default ./out):
  outcomes.json  the outcome tables (schools by level, children moved, travel, receiving schools, flags resolved
                 and created, capacity freed, balance statistics) and the merger suggestions of the scenario
  schools.csv    one row per school after the scenario (the columns of assign)
  moves.csv      unit_id,level,from_school,to_school,children,distance_before_m,distance_after_m
  outcomes.csv   the outcome tables as table,level,item,measure,before,after
The scenario carries its own settings; --distance network|straight overrides their distance (network:
along the data set's road lines or --network FILE; off the network, the straight line). --dataset DIR reads the files named by DIR/dataset.json; --schools
and --population given as well take their place. Ids the scenario names that the data does not have are
listed as warnings.
${BIRTHS_HELP}
Exit 0 on success, 1 on bad input, 2 on bad usage.
`;

export const options: OptionSpec[] = [...DATA_OPTIONS, BIRTHS_OPTION, ...ROUTE_OPTIONS, { name: 'scenario', value: 'file' }, OUT_OPTION];

const OUTPUTS = ['outcomes.json', 'outcomes.csv', 'schools.csv', 'moves.csv'];

export async function run(o: Options): Promise<number> {
  const dir = str(o.out) ?? 'out';
  const data = chooseData(o, 'scenario');
  const out = planOutputs(dir, OUTPUTS, data.inputs);
  const progress = progressReporter();
  const l = await prepare(o, data, { needs: 'scenario needs --schools FILE, --population FILE and --scenario FILE (or --dataset DIR and --scenario FILE)', population: 'required', planOption: 'scenario', planRequired: true }, progress);
  if (typeof l === 'number') return l;
  const plan = l.plan!;
  const path = l.planPath!;
  progress('applying the scenario');
  const sc = derivePlan(dataOf(l, buildUnitAdjacency(l.units)), plan);
  sc.problems.forEach((p) => say(`${path}: ${p}`));
  const u = sc.unknown;
  if (u.units.length || u.schools.length) say(`warning: the plan names ${u.units.length} unknown unit(s) and ${u.schools.length} unknown school(s); they were left out`);
  const mergers = sc.mergers;
  writeOutputs(out, (w) => {
    w.write('outcomes.json', JSON.stringify({ version: 1, scenario: { name: plan.name, actions: plan.actions ?? [] }, ...sc.outcomes, mergerSuggestions: mergers, problems: sc.problems, checks: sc.checks, ...(sc.routes ? { routes: routeFigures(sc, sc.schools) } : {}) }, null, 2));
    w.write('schools.csv', schoolsCsv(sc.result, plan.settings, sc.routes));
    w.write('moves.csv', movesCsv(sc.moves));
    w.write('outcomes.csv', outcomesCsv(sc.outcomes));
  });
  progress('done');
  const oc = sc.outcomes;
  say(`Scenario "${plan.name}": ${(plan.actions ?? []).length} action(s)`);
  for (const lv of oc.schoolsByLevel) say(`  ${lv.level}: ${lv.before} -> ${lv.after} schools; ${Math.round(oc.childrenMoved[lv.level])} children change school; mean distance ${Math.round(oc.travel[lv.level].allBefore.meanM)} -> ${Math.round(oc.travel[lv.level].allAfter.meanM)} m`);
  sayRoutes(sc, l.units.count);
  say(`  flags resolved ${oc.flagsResolved.length}, created ${oc.flagsCreated.length}; capacity freed ${Number.isFinite(oc.capacityFreed) ? Math.round(oc.capacityFreed) : 'not assessed (capacity not in the data)'}`);
  say(`Wrote ${OUTPUTS.map((f) => out.path(f)).join(', ')}`);
  return 0;
}
