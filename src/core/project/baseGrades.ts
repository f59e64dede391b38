import type { Schools } from '../model';
import { levelsServed, type Settings } from '../settings/settings';

/** Each school's enrollment by grade in the base year, the start of its projection. */
export interface BaseGrades {
  /** grade -> pupils per school (every grade of the levels it serves); null: not projected */
  grades: (Record<string, number> | null)[];
  /** per school: why it is not projected, or the assumptions made */
  notes: string[][];
}

/**
 * The base-year grades of every school from its current enrollment by grade: grades of a level it
 * serves missing from the data count 0; a one-level school with only a total spreads it evenly over
 * the level's grades (noted). Closed and proposed schools, and schools without enrollment, are not
 * projected.
 * @example baseGrades(schools, settings).grades[0] // { g1: 60, g2: 55, … }
 */
export function baseGrades(schools: Schools, settings: Settings): BaseGrades {
  const levels = settings.levels;
  const grades: (Record<string, number> | null)[] = [];
  const notes: string[][] = [];
  for (let s = 0; s < schools.count; s++) {
    const note: string[] = [];
    const served = levelsServed(settings, schools.types[s]).map((id) => levels.find((l) => l.id === id)!);
    const given = schools.enrollmentByGrade[s];
    let e: Record<string, number> | null = null;
    if (given && served.some((l) => l.grades.some((g) => given[g] !== undefined))) {
      e = {};
      for (const l of served) for (const g of l.grades) e[g] = given[g] ?? 0;
    } else if (served.length === 1 && Number.isFinite(schools.enrollment[s])) {
      e = {};
      for (const g of served[0].grades) e[g] = schools.enrollment[s] / served[0].grades.length;
      note.push('no per-grade enrollment in the data: the total is spread evenly over the grades');
    } else if (served.length) note.push('not projected: no enrollment by grade in the data');
    grades.push(schools.status[s] === 'open' ? e : null);
    notes.push(note);
  }
  return { grades, notes };
}
