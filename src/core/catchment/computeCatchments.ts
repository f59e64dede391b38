import { asSchoolIndex, type Schools, type Units } from '../model';
import { levelsServed, type Settings } from '../settings/settings';
import { distanceHistogram, schoolDistanceStats, type DistanceStats } from '../stats/distanceStats';
import { evaluateFlags, FLAG_NAMES, type FlagName, type FlagResult, type SchoolFigures } from '../stats/flags';
import { assignNearest, candidateSchools, type LevelAssignment } from './assignNearest';

/** Everything known about one school after assignment. */
export interface SchoolReport extends SchoolFigures {
  index: number;
  id: string;
  name: string;
  type: string;
  status: string;
  levels: string[];
  utilization: number;
  avgClassSize: number;
  teachers: number;
  /** classes needed at the standard class size (per grade when grades are known) */
  classesNeeded: number;
  flags: FlagResult[];
}

export interface DistrictSummary {
  schools: number;
  schoolsByType: Record<string, number>;
  schoolsByStatus: Record<string, number>;
  units: number;
  childrenByLevel: Record<string, number>;
  unassignedChildrenByLevel: Record<string, number>;
  countSourceByLevel: Record<string, string>;
  capacityTotal: number;
  schoolsWithCapacity: number;
  enrollmentTotal: number;
  flagCounts: Record<FlagName, { flagged: number; ok: number; notAssessed: number }>;
  /** children by distance band per level; bounds in metres */
  distanceBandsM: number[];
  distanceHistogramByLevel: Record<string, number[]>;
  meanDistanceMByLevel: Record<string, number>;
}

export interface CatchmentResult {
  assignments: LevelAssignment[];
  schools: SchoolReport[];
  summary: DistrictSummary;
}

export const DISTANCE_BANDS_M = [500, 1000, 2000, 3000, 5000, 10000];

/**
 * Nearest-school catchments for every level, per-school statistics and flags, and a district summary.
 * Pure: inputs are not modified; the same inputs give the same result.
 * @example computeCatchments(schools, units, defaultSettings('scotland')).summary.flagCounts.overcrowded
 */
export function computeCatchments(schools: Schools, units: Units, settings: Settings, onProgress?: (stage: string) => void): CatchmentResult {
  const assignments: LevelAssignment[] = [];
  for (const level of settings.levels) {
    onProgress?.(`assigning ${level.id}`);
    assignments.push(assignNearest(units, schools, candidateSchools(schools, settings, level.id), level.id));
  }
  onProgress?.('statistics');
  return summarise(schools, units, settings, assignments);
}

