import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SchoolEdit, SchoolStatus } from '../core/index';
import { flagColour } from '../map/palette';
import { assessed, count, flagExplanation, flagLabel, km, levelInline, levelName, one, percent, standard, statusName, typeName } from './format';
import { SchoolProjectionView } from './ProjectionCharts';
import { SchoolRouteDistances } from './SchoolRouteDistances';
import { usePlanner } from './plannerContext';

type Draft = { capacity: string; classrooms: string; teachers: string; status: SchoolStatus };

const toText = (x: number) => (Number.isFinite(x) ? String(x) : '');

/** One school's numbers, each flag with the numbers behind it, and the planner's corrections. */
export function SchoolPanel() {
  const { t } = useTranslation('planner');
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
    return extra?.classes_estimated === true ? 'classesEstimated' : extra?.classes_in_use === true ? 'classesInUse' : null;
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
      if (!Number.isFinite(v) || v < 0) { setError(t('school.badNumber', { field: t(`term.${field}`).toLocaleLowerCase(), text })); return; }
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
        <button type="button" aria-label={t('school.close')} onClick={() => select(null)}>×</button>
      </div>
      <p className="muted">{typeName(report.type)} · {statusName(report.status)} · {t('school.id', { id: report.id })}{edit ? ` · ${t('school.edited')}` : ''}</p>
      <table className="kv" data-testid="school-stats">
        <tbody>
          <tr><th scope="row">{t('term.capacity')}</th><td data-testid="stat-capacity">{count(report.capacity)}{report.capacityDerived ? ` ${t('school.capacityDerived')}` : ''}</td></tr>
          <tr><th scope="row">{t('term.enrollment')}</th><td data-testid="stat-enrollment">{count(report.enrollment)}{levels.length > 1 ? ` (${levels.map((l) => `${levelInline(l.id, l.name)} ${count(report.enrollmentByLevel[l.id])}`).join(t('common:separator'))})` : ''}{report.enrollmentFromDemand ? ` ${t('school.newSchool')}` : ''}</td></tr>
          <tr><th scope="row">{t('school.utilizationEnrollment')}</th><td data-testid="stat-utilization">{assessed(report.utilization, percent)}</td></tr>
          <tr><th scope="row">{t('term.classrooms')}</th><td data-testid="stat-classrooms">{count(report.classrooms)}{classesNote ? ` (${t(`school.${classesNote}`)})` : ''}</td></tr>
          <tr><th scope="row">{t('school.avgClass')}</th><td data-testid="stat-avg-class">{assessed(report.avgClassSize, one)}</td></tr>
          <tr><th scope="row">{t('school.classesNeeded')}</th><td>{count(report.classesNeeded)}</td></tr>
          <tr><th scope="row">{t('term.demand')}</th><td>{count(report.demand)}</td></tr>
          {/* the stroke table works from catchment children: the same two figures by demand, so the two can be compared */}
          <tr><th scope="row">{t('school.utilizationDemand')}</th><td data-testid="stat-demand-utilization">{assessed(report.capacity > 0 ? report.demand / report.capacity : NaN, percent)}</td></tr>
          <tr><th scope="row">{t('school.perClassDemand')}</th><td data-testid="stat-demand-class">{assessed(report.classrooms > 0 ? report.demand / report.classrooms : NaN, one)}</td></tr>
        </tbody>
      </table>
      <SchoolRouteDistances index={index} />
      {levels.map((l) => {
        const d = report.distanceByLevel[l.id];
        return (
          <div key={l.id}>
            <h3>{t('school.catchmentOf', { level: levelName(l.id, l.name) })}</h3>
            <table className="kv" data-testid={`distance-${l.id}`}>
              <tbody>
                <tr><th scope="row">{t('term.children')}</th><td data-testid={`stat-children-${l.id}`}>{count(d?.children)}</td></tr>
                <tr><th scope="row">{t('school.distanceStats')}</th><td data-testid={`stat-distance-${l.id}`}>{km(d?.meanM)} / {km(d?.p90M)} / {km(d?.maxM)}</td></tr>
                <tr><th scope="row">{t('school.beyond', { distance: standard(l.distanceStandardM) })}</th><td>{percent(d?.shareBeyond)}</td></tr>
              </tbody>
            </table>
          </div>
        );
      })}
      {report.levels.includes(level) && report.status === 'open' && (
        <div className="buttons">
          <button type="button" aria-pressed={zoneLocked} onClick={() => lockZone(id, !zoneLocked)}>{t(zoneLocked ? 'school.unlockZone' : 'school.lockZone', { level: levelInline(level) })}</button>
        </div>
      )}
      <h3>{t('term.flags')}</h3>
      <ul className="flag-list" data-testid="flag-list">
        {report.flags.map((f, i) => (
          <li key={i} className={f.status}>
            <span className="swatch" style={{ background: f.status === 'flagged' ? flagColour(f.flag) : f.status === 'ok' ? '#2e9d4f' : '#9a9a9a' }} aria-hidden="true" />
            <strong>{flagLabel(f.flag)}{f.level ? ` (${levelInline(f.level)})` : ''}: {f.status === 'flagged' ? (f.severity ? t(`flags:severity.${f.severity}`) : t('flags:status.flagged')) : t(`flags:status.${f.status}`)}</strong>
            <div className="muted">{flagExplanation(f)}</div>
          </li>
        ))}
        {report.flags.length === 0 && <li>{t('school.noChecks', { status: statusName(report.status) })}</li>}
      </ul>
      <p className="sr-only" aria-live="polite">{t('school.flagCount', { count: flagged.length })}</p>
      <SchoolProjectionView id={id} />
      <form onSubmit={submit} className="edit-form" aria-label={t('school.correctLabel')}>
        <h3>{t('school.correct')}</h3>
        {(['capacity', 'classrooms', 'teachers'] as const).map((field) => (
          <label key={field}>{t(`term.${field}`)}
            <input inputMode="numeric" name={field} value={draft[field]} placeholder={t('school.dataValue', { value: toText(ds.schools[field][index]) || t('school.none') })}
              onChange={(e) => setDraft({ ...draft, [field]: e.target.value })} />
          </label>
        ))}
        <label>{t('school.status')}
          <select name="status" value={draft.status} onChange={(e) => setDraft({ ...draft, status: e.target.value as SchoolStatus })}>
            {(['open', 'closed', 'proposed'] as const).map((s) => <option key={s} value={s}>{statusName(s)}</option>)}
          </select>
        </label>
        {error && <p role="alert" className="error">{error}</p>}
        <div className="buttons">
          <button type="submit">{t('common:apply')}</button>
          {edit && <button type="button" onClick={() => revert(id)}>{t('school.revert')}</button>}
        </div>
      </form>
    </section>
  );
}
