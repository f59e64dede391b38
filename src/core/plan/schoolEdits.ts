import type { Schools, SchoolStatus } from '../model';

/** Corrections a planner entered for one school; a field that is absent keeps the data's value. */
export interface SchoolEdit {
  capacity?: number | null;
  classrooms?: number | null;
  teachers?: number | null;
  status?: SchoolStatus;
}

/** School id -> edit. Part of a plan: data, serialisable, applied on every computation. */
export type SchoolEdits = Record<string, SchoolEdit>;

/**
 * Returns schools with the edits applied (a null value clears the field); the input is not modified.
 * Edits naming unknown schools are ignored (a plan may outlive a school), and reported by id.
 * @example applySchoolEdits(schools, { 'P-01': { capacity: 600 } }).schools.capacity
 */
export function applySchoolEdits(schools: Schools, edits: SchoolEdits): { schools: Schools; unknownIds: string[] } {
  const ids = Object.keys(edits);
  if (ids.length === 0) return { schools, unknownIds: [] };
  const out: Schools = {
    ...schools,
    status: [...schools.status],
    capacity: schools.capacity.slice(),
    classrooms: schools.classrooms.slice(),
    teachers: schools.teachers.slice(),
  };
  const unknownIds: string[] = [];
  for (const id of ids) {
    const s = schools.indexById.get(id);
    if (s === undefined) { unknownIds.push(id); continue; }
    const e = edits[id];
    if (e.capacity !== undefined) out.capacity[s] = e.capacity ?? NaN;
    if (e.classrooms !== undefined) out.classrooms[s] = e.classrooms ?? NaN;
    if (e.teachers !== undefined) out.teachers[s] = e.teachers ?? NaN;
    if (e.status !== undefined) out.status[s] = e.status;
  }
  return { schools: out, unknownIds };
}
