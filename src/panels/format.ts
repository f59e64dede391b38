// Figures and domain words for the panels, in the user's language (see src/i18n and docs/glossary.md).
import { formatProblemIn, type FlagResult, type ImportedZone, type PlanProblem, type Problem } from '../core/index';
import { formatCount, formatDistance, formatNumber, formatPercent, formatStandard } from '../i18n/format';
import { i18n } from '../i18n/i18n';

type Num = number | undefined | null;
const missing = (x: Num): x is undefined | null => x === undefined || x === null || !Number.isFinite(x);

/** A count, or a dash when the data has no value. */
export const count = (x: Num) => formatCount(x);
export const one = (x: Num) => formatNumber(x, 1);
export const percent = (x: Num) => formatPercent(x);
export const km = (m: Num) => formatDistance(m);
/** A distance standard, with miles when the profile sets it in miles. */
export const standard = (m: Num) => formatStandard(m);

/** A figure the data cannot give reads "not assessed", never a number or a dash. */
export const assessed = (x: Num, format: (x: number) => string) => (missing(x) ? i18n.t('common:notAssessed') : format(x));

const words = (s: string) => s.replace(/_/g, ' ');
/** A flag's name (大班额, Undersized ...). */
export const flagLabel = (flag: string) => i18n.t(`flags:name.${flag}`, { defaultValue: words(flag) });
/** A school type of the profile; a type the catalogues do not know is shown as the data names it. */
export const typeName = (type: string) => i18n.t(`common:type.${type}`, { defaultValue: words(type) });
/** A level by id; unknown levels keep the name the settings give them. */
export const levelName = (id: string, fallback?: string) => i18n.t(`common:level.${id}`, { defaultValue: fallback ?? id });
/** A level's name inside a sentence ("primary pupils", "primaria"). */
export const levelInline = (id: string, fallback?: string) => levelName(id, fallback).toLocaleLowerCase(i18n.language);
export const statusName = (status: string) => i18n.t(`common:status.${status}`, { defaultValue: status });

const PERCENT_VALUES = new Set(['utilization', 'demandUtilization', 'limit', 'threshold', 'shareBeyond', 'share']);
const DISTANCE_VALUES = new Set(['standardM', 'p90M']);
function formatted(values: Record<string, number | string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) {
    if (typeof v === 'string') out[k] = v;
    else if (PERCENT_VALUES.has(k)) out[k] = percent(v);
    else if (DISTANCE_VALUES.has(k)) out[k] = k === 'standardM' ? standard(v) : km(v);
    else if (k === 'avgClassSize') out[k] = one(v);
    else out[k] = Number.isInteger(v) ? count(v) : String(Math.round(v * 10) / 10);
  }
  return out;
}

/** What a flag check found, with the numbers behind it, in the user's language. */
export function flagExplanation(f: FlagResult): string {
  const v = formatted(f.values);
  const level = f.level ? levelInline(f.level) : '';
  let text = i18n.t(`flags:explain.${f.code}`, { ...v, level, defaultValue: f.message });
  if (f.values.capacityDerived) text += i18n.t('flags:explain.capacityDerived');
  if (f.code === 'undersized.result' && f.values.rural) text += i18n.t('flags:explain.rural');
  if (f.code === 'large_classes.result' && f.severity) text += i18n.t('flags:explain.band', { band: i18n.t(`flags:severity.${f.severity}`) });
  return text;
}

/** A plan check's words: what is wrong where, in the user's language. */
export function checkText(c: PlanProblem): string {
  if (!c.params) return c.message;
  const p = c.params;
  const extra: Record<string, string | number> = {};
  if (typeof p.level === 'string') extra.level = p.level.split('+').map((l) => levelInline(l)).join(' + ');
  if (typeof p.status === 'string') extra.status = statusName(p.status);
  if (typeof p.type === 'string') extra.type = typeName(p.type);
  if (typeof p.share === 'number') extra.share = percent(p.share);
  if (c.kind === 'closed_school' || c.kind === 'wrong_level') extra.dest = p.destCount === 1 ? String(p.dest) : p.destCount ? i18n.t('flags:check.destOthers', { count: p.destCount }) : i18n.t('flags:check.destNone');
  for (const k of ['children', 'capacity', 'units'] as const) if (typeof p[k] === 'number') extra[k] = count(p[k] as number);
  return i18n.t(`flags:check.${c.kind}`, { ...p, ...extra, count: c.kind === 'over_capacity' ? undefined : Number(p.units), defaultValue: c.message });
}

