/**
 * Numbers, percentages, distances and dates in the current language (Intl). Units stay metric; a distance
 * standard set in whole miles (the UK profiles) is also shown in miles. A missing figure is a dash.
 */
import { i18n } from './i18n';

const METRES_PER_MILE = 1609.344;
type Num = number | undefined | null;
const missing = (x: Num): x is undefined | null => x === undefined || x === null || !Number.isFinite(x);

// Intl formatters are costly to build and the language rarely changes: one per language and shape
const cache = new Map<string, Intl.NumberFormat>();
function nf(opts: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${i18n.language}|${JSON.stringify(opts)}`;
  let f = cache.get(key);
  if (!f) cache.set(key, (f = new Intl.NumberFormat(i18n.language, opts)));
  return f;
}

/** A whole count, grouped per language (1,234 / 1.234 / 1,234). */
export const formatCount = (x: Num): string => (missing(x) ? '–' : nf({ maximumFractionDigits: 0 }).format(x));

/** A number with a fixed count of decimals. */
export const formatNumber = (x: Num, decimals = 1): string =>
  missing(x) ? '–' : nf({ minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(x);

/** A share (0.25) as a percentage in the language's form (25%, 25 %). */
export const formatPercent = (x: Num, decimals = 0): string =>
  missing(x) ? '–' : nf({ style: 'percent', minimumFractionDigits: 0, maximumFractionDigits: decimals }).format(x);

/** True when a distance standard is a whole number of miles (how the UK profiles set it). */
export const isMilesStandard = (m: Num): boolean => {
  if (missing(m) || m <= 0) return false;
  const miles = m / METRES_PER_MILE;
  return Math.round(miles) >= 1 && Math.abs(miles - Math.round(miles)) < 0.002;
};

/** Metres below 1 km, kilometres from there; with `miles`, the miles too: "3.2 km (2 mi)". */
export function formatDistance(m: Num, opts: { miles?: boolean } = {}): string {
  if (missing(m)) return '–';
  const metric = Math.abs(m) < 1000
    ? nf({ style: 'unit', unit: 'meter', unitDisplay: 'short', maximumFractionDigits: 0 }).format(m)
    : nf({ style: 'unit', unit: 'kilometer', unitDisplay: 'short', maximumFractionDigits: 1 }).format(m / 1000);
  if (!opts.miles) return metric;
  const mi = nf({ style: 'unit', unit: 'mile', unitDisplay: 'short', maximumFractionDigits: 1 }).format(m / METRES_PER_MILE);
  return `${metric} (${mi})`;
}

/** A distance standard as the profile set it: miles shown when it is set in miles. */
export const formatStandard = (m: Num): string => formatDistance(m, { miles: isMilesStandard(m) });

/** A date (Date, ISO string or epoch ms) in the language's long or short form; invalid input is a dash. */
export function formatDate(d: Date | string | number | undefined | null, style: 'long' | 'short' = 'long'): string {
  if (d === undefined || d === null) return '–';
  const date = d instanceof Date ? d : new Date(d);
  if (Number.isNaN(date.getTime())) return '–';
  return new Intl.DateTimeFormat(i18n.language, style === 'long' ? { dateStyle: 'long' } : { dateStyle: 'short' }).format(date);
}

/** A date and time of day, for saves and history. */
export function formatDateTime(d: Date | string | number | undefined | null): string {
  if (d === undefined || d === null) return '–';
  const date = d instanceof Date ? d : new Date(d);
  if (Number.isNaN(date.getTime())) return '–';
  return new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}
