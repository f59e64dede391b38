import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { assignmentCsvChunks, buildUnitAdjacency, derivePlan, FLAG_NAMES, formatProblem, movesCsv, newPlan, outcomesCsv, parsePlanFile, projectionsCsv, schoolsCsv, suggestMergers, zonesGeoJSON, type DataSet, type Derivation, type Plan, type PlanProblem, type Settings } from '../core/index';
import { parseArgs, UsageError, type Args } from './args';
import { loadInputs, type Inputs } from './inputs';
import { mergersCsv } from '../core/report/csvReports';

const HELP: Record<string, string> = {
  main: `School zoning planner command line

Usage: npm run --silent cli -- <command> [options]

Commands:
  validate   check schools and/or population files and list every problem
  assign     nearest-school catchments, statistics, flags and zone outlines
  project    enrollment, classes and flags of every school, year by year
  scenario   apply a layout scenario (closures, mergers, openings, housing) and measure its outcomes
  mergers    undersized schools with the best receiving school for each

Run a command with --help for its options. Exit codes: 0 success, 1 bad input, 2 bad usage.
`,
  validate: `Usage: npm run --silent cli -- validate [--schools FILE] [--population FILE] [--settings FILE]

Checks the files and prints every problem as "file:row: field: message" (GeoJSON: "file:feature N").
Warnings are marked "warning:". Exit 0 when the files load (warnings allowed), 1 otherwise.
`,
  assign: `Usage: npm run --silent cli -- assign --schools FILE --population FILE [--settings FILE | --plan FILE] [--out DIR]

Assigns every population unit to its nearest open school of each level and writes to DIR (default ./out).
With --plan, applies a plan exported by the app (its settings, school corrections and drawn zones; the
files must be the ones the plan was drawn on) and also reports the plan's checks. Outputs:
  assignment.csv  unit_id,level,school_id,distance_m,children
  schools.csv     one row per school: statistics and a ";"-separated flags column
  zones.geojson   one dissolved MultiPolygon per school and level
  summary.json    district summary, settings and input fingerprints
Progress goes to stderr; a short summary to stdout. Exit 0 on success, 1 on bad input.
`,
};

HELP.project = `Usage: npm run --silent cli -- project --schools FILE --population FILE [--plan FILE | --settings FILE] [--years N] [--out DIR]

Projects every school's enrollment by grade for N years (default: the settings' horizon, 6) with grade
progression ratios (school history, else district, else 1.0), entry grades from the school-age population of
each school's zone (nearest, or the plan's), and the next level fed by the previous level's last grade.
Writes DIR/projections.csv (default ./out):
  school_id,year,grade,enrollment,classes_needed,classrooms,avg_class_size,flags
Exit 0 on success, 1 on bad input, 2 on bad usage.
`;

HELP.scenario = `Usage: npm run --silent cli -- scenario --schools FILE --population FILE --scenario FILE [--out DIR]

Applies a scenario file exported by the app (a plan with layout actions) and writes to DIR (default ./out):
  outcomes.json  the outcome tables (schools by level, children moved, travel, receiving schools, flags resolved
                 and created, capacity freed, balance statistics) and the merger suggestions of the scenario
  schools.csv    one row per school after the scenario (the columns of assign)
  moves.csv      unit_id,level,from_school,to_school,children,distance_before_m,distance_after_m
  outcomes.csv   the outcome tables as table,level,item,measure,before,after
Exit 0 on success, 1 on bad input, 2 on bad usage.
`;
HELP.mergers = `Usage: npm run --silent cli -- mergers --schools FILE --population FILE [--settings FILE] [--same FIELD] [--out DIR]

Lists undersized schools with the best receiving school for each (nearest of the same levels with spare
places, keeping the moved children within the distance standard), ranked by added travel per moved child.
--same FIELD only merges schools with the same value of FIELD (e.g. management_type). Writes DIR/mergers.csv.
`;

function progressReporter(): (stage: string) => void {
  const t0 = performance.now();
  return (stage) => process.stderr.write(`[${((performance.now() - t0) / 1000).toFixed(1)}s] ${stage}\n`);
}

function printProblems(inputs: Inputs): { errors: number; warnings: number } {
  let errors = 0, warnings = 0;
  for (const p of inputs.problems) {
    if (p.severity === 'error') errors++; else warnings++;
    console.log(formatProblem(p));
  }
  return { errors, warnings };
}

