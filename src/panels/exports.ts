import { assignmentCsvChunks, versusNearest } from '../core/index';
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
  return a && n ? versusNearest(ds.units.childrenByLevel[level], a, n) : null;
}
