import { useState } from 'react';
import { formatProblem, type ImportedZone, type Problem } from '../core/index';
import { usePlanner } from './plannerContext';

/**
 * Existing attendance zones as a new plan, with a review step: zones whose school could not be
 * matched by id or name are listed with close-name suggestions for the planner to choose.
 */
export function ZoneImport() {
  const ds = usePlanner((s) => s.dataset);
  const levels = usePlanner((s) => s.settings?.levels ?? []);
  const read = usePlanner((s) => s.readZones);
  const create = usePlanner((s) => s.actionPlanFromZones);
  const [level, setLevel] = useState(levels[0]?.id ?? 'primary');
  const [review, setReview] = useState<{ name: string; zones: ImportedZone[]; choice: (string | null)[]; zoneByUnit: Int32Array; outside: number } | null>(null);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [busy, setBusy] = useState(false);
  if (!ds) return null;
  const nameOf = (id: string) => ds.schools.names[ds.schools.ids.indexOf(id)] ?? id;

  const open = async (f: File | undefined) => {
    if (!f) return;
    setBusy(true);
    const r = await read({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) });
    setBusy(false);
    if (!r.ok) { setProblems(r.problems); setReview(null); return; }
    setProblems(r.problems);
    setReview({ name: f.name.replace(/\.(geo)?json$/i, ''), zones: r.zones, choice: r.zones.map((z) => z.school), zoneByUnit: r.zoneByUnit, outside: r.unitsOutside });
  };
  const unmatched = review ? review.zones.filter((_z, i) => !review.choice[i]) : [];
  return (
    <div className="zone-import">
      <h3>Start from existing zones</h3>
      <div className="row">
        <label>Level <select value={level} onChange={(e) => setLevel(e.target.value)}>{levels.map((l) => <option key={l.id} value={l.id}>{l.name}</option>)}</select></label>
        <label className="file">Zones file (GeoJSON polygons with a school id or name)
          <input type="file" accept=".json,.geojson" data-testid="zones-import" onChange={(e) => void open(e.target.files?.[0])} disabled={busy} />
        </label>
      </div>
      {problems.length > 0 && <ul className="problems">{problems.map((p, i) => <li key={i}><code>{formatProblem(p)}</code></li>)}</ul>}
      {review && (
        <div className="review" aria-label="Review the zones">
          <p>{review.zones.length} zones; {review.zones.length - unmatched.length} matched to schools{review.outside ? `; ${review.outside} areas lie outside every zone and keep their nearest school` : ''}.</p>
          {unmatched.length > 0 && <p className="warn">{unmatched.length} zone{unmatched.length > 1 ? 's need' : ' needs'} a school (or stays unmatched: its areas keep their nearest school):</p>}
          <table className="list"><tbody>
            {review.zones.map((z, i) => (z.matchedBy === 'id' || z.matchedBy === 'name') ? null : (
              <tr key={i}>
                <td>{z.label}</td>
                <td>
                  <select aria-label={`School for zone ${z.label}`} value={review.choice[i] ?? ''} onChange={(e) => { const choice = [...review.choice]; choice[i] = e.target.value || null; setReview({ ...review, choice }); }}>
                    <option value="">leave unmatched</option>
                    {z.suggestions.map((id) => <option key={`s-${id}`} value={id}>suggested: {nameOf(id)}</option>)}
                    {ds.schools.ids.map((id, k) => <option key={id} value={id}>{ds.schools.names[k]}</option>)}
                  </select>
                </td>
              </tr>
            ))}
          </tbody></table>
          <button type="button" onClick={() => { void create(`${review.name} (${level})`, level, review.choice, review.zoneByUnit); setReview(null); }}>Create the plan</button>
        </div>
      )}
    </div>
  );
}