function describeColumns(inputs: Inputs) {
  if (inputs.schools) {
    const cols = Object.entries(inputs.schools.columnsUsed).map(([f, c]) => `${f}=${c}`).join(', ');
    console.log(`${inputs.schools.file}: ${inputs.schools.schools.count} schools; columns: ${cols}`);
  }
  if (inputs.units) {
    const u = inputs.units;
    const counts = Object.entries(u.countSourceByLevel).map(([l, src]) => `${l} from ${src}`).join('; ');
    console.log(`${u.file}: ${u.count} units (${u.geometry.kind}); ${counts}`);
  }
}

async function validate(args: Args): Promise<number> {
  const { schools, population, settings } = args.options;
  if (typeof schools !== 'string' && typeof population !== 'string') throw new UsageError('validate needs --schools FILE and/or --population FILE');
  const inputs = await loadInputs({ schools: str(schools), population: str(population), settings: str(settings) }, () => {});
  const { errors, warnings } = printProblems(inputs);
  describeColumns(inputs);
  console.log(errors ? `FAILED: ${errors} error(s), ${warnings} warning(s)` : `OK: loadable with ${warnings} warning(s)`);
  return errors ? 1 : 0;
}

async function assign(args: Args): Promise<number> {
  const { schools, population, settings, out, plan: planPath } = args.options;
  if (typeof schools !== 'string' || typeof population !== 'string') throw new UsageError('assign needs --schools FILE and --population FILE');
  if (typeof settings === 'string' && typeof planPath === 'string') throw new UsageError('give either --settings or --plan: a plan carries its own settings');
  const progress = progressReporter();
  const plan = typeof planPath === 'string' ? readPlan(planPath) : null;
  if (plan === false) return 1;
  const inputs = await loadInputs({ schools, population, settings: str(settings), settingsObject: plan?.settings }, progress);
  const { errors } = printProblems(inputs);
  if (errors || !inputs.schools || !inputs.units) {
    console.log(`FAILED: ${errors} error(s); nothing written`);
    return 1;
  }
  if (plan && !planFits(plan, planPath as string, inputs)) return 1;
  describeColumns(inputs);
  const units = inputs.units;
  progress(plan ? `applying plan "${plan.name}"` : 'assigning');
  const d = derivePlan(dataOf(inputs, !!plan), plan ?? baselinePlan(inputs), { mergers: false, onProgress: progress });
  const result = d.result;
  const s = d.schools;
  const checks: PlanProblem[] = plan ? d.checks : [];
  if (plan) reportPlanProblems(d);
  const dir = typeof out === 'string' ? out : 'out';
  mkdirSync(dir, { recursive: true });
  progress('writing assignment.csv');
  const fd = openSync(join(dir, 'assignment.csv'), 'w');
  for (const chunk of assignmentCsvChunks(units, s, result)) writeSync(fd, chunk);
  closeSync(fd);
  progress('writing schools.csv');
  writeFileSync(join(dir, 'schools.csv'), schoolsCsv(result, inputs.settings));
  progress('dissolving zones');
  writeFileSync(join(dir, 'zones.geojson'), JSON.stringify(zonesGeoJSON(s, units, result.assignments)));
  const summary = {
    version: 1,
    inputs: {
      schools: { file: inputs.schools.file, fingerprint: inputs.schools.fingerprint, columns: inputs.schools.columnsUsed },
      population: { file: units.file, fingerprint: units.fingerprint, units: units.count, geometry: units.geometry.kind },
    },
    settings: inputs.settings,
    ...(plan ? { plan: { file: planPath, id: plan.id, name: plan.name, updatedAt: plan.updatedAt }, checks } : {}),
    ...result.summary,
  };
  writeFileSync(join(dir, 'summary.json'), JSON.stringify(summary, null, 2));
  progress('done');

  const sum = result.summary;
  for (const l of inputs.settings.levels) {
    const served = result.schools.filter((r) => r.status === 'open' && r.levels.includes(l.id)).length;
    const mean = sum.meanDistanceMByLevel[l.id];
    console.log(`${l.id}: ${Math.round(sum.childrenByLevel[l.id] ?? 0)} children, ${served} open schools, mean distance ${Number.isFinite(mean) ? Math.round(mean) + ' m' : 'n/a'}${sum.unassignedChildrenByLevel[l.id] ? `, ${Math.round(sum.unassignedChildrenByLevel[l.id])} unassigned (no school of this level)` : ''}`);
  }
  if (plan) {
    console.log(`Plan "${plan.name}": ${checks.length} check(s)${checks.length ? ':' : ''}`);
    for (const c of checks.slice(0, 20)) console.log(`  ${c.kind}: ${c.message}`);
    if (checks.length > 20) console.log(`  ... and ${checks.length - 20} more (see summary.json)`);
  }
  console.log('Schools flagged (flagged / not assessed):');
  for (const f of FLAG_NAMES) console.log(`  ${f.padEnd(14)} ${sum.flagCounts[f].flagged} / ${sum.flagCounts[f].notAssessed}`);
  console.log(`Wrote ${['assignment.csv', 'schools.csv', 'zones.geojson', 'summary.json'].map((f) => join(dir, f)).join(', ')}`);
  return 0;
}

