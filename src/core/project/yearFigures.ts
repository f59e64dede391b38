import type { Schools } from '../model';
import type { LevelDef } from '../settings/profiles';
import type { Settings } from '../settings/settings';
import { CLASS_BAND_FLAG, classBand, classroomsShort, isOvercrowded, isRural, isUndersized, minimumPupils, PROJECTION_FLAG_NAMES, standardClassSize } from '../stats/flagRules';
import type { DistrictYear, ProjectionYear, SchoolProjection } from './types';

/**
 * Classes and flags of one school in one projected year. Classes per grade are `ceil(E[g] / class
 * size)` (a grade under half a pupil needs none); with fewer classrooms than classes the average
 * class is `pupils / classrooms` (`classrooms_short`), else `pupils / classes`. Flags, with the rules
 * of the current-year flags (stats/flagRules): `overcrowded`, `classrooms_short`, the class band
 * (`super_large_class`, `large_class`, `over_standard` against the pupil-weighted standard class
 * size), `undersized:<level>`.
 * @param grades grade -> pupils, in school order
 * @param gradeLevel the level of each grade
 */
export function yearFigures(schools: Schools, s: number, grades: Record<string, number>, offset: number, year: number, settings: Settings, gradeLevel: Map<string, LevelDef>): ProjectionYear {
  const byLevel: Record<string, number> = {};
  const classesByGrade: Record<string, number> = {};
  let total = 0, classes = 0;
  for (const [g, v] of Object.entries(grades)) {
    const l = gradeLevel.get(g)!;
    byLevel[l.id] = (byLevel[l.id] ?? 0) + v;
    total += v;
    // a fraction of a pupil is a projection artefact, not a class
    const c = v >= 0.5 ? Math.ceil(v / l.classSize - 1e-9) : 0;
    classesByGrade[g] = c;
    classes += c;
  }
  // classes estimated from roll / average class, or the classes a school runs now, are not rooms: no cap
  const rooms = schools.extra[s]?.classes_estimated !== true && schools.extra[s]?.classes_in_use !== true;
  const classrooms = rooms ? schools.classrooms[s] : NaN;
  const capped = classroomsShort(classes, classrooms);
  const avg = capped ? total / classrooms : classes > 0 ? total / classes : NaN;
  const flags: string[] = [];
  if (isOvercrowded(total, schools.capacity[s], settings)) flags.push('overcrowded');
  if (capped) flags.push('classrooms_short');
  const band = classBand(avg, standardClassSize(Object.entries(grades).map(([g, v]) => [v, gradeLevel.get(g)!.classSize] as const)), settings);
  if (band) flags.push(CLASS_BAND_FLAG[band]);
  const rural = isRural(schools.extra[s]);
  for (const [level, v] of Object.entries(byLevel)) {
    const l = settings.levels.find((x) => x.id === level)!;
    if (isUndersized(v, minimumPupils(l, rural))) flags.push(`undersized:${level}`);
  }
  return { offset, year, byGrade: grades, byLevel, total, classesByGrade, classesNeeded: classes, classrooms, avgClassSize: avg, capped, flags, low: NaN, high: NaN, possibleFlags: [] };
}

/** The first projected year each projection flag appears in, null if never. */
export function firstFlagYears(years: ProjectionYear[]): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const f of PROJECTION_FLAG_NAMES) out[f] = years.find((y) => y.flags.some((x) => x === f || x.startsWith(`${f}:`)))?.year ?? null;
  return out;
}

/**
 * The district per projected year: total pupils per level, schools with any flag, and schools per
 * flag (`undersized:<level>` counts as `undersized`).
 */
export function districtYears(years: number[], levels: LevelDef[], schools: SchoolProjection[]): DistrictYear[] {
  return years.map((year, i) => {
    const totalByLevel: Record<string, number> = {};
    const flagged: Record<string, number> = {};
    let schoolsFlagged = 0;
    for (const l of levels) totalByLevel[l.id] = 0;
    for (const sp of schools) {
      const y = sp.years[i];
      if (!y) continue;
      for (const [l, v] of Object.entries(y.byLevel)) totalByLevel[l] = (totalByLevel[l] ?? 0) + v;
      if (y.flags.length) schoolsFlagged++;
      for (const f of new Set(y.flags.map((x) => x.split(':')[0]))) flagged[f] = (flagged[f] ?? 0) + 1;
    }
    return { year, totalByLevel, schoolsFlagged, flagged };
  });
}
