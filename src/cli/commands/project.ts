import { derivePlan, projectionsCsv, type ProjectionResult, type Settings } from '../../core/index';
import { str, UsageError, type OptionSpec, type Options } from '../args';
import { baselinePlan, chooseData, DATA_OPTIONS, dataOf, OUT_OPTION, PLAN_OPTION, prepare, SETTINGS_OPTION, BIRTHS_OPTION, BIRTHS_HELP } from '../inputs';
import { planOutputs, progressReporter, say, writeOutputs } from '../output';

export const help = `Usage: npm run --silent cli -- project (--schools FILE [--population FILE] | --dataset DIR) [--births FILE] [--plan FILE | --settings FILE] [--years N] [--backtest] [--out DIR]

Projects every school's enrollment by grade for N years (default: the settings' horizon, 6) with grade
progression ratios (school history, else district, else 1.0), entry grades from the school-age population of
each school's zone (nearest, or the plan's), and the next level fed by the previous level's last grade.
Without a population file (--schools alone, or a data set without one) the entry grades come from the
schools' own history. Prints the base year and, summarised, where the ratios and the entry grades came from
(a school counts under the weakest source among its grade transitions).
Each school's ratios are shrunk toward the district's by the pupils they rest on (projection.credibilityPupils);
entry grades come from births (birth_YYYY columns or --births) first, by township where both files name one, then single-year ages, then the damped entry trend
(without any history: the base year's cohorts); each grade keeps projection.changeWeight of its projected
change, chosen by the backtest when null.
--backtest prints the built-in backtest: every school with history projected from earlier years to the
known years, mean absolute percentage error of school totals for the engine, same-as-last-year and plain
grade progression, by horizon and for the district, and the range behind low/high.
--dataset DIR reads the files named by DIR/dataset.json (its settings too); --schools, --population and
--settings given as well take their place.
${BIRTHS_HELP}
Writes DIR/projections.csv (default ./out):
  school_id,year,grade,enrollment,classes_needed,classrooms,avg_class_size,flags,enrollment_low,enrollment_high,flags_possible
Exit 0 on success, 1 on bad input, 2 on bad usage.
`;

export const options: OptionSpec[] = [...DATA_OPTIONS, BIRTHS_OPTION, SETTINGS_OPTION, PLAN_OPTION, { name: 'years', value: 'number' }, { name: 'backtest', value: null }, OUT_OPTION];

export async function run(o: Options): Promise<number> {
  const years = str(o.years);
  let horizon: number | null = null;
  if (years !== undefined) {
    horizon = Number(years);
    if (!Number.isInteger(horizon) || horizon < 1 || horizon > 10) throw new UsageError(`--years: "${years}" is not a whole number from 1 to 10`);
  }
  const dir = str(o.out) ?? 'out';
  const data = chooseData(o, 'plan');
  const out = planOutputs(dir, ['projections.csv'], data.inputs);
  const progress = progressReporter();
  const l = await prepare(o, data, { needs: 'project needs --schools FILE (and --population FILE), or --dataset DIR', population: 'optional', planOption: 'plan' }, progress);
  if (typeof l === 'number') return l;
  if (!l.hasPopulation) {
    const drawn = l.plan ? Object.values(l.plan.levels).some((x) => Object.keys(x.overrides).length > 0) : false;
    say(`No population file: the projection uses the schools' enrollment and history only (entry below)${drawn ? '; the plan\'s drawn zones do not apply' : ''}`);
  }
  const s: Settings = { ...l.settings, projection: { ...l.settings.projection, horizonYears: horizon ?? l.settings.projection.horizonYears } };
  progress('projecting');
  const p = derivePlan(dataOf(l), { ...(l.plan ?? baselinePlan(l)), settings: s }, { mergers: false }).projection;
  writeOutputs(out, (w) => w.write('projections.csv', projectionsCsv(p)));
  progress('done');
  say(`Projected ${p.schools.filter((x) => x.years.length).length} schools for ${p.years[0]}-${p.years[p.years.length - 1]} (base year ${p.baseYear}); transition between levels ${(p.transitionRate * 100).toFixed(0)}% (${p.transitionSource})`);
  for (const d of p.district) say(`  ${d.year}: ${Object.entries(d.totalByLevel).map(([lv, v]) => `${lv} ${Math.round(v)}`).join(', ')}; schools flagged ${d.schoolsFlagged}`);
  const notProjected = p.schools.filter((x) => !x.years.length && x.notes.length).length;
  if (notProjected) say(`${notProjected} school(s) not projected (no enrollment by grade, or closed)`);
  const note = (p as ProjectionResult & { baseYearNote?: unknown }).baseYearNote;
  if (typeof note === 'string' && note) say(note);
  say(ratioSummary(p, s));
  say(entrySummary(p, s));
  for (const line of backtestLines(p, o.backtest !== undefined)) say(line);
  say(`Wrote ${out.path('projections.csv')}`);
  return 0;
}

