import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportedZone, Problem } from '../core/index';
import { levelName, problemText, zoneLabel } from './format';
import { usePlanner } from './plannerContext';

/**
 * Existing attendance zones as a new plan, with a review step: zones whose school could not be
 * matched by id or name are listed with close-name suggestions for the planner to choose.
 */
export function ZoneImport() {
  const { t } = useTranslation('data');
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
      <h3>{t('zones.heading')}</h3>
      <div className="row">
        <label>{t('planner:toolbar.level')} <select value={level} onChange={(e) => setLevel(e.target.value)}>{levels.map((l) => <option key={l.id} value={l.id}>{levelName(l.id, l.name)}</option>)}</select></label>
        <label className="file">{t('zones.file')}
          <input type="file" accept=".json,.geojson" data-testid="zones-import" onChange={(e) => void open(e.target.files?.[0])} disabled={busy} />
        </label>
      </div>
      {problems.length > 0 && <ul className="problems">{problems.map((p, i) => <li key={i}><code>{problemText(p)}</code></li>)}</ul>}
      {review && (
        <div className="review" aria-label={t('zones.review')}>
          <p>{t('zones.summary', { count: review.zones.length, matched: review.zones.length - unmatched.length })}{review.outside ? t('zones.outside', { count: review.outside }) : ''}</p>
          {unmatched.length > 0 && <p className="warn">{t('zones.unmatched', { count: unmatched.length })}</p>}
          <table className="list"><tbody>
            {review.zones.map((z, i) => (z.matchedBy === 'id' || z.matchedBy === 'name') ? null : (
              <tr key={i}>
                <td>{zoneLabel(z)}</td>
                <td>
                  <select aria-label={t('zones.schoolFor', { zone: zoneLabel(z) })} value={review.choice[i] ?? ''} onChange={(e) => { const choice = [...review.choice]; choice[i] = e.target.value || null; setReview({ ...review, choice }); }}>
                    <option value="">{t('zones.leave')}</option>
                    {z.suggestions.map((id) => <option key={`s-${id}`} value={id}>{t('zones.suggested', { name: nameOf(id) })}</option>)}
                    {ds.schools.ids.map((id, k) => <option key={id} value={id}>{ds.schools.names[k]}</option>)}
                  </select>
                </td>
              </tr>
            ))}
          </tbody></table>
          <button type="button" onClick={() => { void create(`${review.name} (${levelName(level)})`, level, review.choice, review.zoneByUnit); setReview(null); }}>{t('zones.create')}</button>
        </div>
      )}
    </div>
  );
}