/** Statistics, flags and summary for given assignments (nearest or drawn). */
export function summarise(schools: Schools, units: Units, settings: Settings, assignments: LevelAssignment[]): CatchmentResult {
  const statsByLevel = new Map<string, DistanceStats[]>();
  for (const a of assignments) {
    const level = settings.levels.find((l) => l.id === a.level)!;
    statsByLevel.set(a.level, schoolDistanceStats(a, units.childrenByLevel[a.level], schools.count, level.distanceStandardM));
  }
  const reports: SchoolReport[] = [];
  for (let s = 0; s < schools.count; s++) {
    const levels = levelsServed(settings, schools.types[s]);
    const grades = schools.enrollmentByGrade[s];
    const enrollmentByLevel: Record<string, number> = {};
    let classesNeeded = 0;
    for (const id of levels) {
      const l = settings.levels.find((x) => x.id === id)!;
      const known = grades ? l.grades.filter((g) => grades[g] !== undefined) : [];
      if (known.length) {
        enrollmentByLevel[id] = known.reduce((sum, g) => sum + grades![g], 0);
        for (const g of known) classesNeeded += Math.ceil(grades![g] / l.classSize);
      } else if (levels.length === 1 && Number.isFinite(schools.enrollment[s])) {
        enrollmentByLevel[id] = schools.enrollment[s];
        classesNeeded += Math.ceil(schools.enrollment[s] / l.classSize);
      } else {
        enrollmentByLevel[id] = NaN;
        classesNeeded = NaN;
      }
    }
    const distanceByLevel: Record<string, DistanceStats> = {};
    let demand = 0;
    for (const id of levels) {
      const d = statsByLevel.get(id)?.[s];
      if (d) { distanceByLevel[id] = d; demand += d.children; }
    }
    // a school a scenario opens has no pupils yet: it is judged on the children of its catchment
    const fromDemand = schools.extra[s]?.opened_by_scenario === true;
    let enrollment = schools.enrollment[s];
    if (fromDemand) {
      enrollment = demand;
      classesNeeded = 0;
      for (const id of levels) {
        const l = settings.levels.find((x) => x.id === id)!;
        enrollmentByLevel[id] = distanceByLevel[id]?.children ?? 0;
        classesNeeded += Math.ceil(enrollmentByLevel[id] / l.classSize);
      }
    }
    let capacity = schools.capacity[s];
    let capacityDerived = false;
    // places come from classrooms x class size only when the classes are rooms the school has: not
    // from classes estimated from roll / average class, nor from the classes a school happens to run
    const classesAreRooms = schools.extra[s]?.classes_estimated !== true && schools.extra[s]?.classes_in_use !== true;
    if (!Number.isFinite(capacity) && Number.isFinite(schools.classrooms[s]) && levels.length && classesAreRooms) {
      const l = settings.levels.find((x) => x.id === levels[0])!;
      capacity = schools.classrooms[s] * l.classSize;
      capacityDerived = true;
    }
    const figures: SchoolFigures = {
      enrollment, enrollmentByLevel, capacity, capacityDerived,
      classrooms: schools.classrooms[s], demand, distanceByLevel, enrollmentFromDemand: fromDemand,
    };
    reports.push({
      ...figures,
      index: s, id: schools.ids[s], name: schools.names[s], type: schools.types[s], status: schools.status[s], levels,
      utilization: capacity > 0 ? enrollment / capacity : NaN,
      teachers: schools.teachers[s],
      avgClassSize: schools.classrooms[s] > 0 ? enrollment / schools.classrooms[s] : NaN,
      classesNeeded: levels.length ? classesNeeded : NaN,
      flags: schools.status[s] === 'open' ? evaluateFlags(schools, asSchoolIndex(s), figures, settings) : [],
    });
  }
  return { assignments, schools: reports, summary: summariseDistrict(schools, units, assignments, reports) };
}

function summariseDistrict(schools: Schools, units: Units, assignments: LevelAssignment[], reports: SchoolReport[]): DistrictSummary {
  const count = (xs: string[]) => xs.reduce<Record<string, number>>((m, x) => ((m[x] = (m[x] ?? 0) + 1), m), {});
  const flagCounts = Object.fromEntries(FLAG_NAMES.map((f) => [f, { flagged: 0, ok: 0, notAssessed: 0 }])) as DistrictSummary['flagCounts'];
  for (const r of reports) {
    for (const f of FLAG_NAMES) {
      const mine = r.flags.filter((x) => x.flag === f);
      if (!mine.length) continue;
      const c = flagCounts[f];
      if (mine.some((x) => x.status === 'flagged')) c.flagged++;
      else if (mine.some((x) => x.status === 'not_assessed')) c.notAssessed++;
      else c.ok++;
    }
  }
  const childrenByLevel: Record<string, number> = {}, unassigned: Record<string, number> = {}, hist: Record<string, number[]> = {}, meanD: Record<string, number> = {};
  for (const a of assignments) {
    const ch = units.childrenByLevel[a.level];
    let total = 0, un = 0, dsum = 0;
    for (let u = 0; u < units.count; u++) {
      total += ch[u];
      if (a.schoolByUnit[u] === a.noSchool) un += ch[u];
      else dsum += ch[u] * a.distanceByUnit[u];
    }
    childrenByLevel[a.level] = total;
    unassigned[a.level] = un;
    hist[a.level] = distanceHistogram(a, ch, DISTANCE_BANDS_M);
    meanD[a.level] = total - un > 0 ? dsum / (total - un) : NaN;
  }
  let capacityTotal = 0, withCap = 0, enrollmentTotal = 0;
  for (const r of reports) {
    if (r.status !== 'open') continue;
    if (Number.isFinite(r.capacity)) { capacityTotal += r.capacity; withCap++; }
    if (Number.isFinite(r.enrollment)) enrollmentTotal += r.enrollment;
  }
  return {
    schools: schools.count, schoolsByType: count(schools.types), schoolsByStatus: count(schools.status),
    units: units.count, childrenByLevel, unassignedChildrenByLevel: unassigned, countSourceByLevel: { ...units.countSourceByLevel },
    capacityTotal, schoolsWithCapacity: withCap, enrollmentTotal, flagCounts,
    distanceBandsM: DISTANCE_BANDS_M, distanceHistogramByLevel: hist, meanDistanceMByLevel: meanD,
  };
}
