import type { Schools, SchoolIndex } from '../model';
import { levelsServed, type Settings } from '../settings/settings';
import type { DistanceStats } from './distanceStats';
import { classBand, isFar, isOvercrowded, isRural, isUndersized, isUnderUsed, minimumPupils, standardClassSize } from './flagRules';

export type FlagName = 'overcrowded' | 'large_classes' | 'undersized' | 'far' | 'under_used';
export const FLAG_NAMES: FlagName[] = ['overcrowded', 'large_classes', 'undersized', 'far', 'under_used'];

/** One flag check on one school (and level where the check is per level), with the numbers behind it. */
export interface FlagResult {
  flag: FlagName;
  level?: string;
  status: 'flagged' | 'ok' | 'not_assessed';
  /** for large_classes: over_standard, large or super_large */
  severity?: string;
  values: Record<string, number>;
  /** English explanation; the app shows `code` with `values` (and the level) in the user's language */
  message: string;
  /** what the message says: `<flag>.<case>`, e.g. overcrowded.noCapacity, undersized.result */
  code: string;
}

/** What the flag checks need to know about a school, derived from data and catchments. */
export interface SchoolFigures {
  enrollment: number;
  enrollmentByLevel: Record<string, number>;
  capacity: number;
  /** true when capacity = classrooms x class size because the data has no capacity */
  capacityDerived: boolean;
  classrooms: number;
  /** children of school age assigned to the school, all levels it serves */
  demand: number;
  distanceByLevel: Record<string, DistanceStats>;
  /** true for a school a scenario opens: enrollment is its catchment demand (it has no pupils yet) */
  enrollmentFromDemand?: boolean;
}

const fmt = (x: number, d = 0) => (Number.isFinite(x) ? x.toLocaleString('en-GB', { maximumFractionDigits: d, minimumFractionDigits: d }) : 'n/a');
const pct = (x: number) => `${fmt(x * 100)}%`;

/**
 * Evaluates every flag for one school. A check whose inputs are missing is `not_assessed`, never `ok`.
 * @example evaluateFlags(schools, 3, figures, settings).filter(f => f.status === 'flagged')
 */
