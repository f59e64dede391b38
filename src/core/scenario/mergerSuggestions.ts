import type { CatchmentResult } from '../catchment/computeCatchments';
import type { Schools, Units } from '../model';
import { levelsServed, type Settings } from '../settings/settings';
import { greatCircleMeters } from '../spatial/sphere';
import { coded, type Coded } from '../util/problems';

export interface MergerSuggestion {
  school: string;
  name: string;
  enrollment: number;
  minimum: number;
  receiver: string | null;
  receiverName: string | null;
  distanceBetweenM: number;
  /** children of the school's catchment who would move */
  movedChildren: number;
  /** mean extra distance per moved child (metres) */
  addedTravelPerPupilM: number;
  /** share of moved children beyond the distance standard after the move */
  shareBeyondAfter: number;
  respectsStandard: boolean;
  receiverEnrollmentAfter: number;
  /** NaN when the receiver's capacity is not in the data */
  receiverUtilizationAfter: number;
  spareKnown: boolean;
  /** English, for the CLI and the CSV; `noteCoded` says it in the app's language ('' and null: nothing to say) */
  note: string;
  noteCoded: Coded | null;
}

/**
 * Undersized schools with the best receiving school for each: the nearest open school of the same
 * levels (and, if `sameField` is given, the same value of that attribute, e.g. management type) with
 * enough spare places after the move whose moved children stay within the distance standard (at most
 * `farShareAbove` of them beyond it); when none does, the nearest with spare places, marked as not
 * respecting the standard. Sorted by added travel per moved child. Capacity not in the data: spare
 * places are not assessed and said so.
 * @example suggestMergers(schools, units, settings, result, { sameField: 'management_type' })
 */
export function suggestMergers(schools: Schools, units: Units, settings: Settings, result: CatchmentResult, options: { sameField?: string; candidates?: number; distance?: (u: number, s: number) => number; schoolToSchool?: (a: number, b: number) => number } = {}): MergerSuggestion[] {
  const toSchool = options.distance ?? ((u: number, s: number) => greatCircleMeters(units.lon[u], units.lat[u], schools.lon[s], schools.lat[s]));
  const between = options.schoolToSchool ?? ((a: number, b: number) => greatCircleMeters(schools.lon[a], schools.lat[a], schools.lon[b], schools.lat[b]));
  const out: MergerSuggestion[] = [];
  const k = options.candidates ?? 8;
  // units of each school's catchment per level, grouped once: each candidate is then scored on its own units only
  const unitsOf = new Map<string, number[][]>();
  for (const asg of result.assignments) {
    const lists: number[][] = Array.from({ length: schools.count }, () => []);
    const ch = units.childrenByLevel[asg.level];
    for (let u = 0; u < units.count; u++) if (asg.schoolByUnit[u] !== asg.noSchool && ch[u] > 0) lists[asg.schoolByUnit[u]].push(u);
    unitsOf.set(asg.level, lists);
  }
  for (const r of result.schools) {
    if (r.status !== 'open') continue;
    const small = r.flags.find((f) => f.flag === 'undersized' && f.status === 'flagged');
    if (!small) continue;
    const a = r.index;
    const levels = levelsServed(settings, schools.types[a]);
    const same = options.sameField ? schools.extra[a][options.sameField] : undefined;
    const candidates: { s: number; d: number }[] = [];
    for (let b = 0; b < schools.count; b++) {
      if (b === a || schools.status[b] !== 'open') continue;
      const served = levelsServed(settings, schools.types[b]);
      if (!levels.every((l) => served.includes(l))) continue;
      if (same !== undefined && same !== null && schools.extra[b][options.sameField!] !== same) continue;
      candidates.push({ s: b, d: between(a, b) });
    }
    candidates.sort((x, y) => x.d - y.d || x.s - y.s);
    const enrollment = Number.isFinite(r.enrollment) ? r.enrollment : 0;
    const evaluate = (b: number) => {
      let w = 0, extra = 0, beyond = 0;
      for (const level of levels) {
        const asg = result.assignments.find((x) => x.level === level)!;
        const ch = units.childrenByLevel[level];
        const std = settings.levels.find((l) => l.id === level)!.distanceStandardM;
        for (const u of unitsOf.get(level)![a]) {
          const d = toSchool(u, b);
          w += ch[u]; extra += ch[u] * (d - asg.distanceByUnit[u]);
          if (d > std) beyond += ch[u];
        }
      }
      const cap = schools.capacity[b], enr = Number.isFinite(schools.enrollment[b]) ? schools.enrollment[b] : 0;
      return { w, perPupil: w > 0 ? extra / w : NaN, shareBeyond: w > 0 ? beyond / w : 0, spareKnown: Number.isFinite(cap), fits: !Number.isFinite(cap) || cap - enr >= enrollment, after: enr + enrollment, util: Number.isFinite(cap) && cap > 0 ? (enr + enrollment) / cap : NaN };
    };
    type Choice = { s: number; d: number; e: ReturnType<typeof evaluate> };
    let chosen: Choice | null = null;
    let fallback: Choice | null = null;
    for (const c of candidates.slice(0, k)) {
      const e = evaluate(c.s);
      if (!e.fits) continue;
      fallback ??= { ...c, e };
      if (e.shareBeyond <= settings.farShareAbove) { chosen = { ...c, e }; break; }
    }
    const pick = chosen ?? fallback;
    const minimum = Number(small.values.minimum);
    out.push({
      school: r.id, name: r.name, enrollment, minimum,
      receiver: pick ? schools.ids[pick.s] : null, receiverName: pick ? schools.names[pick.s] : null,
      distanceBetweenM: pick ? pick.d : NaN, movedChildren: pick ? pick.e.w : 0, addedTravelPerPupilM: pick ? pick.e.perPupil : NaN,
      shareBeyondAfter: pick ? pick.e.shareBeyond : NaN, respectsStandard: !!chosen,
      receiverEnrollmentAfter: pick ? pick.e.after : NaN, receiverUtilizationAfter: pick ? pick.e.util : NaN,
      spareKnown: pick ? pick.e.spareKnown : false,
      ...noteOf(),
    });
    function noteOf(): { note: string; noteCoded: Coded | null } {
      const c = !pick
        ? (same !== undefined
          ? coded('noReceiverSame', { field: options.sameField!, value: String(same), count: k }, `no school of the same level and ${options.sameField} "${String(same)}" with spare places among the ${k} nearest`)
          : coded('noReceiver', { count: k }, `no school of the same level with spare places among the ${k} nearest`))
        : chosen ? (pick.e.spareKnown ? null : coded('spareNotAssessed', {}, 'spare places not assessed: the receiver has no capacity in the data'))
          : coded('beyondStandard', { share: pick.e.shareBeyond }, `no merger keeps the moved children within the distance standard: ${Math.round(pick.e.shareBeyond * 100)}% would live beyond it`);
      return { note: c?.text ?? '', noteCoded: c };
    }
  }
  return out.sort((x, y) => (Number.isFinite(x.addedTravelPerPupilM) ? x.addedTravelPerPupilM : Infinity) - (Number.isFinite(y.addedTravelPerPupilM) ? y.addedTravelPerPupilM : Infinity) || (x.school < y.school ? -1 : 1));
}
