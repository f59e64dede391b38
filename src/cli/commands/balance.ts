import { BALANCE_STANDARDS, balanceCsv, balanceSchoolsCsv, balanceSettingsOf, balanceStandardFor, derivePlan, whatItTakes } from '../../core/index';
import { str, UsageError, type OptionSpec, type Options } from '../args';
import { baselinePlan, chooseData, DATA_OPTIONS, dataOf, OUT_OPTION, PLAN_OPTION, prepare } from '../inputs';
import { planOutputs, progressReporter, say, writeOutputs } from '../output';
import { loadSolver } from '../solver';

export const help = `Usage: npm run --silent cli -- balance (--schools FILE [--population FILE] | --dataset DIR) [--plan FILE]
       [--standard basic2012|quality2017|resources] [--out DIR]

The county balance evaluation: per level, each indicator's county value and student-weighted coefficient of
variation against its threshold (basic2012: the mean of 8 CVs, primary <= 0.65, junior <= 0.55; quality2017:
every CV <= 0.50 / 0.45 and each school meeting 6 of 7 standards with the rest at 85%; resources: teachers,
classrooms and places, the default). Nine-year schools are split between levels by pupils (junior x 1.1).
Indicators the data lacks are "not assessed". For a failing movable indicator (teachers) it finds the
fewest transfers between schools that pass (HiGHS). Writes to DIR (default ./out):
  balance.csv          level,indicator,name,county_value,cv,threshold,pass,not_assessed
  balance_schools.csv  level,school_id,name,pupils,indicator,value,share_of_variation
  balance.json         everything above, per-school standards and the transfer plans
Exit 0 on success, 1 on bad input, 2 on bad usage.
`;

export const options: OptionSpec[] = [...DATA_OPTIONS, PLAN_OPTION, { name: 'standard', value: 'text' }, OUT_OPTION];

const OUTPUTS = ['balance.csv', 'balance_schools.csv', 'balance.json'];

export async function run(o: Options): Promise<number> {
  const id = str(o.standard);
  if (id !== undefined && !Object.hasOwn(BALANCE_STANDARDS, id)) throw new UsageError(`--standard: "${id}" is not one of ${Object.keys(BALANCE_STANDARDS).join(', ')}`);
  const dir = str(o.out) ?? 'out';
  const data = chooseData(o);
  const out = planOutputs(dir, OUTPUTS, data.inputs);
  const progress = progressReporter();
  const l = await prepare(o, data, { needs: 'balance needs --schools FILE (and --population FILE), or --dataset DIR', population: 'optional', planOption: 'plan' }, progress);
  if (typeof l === 'number') return l;
  // the plan's own balance settings, with --standard choosing the evaluation: the same derivation as the app's
  const plan0 = l.plan ?? baselinePlan(l);
  const plan = id === undefined ? plan0 : { ...plan0, settings: { ...plan0.settings, balance: { ...balanceSettingsOf(plan0.settings), standard: id } } };
  const d = derivePlan(dataOf(l), plan, { mergers: false });
  const e = d.balance.after;
  const standard = balanceStandardFor(d.settings);
  const solver = await loadSolver();
  const takes = whatItTakes(e, standard, solver, (s) => [d.schools.lon[s], d.schools.lat[s]]);
  const plans = takes.rotations;
  writeOutputs(out, (w) => {
    w.write('balance.csv', balanceCsv(e));
    w.write('balance_schools.csv', balanceSchoolsCsv(e));
    w.write('balance.json', JSON.stringify({ version: 1, ...e, before: d.balance.before, notes: d.balance.notes, rotations: plans, additions: takes.additions }, null, 2));
  });
  progress('done');
  say(`${standard.name} (${standard.source})`);
  for (const lv of e.levels) {
    say(`  ${lv.level}: ${lv.schools} schools, ${Math.round(lv.pupils)} pupils${lv.excluded.length ? `, ${lv.excluded.length} left out` : ''}`);
    for (const i of lv.indicators) say(`    ${i.name.en}: ${i.notAssessed ?? `county ${i.countyValue.toFixed(2)}, CV ${i.cv.toFixed(3)} (limit ${i.threshold})${i.pass === null ? '' : i.pass ? ' pass' : ' FAIL'}`}`);
    if (standard.rule === 'composite') say(`    composite: ${Number.isFinite(lv.composite) ? `${lv.composite.toFixed(3)} (limit ${lv.compositeThreshold})${lv.pass ? ' pass' : ' FAIL'}` : 'not assessed'}`);
  }
  for (const p of plans) say(`  to pass ${p.level} ${p.indicator}: move ${p.moved.toFixed(1)} in ${p.transfers.length} transfer(s); CV ${p.cvBefore.toFixed(3)} -> ${p.cvAfter.toFixed(3)}`);
  for (const a of takes.additions) say(`  to pass ${a.level} ${a.indicator}: add ${a.added.toFixed(1)} in ${a.additions.length} school(s); CV ${a.cvBefore.toFixed(3)} -> ${a.cvAfter.toFixed(3)}`);
  say(`Wrote ${OUTPUTS.map((f) => out.path(f)).join(', ')}`);
  return 0;
}
