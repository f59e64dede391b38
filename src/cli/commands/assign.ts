import { basename } from 'node:path';
import {
  assignmentCsvChunks, buildUnitAdjacency, decodeText, derivePlan, FLAG_NAMES, importZones, levelsServed, newPlan, parseJsonSafely,
  planFileText, planLevelFromZones, schoolsCsv, zonesGeoJSON, type ImportedZone, type Plan, type PlanProblem, type EnglishProblem, type ZoneImport,
} from '../../core/index';
import { str, UsageError, type OptionSpec, type Options } from '../args';
import { baselinePlan, chooseData, DATA_OPTIONS, dataOf, describeColumns, OUT_OPTION, PLAN_OPTION, prepare, readBytes, SETTINGS_OPTION, type Loaded, ROUTE_OPTIONS, BIRTHS_OPTION, BIRTHS_HELP } from '../inputs';
import { planOutputs, printProblems, progressReporter, say, writeOutputs } from '../output';
import { routeFigures, sayRoutes } from '../routeReport';

export const help = `Usage: npm run --silent cli -- assign (--schools FILE --population FILE | --dataset DIR) [--births FILE] [--settings FILE | --plan FILE | --zones FILE [--zone-field NAME] [--level LEVEL]] [--distance network|straight] [--network FILE] [--out DIR]

Assigns every population unit to its nearest open school of each level and writes to DIR (default ./out).
With --plan, applies a plan exported by the app (its settings, school corrections and drawn zones; the
files must be the ones the plan was drawn on) and also reports the plan's checks. Ids the plan names that
the data does not have are listed as warnings. Outputs:
  assignment.csv  unit_id,level,school_id,distance_m,children (with route distances also
                  distance_network_m,network_fallback,beyond_standard_by_route; distance_m stays straight)
  schools.csv     one row per school: statistics and a ";"-separated flags column
  zones.geojson   one dissolved MultiPolygon per school and level
  summary.json    district summary, settings and input fingerprints
With --zones FILE, imports existing attendance zones (GeoJSON polygons with a school id or name) as a plan:
each zone is matched to a school by --zone-field NAME (default: the property that matches the most
schools), every area goes to the school of the zone it lies in, and DIR/plan.json (the plan, for --plan
and the app) is written with the outputs above, computed from it. Zones that match no school are listed
with suggestions and their areas keep their nearest school. --level LEVEL says which level the zones are
for; without it they apply to each level taught by the schools of more than half the matched zones (when
no level is, give --level).
--distance network|straight overrides the settings' distance: network measures along the road lines of
the data set (its dataset.json "network") or of --network FILE (GeoJSON lines); areas and schools off the
network use the straight line and are marked (network_fallback).
--dataset DIR reads the files named by DIR/dataset.json (its settings too); --schools, --population and
--settings given as well take their place.
${BIRTHS_HELP}
Progress goes to stderr; a short summary to stdout. Exit 0 on success, 1 on bad input or a file that
cannot be written (nothing is written then), 2 on bad usage.
`;

export const options: OptionSpec[] = [
  ...DATA_OPTIONS, BIRTHS_OPTION, ...ROUTE_OPTIONS, SETTINGS_OPTION, PLAN_OPTION,
  { name: 'zones', value: 'file' }, { name: 'zone-field', value: 'text' }, { name: 'level', value: 'text' },
  OUT_OPTION,
];

const OUTPUTS = ['assignment.csv', 'schools.csv', 'zones.geojson', 'summary.json'];

