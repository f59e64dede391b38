import { greatCircleMeters, setUnitDistance } from '../core/index';
import type { StoreContext } from './context';
import type { Dataset, Results } from './results';

/** How the painter measures unit u of a level to school s (metres). */
export type Measure = (level: string, u: number, school: number) => number;

/**
 * Distances from every unit to the schools painted onto, measured by the engine under the data set's
 * network settings: while routes are chosen the running totals must use them, or they would differ
 * from the recompute that follows. A field not here yet is asked for; meanwhile the unit counts with
 * the straight line and is corrected when the field comes.
 */
export interface PaintFields {
  /** the data set and network settings the fields were measured under */
  key: string;
  bySite: Map<string, Float32Array>;
  asked: Set<string>;
  /** units moved before their school's field came, on the results they were moved on */
  provisional: { results: Results; level: string; u: number; school: number }[];
}

/** fields kept at most (values); a 1M-unit grid keeps 32 schools */
const FIELD_BUDGET = 32_000_000;

const siteOf = (r: Results, s: number) => `${r.schools.lon[s]},${r.schools.lat[s]}`;

function fieldsFor(ctx: StoreContext): PaintFields | null {
  const { dataset, settings } = ctx.get();
  if (!dataset?.network || settings?.network.distance !== 'network' || !ctx.engine.unitDistances) { ctx.paintFields = null; return null; }
  const key = `${dataset.token}|${JSON.stringify(settings.network)}`;
  if (ctx.paintFields?.key !== key) ctx.paintFields = { key, bySite: new Map(), asked: new Set(), provisional: [] };
  return ctx.paintFields;
}

/** The painter's measure on these results: the derivation's distance (by route where chosen). */
export function paintMeasure(ctx: StoreContext, results: Results, ds: Dataset): Measure {
  const straight = (u: number, s: number) => greatCircleMeters(ds.units.lon[u], ds.units.lat[u], results.schools.lon[s], results.schools.lat[s]);
  const f = fieldsFor(ctx);
  if (!f) return (_level, u, s) => straight(u, s);
  return (level, u, s) => {
    const field = f.bySite.get(siteOf(results, s));
    if (field) return field[u];
    askField(ctx, f, results, s);
    f.provisional.push({ results, level, u, school: s });
    return straight(u, s);
  };
}

/** Asks for a school's field ahead of painting (the stroke's school), when routes are chosen. */
export function prefetchField(ctx: StoreContext, school: number): void {
  const results = ctx.get().results, f = fieldsFor(ctx);
  if (f && results && school >= 0) askField(ctx, f, results, school);
}

function askField(ctx: StoreContext, f: PaintFields, results: Results, s: number): void {
  const site = siteOf(results, s);
  if (f.asked.has(site)) return;
  f.asked.add(site);
  const { dataset, settings } = ctx.get();
  const ask = ctx.engine.unitDistances!({ token: dataset!.token, network: settings!.network, lon: results.schools.lon[s], lat: results.schools.lat[s] });
  void ctx.idle.track(ask.then((field) => {
    if (ctx.paintFields !== f) return;
    if ((f.bySite.size + 1) * field.length > FIELD_BUDGET) { f.bySite.clear(); f.asked.clear(); f.asked.add(site); }
    f.bySite.set(site, field);
    settle(ctx, f, site, field);
  }, () => { f.asked.delete(site); }));
}

/** Units that went onto the school at `site` before its field came get their measured distance. */
function settle(ctx: StoreContext, f: PaintFields, site: string, field: Float32Array): void {
  const { results, tallies, dataset, paint } = ctx.get();
  const rest: PaintFields['provisional'] = [], fixed: number[] = [];
  let level = paint.level;
  for (const e of f.provisional) {
    // on results since replaced: the newer ones were tallied afresh
    if (e.results !== results || !tallies || !dataset) continue;
    if (siteOf(results, e.school) !== site) { rest.push(e); continue; }
    const a = results.assignments.find((x) => x.level === e.level);
    if (!a || !tallies[e.level] || a.schoolByUnit[e.u] !== e.school) continue;
    setUnitDistance(tallies[e.level], a, e.u, dataset.units.childrenByLevel[e.level][e.u], field[e.u]);
    fixed.push(e.u);
    level = e.level;
  }
  f.provisional = rest;
  if (fixed.length) ctx.set({ paint: { version: paint.version + 1, level, units: Uint32Array.from(fixed) } });
}
