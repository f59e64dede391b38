// Over 300 lines for now: the one input loader every command shares (files, --dataset manifests, plan
// checks); manifests are the next to move out.
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { decodePopulation, decodeText, withDecodeProblems } from '../core/load/decodeText';
import {
  buildRoadGraphFromText, crossCheck, defaultSettings, fingerprint, loadBirths, loadPopulation, withBirths, loadSchools, newPlan, parseJsonSafely, parsePlanFile, parseSettingsFile, unitIndexById,
  type DataSet, type LoadedSchools, type Plan, type EnglishProblem, type RoadGraph, type Settings, type Units,
} from '../core/index';
import { str, UsageError, type OptionSpec, type Options } from './args';
import { printProblems, say, type NamedInput } from './output';

export interface Inputs {
  settings: Settings;
  schools?: LoadedSchools & { file: string; fingerprint: string };
  units?: Units & { file: string; fingerprint: string };
  problems: EnglishProblem[];
}

/** The options naming a command's data: the files, or a data set folder with a manifest. */
export const DATA_OPTIONS: OptionSpec[] = [
  { name: 'schools', value: 'file' },
  { name: 'population', value: 'file' },
  { name: 'dataset', value: 'dir' },
];
export const SETTINGS_OPTION: OptionSpec = { name: 'settings', value: 'file' };
/** Births by area and year (CSV `area,year,births`) for the projections' entry; a data set folder's `births.csv` otherwise. */
export const BIRTHS_OPTION: OptionSpec = { name: 'births', value: 'file' };
/** --births in the commands' help. */
export const BIRTHS_HELP = `--births FILE: births by area and year (CSV area,year,births; area = a population unit's id) for the
projections' entry, joined to the population (a data set folder's births.csv is read when present).`;
/** The births file a data set folder may hold beside its manifest. */
export const BIRTHS_FILE = 'births.csv';
export const PLAN_OPTION: OptionSpec = { name: 'plan', value: 'file' };
export const OUT_OPTION: OptionSpec = { name: 'out', value: 'dir' };
/** Straight-line or route distance (over the settings), and the road lines when no manifest names them. */
export const ROUTE_OPTIONS: OptionSpec[] = [{ name: 'distance', value: 'text' }, { name: 'network', value: 'file' }];

/** The file of a data set folder that names its files. */
export const MANIFEST_FILE = 'dataset.json';

/** A data set manifest (`DIR/dataset.json`), its paths joined to DIR. */
export interface DatasetManifest {
  file: string;
  dir: string;
  id: string | null;
  name: string | null;
  description: string | null;
  schools: string | null;
  population: string | null;
  settings: string | null;
  /** road lines (GeoJSON) for route distances */
  network: string | null;
  context: string[];
  attribution: string[];
}