export async function run(o: Options): Promise<number> {
  const zonesPath = str(o.zones);
  if (zonesPath !== undefined && o.plan !== undefined) throw new UsageError('give either --plan or --zones: --zones makes the plan');
  for (const k of ['zone-field', 'level']) if (o[k] !== undefined && zonesPath === undefined) throw new UsageError(`--${k} goes with --zones FILE`);
  const dir = str(o.out) ?? 'out';
  const data = chooseData(o, 'plan');
  const out = planOutputs(dir, zonesPath !== undefined ? [...OUTPUTS, 'plan.json'] : OUTPUTS, data.inputs);
  const progress = progressReporter();
  const l = await prepare(o, data, { needs: 'assign needs --schools FILE and --population FILE, or --dataset DIR', population: 'required', planOption: 'plan' }, progress);
  if (typeof l === 'number') return l;

  let plan = l.plan;
  let zoneReport: Record<string, unknown> | null = null;
  if (zonesPath !== undefined) {
    const made = planFromZones(l, zonesPath, str(o['zone-field']), str(o.level));
    if (typeof made === 'number') return made;
    plan = made.plan;
    zoneReport = made.report;
  }
  describeColumns(l.schools, l.units);
  const units = l.units;
  progress(plan ? `applying plan "${plan.name}"` : 'assigning');
  const d = derivePlan(dataOf(l, plan ? buildUnitAdjacency(units) : null), plan ?? baselinePlan(l), { mergers: false, onProgress: progress });
  const result = d.result;
  const s = d.schools;
  const checks: PlanProblem[] = plan ? d.checks : [];
  if (plan && l.plan) {
    const u = d.unknown;
    if (u.units.length || u.schools.length) say(`warning: the plan names ${u.units.length} unknown unit(s) and ${u.schools.length} unknown school(s); they were left out`);
  }
  const planFile = zonesPath !== undefined ? out.path('plan.json') : l.planPath;
  const summary = {
    version: 1,
    inputs: {
      schools: { file: l.schools.file, fingerprint: l.schools.fingerprint, columns: l.schools.columnsUsed },
      population: { file: units.file, fingerprint: units.fingerprint, units: units.count, geometry: units.geometry.kind },
      ...(l.data.manifest ? { dataset: { file: l.data.manifest.file, id: l.data.manifest.id, name: l.data.manifest.name } } : {}),
    },
    settings: l.settings,
    ...(plan ? { plan: { file: planFile, id: plan.id, name: plan.name, updatedAt: plan.updatedAt }, checks } : {}),
    ...(zoneReport ? { zones: zoneReport } : {}),
    ...result.summary,
    ...(d.routes ? { routes: routeFigures(d, s) } : {}),
  };
  writeOutputs(out, (w) => {
    progress('writing assignment.csv');
    w.write('assignment.csv', assignmentCsvChunks(units, s, result, d.settings));
    progress('writing schools.csv');
    w.write('schools.csv', schoolsCsv(result, l.settings, d.routes));
    progress('dissolving zones');
    w.write('zones.geojson', JSON.stringify(zonesGeoJSON(s, units, result.assignments)));
    w.write('summary.json', JSON.stringify(summary, null, 2));
    if (zonesPath !== undefined && plan) w.write('plan.json', planFileText(plan));
  });
  progress('done');

  const sum = result.summary;
  for (const lv of l.settings.levels) {
    const served = result.schools.filter((r) => r.status === 'open' && r.levels.includes(lv.id)).length;
    const mean = sum.meanDistanceMByLevel[lv.id];
    say(`${lv.id}: ${Math.round(sum.childrenByLevel[lv.id] ?? 0)} children, ${served} open schools, mean distance ${Number.isFinite(mean) ? Math.round(mean) + ' m' : 'n/a'}${sum.unassignedChildrenByLevel[lv.id] ? `, ${Math.round(sum.unassignedChildrenByLevel[lv.id])} unassigned (no school of this level)` : ''}`);
  }
  sayRoutes(d, units.count);
  if (plan) {
    say(`Plan "${plan.name}": ${checks.length} check(s)${checks.length ? ':' : ''}`);
    for (const c of checks.slice(0, 20)) say(`  ${c.kind}: ${c.message}`);
    if (checks.length > 20) say(`  ... and ${checks.length - 20} more (see summary.json)`);
  }
  say('Schools flagged (flagged / not assessed):');
  for (const f of FLAG_NAMES) say(`  ${f.padEnd(14)} ${sum.flagCounts[f].flagged} / ${sum.flagCounts[f].notAssessed}`);
  say(`Wrote ${out.names.map((f) => out.path(f)).join(', ')}`);
  return 0;
}

/**
 * The plan of existing attendance zones: each zone's school (by the zone field), the levels it
 * applies to, and per level the areas whose zone's school is not their nearest. Prints the field
 * chosen, the unmatched zones with suggestions and the zones left out of a level; 1 on bad input.
 */