/** The name of a kind of plan check. */
export const checkKind = (kind: string) => i18n.t(`flags:checkKind.${kind}`, { defaultValue: words(kind) });

/** The user's-language form of an English phrase of the core, from `problems:what`, else the phrase itself. */
function phrase(english: string): string {
  const table = i18n.t('problems:what', { returnObjects: true }) as unknown;
  const hit = table && typeof table === 'object' ? (table as Record<string, unknown>)[english] : undefined;
  return typeof hit === 'string' ? hit : english;
}

/** Parameters the core gives as English phrases ("a class size", "strip"): said in the user's language. */
const PHRASE_PARAMS = ['what', 'signedness', 'block', 'blocks'];
/** Numbers the English message prints as they are (years, rows, coordinates, codes): never grouped. */
const RAW_NUMBERS = new Set(['lon', 'lat', 'x0', 'y0', 'dx', 'dy', 'year', 'base', 'current', 'latest', 'at', 'row', 'line', 'column', 'index', 'value', 'epsg', 'format', 'band', 'bits', 'type', 'grade', 'km']);

/** Numbers the English message prints with a fixed count of decimals: the same count in every language. */
const FIXED_DECIMALS: Record<string, number> = { largestPercent: 1 };

/** A file size as the core's `megabytes` says it, in the user's language. */
function size(bytes: number): string {
  return bytes < 1e6 ? i18n.t(pluralKey('problems:size.bytes', bytes), { formatted: count(bytes) }) : i18n.t('problems:size.mb', { value: formatNumber(bytes / 1e6, 1) });
}

/** A problem's parameters in the user's language: numbers grouped per locale, sizes, phrases, examples. */
function localParams(raw: Record<string, string | number>): Record<string, string | number> {
  const params: Record<string, string | number> = { ...raw };
  for (const [k, v] of Object.entries(raw)) {
    if (typeof v !== 'number' || RAW_NUMBERS.has(k)) continue;
    params[k] = k === 'bytes' || k === 'limitBytes' ? size(v)
      : k in FIXED_DECIMALS ? formatNumber(v, FIXED_DECIMALS[k])
        : new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 6 }).format(v);
  }
  for (const k of PHRASE_PARAMS) if (typeof raw[k] === 'string') params[k] = phrase(raw[k] as string);
  if (typeof raw.expect === 'string') params.what = i18n.t(`problems:expect.${raw.expect}`, raw);
  if (typeof raw.valueKind === 'string') params.value = i18n.t(`problems:value.${raw.valueKind}`, raw);
  if (typeof raw.exampleIds === 'string') params.examples = Number(raw.exampleMore) > 0 ? i18n.t('problems:examplesMore', { ids: raw.exampleIds, count: count(Number(raw.exampleMore)) }) : raw.exampleIds;
  return params;
}

/** The catalogue key of a code for a count: `code_one`, `code_other` when the catalogue has plural forms. */
function pluralKey(key: string, n: unknown): string {
  if (typeof n !== 'number') return key;
  const form = `${key}_${new Intl.PluralRules(i18n.language).select(n)}`;
  return i18n.exists(form) ? form : i18n.exists(`${key}_other`) ? `${key}_other` : key;
}

/**
 * A loader problem as `file:row: field: message`: the place exactly as in English (the CLI prints the
 * same), the message in the user's language.
 */
export function problemText(p: Problem): string {
  return formatProblemIn(p, { message: problemMessage(p), warning: i18n.t('problems:warning') });
}

/** A problem's message alone (no place) in the user's language; the English text for an unknown code. */
export function problemMessage(p: Problem): string {
  const key = pluralKey(`problems:${p.code}`, p.params.count);
  return i18n.exists(key) ? i18n.t(key, localParams(p.params)) : p.message;
}

/** An imported zone's name: the file's, else "zone N" in the user's language. */
export const zoneLabel = (z: Pick<ImportedZone, 'index' | 'label' | 'named'>): string => (z.named ? z.label : i18n.t('data:zones.unnamed', { index: z.index }));
