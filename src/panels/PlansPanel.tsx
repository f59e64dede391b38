import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../core/index';
import { publishZones } from '../core/index';
import { publishedMapOf } from '../map/publishedMap';
import { getGeocoderSetting, usableGeocoder } from '../geocode/geocoderSetting';
import { compareWithNearest, download, zonesFile, assignmentFile } from './exports';
import { checkKind, checkText, count, km, levelInline, percent, problemText } from './format';
import { usePlanner } from './plannerContext';
import { ZoneImport } from './ZoneImport';
import { ProposeZones } from './ProposeZones';

// the public page's path (a path, not words)
const LOOKUP = 'lookup/';
const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'plan';

/** Named zone plans: the baseline, drafts, their checks and how they differ from nearest-school zones. */
export function PlansPanel() {
  const { t } = useTranslation('plans');
  const plans = usePlanner((s) => s.plans);
  const activeId = usePlanner((s) => s.activePlanId);
  const dataset = usePlanner((s) => s.dataset);
  const results = usePlanner((s) => s.results);
  const level = usePlanner((s) => s.level);
  const saveState = usePlanner((s) => s.saveState);
  const badPlans = usePlanner((s) => s.badPlans);
  usePlanner((s) => s.paint.version); // the comparison follows the live plan while painting
  const levels = usePlanner((s) => s.settings?.levels);
  const basemap = usePlanner((s) => s.basemap);
  const sourceId = usePlanner((s) => s.sourceId);
  const importPlan = usePlanner((s) => s.actionImportPlan);
  const activate = usePlanner((s) => s.actionActivatePlan);
  const rename = usePlanner((s) => s.actionRenamePlan);
  const duplicate = usePlanner((s) => s.actionDuplicatePlan);
  const remove = usePlanner((s) => s.actionDeletePlan);
  const newPlan = usePlanner((s) => s.actionNewPlan);
  const exportBadPlan = usePlanner((s) => s.exportBadPlan);
  const deleteBadPlan = usePlanner((s) => s.actionDeleteBadPlan);
  const setNote = usePlanner((s) => s.actionSetPlanNote);
  const focus = usePlanner((s) => s.actionFocus);
  const exportActive = usePlanner((s) => s.exportActivePlan);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [importProblems, setImportProblems] = useState<Problem[]>([]);
  const importSeq = useRef(0);
  if (!dataset || !results || !levels) return <p>{t('common:loading')}</p>;
  const active = plans.find((p) => p.id === activeId) ?? null;
  const cmp = compareWithNearest(dataset, results, level);
  const checks = results.checks.filter((c) => c.level === level || c.kind === 'over_capacity');
  const importFile = async (f: File | undefined) => {
    if (!f) return;
    // only the latest import's outcome is shown: an earlier one may finish later
    const seq = ++importSeq.current;
    const problems = await importPlan(await f.text(), f.name);
    if (seq === importSeq.current) setImportProblems(problems);
  };
  return (
    <section aria-label={t('planner:tabs.plans')} className="plans">
      <h2>{t('heading')}</h2>
      <p className="muted">{t('intro', { state: t(`save.${saveState}`) })}</p>
      <ul className="plan-list" role="radiogroup" aria-label={t('active')}>
        <li>
          <label><input type="radio" name="plan" checked={activeId === null} onChange={() => void activate(null)} /> {t('baseline')}</label>
        </li>
        {plans.map((p) => (
          <li key={p.id}>
            {renaming === p.id ? (
              <form onSubmit={(e) => { e.preventDefault(); void rename(p.id, name); setRenaming(null); }}>
                <input aria-label={t('name')} value={name} onChange={(e) => setName(e.target.value)} autoFocus />
                <button type="submit">{t('common:save')}</button>
              </form>
            ) : (
              <label><input type="radio" name="plan" checked={activeId === p.id} onChange={() => void activate(p.id)} /> {p.name}</label>
            )}
            <span className="plan-actions">
              <button type="button" onClick={() => { setRenaming(p.id); setName(p.name); }} aria-label={t('renameNamed', { name: p.name })}>{t('rename')}</button>
              <button type="button" onClick={() => void duplicate(p.id)} aria-label={t('duplicateNamed', { name: p.name })}>{t('duplicate')}</button>
              <button type="button" onClick={() => { if (confirm(t('deleteConfirm', { name: p.name }))) void remove(p.id); }} aria-label={t('deleteNamed', { name: p.name })}>{t('common:delete')}</button>
            </span>
          </li>
        ))}
      </ul>
      <div className="buttons">
        <button type="button" onClick={() => void newPlan()}>{t('new')}</button>
      </div>
      {badPlans.length > 0 && (
        <div role="alert" className="problems" data-testid="bad-plans">
          <p><strong>{t('bad', { count: badPlans.length })}</strong>{t('badAside', { count: badPlans.length })}</p>
          <ul>{badPlans.map((b) => ({ ...b, name: b.name || t('unnamed') })).map((b) => (
            <li key={b.id}>{b.name}: {b.problems.slice(0, 3).map(problemText).join('; ')}{b.problems.length > 3 ? ` ${t('more', { count: b.problems.length - 3 })}` : ''}{' '}
              <button type="button" onClick={() => { const text = exportBadPlan(b.id); if (text) download(`${b.name}.plan.json`, text, 'application/json'); }}>{t('export')}</button>
              <button type="button" onClick={() => { if (confirm(t('deleteConfirm', { name: b.name }))) void deleteBadPlan(b.id); }}>{t('common:delete')}</button>
            </li>
          ))}</ul>
        </div>
      )}
      {active && (
        <label className="note-field">{t('note')}
          <textarea value={active.note} onChange={(e) => void setNote(active.id, e.target.value)} rows={2} />
        </label>
      )}

      <h3>{t('compared', { level: levelInline(level) })}</h3>
      {cmp && (
        <table className="kv" data-testid="plan-comparison"><tbody>
          <tr><th scope="row">{t('atNearest')}</th><td data-testid="share-nearest">{percent(cmp.atNearestShare)}</td></tr>
          <tr><th scope="row">{t('sentElsewhere')}</th><td>{count(cmp.moved)}</td></tr>
          <tr><th scope="row">{t('extraDistance')}</th><td>{km(cmp.meanExtraM)} / {km(cmp.maxExtraM)}</td></tr>
        </tbody></table>
      )}
      <p className="muted">{t('differencesHint', { mode: t('planner:toolbar.mode.difference') })}</p>
      <ProposeZones />

      <h3>{t('checks', { count: checks.length })}</h3>
      <ul className="checks" data-testid="plan-checks">
        {checks.length === 0 && <li className="muted">{t('noProblems')}</li>}
        {checks.slice(0, 100).map((c, i) => (
          <li key={i}>
            <button type="button" className="link" onClick={() => focus(c.lon, c.lat)} title={t('showOnMap')}>{t('show')}</button>{' '}
            <strong>{checkKind(c.kind)}</strong>{t('common:colon')}{checkText(c)}
          </li>
        ))}
      </ul>

      <h3>{t('exportImport')}</h3>
      <div className="buttons wrap">
        <button type="button" onClick={() => { const text = exportActive(); if (text) download(`${slug(active?.name ?? 'nearest')}.plan.json`, text); }}>{t('file.project')}</button>
        <button type="button" onClick={() => download(`${slug(active?.name ?? 'nearest')}-zones.geojson`, zonesFile(results), 'application/geo+json')}>{t('file.zones')}</button>
        <button type="button" onClick={() => download(`${slug(active?.name ?? 'nearest')}-assignment.csv`, assignmentFile(dataset, results), 'text/csv')}>{t('file.assignment')}</button>
      </div>
      <h3>{t('publish.heading')}</h3>
      <p className="muted">{t('publish.intro')} <code>{`${LOOKUP}?plan=`}</code>{t('publish.address')} <a href={`${import.meta.env.BASE_URL}${LOOKUP}`}>{LOOKUP}</a></p>
      <button type="button" onClick={() => {
        const published = publishZones(
          { zones: results.zones, schools: results.schools, levels: levels.map((l) => ({ id: l.id, name: l.name, distanceStandardM: l.distanceStandardM })), bbox: dataset.bbox },
          { title: `${dataset.name}: ${active?.name ?? t('publish.nearestZones')}`, note: active?.note ?? '', publishedAt: new Date().toISOString().slice(0, 10), places: [], ...publishedMapOf(basemap, sourceId), geocoder: usableGeocoder(getGeocoderSetting()) },
        );
        download(`${slug(active?.name ?? 'nearest')}.published.json`, JSON.stringify(published));
      }}>{t('publish.button')}</button>
      <label className="file">{t('importFile')}
        <input type="file" accept=".json" data-testid="plan-import" onChange={(e) => void importFile(e.target.files?.[0])} />
      </label>
      <ZoneImport />
      {importProblems.length > 0 && (
        <div role="alert" className="problems"><p><strong>{t('notImported')}</strong></p><ul>{importProblems.map((p, i) => <li key={i}><code>{problemText(p)}</code></li>)}</ul></div>
      )}
    </section>
  );
}
