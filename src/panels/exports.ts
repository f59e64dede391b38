import { assignmentCsvChunks } from '../core/index';
import type { Dataset, Results } from '../store/plannerStore';

/** Saves text as a file through the browser's download. */
export function download(name: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The plan's zones: one dissolved MultiPolygon per school and level, with the school's numbers and flags. */
export function zonesFile(results: Results): string {
  const byId = new Map(results.reports.map((r) => [r.id, r]));
  const features = Object.values(results.zones).flat().map((z) => {
    const r = byId.get(z.properties.school_id);
    const flags = r ? r.flags.filter((f) => f.status === 'flagged').map((f) => [f.flag, f.level, f.severity].filter(Boolean).join(':')).join(';') : '';
    return { ...z, properties: { ...z.properties, capacity: r && Number.isFinite(r.capacity) ? r.capacity : null, enrollment: r && Number.isFinite(r.enrollment) ? r.enrollment : null, flags } };
  });
  return JSON.stringify({ type: 'FeatureCollection', features });
}

/** `unit_id,level,school_id,distance_m,children`: the CLI's assignment.csv, made by the same function. */
export function assignmentFile(ds: Dataset, results: Results): string {
  return [...assignmentCsvChunks(ds.units, results.schools, results)].join('');
}

/** How a plan differs from the nearest-school baseline for one level. */
export function compareWithNearest(ds: Dataset, results: Results, level: string) {
  const a = results.assignments.find((x) => x.level === level), n = results.nearest.find((x) => x.level === level);
  if (!a || !n) return null;
  const ch = ds.units.childrenByLevel[level];
  let total = 0, atNearest = 0, moved = 0, extraSum = 0, extraMax = 0;
  for (let u = 0; u < ds.units.count; u++) {
    const w = ch[u];
    if (!(w > 0) || a.schoolByUnit[u] === a.noSchool) continue;
    total += w;
    if (a.schoolByUnit[u] === n.schoolByUnit[u]) { atNearest += w; continue; }
    moved += w;
    const extra = a.distanceByUnit[u] - n.distanceByUnit[u];
    extraSum += w * extra;
    if (extra > extraMax) extraMax = extra;
  }
  return { total, atNearestShare: total > 0 ? atNearest / total : NaN, moved, meanExtraM: moved > 0 ? extraSum / moved : NaN, maxExtraM: extraMax };
}