/** The bytes of an input file, or null and a problem (`file not found`, `is a directory`...). */
export function readBytes(path: string, problems: EnglishProblem[]): Uint8Array | null {
  try {
    return new Uint8Array(readFileSync(path));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    problems.push({ severity: 'error', file: path, message: code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory; expected a file' : `cannot read (${(e as Error).message})` });
    return null;
  }
}

/**
 * Reads `DIR/dataset.json`: `{ "id", "name", "description", "schools", "population", "settings",
 * "context": [...], "attribution": [...] }`, paths relative to DIR (settings, population and context
 * optional). Every problem names its field; other fields are left alone (the format may grow).
 */
export function readManifest(dir: string): { manifest: DatasetManifest | null; problems: EnglishProblem[] } {
  const file = join(dir, MANIFEST_FILE);
  const problems: EnglishProblem[] = [];
  const bytes = readBytes(file, problems);
  if (!bytes) {
    if (problems[0]?.message === 'file not found') problems[0].message = `file not found; expected the data set's manifest (${MANIFEST_FILE}: its name and the files of its schools, population and settings)`;
    return { manifest: null, problems };
  }
  const text = decodeText(bytes, file);
  if (!text.ok) return { manifest: null, problems: text.problems };
  const json = parseJsonSafely(text.value);
  if (!json.ok) return { manifest: null, problems: [{ severity: 'error', file, field: json.field, message: json.message }] };
  const o = json.value;
  if (!o || typeof o !== 'object' || Array.isArray(o)) return { manifest: null, problems: [{ severity: 'error', file, message: 'expected a JSON object naming the data set\'s files ({"schools": "schools.geojson", "population": "population.geojson", ...})' }] };
  const rec = o as Record<string, unknown>;
  const error = (field: string, message: string) => problems.push({ severity: 'error', file, field, message });
  const text1 = (field: string): string | null => {
    const v = rec[field];
    if (v === undefined || v === null) return null;
    if (typeof v !== 'string') { error(field, `is ${Array.isArray(v) ? 'an array' : typeof v}; expected text`); return null; }
    return v;
  };
  const path1 = (field: string, v: unknown, at = field): string | null => {
    if (v === undefined || v === null) return null;
    if (typeof v !== 'string' || v.trim() === '') { error(at, `${typeof v === 'string' ? 'is empty' : `is ${Array.isArray(v) ? 'an array' : typeof v}`}; expected a file name relative to ${dir}`); return null; }
    if (isAbsolute(v)) { error(at, `"${v}" is an absolute path; expected a file name relative to ${dir}`); return null; }
    return join(dir, v);
  };
  const list = (field: string, each: (v: unknown, at: string) => string | null): string[] => {
    const v = rec[field];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) { error(field, `is ${typeof v}; expected an array`); return []; }
    return v.map((x, i) => each(x, `${field}[${i}]`)).filter((x): x is string => x !== null);
  };
  const manifest: DatasetManifest = {
    file, dir,
    id: text1('id'), name: text1('name'), description: text1('description'),
    schools: path1('schools', rec.schools),
    population: path1('population', rec.population),
    settings: path1('settings', rec.settings),
    network: path1('network', rec.network),
    context: list('context', (v, at) => path1('context', v, at)),
    attribution: list('attribution', (v, at) => (typeof v === 'string' ? v : (error(at, `is ${typeof v}; expected text`), null))),
  };
  if (rec.schools === undefined || rec.schools === null) error('schools', 'missing; expected the schools file of the data set (e.g. "schools.geojson")');
  return problems.some((p) => p.severity === 'error') ? { manifest: null, problems } : { manifest, problems };
}

/** The files a command reads: given by option, else by the data set's manifest. */
export interface DataChoice {
  schools?: string;
  population?: string;
  settings?: string;
  /** births by area and year (--births, or the data set folder's births.csv) */
  births?: string;
  manifest: DatasetManifest | null;
  /** the manifest's problems (and a warning when it names no settings) */
  problems: EnglishProblem[];
  /** every input file with its option, for the outputs never to overwrite one */
  inputs: NamedInput[];
}

/**
 * Which files to read: `--schools`, `--population` and `--settings` when given, else those of the
 * `--dataset` manifest. A plan carries its own settings, so with `--plan`/`--scenario` the manifest's
 * settings are not read.
 */
export function chooseData(o: Options, planOption?: string): DataChoice {
  const problems: EnglishProblem[] = [];
  let manifest: DatasetManifest | null = null;
  const dir = str(o.dataset);
  if (dir !== undefined) {
    const r = readManifest(dir);
    manifest = r.manifest;
    problems.push(...r.problems);
  }
  const planned = planOption !== undefined && typeof o[planOption] === 'string';
  const choice: DataChoice = {
    schools: str(o.schools) ?? manifest?.schools ?? undefined,
    population: str(o.population) ?? manifest?.population ?? undefined,
    settings: str(o.settings) ?? (planned ? undefined : manifest?.settings ?? undefined),
    births: str(o.births) ?? (manifest && existsSync(join(manifest.dir, BIRTHS_FILE)) ? join(manifest.dir, BIRTHS_FILE) : undefined),
    manifest, problems, inputs: [],
  };
  if (manifest && !manifest.settings && o.settings === undefined && !planned) {
    problems.push({ severity: 'warning', file: manifest.file, field: 'settings', message: `missing: the data set names no settings file, so the default settings (profile "${defaultSettings().profile}") are used; add "settings" to the manifest or give --settings FILE` });
  }
  const from = (option: string) => (typeof o[option] === 'string' ? option : 'dataset');
  if (choice.schools) choice.inputs.push({ option: from('schools'), path: choice.schools });
  if (choice.population) choice.inputs.push({ option: from('population'), path: choice.population });
  if (choice.settings) choice.inputs.push({ option: from('settings'), path: choice.settings });
  if (choice.births) choice.inputs.push({ option: from('births'), path: choice.births });
  if (manifest) {
    choice.inputs.push({ option: 'dataset', path: manifest.file });
    for (const c of manifest.context) choice.inputs.push({ option: 'dataset', path: c });
    if (manifest.network) choice.inputs.push({ option: 'dataset', path: manifest.network });
  }
  if (typeof o.network === 'string') choice.inputs.push({ option: 'network', path: o.network });
  for (const k of ['plan', 'scenario', 'zones']) if (typeof o[k] === 'string') choice.inputs.push({ option: k, path: o[k] as string });
  return choice;
}

/** Reads a settings file: the settings, or every problem (`file: field: message`). */
function readSettingsFile(path: string, problems: EnglishProblem[]): Settings {
  const bytes = readBytes(path, problems);
  if (!bytes) return defaultSettings();
  const r = parseSettingsFile(new TextDecoder().decode(bytes), path);
  problems.push(...r.problems);
  return r.ok ? r.settings : defaultSettings();
}

/** Reads and loads whatever files were named; never throws for bad input. */
export async function loadInputs(paths: { schools?: string; population?: string; births?: string; settings?: string; settingsObject?: Settings }, progress: (s: string) => void): Promise<Inputs> {
  const problems: EnglishProblem[] = [];
  let settings: Settings;
  if (paths.settingsObject) settings = paths.settingsObject;
  else if (paths.settings) settings = readSettingsFile(paths.settings, problems);
  else settings = defaultSettings();
  const out: Inputs = { settings, problems };
  // data read with settings other than those asked for would only add misleading problems
  if (problems.some((p) => p.severity === 'error')) return out;
  if (paths.schools) {
    progress(`reading ${paths.schools}`);
    const bytes = readBytes(paths.schools, problems);
    if (bytes) {
      const text = decodeText(bytes, paths.schools);
      const r = text.ok ? withDecodeProblems(text.problems, loadSchools(paths.schools, text.value, settings)) : text;
      problems.push(...r.problems);
      if (r.ok) out.schools = { ...r.value, file: paths.schools, fingerprint: fingerprint(bytes) };
    }
  }
  if (paths.population) {
    progress(`reading ${paths.population}`);
    const bytes = readBytes(paths.population, problems);
    if (bytes) {
      const data = decodePopulation(bytes, paths.population);
      const r = data.ok ? withDecodeProblems(data.problems, await loadPopulation(paths.population, data.value, settings)) : data;
      problems.push(...r.problems);
      if (r.ok) out.units = Object.assign(r.value, { file: paths.population, fingerprint: fingerprint(bytes) });
    }
  }
  if (paths.births && out.units) {
    progress(`reading ${paths.births}`);
    const bytes = readBytes(paths.births, problems);
    const text = bytes ? decodeText(bytes, paths.births) : null;
    const r = text?.ok ? withDecodeProblems(text.problems, loadBirths(paths.births, text.value)) : text;
    if (r) problems.push(...r.problems);
    if (r?.ok) {
      const joined = withBirths(paths.births, out.units, r.value);
      problems.push(...joined.problems);
      // the population's fingerprint stays: plans are made on the areas, not on their births
      out.units = Object.assign(joined.units, { file: out.units.file, fingerprint: out.units.fingerprint });
    }
  }
  if (out.schools && out.units) problems.push(...crossCheck(out.schools.file, out.schools.schools, out.units));
  return out;
}

/** Units with no areas and every level of the settings: what `project` derives from without a population file. */
export function emptyUnits(settings: Settings): Units & { file: string; fingerprint: string } {
  return {
    count: 0, ids: [], lon: new Float64Array(0), lat: new Float64Array(0),
    childrenByLevel: Object.fromEntries(settings.levels.map((l) => [l.id, new Float32Array(0)])),
    countSourceByLevel: Object.fromEntries(settings.levels.map((l) => [l.id, 'no population file'])),
    childrenByAge: {}, geometry: { kind: 'points' }, file: '', fingerprint: '',
  };
}

/** Loaded data, ready for derivePlan. `units` is empty (count 0) when the command runs without population. */
export interface Loaded {
  settings: Settings;
  schools: NonNullable<Inputs['schools']>;
  units: NonNullable<Inputs['units']>;
  hasPopulation: boolean;
  /** the plan (of --plan or --scenario), checked against the data; null without one */
  plan: Plan | null;
  planPath: string | null;
  data: DataChoice;
  /** the road network, read only when the settings (or --distance) choose route distances */
  network: RoadGraph | null;
}

export interface PrepareRequest {
  /** the usage message when the data files are missing, e.g. "assign needs --schools FILE and --population FILE, or --dataset DIR" */
  needs: string;
  population: 'required' | 'optional';
  /** the option holding a plan file, if the command takes one */
  planOption?: 'plan' | 'scenario';
  planRequired?: boolean;
}

/**
 * The shared loading of every command that derives, from the files `chooseData` chose: reads a
 * plan's settings, loads and checks the data, then checks the plan against it (its fingerprints,
 * and its ids against the data's: unknown ones listed as warnings, never dropped silently). Prints
 * every problem; returns the exit code 1 when nothing can be derived. Throws a UsageError for
 * missing options. Without a population file (where `population` is optional) the units are empty.
 */
export async function prepare(o: Options, data: DataChoice, req: PrepareRequest, progress: (s: string) => void): Promise<Loaded | number> {
  if (data.problems.some((p) => p.severity === 'error')) return fail(data.problems);
  const planPath = req.planOption ? str(o[req.planOption]) ?? null : null;
  if (!data.schools || (req.population === 'required' && !data.population) || (req.planRequired && !planPath)) {
    const lacks = data.manifest && data.schools && !data.population && req.population === 'required';
    throw new UsageError(req.needs + (lacks ? ` (${data.manifest!.file} names no population file)` : ''));
  }
  if (req.planOption === 'plan' && typeof o.settings === 'string' && planPath) throw new UsageError('give either --settings or --plan: a plan carries its own settings');

  let planText: string | null = null, planSettings: Settings | undefined, planDataset: Plan['dataset'] | undefined;
  if (planPath) {
    const problems: EnglishProblem[] = [];
    const bytes = readBytes(planPath, problems);
    planText = bytes ? new TextDecoder().decode(bytes) : null;
    const first = planText !== null ? parsePlanFile(planText, planPath) : null;
    if (!first || !first.ok) {
      printProblems(first ? first.problems : problems);
      say('FAILED: the plan cannot be applied; nothing written');
      return 1;
    }
    planSettings = first.plan.settings;
    planDataset = first.plan.dataset;
  }
  const inputs = await loadInputs({ schools: data.schools, population: data.population, births: data.births, settings: data.settings, settingsObject: planSettings }, progress);
  const problems = [...data.problems, ...inputs.problems];
  const { errors } = printProblems(problems);
  if (errors || !inputs.schools || (data.population && !inputs.units)) {
    say(`FAILED: ${errors} error(s); nothing written`);
    return 1;
  }
  const hasPopulation = !!inputs.units;
  const units = inputs.units ?? emptyUnits(inputs.settings);
  let plan: Plan | null = null;
  if (planPath && planText !== null) {
    const checked = parsePlanFile(planText, planPath,
      { schoolsFingerprint: inputs.schools.fingerprint, populationFingerprint: hasPopulation ? units.fingerprint : planDataset!.populationFingerprint },
      { schoolIds: inputs.schools.schools.indexById, unitIds: hasPopulation ? unitIndexById(units) : undefined });
    printProblems(checked.problems);
    if (!checked.ok) {
      say('FAILED: the plan cannot be applied; nothing written');
      return 1;
    }
    plan = checked.plan;
  }
  const distance = str(o.distance);
  if (distance !== undefined && distance !== 'network' && distance !== 'straight') throw new UsageError(`--distance "${distance}" is not known; expected network or straight`);
  let settings = inputs.settings;
  if (distance) {
    settings = { ...settings, network: { ...settings.network, distance } };
    if (plan) plan = { ...plan, settings: { ...plan.settings, network: { ...plan.settings.network, distance } } };
  }
  let network: RoadGraph | null = null;
  if ((plan?.settings ?? settings).network.distance === 'network') {
    const path = str(o.network) ?? data.manifest?.network ?? null;
    if (!path) say('warning: route distance is chosen but no road network is given (--network FILE, or a data set whose dataset.json names one): every distance is a straight line');
    else {
      progress(`reading the road network ${path}`);
      network = readNetwork(path);
      if (!network) { say('FAILED: the road network cannot be read; nothing written'); return 1; }
    }
  }
  return { settings, schools: inputs.schools, units, hasPopulation, plan, planPath, data, network };
}

/** Reads road lines into the graph (every class kept: the settings say which are walked), printing every problem. */
function readNetwork(path: string): RoadGraph | null {
  const problems: EnglishProblem[] = [];
  const bytes = readBytes(path, problems);
  let graph: RoadGraph | null = null;
  if (bytes) {
    const text = decodeText(bytes, path);
    if (!text.ok) problems.push(...text.problems);
    else {
      const r = buildRoadGraphFromText(text.value, path, { barriers: [] });
      problems.push(...r.problems);
      graph = r.graph;
    }
  }
  printProblems(problems);
  if (graph) say(`${path}: ${graph.nodeCount.toLocaleString('en-GB')} junctions, ${graph.edgeA.length.toLocaleString('en-GB')} road segments, ${Math.round(graph.totalLengthM / 1000).toLocaleString('en-GB')} km`);
  return problems.some((p) => p.severity === 'error') ? null : graph;
}

function fail(problems: EnglishProblem[]): number {
  const { errors } = printProblems(problems);
  say(`FAILED: ${errors} error(s); nothing written`);
  return 1;
}

/** The loaded files as the derivation takes them; unit adjacency only where checks are reported. */
export function dataOf(l: Pick<Loaded, 'schools' | 'units'> & Partial<Pick<Loaded, 'network'>>, adjacency: DataSet['adjacency'] = null): DataSet {
  return { schools: l.schools.schools, units: l.units, adjacency, network: l.network ?? null };
}

/** The nearest-school plan of the loaded files: what every command derives from without --plan. */
export function baselinePlan(l: Pick<Loaded, 'schools' | 'units' | 'settings'>, settings: Settings = l.settings): Plan {
  const plan = newPlan('Nearest school (baseline)', { name: '', schoolsFingerprint: l.schools.fingerprint, populationFingerprint: l.units.fingerprint, units: l.units.count, schools: l.schools.schools.count }, settings, new Date(0));
  return { ...plan, id: 'baseline' };
}

/** The columns taken for each field and how each level's children were counted (validate, assign). */
export function describeColumns(schools: Inputs['schools'] | undefined, units: Inputs['units'] | undefined): void {
  if (schools) {
    const cols = Object.entries(schools.columnsUsed).map(([f, c]) => `${f}=${c}`).join(', ');
    say(`${schools.file}: ${schools.schools.count} schools; columns: ${cols}`);
  }
  if (units) {
    const counts = Object.entries(units.countSourceByLevel).map(([l, src]) => `${l} from ${src}`).join('; ');
    say(`${units.file}: ${units.count} units (${units.geometry.kind}); ${counts}`);
  }
}