function planFromZones(l: Loaded, path: string, zoneField: string | undefined, level: string | undefined): { plan: Plan; report: Record<string, unknown> } | number {
  const { settings, schools: { schools }, units } = l;
  const levelIds = settings.levels.map((x) => x.id);
  if (level !== undefined && !levelIds.includes(level)) throw new UsageError(`--level: "${level}" is not a level of the settings (profile "${settings.profile}"); expected one of ${levelIds.join(', ')}`);
  const teaches = (school: string, lv: string) => levelsServed(settings, schools.types[schools.indexById.get(school)!]).includes(lv);

  const problems: EnglishProblem[] = [];
  let fc: unknown = null;
  const bytes = readBytes(path, problems);
  const decoded = bytes ? decodeText(bytes, path) : null;
  if (decoded) problems.push(...decoded.problems);
  if (decoded?.ok) {
    const json = parseJsonSafely(decoded.value);
    if (json.ok) fc = json.value;
    else problems.push({ severity: 'error', file: path, field: json.field, message: `${json.message}; expected GeoJSON zone polygons` });
  }
  let imp: ZoneImport | null = null;
  if (fc !== null) {
    const preferTypes = level !== undefined ? Object.keys(settings.schoolTypes).filter((t) => levelsServed(settings, t).includes(level)) : undefined;
    imp = importZones(fc as Parameters<typeof importZones>[0], path, schools, units, { zoneField, preferTypes });
    say(`${path}: ${imp.field.summary}`);
    problems.push(...imp.problems);
  }
  const { errors } = printProblems(problems);
  const matched = imp ? imp.zones.filter((z) => z.school !== null) : [];
  if (errors || !imp) {
    say(`FAILED: ${errors} error(s); nothing written`);
    return 1;
  }
  if (!matched.length) {
    say(`FAILED: no zone of ${path} matches a school; give the property holding each zone's school id or name as --zone-field NAME; nothing written`);
    return 1;
  }

  // the levels: given, else those taught by the schools of more than half the matched zones
  const byLevel = Object.fromEntries(levelIds.map((lv) => [lv, matched.filter((z) => teaches(z.school!, lv)).length]));
  const levels = level !== undefined ? [level] : levelIds.filter((lv) => byLevel[lv] * 2 > matched.length);
  const counts = levelIds.map((lv) => `${byLevel[lv]} of ${matched.length} teach ${lv}`).join(', ');
  if (!levels.length) throw new UsageError(`cannot tell which level the zones of ${path} are for (of the schools they match, ${counts}); give --level LEVEL`);
  say(`${path}: zones applied to ${levels.join(' and ')}${level !== undefined ? ' (--level)' : ` (of the schools they match, ${counts})`}`);

  const describe = (z: ImportedZone) => `zone ${z.index} "${z.label}"`;
  const schoolName = (id: string) => `${id} ${schools.names[schools.indexById.get(id)!]}`;
  const unmatched = imp.zones.filter((z) => z.school === null);
  if (unmatched.length) {
    say(`${unmatched.length} of ${imp.zones.length} zones match no school; their areas keep their nearest school:`);
    for (const z of unmatched) {
      say(`  ${describe(z)}: ${z.why === 'ambiguous' ? 'several schools match equally well' : 'no school matches'}${z.suggestions.length ? `; suggestions: ${z.suggestions.map(schoolName).join('; ')}` : ''}`);
    }
  }
  const leftOut: { level: string; zone: number; label: string; school: string }[] = [];
  for (const lv of levels) {
    for (const z of matched) if (!teaches(z.school!, lv)) leftOut.push({ level: lv, zone: z.index, label: z.label, school: z.school! });
  }
  for (const x of leftOut) say(`warning: zone ${x.zone} "${x.label}" matches ${schoolName(x.school)}, which does not teach ${x.level}: for ${x.level} its areas keep their nearest school`);
  if (imp.unitsOutside) say(`${imp.unitsOutside} of ${units.count} areas lie outside every zone: they keep their nearest school`);

  const base = derivePlan(dataOf(l), baselinePlan(l), { mergers: false });
  const name = `Zones from ${basename(path)}`.slice(0, 200);
  const plan = newPlan(name, {
    name: (l.data.manifest?.name ?? `${basename(l.schools.file)} + ${basename(units.file)}`).slice(0, 200),
    schoolsFingerprint: l.schools.fingerprint, populationFingerprint: units.fingerprint, units: units.count, schools: schools.count,
  }, settings);
  plan.note = `${basename(path)}: ${imp.field.summary}`;
  for (const lv of levels) {
    const zones = imp.zones.map((z) => ({ school: z.school !== null && teaches(z.school, lv) ? z.school : null }));
    plan.levels[lv] = planLevelFromZones({ zones, zoneByUnit: imp.zoneByUnit }, base.nearest.find((a) => a.level === lv)!, base.schools, units);
  }
  const { candidates: _, ...field } = imp.field;
  const report = {
    file: path, field, levels, unitsOutside: imp.unitsOutside,
    matched: matched.length, zones: imp.zones.length,
    unmatched: unmatched.map((z) => ({ zone: z.index, label: z.label, why: z.why, suggestions: z.suggestions })),
    leftOut,
  };
  return { plan, report };
}