export function evaluateFlags(schools: Schools, s: SchoolIndex, f: SchoolFigures, settings: Settings): FlagResult[] {
  const out: FlagResult[] = [];
  const levels = levelsServed(settings, schools.types[s]).map((id) => settings.levels.find((l) => l.id === id)!);
  if (levels.length === 0) return out;

  // overcrowded: enrollment or catchment demand above capacity
  if (!Number.isFinite(f.capacity) || f.capacity <= 0) {
    // classes estimated from the roll, or the classes a school runs, are not rooms: say why no places were derived
    const estimated = schools.extra[s]?.classes_estimated === true, inUse = schools.extra[s]?.classes_in_use === true;
    const why = estimated ? 'no capacity in the data (its classes are estimated, not rooms)'
      : inUse ? 'no capacity in the data (its classes are those it runs, not rooms)' : 'no capacity or classrooms in the data';
    out.push({ flag: 'overcrowded', status: 'not_assessed', values: {}, message: `not assessed: ${why}`, code: `overcrowded.${estimated ? 'classesEstimated' : inUse ? 'classesInUse' : 'noCapacity'}` });
  } else {
    const u = f.enrollment / f.capacity, d = f.demand / f.capacity;
    const limit = settings.overcrowdedAbove;
    const over = isOvercrowded(f.enrollment, f.capacity, settings) || isOvercrowded(f.demand, f.capacity, settings);
    const src = f.capacityDerived ? ' (capacity derived from classrooms x class size)' : '';
    out.push({
      flag: 'overcrowded', status: over ? 'flagged' : 'ok',
      values: { capacity: f.capacity, enrollment: f.enrollment, demand: f.demand, utilization: u, demandUtilization: d, limit, capacityDerived: f.capacityDerived ? 1 : 0 },
      code: over ? 'overcrowded.over' : 'overcrowded.within',
      message: `${over ? 'over capacity' : 'within capacity'}: enrollment ${fmt(f.enrollment)} (${Number.isFinite(u) ? pct(u) : 'n/a'}), catchment demand ${fmt(f.demand)} (${pct(d)}) for ${fmt(f.capacity)} places${src}; limit ${pct(limit)}`,
    });
  }

  // under-used: enrollment well below capacity
  if (!Number.isFinite(f.capacity) || f.capacity <= 0 || !Number.isFinite(f.enrollment)) {
    out.push({ flag: 'under_used', status: 'not_assessed', values: {}, message: `not assessed: no ${!Number.isFinite(f.enrollment) ? 'enrollment' : 'capacity'} in the data`, code: `under_used.${!Number.isFinite(f.enrollment) ? 'noEnrollment' : 'noCapacity'}` });
  } else {
    const u = f.enrollment / f.capacity;
    const under = isUnderUsed(f.enrollment, f.capacity, settings);
    out.push({ flag: 'under_used', status: under ? 'flagged' : 'ok', values: { utilization: u, threshold: settings.underUsedBelow }, message: `utilization ${pct(u)}; under-used below ${pct(settings.underUsedBelow)}`, code: 'under_used.result' });
  }

  // large classes: average class size against the (enrollment-weighted) standard
  if (!Number.isFinite(f.classrooms) || f.classrooms <= 0 || !Number.isFinite(f.enrollment)) {
    out.push({ flag: 'large_classes', status: 'not_assessed', values: {}, message: `not assessed: no ${!Number.isFinite(f.enrollment) ? 'enrollment' : 'classrooms'} in the data`, code: `large_classes.${!Number.isFinite(f.enrollment) ? 'noEnrollment' : 'noClassrooms'}` });
  } else {
    const mix = standardClassSize(levels.map((l) => [f.enrollmentByLevel[l.id], l.classSize] as const));
    const standard = Number.isFinite(mix) ? mix : levels[0].classSize;
    const avg = f.enrollment / f.classrooms;
    const severity: string | undefined = classBand(avg, standard, settings) ?? undefined;
    out.push({
      flag: 'large_classes', status: severity ? 'flagged' : 'ok', severity,
      values: { avgClassSize: avg, standard, classrooms: f.classrooms, enrollment: f.enrollment },
      code: 'large_classes.result',
      message: `average class ${fmt(avg, 1)} pupils (${fmt(f.enrollment)} in ${fmt(f.classrooms)} classes); standard ${fmt(standard)}${severity ? `: ${severity.replace('_', ' ')}` : ''}`,
    });
  }

  for (const l of levels) {
    // undersized: pupils of the level below the level's minimum
    const e = f.enrollmentByLevel[l.id];
    const rural = isRural(schools.extra[s]);
    const min = minimumPupils(l, rural);
    if (!Number.isFinite(e)) {
      out.push({ flag: 'undersized', level: l.id, status: 'not_assessed', values: {}, message: `not assessed: no ${l.name.toLowerCase()} enrollment in the data`, code: 'undersized.noEnrollment' });
    } else {
      const small = isUndersized(e, min);
      out.push({ flag: 'undersized', level: l.id, status: small ? 'flagged' : 'ok', values: { enrollment: e, minimum: min, rural: rural && l.minPupilsRural !== undefined ? 1 : 0 }, code: f.enrollmentFromDemand ? 'undersized.resultNew' : 'undersized.result', message: `${fmt(e)} ${l.name.toLowerCase()} ${f.enrollmentFromDemand ? 'children by catchment demand (a new school has no pupils yet)' : 'pupils'}; minimum ${fmt(min)}${rural && l.minPupilsRural !== undefined ? ' (rural)' : ''}` });
    }
    // far: too many of the catchment's children beyond the distance standard
    const d = f.distanceByLevel[l.id];
    if (!d || d.children <= 0) {
      out.push({ flag: 'far', level: l.id, status: 'ok', values: { children: 0 }, message: `no ${l.name.toLowerCase()} children in the catchment`, code: 'far.noChildren' });
    } else {
      const far = isFar(d.shareBeyond, settings);
      out.push({
        flag: 'far', level: l.id, status: far ? 'flagged' : 'ok',
        values: { shareBeyond: d.shareBeyond, childrenBeyond: d.childrenBeyond, standardM: l.distanceStandardM, threshold: settings.farShareAbove, p90M: d.p90M, children: d.children },
        code: 'far.result',
        message: `${pct(d.shareBeyond)} of ${fmt(d.children)} ${l.name.toLowerCase()} children live beyond ${fmt(l.distanceStandardM / 1000, 1)} km (flag above ${pct(settings.farShareAbove)}); 90% within ${fmt(d.p90M / 1000, 1)} km`,
      });
    }
  }
  return out;
}