/** The loaded files as the derivation takes them; unit adjacency only where checks are reported. */
function dataOf(inputs: Inputs, withAdjacency: boolean): DataSet {
  return { schools: inputs.schools!.schools, units: inputs.units!, adjacency: withAdjacency ? buildUnitAdjacency(inputs.units!) : null };
}

/** The nearest-school plan of the loaded files: what every command derives from without --plan. */
function baselinePlan(inputs: Inputs, settings: Settings = inputs.settings): Plan {
  const plan = newPlan('Nearest school (baseline)', { name: '', schoolsFingerprint: inputs.schools!.fingerprint, populationFingerprint: inputs.units!.fingerprint, units: inputs.units!.count, schools: inputs.schools!.schools.count }, settings, new Date(0));
  return { ...plan, id: 'baseline' };
}

function reportPlanProblems(d: Derivation) {
  const u = d.unknown;
  if (u.units.length || u.schools.length) console.log(`warning: the plan names ${u.units.length} unknown unit(s) and ${u.schools.length} unknown school(s); they were left out`);
}

/** Reads a plan file for --plan; prints the problems and returns false when it cannot be used. */
function readPlan(path: string): Plan | false {
  let text: string;
  try { text = readFileSync(path, 'utf8'); } catch (e) { console.log(`${path}: cannot read (${(e as Error).message})`); return false; }
  const parsed = parsePlanFile(text, path);
  if (!parsed.ok) { parsed.problems.forEach((p) => console.log(formatProblem(p))); console.log('FAILED: the plan cannot be applied; nothing written'); return false; }
  return parsed.plan;
}

/** A plan applies only to the files it was drawn on (same fingerprints). */
function planFits(plan: Plan, path: string, inputs: Inputs): boolean {
  const check = parsePlanFile(JSON.stringify(plan), path, { schoolsFingerprint: inputs.schools!.fingerprint, populationFingerprint: inputs.units!.fingerprint });
  if (check.ok) return true;
  check.problems.forEach((p) => console.log(formatProblem(p)));
  console.log('FAILED: the plan cannot be applied; nothing written');
  return false;
}

function str(v: string | true | undefined): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

async function project(args: Args): Promise<number> {
  const { schools, population, settings, out, plan: planPath, years } = args.options;
  if (typeof schools !== 'string' || typeof population !== 'string') throw new UsageError('project needs --schools FILE and --population FILE');
  if (typeof settings === 'string' && typeof planPath === 'string') throw new UsageError('give either --settings or --plan: a plan carries its own settings');
  let horizon: number | null = null;
  if (years !== undefined) {
    horizon = Number(years);
    if (!Number.isInteger(horizon) || horizon < 1 || horizon > 10) throw new UsageError(`--years: "${years}" is not a whole number from 1 to 10`);
  }
  const progress = progressReporter();
  const plan = typeof planPath === 'string' ? readPlan(planPath) : null;
  if (plan === false) return 1;
  const inputs = await loadInputs({ schools, population, settings: str(settings), settingsObject: plan?.settings }, progress);
  const { errors } = printProblems(inputs);
  if (errors || !inputs.schools || !inputs.units) { console.log(`FAILED: ${errors} error(s); nothing written`); return 1; }
  if (plan && !planFits(plan, planPath as string, inputs)) return 1;
  const s = { ...inputs.settings, projection: { ...inputs.settings.projection, horizonYears: horizon ?? inputs.settings.projection.horizonYears } };
  progress('projecting');
  const p = derivePlan(dataOf(inputs, false), { ...(plan ?? baselinePlan(inputs)), settings: s }, { mergers: false }).projection;
  const dir = typeof out === 'string' ? out : 'out';
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'projections.csv'), projectionsCsv(p));
  progress('done');
  console.log(`Projected ${p.schools.filter((x) => x.years.length).length} schools for ${p.years[0]}-${p.years[p.years.length - 1]} (base year ${p.baseYear}); transition between levels ${(p.transitionRate * 100).toFixed(0)}% (${p.transitionSource})`);
  for (const d of p.district) console.log(`  ${d.year}: ${Object.entries(d.totalByLevel).map(([l, v]) => `${l} ${Math.round(v)}`).join(', ')}; schools flagged ${d.schoolsFlagged}`);
  const notProjected = p.schools.filter((x) => !x.years.length && x.notes.length).length;
  if (notProjected) console.log(`${notProjected} school(s) not projected (no enrollment by grade, or closed)`);
  console.log(`Wrote ${join(dir, 'projections.csv')}`);
  return 0;
}

