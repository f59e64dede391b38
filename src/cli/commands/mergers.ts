import { derivePlan, mergersCsv, suggestMergers } from '../../core/index';
import { str, type OptionSpec, type Options } from '../args';
import { baselinePlan, chooseData, DATA_OPTIONS, dataOf, OUT_OPTION, prepare, SETTINGS_OPTION, ROUTE_OPTIONS } from '../inputs';
import { planOutputs, say, writeOutputs } from '../output';

export const help = `Usage: npm run --silent cli -- mergers (--schools FILE --population FILE | --dataset DIR) [--settings FILE] [--same FIELD] [--out DIR]

Lists undersized schools with the best receiving school for each (nearest of the same levels with spare
places, keeping the moved children within the distance standard), ranked by added travel per moved child.
--same FIELD only merges schools with the same value of FIELD (e.g. management_type). Writes DIR/mergers.csv.
--dataset DIR reads the files named by DIR/dataset.json (its settings too); --schools, --population and
--settings given as well take their place.
Exit 0 on success, 1 on bad input, 2 on bad usage.
`;

export const options: OptionSpec[] = [...DATA_OPTIONS, ...ROUTE_OPTIONS, SETTINGS_OPTION, { name: 'same', value: 'text' }, OUT_OPTION];

export async function run(o: Options): Promise<number> {
  const dir = str(o.out) ?? 'out';
  const data = chooseData(o);
  const out = planOutputs(dir, ['mergers.csv'], data.inputs);
  const l = await prepare(o, data, { needs: 'mergers needs --schools FILE and --population FILE, or --dataset DIR', population: 'required' }, () => {});
  if (typeof l === 'number') return l;
  const d = derivePlan(dataOf(l), baselinePlan(l), { mergers: false });
  const m = suggestMergers(d.schools, d.units, d.settings, d.result, { sameField: str(o.same) });
  writeOutputs(out, (w) => w.write('mergers.csv', mergersCsv(m)));
  const ok = m.filter((x) => x.respectsStandard);
  say(`${m.length} undersized schools; ${ok.length} could merge within the distance standard; ${m.length - ok.length} could not`);
  say(`Wrote ${out.path('mergers.csv')}`);
  return 0;
}
