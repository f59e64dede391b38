import { pointInPolygon } from '../spatial/pointInPolygon';
import { asSchoolIndex, type Schools, type SchoolStatus, type Units } from '../model';
import { balanceColumns } from '../settings/balanceSettings';
import { levelsServed, type Settings } from '../settings/settings';

/**
 * One change to the school layout. A scenario is a plan with an ordered list of these. Every action
 * has an `id` given by the core (`addAction`) and never reused; an opened school's id is its action's.
 */
export type ScenarioAction =
  /** children go to the nearest remaining school, or to `receiver` when given */
  | { kind: 'close'; id: string; school: string; receiver?: string }
  /** A closes into B; its pupils move to B; with campusRetained A's buildings become part of B (capacity, classrooms) and travel is unchanged */
  | { kind: 'merge'; id: string; school: string; into: string; campusRetained: boolean; moveStaff: boolean }
  /** A keeps its lower grades (up to and including `keepUpTo`) as a teaching point; older pupils go to B */
  | { kind: 'teaching_point'; id: string; school: string; into: string; keepUpTo: string }
  /** a new school at a point; it takes the units nearer to it than to their current school */
  | { kind: 'open'; id: string; name: string; type: string; lon: number; lat: number; capacity: number | null; classrooms: number | null }
  /** capacity, classrooms or type (e.g. a primary becomes a nine-year school) */
  | { kind: 'change'; id: string; school: string; capacity?: number | null; classrooms?: number | null; type?: string }
  /**
   * new homes in an area: children = homes x yield per home, in the projections from `occupiedYear`; in
   * the current (base-year) statistics only when occupied by the base year (or `occupiedYear` null)
   */
  | {
    kind: 'housing'; id: string; name: string; ring: [number, number][] | null; lon: number; lat: number; homes: number; yieldPerHome: Record<string, number>; occupiedYear: number | null;
    /** homes by dwelling type ("house": 40, "flat": 120) with yields per type and level; used instead of homes x yieldPerHome when given */
    homesByType?: Record<string, number>;
    yieldByType?: Record<string, Record<string, number>>;
  };

type OmitId<T> = T extends unknown ? Omit<T, 'id'> : never;
/** An action as a user asks for it; the core gives it its id. */
export type ScenarioActionDraft = OmitId<ScenarioAction>;

/**
 * The ids of the schools after the actions, in index order: the data's, then each school an `open`
 * action adds (an id already taken is refused). `applyActions` appends in exactly this order.
 */
export function schoolIdsAfterActions(ids: readonly string[], actions: readonly ScenarioAction[]): string[] {
  const out = [...ids];
  const taken = new Set(ids);
  for (const a of actions) if (a.kind === 'open' && !taken.has(a.id)) { taken.add(a.id); out.push(a.id); }
  return out;
}

/** Defaults for new actions: pupil yield per home per level (an assumption to be set per district). */
export const DEFAULT_YIELD_PER_HOME: Record<string, number> = { primary: 0.25, junior: 0.1, secondary: 0.15 };

/** New homes' pupils for the projection: they join from `occupiedYear` (null: from the first projected year). */
export interface HousingArrival { name: string; units: number[]; pupilsByLevel: Record<string, number>; occupiedYear: number | null }

/**
 * Pupils per level of a housing action: `sum over types homes[type] * yield[type][level]` when the
 * homes are given by dwelling type with yields per type, else `homes * yieldPerHome[level]`.
 */
export function housingPupils(a: Extract<ScenarioAction, { kind: 'housing' }>): Record<string, number> {
  const out: Record<string, number> = {};
  if (a.homesByType && a.yieldByType && Object.keys(a.homesByType).length) {
    for (const [type, homes] of Object.entries(a.homesByType)) for (const [level, y] of Object.entries(a.yieldByType[type] ?? {})) out[level] = (out[level] ?? 0) + homes * y;
  } else for (const [level, y] of Object.entries(a.yieldPerHome)) out[level] = a.homes * y;
  return out;
}

export interface AppliedLayout {
  /** the schools after the actions: the data's schools keep their indices, opened schools are appended */
  schools: Schools;
  units: Units;
  /** per level, by school index: where the children of a school closed by an action go (-1 = their nearest) */
  receiverBySchool: Record<string, Int32Array>;
  /** by school index: 1 when a merged school's campus is retained (its children keep travelling to its site) */
  campusRetained: Uint8Array;
  /** per school index: pupils leaving for another school by grade (teaching points) */
  gradeMoves: { from: number; to: number; grades: string[] }[];
  /** housing children added to the units now (occupied by the base year, or no year given) */
  housingChildren: number;
  /** housing children of homes occupied after the base year: in the projections only, from their year */
  housingChildrenLater: number;
  /** each housing action's pupils per level, the units they live in and the year they arrive (for projections) */
  housing: HousingArrival[];
  /** problems applying the actions (unknown school, a receiver of the wrong level...) */
  problems: string[];
}