const RATIO_SOURCES: [string, string][] = [['school history', 'from their own history'], ['district history', 'from the district'], ['none (1.0)', 'at 1.0']];

/**
 * "ratios: 40 schools from their own history, 12 from the district, 0 at 1.0": each projected school
 * under the weakest source among the grade transitions within its levels.
 */
export function ratioSummary(p: ProjectionResult, settings: Settings): string {
  const levelOf = new Map(settings.levels.flatMap((l) => l.grades.map((g) => [g, l.id] as const)));
  const order = RATIO_SOURCES.map(([k]) => k);
  const counts = new Map<string, number>(order.map((k) => [k, 0]));
  let none = 0;
  for (const sp of p.schools) {
    if (!sp.years.length) continue;
    const grades = new Set(Object.keys(sp.years[0].byGrade));
    let worst: string | null = null;
    for (const [key, src] of Object.entries(sp.ratioSource)) {
      const [g, next] = key.split('->');
      if (!grades.has(g) || !grades.has(next) || levelOf.get(g) !== levelOf.get(next)) continue;
      const rank = (x: string) => (order.includes(x) ? order.indexOf(x) : order.length);
      if (worst === null || rank(src) > rank(worst)) worst = src;
    }
    if (worst === null) none++;
    else counts.set(worst, (counts.get(worst) ?? 0) + 1);
  }
  const label = new Map(RATIO_SOURCES);
  const parts = [...counts].map(([k, n], i) => `${n}${i === 0 ? ` school${n === 1 ? '' : 's'}` : ''} ${label.get(k) ?? `from ${k}`}`);
  if (none) parts.push(`${none} with one grade (no ratio)`);
  return `ratios: ${parts.join(', ')}`;
}

/**
 * "entry: primary: zone ages (87), school entry trend (3); secondary: feeder schools (23)": the
 * projected schools of each level by how their entry grade is projected (the result's entryMethod,
 * else the words of its entry before the first colon).
 */
export function entrySummary(p: ProjectionResult, settings: Settings): string {
  const parts: string[] = [];
  for (const l of settings.levels) {
    const methods = new Map<string, number>();
    for (const sp of p.schools) {
      if (!sp.years.length) continue;
      const given = (sp as { entryMethod?: Record<string, unknown> }).entryMethod?.[l.id];
      const words = sp.entry[l.id];
      const method = typeof given === 'string' ? given : typeof words === 'string' ? words.split(': ')[0] : null;
      if (method !== null) methods.set(method, (methods.get(method) ?? 0) + 1);
    }
    if (methods.size) parts.push(`${l.id}: ${[...methods].sort((a, b) => b[1] - a[1]).map(([m, n]) => `${m} (${n})`).join(', ')}`);
  }
  return `entry: ${parts.length ? parts.join('; ') : 'no school projected'}`;
}

const pct = (x: number | null) => (x === null || !Number.isFinite(x) ? 'not assessed' : `${(x * 100).toFixed(1)}%`);

/**
 * The backtest in words: one line (MAPE of the engine against both baselines) or, in full, by horizon,
 * for the district per year and the range behind the low/high variants.
 */
export function backtestLines(p: ProjectionResult, full: boolean): string[] {
  const b = p.backtest;
  const w = b.changeWeight;
  const weight = w ? `change weight: each grade keeps ${(w.value * 100).toFixed(0)}% of its projected change (${w.source === 'backtest' ? `chosen by the backtest: ${w.candidates.map((c) => `${c.weight} ${pct(c.mape)}`).join(', ')}` : w.source === 'setting' ? 'projection.changeWeight' : 'default, no backtest to choose it'})` : null;
  if (!b.oneYear.n) return weight ? [b.note, weight] : [b.note];
  const head = `backtest, one year ahead (${b.oneYear.n} school-years): MAPE of school totals: engine ${pct(b.oneYear.engine)}, same as last year ${pct(b.oneYear.same)}, plain grade progression ${pct(b.oneYear.plain)}`;
  if (!full) return weight ? [head, weight] : [head];
  const out = [b.note, head, ...(weight ? [weight] : [])];
  for (const h of b.byHorizon) out.push(`  ${h.horizon} year${h.horizon > 1 ? 's' : ''} ahead (${h.n}): engine ${pct(h.engine)}, same as last year ${pct(h.same)}, plain ${pct(h.plain)}`);
  for (const d of b.district) out.push(`  district ${d.year}: actual ${Math.round(d.actual)}, engine ${Math.round(d.engine)}, same as last year ${Math.round(d.same)}, plain ${Math.round(d.plain)}`);
  out.push(b.range
    ? `  range (80%, from ${b.range.n} one-year errors): actual / projected ${(100 * b.range.low).toFixed(1)}% to +${(100 * b.range.high).toFixed(1)}%, widened by the square root of the years ahead`
    : '  range: not assessed (fewer than 20 one-year errors)');
  return out;
}
