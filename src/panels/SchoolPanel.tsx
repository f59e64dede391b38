import { useEffect, useState, type FormEvent } from 'react';
import type { SchoolEdit, SchoolStatus } from '../core/index';
import { flagColour } from '../map/palette';
import { assessed, count, flagLabel, km, one, percent } from './format';
import { SchoolProjectionView } from './ProjectionCharts';
import { SchoolRouteDistances } from './SchoolRouteDistances';
import { usePlanner } from './plannerContext';

type Draft = { capacity: string; classrooms: string; teachers: string; status: SchoolStatus };

const toText = (x: number) => (Number.isFinite(x) ? String(x) : '');

/** One school's numbers, each flag with the numbers behind it, and the planner's corrections. */
export function SchoolPanel() {
  const id = usePlanner((s) => s.selectedSchool);
  const report = usePlanner((s) => s.results?.reports.find((r) => r.id === id));
  const ds = usePlanner((s) => s.dataset);
  const settings = usePlanner((s) => s.settings);
  const edit = usePlanner((s) => (id ? s.edits[id] : undefined));
  const select = usePlanner((s) => s.actionSelectSchool);
  const save = usePlanner((s) => s.actionEditSchool);
  const revert = usePlanner((s) => s.actionClearEdits);
  const level = usePlanner((s) => s.level);
  // classes the data estimates (roll / average class) or reports as run are shown as such, never as rooms
  const classesNote = usePlanner((s) => {
    const sv = s.results?.schools, i = sv && id ? sv.ids.indexOf(id) : -1;
    const extra = i >= 0 ? sv!.extra[i] : undefined;
    return extra?.classes_estimated === true ? 'estimated: roll / average class size' : extra?.classes_in_use === true ? 'classes in use, not rooms' : null;
  });
  const lockZone = usePlanner((s) => s.actionLockZone);
  const zoneLocked = usePlanner((s) => {
    const i = s.dataset && id ? s.dataset.schools.ids.indexOf(id) : -1;
    return i >= 0 && !!s.working?.levels[s.level]?.lockedSchools.has(i);
  });
  const index = ds && id ? ds.schools.ids.indexOf(id) : -1;
  const [draft, setDraft] = useState<Draft | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!ds || index < 0) { setDraft(null); return; }
    const pick = (field: 'capacity' | 'classrooms' | 'teachers') => toText(edit && edit[field] !== undefined ? (edit[field] ?? NaN) : ds.schools[field][index]);
    setDraft({ capacity: pick('capacity'), classrooms: pick('classrooms'), teachers: pick('teachers'), status: (edit?.status ?? ds.schools.status[index]) as SchoolStatus });
    setError(null);
  }, [ds, index, edit]);

  if (!id || !report || !ds || !settings || index < 0 || !draft) return null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const next: SchoolEdit = { status: draft.status };
    for (const field of ['capacity', 'classrooms', 'teachers'] as const) {
      const text = draft[field].trim();
      if (text === '') { next[field] = null; continue; }
      const v = Number(text);
      if (!Number.isFinite(v) || v < 0) { setError(`${field}: "${text}" is not a number of 0 or more`); return; }
      next[field] = v;
    }
    setError(null);
    save(id, next);
  };
  const levels = report.levels.map((l) => settings.levels.find((x) => x.id === l)!).filter(Boolean);
  const flagged = report.flags.filter((f) => f.status === 'flagged');
  return (
    <section className="school-panel" aria-labelledby="school-title">
      <div className="panel-head">
        <h2 id="school-title">{report.name}</h2>
        <button type="button" aria-label="Close school panel" onClick={() => select(null)}>×</button>
      </div>
      <p className="muted">{flagLabel(report.type)} · {report.status} · id {report.id}{edit ? ' · edited' : ''}</p>
      <table className="kv" data-testid="school-stats">
        <tbody>
          <tr><th scope="row">Capacity</th><td data-testid="stat-capacity">{count(report.capacity)}{report.capacityDerived ? ' (classrooms x class size)' : ''}</td></tr>
          <tr><th scope="row">Enrollment</th><td data-testid="stat-enrollment">{count(report.enrollment)}{levels.length > 1 ? ` (${levels.map((l) => `${l.name.toLowerCase()} ${count(report.enrollmentByLevel[l.id])}`).join(', ')})` : ''}{report.enrollmentFromDemand ? ' (a new school: its catchment demand)' : ''}</td></tr>
          <tr><th scope="row">Utilization (enrollment)</th><td data-testid="stat-utilization">{assessed(report.utilization, percent)}</td></tr>
          <tr><th scope="row">Classrooms</th><td data-testid="stat-classrooms">{count(report.classrooms)}{classesNote ? ` (${classesNote})` : ''}</td></tr>
          <tr><th scope="row">Average class (enrollment)</th><td data-testid="stat-avg-class">{assessed(report.avgClassSize, one)}</td></tr>
          <tr><th scope="row">Classes needed</th><td>{count(report.classesNeeded)}</td></tr>
          <tr><th scope="row">Catchment demand</th><td>{count(report.demand)}</td></tr>
          {/* the stroke table works from catchment children: the same two figures by demand, so the two can be compared */}
          <tr><th scope="row">Utilization (demand)</th><td data-testid="stat-demand-utilization">{assessed(report.capacity > 0 ? report.demand / report.capacity : NaN, percent)}</td></tr>
          <tr><th scope="row">Children per class (demand)</th><td data-testid="stat-demand-class">{assessed(report.classrooms > 0 ? report.demand / report.classrooms : NaN, one)}</td></tr>
        </tbody>
      </table>
      <SchoolRouteDistances index={index} />
      {levels.map((l) => {
        const d = report.distanceByLevel[l.id];
        return (
          <div key={l.id}>
            <h3>{l.name} catchment</h3>
            <table className="kv" data-testid={`distance-${l.id}`}>
              <tbody>
                <tr><th scope="row">Children</th><td data-testid={`stat-children-${l.id}`}>{count(d?.children)}</td></tr>
                <tr><th scope="row">Distance mean / 90% / max</th><td data-testid={`stat-distance-${l.id}`}>{km(d?.meanM)} / {km(d?.p90M)} / {km(d?.maxM)}</td></tr>
                <tr><th scope="row">Beyond {km(l.distanceStandardM)}</th><td>{percent(d?.shareBeyond)}</td></tr>
              </tbody>
            </table>
          </div>
        );
      })}
      {report.levels.includes(level) && report.status === 'open' && (
        <div className="buttons">
          <button type="button" aria-pressed={zoneLocked} onClick={() => lockZone(id, !zoneLocked)}>{zoneLocked ? `Unlock the ${level} zone` : `Lock the ${level} zone`}</button>
        </div>
      )}
      <h3>Flags</h3>
      <ul className="flag-list">
        {report.flags.map((f, i) => (
          <li key={i} className={f.status}>
            <span className="swatch" style={{ background: f.status === 'flagged' ? flagColour(f.flag) : f.status === 'ok' ? '#2e9d4f' : '#9a9a9a' }} aria-hidden="true" />
            <strong>{flagLabel(f.flag)}{f.level ? ` (${f.level})` : ''}: {f.status === 'flagged' ? (f.severity ? flagLabel(f.severity) : 'flagged') : f.status === 'ok' ? 'ok' : 'not assessed'}</strong>
            <div className="muted">{f.message}</div>
          </li>
        ))}
        {report.flags.length === 0 && <li>No checks: the school is {report.status} or not zoned.</li>}
      </ul>
      <p className="sr-only" aria-live="polite">{flagged.length} flags</p>
      <SchoolProjectionView id={id} />
      <form onSubmit={submit} className="edit-form" aria-label="Correct this school's data">
        <h3>Correct the data</h3>
        {(['capacity', 'classrooms', 'teachers'] as const).map((field) => (
          <label key={field}>{field[0].toUpperCase() + field.slice(1)}
            <input inputMode="numeric" name={field} value={draft[field]} placeholder={`data: ${toText(ds.schools[field][index]) || 'none'}`}
              onChange={(e) => setDraft({ ...draft, [field]: e.target.value })} />
          </label>
        ))}
        <label>Status
          <select name="status" value={draft.status} onChange={(e) => setDraft({ ...draft, status: e.target.value as SchoolStatus })}>
            <option value="open">open</option><option value="closed">closed</option><option value="proposed">proposed</option>
          </select>
        </label>
        {error && <p role="alert" className="error">{error}</p>}
        <div className="buttons">
          <button type="submit">Apply</button>
          {edit && <button type="button" onClick={() => revert(id)}>Revert to the data</button>}
        </div>
      </form>
    </section>
  );
}
