import type { CatchmentResult } from '../catchment/computeCatchments';
import type { Schools, Units } from '../model';
import type { Settings } from '../settings/settings';
import type { MergerSuggestion } from '../scenario/mergerSuggestions';
import type { RouteSummary } from '../network/routeSummary';
import { csvCell as cell, csvRow, csvText } from './csvCell';

export { csvCell, csvRow, csvText } from './csvCell';

// Every writer here goes through csvCell: text that a spreadsheet would run as a formula is
// neutralised, line breaks are quoted, numbers stay numbers.

/**
 * `unit_id,level,school_id,distance_m,children`: one row per unit and level (unassigned units have
 * an empty school_id), yielded in chunks of about 1 MB so that a million units stream to disk.
 * With route distances three more columns: `distance_network_m` (by route; the straight line where
 * `network_fallback` is 1) and `beyond_standard_by_route` (1 when beyond the level's walking-distance
 * standard, given `settings`); `distance_m` stays the straight line.
 */
export function* assignmentCsvChunks(
  units: Pick<Units, 'count' | 'ids' | 'childrenByLevel'>, schools: Pick<Schools, 'ids'>, result: Pick<CatchmentResult, 'assignments'>,
  settings?: Pick<Settings, 'levels'>,
): Generator<string> {
  const routed = result.assignments.some((a) => a.viaNetworkByUnit && a.straightByUnit);
  yield routed ? 'unit_id,level,school_id,distance_m,children,distance_network_m,network_fallback,beyond_standard_by_route\n' : 'unit_id,level,school_id,distance_m,children\n';
  const schoolCells = schools.ids.map(cell);
  const unitCells = units.ids ? units.ids.map(cell) : null;
  for (const a of result.assignments) {
    const ch = units.childrenByLevel[a.level];
    const tail = `,${cell(a.level)},`;
    const line = routed ? a.straightByUnit ?? a.distanceByUnit : a.distanceByUnit;
    const standard = settings?.levels.find((l) => l.id === a.level)?.distanceStandardM;
    const via = a.viaNetworkByUnit;
    let chunk = '';
    for (let u = 0; u < units.count; u++) {
      const s = a.schoolByUnit[u];
      const c = ch[u];
      const children = c === Math.round(c) ? c : Math.round(c * 1000) / 1000;
      const route = !routed ? '' : s === a.noSchool ? ',,,'
        : `,${Math.round(a.distanceByUnit[u])},${via && via[u] ? 0 : 1},${standard === undefined ? '' : a.distanceByUnit[u] > standard ? 1 : 0}`;
      chunk += s !== a.noSchool
        ? `${unitCells ? unitCells[u] : u}${tail}${schoolCells[s]},${Math.round(line[u])},${children}${route}\n`
        : `${unitCells ? unitCells[u] : u}${tail},,${children}${route}\n`;
      if (chunk.length > 1 << 20) { yield chunk; chunk = ''; }
    }
    if (chunk) yield chunk;
  }
}

/** One row per school with its statistics and a `;`-separated `flags` column (and `not_assessed`). */
export function schoolsCsv(result: CatchmentResult, settings: Settings, routes: RouteSummary | null = null): string {
  const levels = settings.levels.map((l) => l.id);
  // with route distances: per level both means and the statutory test by route (distances above are by route)
  const routeLevels = routes ? routes.levels.filter((x) => levels.includes(x.level)) : [];
  const header = [
    'school_id', 'name', 'type', 'status', 'capacity', 'capacity_derived', 'classrooms', 'enrollment',
    ...levels.map((l) => `enrollment_${l}`), ...levels.map((l) => `children_${l}`), 'demand', 'utilization', 'demand_utilization',
    'avg_class_size', 'classes_needed',
    ...levels.flatMap((l) => [`dist_mean_m_${l}`, `dist_p90_m_${l}`, `dist_max_m_${l}`, `share_beyond_standard_${l}`]),
    'flags', 'not_assessed',
    ...routeLevels.flatMap((x) => [`mean_straight_m_${x.level}`, `mean_route_m_${x.level}`, `children_beyond_by_route_${x.level}`, `units_beyond_by_route_${x.level}`, `units_network_fallback_${x.level}`]),
  ];
  const rows = [csvRow(header)];
  for (const r of result.schools) {
    const flagged = r.flags.filter((f) => f.status === 'flagged').map((f) => [f.flag, f.level, f.severity].filter(Boolean).join(':'));
    const na = r.flags.filter((f) => f.status === 'not_assessed').map((f) => [f.flag, f.level].filter(Boolean).join(':'));
    rows.push(csvRow([
      r.id, r.name, r.type, r.status, r.capacity, r.capacityDerived ? 1 : 0, r.classrooms, r.enrollment,
      ...levels.map((l) => r.enrollmentByLevel[l]), ...levels.map((l) => r.distanceByLevel[l]?.children),
      r.levels.length ? r.demand : NaN, r.utilization, r.capacity > 0 ? r.demand / r.capacity : NaN,
      r.avgClassSize, r.classesNeeded,
      ...levels.flatMap((l) => { const d = r.distanceByLevel[l]; return d ? [d.meanM, d.p90M, d.maxM, d.shareBeyond] : [NaN, NaN, NaN, NaN]; }),
      flagged.join(';'), na.join(';'),
      ...routeLevels.flatMap((x) => { const b = x.bySchool[r.index]; return b ? [b.meanStraightM, b.meanRouteM, b.beyondChildren, b.beyondUnits, b.fallbackUnits] : [NaN, NaN, NaN, NaN, NaN]; }),
    ]));
  }
  return rows.join('\n') + '\n';
}