/**
 * Applies layout actions to copies of the schools and units. Pure: inputs are not modified. Schools
 * keep their index for the life of a data set: opened schools are appended, never sorted in, so
 * every index space (painting, tallies, colours) stays one. Where closed schools' children go is
 * returned per school and resolved per unit by `derivePlan`. New housing occupied after `baseYear`
 * (when there is one) is not added to the units, the current statistics being the base year's; the
 * projection adds it from its occupancy year.
 * @example applyActions(schools, units, settings, [{ kind: 'close', id: 'a1', school: 'B' }]).schools.status
 */
export function applyActions(schools: Schools, units: Units, settings: Settings, actions: ScenarioAction[], baseYear = 0): AppliedLayout {
  const problems: string[] = [];
  const rows = schools.ids.map((id, i) => ({
    id, name: schools.names[i], type: schools.types[i], status: schools.status[i] as SchoolStatus,
    lon: schools.lon[i], lat: schools.lat[i], capacity: schools.capacity[i], classrooms: schools.classrooms[i],
    teachers: schools.teachers[i], enrollment: schools.enrollment[i],
    grades: schools.enrollmentByGrade[i] ? { ...schools.enrollmentByGrade[i]! } : null,
    history: schools.historyByYear?.[i] ?? null, extra: { ...schools.extra[i] },
  }));
  const index = new Map(schools.indexById);
  const childrenByLevel: Record<string, Float32Array> = {};
  for (const [l, a] of Object.entries(units.childrenByLevel)) childrenByLevel[l] = a.slice();
  let housingChildren = 0, housingChildrenLater = 0;
  const housing: HousingArrival[] = [];
  const receiverIds: Record<string, Map<number, number>> = {};
  for (const l of settings.levels) receiverIds[l.id] = new Map();
  const retained = new Set<number>();
  const columns = balanceColumns(settings);
  const num = (v: unknown) => (typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN);
  // a merger pools the balance resources (other columns of the data stay the receiver's own): staff with
  // the staff setting, buildings with the campus, goods (equipment, books, computers) always
  const poolResources = (to: Record<string, unknown>, from: Record<string, unknown>, staff: boolean, campus: boolean) => {
    for (const [k, v] of Object.entries(from)) {
      const kind = columns.get(k.toLowerCase().replace(/[\s-]+/g, '_'));
      if (!kind || (kind === 'staff' && !staff) || (kind === 'building' && !campus)) continue;
      const x = num(v), y = num(to[k]);
      // a receiver without the figure stays without it (not assessed), never counted from 0
      if (Number.isFinite(x) && Number.isFinite(y)) to[k] = x + y;
    }
  };
  const gradeMoves: AppliedLayout['gradeMoves'] = [];
  const addGrades = (to: (typeof rows)[number], from: (typeof rows)[number], grades?: string[]) => {
    if (!from.grades) return;
    to.grades ??= {};
    for (const [g, v] of Object.entries(from.grades)) if (!grades || grades.includes(g)) to.grades[g] = (to.grades[g] ?? 0) + v;
  };

  for (const [k, action] of actions.entries()) {
    const need = (id: string, what: string) => {
      const i = index.get(id);
      if (i === undefined) problems.push(`action ${k + 1} (${action.kind}): ${what} "${id}" is not a school of this data`);
      return i;
    };
    switch (action.kind) {
      case 'close': {
        const i = need(action.school, 'school');
        if (i === undefined) break;
        rows[i].status = 'closed';
        if (action.receiver) {
          const r = need(action.receiver, 'receiving school');
          if (r === undefined) break;
          for (const l of levelsServed(settings, rows[i].type)) {
            if (!levelsServed(settings, rows[r].type).includes(l)) { problems.push(`action ${k + 1}: ${rows[r].name} does not teach ${l}; those children go to their nearest school`); continue; }
            receiverIds[l].set(i, r);
          }
        }
        break;
      }
      case 'merge': {
        const i = need(action.school, 'school'), j = need(action.into, 'receiving school');
        if (i === undefined || j === undefined) break;
        const a = rows[i], b = rows[j];
        a.status = 'closed';
        addGrades(b, a);
        if (Number.isFinite(a.enrollment)) b.enrollment = (Number.isFinite(b.enrollment) ? b.enrollment : 0) + a.enrollment;
        if (action.campusRetained) {
          if (Number.isFinite(a.capacity)) b.capacity = (Number.isFinite(b.capacity) ? b.capacity : 0) + a.capacity;
          if (Number.isFinite(a.classrooms)) b.classrooms = (Number.isFinite(b.classrooms) ? b.classrooms : 0) + a.classrooms;
        }
        if (action.moveStaff || action.campusRetained) {
          if (Number.isFinite(a.teachers)) b.teachers = (Number.isFinite(b.teachers) ? b.teachers : 0) + a.teachers;
          if (!action.campusRetained && Number.isFinite(a.classrooms)) b.classrooms = (Number.isFinite(b.classrooms) ? b.classrooms : 0) + a.classrooms;
        }
        poolResources(b.extra, a.extra, action.moveStaff || action.campusRetained, action.campusRetained);
        for (const l of levelsServed(settings, a.type)) if (receiverIds[l]) receiverIds[l].set(i, j);
        // a retained campus keeps teaching A's children where they are
        if (action.campusRetained) retained.add(i);
        break;
      }
      case 'teaching_point': {
        const i = need(action.school, 'school'), j = need(action.into, 'receiving school');
        if (i === undefined || j === undefined) break;
        const a = rows[i], b = rows[j];
        const level = settings.levels.find((l) => l.grades.includes(action.keepUpTo));
        if (!level) { problems.push(`action ${k + 1}: grade "${action.keepUpTo}" is not a grade of the profile`); break; }
        const moved = level.grades.slice(level.grades.indexOf(action.keepUpTo) + 1);
        addGrades(b, a, moved);
        if (a.grades) {
          let removed = 0;
          for (const g of moved) { removed += a.grades[g] ?? 0; delete a.grades[g]; }
          if (Number.isFinite(a.enrollment)) a.enrollment -= removed;
          if (Number.isFinite(b.enrollment)) b.enrollment += removed;
        }
        gradeMoves.push({ from: i, to: j, grades: moved });
        break;
      }
      case 'open': {
        if (index.has(action.id)) { problems.push(`action ${k + 1}: a school with id "${action.id}" already exists`); break; }
        rows.push({
          id: action.id, name: action.name, type: action.type, status: 'open', lon: action.lon, lat: action.lat,
          capacity: action.capacity ?? NaN, classrooms: action.classrooms ?? NaN, teachers: NaN, enrollment: 0, grades: {},
          history: null, extra: { opened_by_scenario: true },
        });
        index.set(action.id, asSchoolIndex(rows.length - 1));
        break;
      }
      case 'change': {
        const i = need(action.school, 'school');
        if (i === undefined) break;
        if (action.capacity !== undefined) rows[i].capacity = action.capacity ?? NaN;
        if (action.classrooms !== undefined) rows[i].classrooms = action.classrooms ?? NaN;
        if (action.type !== undefined) {
          if (!settings.schoolTypes[action.type]) problems.push(`action ${k + 1}: "${action.type}" is not a school type of the profile`);
          else rows[i].type = action.type;
        }
        break;
      }
      case 'housing': {
        // the units whose point lies in the area share its children equally; a point (or a ring with no
        // unit inside) gives them all to the nearest unit
        let targets: number[] = [];
        if (action.ring && action.ring.length > 2) for (let u = 0; u < units.count; u++) if (pointInPolygon(units.lon[u], units.lat[u], [action.ring])) targets.push(u);
        if (!targets.length) {
          let best = -1, bd = Infinity;
          for (let u = 0; u < units.count; u++) { const d = (units.lon[u] - action.lon) ** 2 + (units.lat[u] - action.lat) ** 2; if (d < bd) { bd = d; best = u; } }
          if (best >= 0) targets = [best];
        }
        const pupils = housingPupils(action);
        const later = baseYear > 0 && action.occupiedYear !== null && action.occupiedYear > baseYear;
        for (const [level, n] of Object.entries(pupils)) {
          const c = childrenByLevel[level];
          if (!c || !targets.length) continue;
          if (later) { housingChildrenLater += n; continue; }
          const add = n / targets.length;
          for (const u of targets) c[u] += add;
          housingChildren += n;
        }
        if (targets.length) housing.push({ name: action.name, units: targets, pupilsByLevel: pupils, occupiedYear: action.occupiedYear });
        break;
      }
    }
  }
  const out: Schools = {
    count: rows.length, ids: rows.map((r) => r.id), indexById: index, names: rows.map((r) => r.name), types: rows.map((r) => r.type),
    status: rows.map((r) => r.status), lon: Float64Array.from(rows, (r) => r.lon), lat: Float64Array.from(rows, (r) => r.lat),
    capacity: Float64Array.from(rows, (r) => r.capacity), classrooms: Float64Array.from(rows, (r) => r.classrooms),
    teachers: Float64Array.from(rows, (r) => r.teachers), enrollment: Float64Array.from(rows, (r) => r.enrollment),
    enrollmentByGrade: rows.map((r) => r.grades), historyByYear: rows.map((r) => r.history), extra: rows.map((r) => r.extra),
  };
  const receiverBySchool: Record<string, Int32Array> = {};
  for (const l of settings.levels) {
    const r = new Int32Array(rows.length).fill(-1);
    for (const [from, to] of receiverIds[l.id]) r[from] = to;
    receiverBySchool[l.id] = r;
  }
  const campusRetained = new Uint8Array(rows.length);
  for (const i of retained) campusRetained[i] = 1;
  return { schools: out, units: { ...units, childrenByLevel }, receiverBySchool, campusRetained, gradeMoves, housingChildren, housingChildrenLater, housing, problems };
}
