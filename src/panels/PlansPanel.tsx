import { useRef, useState } from 'react';
import { formatProblem, type Problem } from '../core/index';
import { publishZones } from '../core/index';
import { getGeocoderSetting, usableGeocoder } from '../geocode/geocoderSetting';
import { compareWithNearest, download, zonesFile, assignmentFile } from './exports';
import { count, km, percent } from './format';
import { usePlanner } from './plannerContext';
import { ZoneImport } from './ZoneImport';

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'plan';

/** Named zone plans: the baseline, drafts, their checks and how they differ from nearest-school zones. */
export function PlansPanel() {
  const plans = usePlanner((s) => s.plans);
  const activeId = usePlanner((s) => s.activePlanId);
  const dataset = usePlanner((s) => s.dataset);
  const results = usePlanner((s) => s.results);
  const level = usePlanner((s) => s.level);
  const saveState = usePlanner((s) => s.saveState);
  const badPlans = usePlanner((s) => s.badPlans);
  usePlanner((s) => s.paint.version); // the comparison follows the live plan while painting
  const levels = usePlanner((s) => s.settings?.levels);
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
  if (!dataset || !results || !levels) return <p>Loading…</p>;
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
    <section aria-label="Plans" className="plans">
      <h2>Zone plans</h2>
      <p className="muted">Paint on the map to start a plan from the nearest-school zones. Plans are saved in this browser as you work ({saveState === 'saved' ? 'all changes saved' : saveState === 'saving' ? 'saving…' : 'could not save!'}).</p>
      <ul className="plan-list" role="radiogroup" aria-label="Active plan">
        <li>
          <label><input type="radio" name="plan" checked={activeId === null} onChange={() => void activate(null)} /> Nearest school (baseline)</label>
        </li>
        {plans.map((p) => (
          <li key={p.id}>
            {renaming === p.id ? (
              <form onSubmit={(e) => { e.preventDefault(); void rename(p.id, name); setRenaming(null); }}>
                <input aria-label="Plan name" value={name} onChange={(e) => setName(e.target.value)} autoFocus />
                <button type="submit">Save</button>
              </form>
            ) : (
              <label><input type="radio" name="plan" checked={activeId === p.id} onChange={() => void activate(p.id)} /> {p.name}</label>
            )}
            <span className="plan-actions">
              <button type="button" onClick={() => { setRenaming(p.id); setName(p.name); }} aria-label={`Rename ${p.name}`}>Rename</button>
              <button type="button" onClick={() => void duplicate(p.id)} aria-label={`Duplicate ${p.name}`}>Duplicate</button>
              <button type="button" onClick={() => { if (confirm(`Delete the plan "${p.name}"?`)) void remove(p.id); }} aria-label={`Delete ${p.name}`}>Delete</button>
            </span>
          </li>
        ))}
      </ul>
      <div className="buttons">
        <button type="button" onClick={() => void newPlan()}>New plan from nearest</button>
      </div>
      {badPlans.length > 0 && (
        <div role="alert" className="problems" data-testid="bad-plans">
          <p><strong>{badPlans.length} stored plan{badPlans.length > 1 ? 's' : ''} could not be used</strong> and {badPlans.length > 1 ? 'were' : 'was'} set aside (nothing of {badPlans.length > 1 ? 'them' : 'it'} is applied):</p>
          <ul>{badPlans.map((b) => (
            <li key={b.id}>{b.name}: {b.problems.slice(0, 3).join('; ')}{b.problems.length > 3 ? ` … and ${b.problems.length - 3} more` : ''}{' '}
              <button type="button" onClick={() => { const t = exportBadPlan(b.id); if (t) download(`${b.name}.plan.json`, t, 'application/json'); }}>Export</button>
              <button type="button" onClick={() => { if (confirm(`Delete the plan "${b.name}"?`)) void deleteBadPlan(b.id); }}>Delete</button>
            </li>
          ))}</ul>
        </div>
      )}
      {active && (
        <label className="note-field">Note for this plan (shown with it when published)
          <textarea value={active.note} onChange={(e) => void setNote(active.id, e.target.value)} rows={2} />
        </label>
      )}

      <h3>Compared with nearest-school zones ({level})</h3>
      {cmp && (
        <table className="kv" data-testid="plan-comparison"><tbody>
          <tr><th scope="row">Children at their nearest school</th><td data-testid="share-nearest">{percent(cmp.atNearestShare)}</td></tr>
          <tr><th scope="row">Children sent elsewhere</th><td>{count(cmp.moved)}</td></tr>
          <tr><th scope="row">Their extra distance, mean / max</th><td>{km(cmp.meanExtraM)} / {km(cmp.maxExtraM)}</td></tr>
        </tbody></table>
      )}
      <p className="muted">Map mode “Differences” shows the areas whose school differs from the nearest.</p>

      <h3>Checks ({checks.length})</h3>
      <ul className="checks" data-testid="plan-checks">
        {checks.length === 0 && <li className="muted">No problems found.</li>}
        {checks.slice(0, 100).map((c, i) => (
          <li key={i}>
            <button type="button" className="link" onClick={() => focus(c.lon, c.lat)} title="Show on the map">Show</button>{' '}
            <strong>{c.kind.replace(/_/g, ' ')}</strong>: {c.message}
          </li>
        ))}
      </ul>

      <h3>Export and import</h3>
      <div className="buttons wrap">
        <button type="button" onClick={() => { const t = exportActive(); if (t) download(`${slug(active?.name ?? 'nearest')}.plan.json`, t); }}>Project file (.json)</button>
        <button type="button" onClick={() => download(`${slug(active?.name ?? 'nearest')}-zones.geojson`, zonesFile(results), 'application/geo+json')}>Zones (GeoJSON)</button>
        <button type="button" onClick={() => download(`${slug(active?.name ?? 'nearest')}-assignment.csv`, assignmentFile(dataset, results), 'text/csv')}>Assignment (CSV)</button>
      </div>
      <h3>Publish</h3>
      <p className="muted">A read-only file for the public “Find your school” page: the zones of this plan, the schools' names and addresses, and a place list. Host it beside the app and open <code>lookup/?plan=</code> followed by its address. The default build publishes the nearest-school zones of Edinburgh at <a href={`${import.meta.env.BASE_URL}lookup/`}>lookup/</a>.</p>
      <button type="button" onClick={() => {
        const published = publishZones(
          { zones: results.zones, schools: results.schools, levels: levels.map((l) => ({ id: l.id, name: l.name, distanceStandardM: l.distanceStandardM })), bbox: dataset.bbox },
          { title: `${dataset.name}: ${active?.name ?? 'nearest-school zones'}`, note: active?.note ?? '', publishedAt: new Date().toISOString().slice(0, 10), places: [], geocoder: usableGeocoder(getGeocoderSetting()) },
        );
        download(`${slug(active?.name ?? 'nearest')}.published.json`, JSON.stringify(published));
      }}>Publish this plan</button>
      <label className="file">Import a project file
        <input type="file" accept=".json" data-testid="plan-import" onChange={(e) => void importFile(e.target.files?.[0])} />
      </label>
      <ZoneImport />
      {importProblems.length > 0 && (
        <div role="alert" className="problems"><p><strong>The plan was not imported.</strong></p><ul>{importProblems.map((p, i) => <li key={i}><code>{formatProblem(p)}</code></li>)}</ul></div>
      )}
    </section>
  );
}