/**
 * `school_id,year,grade,enrollment,classes_needed,classrooms,avg_class_size,flags,enrollment_low,enrollment_high,flags_possible`: one row per school,
 * projected year and grade. avg_class_size is the grade's pupils per class, or the school's pupils per
 * classroom when classrooms are too few (then every grade shares it); flags are the school's that year
 * (likely); enrollment_low/high are the grade's share of the school's low and high variants (empty
 * without a backtest range) and flags_possible the flags of those variants only.
 */
export function projectionsCsv(p: import('../project/projectEnrollment').ProjectionResult): string {
  const rows = [csvRow(['school_id', 'year', 'grade', 'enrollment', 'classes_needed', 'classrooms', 'avg_class_size', 'flags', 'enrollment_low', 'enrollment_high', 'flags_possible'])];
  for (const s of p.schools) {
    for (const y of s.years) {
      for (const [g, v] of Object.entries(y.byGrade)) {
        const classes = y.classesByGrade[g];
        const avg = y.capped ? y.avgClassSize : classes > 0 ? v / classes : NaN;
        // the range scales every grade alike; empty without a range (no backtest)
        const share = y.total > 0 ? v / y.total : 0;
        const ranged = Number.isFinite(y.low) && Number.isFinite(y.high);
        rows.push(csvRow([s.id, y.year, g, v, classes, y.classrooms, avg, y.flags.join(';'), ranged ? y.low * share : '', ranged ? y.high * share : '', y.possibleFlags.join(';')]));
      }
    }
  }
  return rows.join('\n') + '\n';
}

/** `unit_id,level,from_school,to_school,children,distance_before_m,distance_after_m` of a scenario. */
export function movesCsv(moves: import('../scenario/measureOutcomes').Move[]): string {
  return csvText(
    ['unit_id', 'level', 'from_school', 'to_school', 'children', 'distance_before_m', 'distance_after_m'],
    moves.map((m) => [m.unitId, m.level, m.from ?? '', m.to ?? '', m.children, Math.round(m.distanceBeforeM), Math.round(m.distanceAfterM)]),
  );
}

/** The outcome tables of a scenario as one long CSV: `table,level,item,measure,before,after,not_assessed`. */
export function outcomesCsv(o: import('../scenario/measureOutcomes').Outcomes): string {
  // a figure the data cannot give is an empty cell with the reason in not_assessed, never 0
  const rows = [csvRow(['table', 'level', 'item', 'measure', 'before', 'after', 'not_assessed'])];
  const add = (...v: unknown[]) => rows.push(csvRow(v.length < 7 ? [...v, ...Array(7 - v.length).fill('')] : v));
  const unless = (x: number, reason: string) => (Number.isFinite(x) ? '' : reason);
  for (const l of o.schoolsByLevel) add('schools', l.level, '', 'open schools', l.before, l.after);
  for (const [level, n] of Object.entries(o.childrenMoved)) add('moves', level, '', 'children changing school', '', n);
  for (const [level, t] of Object.entries(o.travel)) {
    for (const [who, b, a] of [['all children', t.allBefore, t.allAfter], ['children who move', t.moversBefore, t.moversAfter]] as const) {
      add('travel', level, who, 'mean_m', b.meanM, a.meanM);
      add('travel', level, who, 'p90_m', b.p90M, a.p90M);
      add('travel', level, who, 'max_m', b.maxM, a.maxM);
      add('travel', level, who, 'beyond_standard', b.beyondStandard, a.beyondStandard);
    }
  }
  for (const r of o.receiving) {
    add('receiving', '', r.id, 'children gained', '', r.gained);
    add('receiving', '', r.id, 'demand utilization', r.utilizationBefore, r.utilizationAfter, unless(r.utilizationAfter, 'capacity not in the data'));
    add('receiving', '', r.id, 'average class', r.avgClassBefore, r.avgClassAfter, unless(r.avgClassAfter, 'classrooms not in the data'));
  }
  for (const f of o.flagsResolved) add('flags', '', f.id, `resolved: ${f.flag}`, 1, 0);
  for (const f of o.flagsCreated) add('flags', '', f.id, `created: ${f.flag}`, 0, 1);
  add('capacity', '', '', 'places freed', '', o.capacityFreed, unless(o.capacityFreed, 'a closed school has no capacity in the data'));
  for (const b of o.balance) add('balance', b.level, b.indicator, 'coefficient of variation', b.before, b.after, b.notAssessed ?? '');
  return rows.join('\n') + '\n';
}

/** The columns of mergersCsv, in order: the fields of MergerSuggestion that the CLI has always written. */
export const MERGER_COLUMNS = [
  'school', 'name', 'enrollment', 'minimum', 'receiver', 'receiverName', 'distanceBetweenM', 'movedChildren',
  'addedTravelPerPupilM', 'shareBeyondAfter', 'respectsStandard', 'receiverEnrollmentAfter', 'receiverUtilizationAfter', 'note',
] as const satisfies readonly (keyof MergerSuggestion)[];

/**
 * One row per merger suggestion: `school,name,enrollment,minimum,receiver,receiverName,distanceBetweenM,
 * movedChildren,addedTravelPerPupilM,shareBeyondAfter,respectsStandard,receiverEnrollmentAfter,
 * receiverUtilizationAfter,note` (no receiver: empty cells; respectsStandard as true/false).
 */
export function mergersCsv(suggestions: readonly MergerSuggestion[]): string {
  return csvText(MERGER_COLUMNS, suggestions.map((x) => MERGER_COLUMNS.map((c) => x[c])));
}
