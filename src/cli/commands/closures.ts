import { addAction, csvText, planFileText, proposeInputOf, suggestClosures } from '../../core/index';
import { str, UsageError, type OptionSpec, type Options } from '../args';
import { baselinePlan, chooseData, DATA_OPTIONS, dataOf, OUT_OPTION, PLAN_OPTION, prepare, ROUTE_OPTIONS } from '../inputs';
import { planOutputs, progressReporter, say, writeOutputs } from '../output';
import { loadSolver } from '../solver';

export const help = `Usage: npm run --silent cli -- closures (--schools FILE --population FILE | --dataset DIR) --level LEVEL --count N
       [--below PUPILS] [--max-use SHARE] [--plan FILE] [--out DIR]

Which N schools of a level to close (only those under PUPILS pupils with --below) so that the added travel
is least while the receiving schools stay within SHARE of their places (default 1.0): a capacitated
p-median linear programme (HiGHS) with its lower bound and gap. Writes to DIR (default ./out):
  closures.csv   school_id,name,pupils,open_share
  scenario.json  the plan with the closures as layout changes (open it in the app or run scenario)
  summary.json   travel before and after, children moved, added travel per moved child, bound, gap
Exit 0 on success, 1 on bad input, 2 on bad usage.
`;

export const options: OptionSpec[] = [...DATA_OPTIONS, ...ROUTE_OPTIONS, PLAN_OPTION, { name: 'level', value: 'text' }, { name: 'count', value: 'number' }, { name: 'below', value: 'number' }, { name: 'max-use', value: 'number' }, OUT_OPTION];

const OUTPUTS = ['closures.csv', 'scenario.json', 'summary.json'];

export async function run(o: Options): Promise<number> {
  const level = str(o.level);
  const count = Number(o.count);
  if (!level || !Number.isInteger(count) || count < 1) throw new UsageError('closures needs --level LEVEL and --count N (a whole number from 1)');
  const dir = str(o.out) ?? 'out';
  const data = chooseData(o);
  const out = planOutputs(dir, OUTPUTS, data.inputs);
  const progress = progressReporter();
  const l = await prepare(o, data, { needs: 'closures needs --schools FILE and --population FILE, or --dataset DIR', population: 'required', planOption: 'plan' }, progress);
  if (typeof l === 'number') return l;
  if (!l.settings.levels.some((x) => x.id === level)) throw new UsageError(`--level: "${level}" is not a level of the settings`);
  const plan = l.plan ?? baselinePlan(l);
  const solver = await loadSolver();
  progress('solving');
  let s;
  try {
    s = suggestClosures(proposeInputOf(dataOf(l), plan, level).input, { level, solver, count, closableBelow: o.below ? Number(o.below) : undefined, maxUse: o['max-use'] ? Number(o['max-use']) : undefined });
  } catch (e) {
    say(`FAILED: ${(e as Error).message}`);
    return 1;
  }
  let scenario = { ...plan, name: `${plan.name}: close ${count} ${level}` };
  for (const c of s.close) scenario = addAction(scenario, { kind: 'close', school: c.id });
  writeOutputs(out, (w) => {
    w.write('closures.csv', csvText(['school_id', 'name', 'pupils', 'open_share'], s.close.map((c) => [c.id, c.name, c.pupils, c.openShare])));
    w.write('scenario.json', planFileText(scenario));
    w.write('summary.json', JSON.stringify({ version: 1, level, count, ...s }, null, 2));
  });
  progress('done');
  say(`Close ${s.close.map((c) => `${c.name} (${Math.round(c.pupils)})`).join(', ')}`);
  say(`  ${Math.round(s.childrenMoved)} children move, ${Math.round(s.addedTravelPerMovedChildM)} m more each on average; gap to the LP bound ${(s.gap * 100).toFixed(2)}%${s.overLimit.length ? `; ${s.overLimit.length} receiving school(s) above their limit` : ''}`);
  say(`Wrote ${OUTPUTS.map((f) => out.path(f)).join(', ')}`);
  return 0;
}
