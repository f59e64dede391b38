import { accessSync, constants, statSync } from 'node:fs';
import type { EnglishProblem } from '../../core/index';
import { UsageError, type OptionSpec, type Options } from '../args';
import { chooseData, DATA_OPTIONS, describeColumns, loadInputs, SETTINGS_OPTION } from '../inputs';
import { printProblems, say } from '../output';

export const help = `Usage: npm run --silent cli -- validate [--schools FILE] [--population FILE] [--settings FILE] [--dataset DIR]

Checks the files and prints every problem as "file:row: field: message" (GeoJSON: "file:feature N").
Warnings are marked "warning:". With --dataset DIR, checks the files named by DIR/dataset.json (and that its
context files exist); --schools, --population and --settings given as well take their place.
Exit 0 when the files load (warnings allowed), 1 otherwise, 2 on bad usage.
`;

export const options: OptionSpec[] = [...DATA_OPTIONS, SETTINGS_OPTION];

export async function run(o: Options): Promise<number> {
  if (o.schools === undefined && o.population === undefined && o.dataset === undefined) throw new UsageError('validate needs --schools FILE and/or --population FILE, or --dataset DIR');
  const data = chooseData(o);
  const problems: EnglishProblem[] = [...data.problems];
  if (data.manifest) {
    for (const c of data.manifest.context) {
      try {
        if (!statSync(c).isFile()) throw Object.assign(new Error('is a folder; expected a file'), { code: 'EISDIR' });
        accessSync(c, constants.R_OK);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        problems.push({ severity: 'error', file: c, message: code === 'ENOENT' ? `file not found (named in ${data.manifest.file} as context)` : code === 'EISDIR' ? 'is a directory; expected a file' : `cannot read (${(e as Error).message})` });
      }
    }
  }
  const manifestFailed = data.problems.some((p) => p.severity === 'error');
  const inputs = manifestFailed ? null : await loadInputs({ schools: data.schools, population: data.population, births: data.births, settings: data.settings }, () => {});
  if (inputs) problems.push(...inputs.problems);
  const { errors, warnings } = printProblems(problems);
  if (inputs) describeColumns(inputs.schools, inputs.units);
  if (data.manifest) {
    const m = data.manifest;
    const files = [m.schools, m.population, m.settings, ...m.context].filter((f): f is string => !!f);
    say(`${m.file}: data set ${m.name !== null ? `"${m.name}"` : '(no name)'}${m.id !== null ? ` (${m.id})` : ''}; ${files.length} file(s): ${files.join(', ')}`);
  }
  say(errors ? `FAILED: ${errors} error(s), ${warnings} warning(s)` : `OK: loadable with ${warnings} warning(s)`);
  return errors ? 1 : 0;
}
