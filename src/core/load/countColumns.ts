import type { Settings } from '../settings/settings';
import { coded, type Coded } from './problems';
import { normalizeName } from './table';

/** How one level's children are counted from a population file's columns. */
export interface CountPlan {
  level: string;
  /** weighted sum of columns */
  terms: { column: string; weight: number }[];
  /** true when the count is an estimate (share of an all-ages total) */
  estimate: boolean;
  description: string;
  /** for an estimate: the all-ages column and the share of it, in percent */
  total?: { column: string; percent: number };
}

export const TOTAL_ALIASES = ['total', 'population', 'pop', 'total_population', 'all_ages', 'count', 'value', 'pop_2011', 'pop_mid2020', 'totpop_2011', 'total_population_2018'];

/**
 * Decides how to count each level's children from the available columns, in order of preference:
 * a column named after the level; single-year ages (`age_6`..`age_11`); age bands split in
 * proportion to the years they share with the level (`age_5_9`); an all-ages total times the
 * `shareOfTotal` setting (an estimate). A level with none of these gets null.
 * @example planCounts(['age_5_9', 'age_10_14'], settings).primary // 4/5 of age_5_9 + 2/5 of age_10_14
 */
export function planCounts(columns: string[], settings: Settings): { plans: Record<string, CountPlan | null>; ageColumns: Map<number, string> } {
  const byNorm = new Map(columns.map((c) => [normalizeName(c), c]));
  const singleAges = new Map<number, string>();
  const bands: { from: number; to: number; column: string }[] = [];
  for (const [norm, col] of byNorm) {
    let m = /^(?:age|a)_?(\d{1,3})$/.exec(norm);
    if (m) { singleAges.set(Number(m[1]), col); continue; }
    m = /^(?:age|a)_?(\d{1,3})_(?:to_)?(\d{1,3})$/.exec(norm);
    if (m && Number(m[2]) >= Number(m[1])) bands.push({ from: Number(m[1]), to: Number(m[2]), column: col });
  }
  const total = TOTAL_ALIASES.map((a) => byNorm.get(a)).find((c) => c !== undefined);
  const plans: Record<string, CountPlan | null> = {};
  for (const level of settings.levels) {
    const [a, b] = level.ages;
    const direct = byNorm.get(normalizeName(level.id));
    if (direct) {
      plans[level.id] = { level: level.id, terms: [{ column: direct, weight: 1 }], estimate: false, description: `column "${direct}"` };
      continue;
    }
    const ages: { column: string; weight: number }[] = [];
    for (let age = a; age <= b; age++) { const c = singleAges.get(age); if (c) ages.push({ column: c, weight: 1 }); }
    if (ages.length === b - a + 1) {
      plans[level.id] = { level: level.id, terms: ages, estimate: false, description: `single-year ages ${a}-${b}` };
      continue;
    }
    const covered = new Set<number>();
    const terms: { column: string; weight: number }[] = [];
    for (const band of bands) {
      const lo = Math.max(a, band.from), hi = Math.min(b, band.to);
      if (hi < lo) continue;
      terms.push({ column: band.column, weight: (hi - lo + 1) / (band.to - band.from + 1) });
      for (let y = lo; y <= hi; y++) covered.add(y);
    }
    if (covered.size === b - a + 1) {
      plans[level.id] = { level: level.id, terms, estimate: false, description: `age bands ${terms.map((t) => `${t.column} x ${round(t.weight)}`).join(' + ')} (split in proportion to years)` };
      continue;
    }
    const share = settings.shareOfTotal[level.id];
    if (total && share !== undefined) {
      plans[level.id] = { level: level.id, terms: [{ column: total, weight: share }], estimate: true, total: { column: total, percent: round(share * 100) }, description: `estimate: ${round(share * 100)}% of all-ages "${total}" (setting shareOfTotal.${level.id})` };
      continue;
    }
    plans[level.id] = null;
  }
  return { plans, ageColumns: singleAges };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** The warning that a level's children are an estimate from an all-ages total. */
export function estimated(p: CountPlan): Coded {
  return coded('childrenEstimated', { percent: p.total?.percent ?? '', column: p.total?.column ?? '', level: p.level }, `children estimated as ${p.description}`);
}