async function scenario(args: Args): Promise<number> {
  const { schools, population, scenario: path, out } = args.options;
  if (typeof schools !== 'string' || typeof population !== 'string' || typeof path !== 'string') throw new UsageError('scenario needs --schools FILE, --population FILE and --scenario FILE');
  const plan = readPlan(path);
  if (plan === false) return 1;
  const progress = progressReporter();
  const inputs = await loadInputs({ schools, population, settingsObject: plan.settings }, progress);
  const { errors } = printProblems(inputs);
  if (errors || !inputs.schools || !inputs.units) { console.log(`FAILED: ${errors} error(s); nothing written`); return 1; }
  if (!planFits(plan, path, inputs)) return 1;
  progress('applying the scenario');
  const sc = derivePlan(dataOf(inputs, true), plan);
  sc.problems.forEach((p) => console.log(`${path}: ${p}`));
  reportPlanProblems(sc);
  const dir = typeof out === 'string' ? out : 'out';
  mkdirSync(dir, { recursive: true });
  const mergers = sc.mergers;
  writeFileSync(join(dir, 'outcomes.json'), JSON.stringify({ version: 1, scenario: { name: plan.name, actions: plan.actions ?? [] }, ...sc.outcomes, mergerSuggestions: mergers, problems: sc.problems, checks: sc.checks }, null, 2));
  writeFileSync(join(dir, 'schools.csv'), schoolsCsv(sc.result, plan.settings));
  writeFileSync(join(dir, 'moves.csv'), movesCsv(sc.moves));
  writeFileSync(join(dir, 'outcomes.csv'), outcomesCsv(sc.outcomes));
  progress('done');
  const o = sc.outcomes;
  console.log(`Scenario "${plan.name}": ${(plan.actions ?? []).length} action(s)`);
  for (const l of o.schoolsByLevel) console.log(`  ${l.level}: ${l.before} -> ${l.after} schools; ${Math.round(o.childrenMoved[l.level])} children change school; mean distance ${Math.round(o.travel[l.level].allBefore.meanM)} -> ${Math.round(o.travel[l.level].allAfter.meanM)} m`);
  console.log(`  flags resolved ${o.flagsResolved.length}, created ${o.flagsCreated.length}; capacity freed ${Number.isFinite(o.capacityFreed) ? Math.round(o.capacityFreed) : 'not assessed (capacity not in the data)'}`);
  console.log(`Wrote ${['outcomes.json', 'outcomes.csv', 'schools.csv', 'moves.csv'].map((f) => join(dir, f)).join(', ')}`);
  return 0;
}

async function mergers(args: Args): Promise<number> {
  const { schools, population, settings, out, same } = args.options;
  if (typeof schools !== 'string' || typeof population !== 'string') throw new UsageError('mergers needs --schools FILE and --population FILE');
  const inputs = await loadInputs({ schools, population, settings: str(settings) }, () => {});
  const { errors } = printProblems(inputs);
  if (errors || !inputs.schools || !inputs.units) { console.log(`FAILED: ${errors} error(s); nothing written`); return 1; }
  const d = derivePlan(dataOf(inputs, false), baselinePlan(inputs), { mergers: false });
  const m = suggestMergers(d.schools, d.units, d.settings, d.result, { sameField: str(same) });
  const dir = typeof out === 'string' ? out : 'out';
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'mergers.csv'), mergersCsv(m));
  const ok = m.filter((x) => x.respectsStandard);
  console.log(`${m.length} undersized schools; ${ok.length} could merge within the distance standard; ${m.length - ok.length} could not`);
  console.log(`Wrote ${join(dir, 'mergers.csv')}`);
  return 0;
}

const COMMANDS: Record<string, (a: Args) => Promise<number>> = { validate, assign, project, scenario, mergers };

export async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  const [command] = args.positional;
  if (!command || command === 'help') {
    process.stdout.write(HELP.main);
    return command ? 0 : args.options.help ? 0 : 2;
  }
  const run = COMMANDS[command];
  if (!run) {
    process.stderr.write(`unknown command "${command}"\n\n${HELP.main}`);
    return 2;
  }
  if (args.options.help) {
    process.stdout.write(HELP[command]);
    return 0;
  }
  try {
    return await run(args);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`${e.message}\n\n${HELP[command]}`);
      return 2;
    }
    throw e;
  }
}

main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
