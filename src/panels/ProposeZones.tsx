import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Alternative, PlanFigures } from '../core/index';
import { usePlanner } from './plannerContext';
import { levelName, one } from './format';

const FORM = { display: 'flex', flexWrap: 'wrap', gap: '4px 12px', alignItems: 'center' } as const;

type Column = { key: string; label: string; figures: PlanFigures; alt: Alternative | null };

/** Locale-aware figures: counts, distances, percentages (a figure the data cannot give reads "not assessed"). */
function formatters(lang: string | undefined, na: string) {
  const n0 = new Intl.NumberFormat(lang, { maximumFractionDigits: 0 });
  const n1 = new Intl.NumberFormat(lang, { maximumFractionDigits: 1, minimumFractionDigits: 1 });
  const p2 = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 2, minimumFractionDigits: 2 });
  const ok = (x: number | null | undefined): x is number => x !== null && x !== undefined && Number.isFinite(x);
  return {
    count: (x: number | null | undefined) => (ok(x) ? n0.format(x) : na),
    km: (m: number | null | undefined) => (ok(m) ? (m < 1000 ? `${n0.format(m)} m` : `${n1.format(m / 1000)} km`) : na),
    childKm: (m: number | null | undefined) => (ok(m) ? n0.format(m / 1000) : na),
    pct: (x: number | null | undefined) => (ok(x) ? p2.format(x) : na),
  };
}

/**
 * The optimisers in the Plans tab: three proposed zone plans side by side (least travel, fewest
 * moves, even use) with their bound and gap, each adoptable as a plan; which schools to close; where
 * to open one. Every request runs in the engine's worker, reports its stage and can be cancelled.
 */
export function ProposeZones() {
  const { t, i18n } = useTranslation('propose');
  const levels = usePlanner((s) => s.settings?.levels);
  const viewLevel = usePlanner((s) => s.level);
  const token = usePlanner((s) => s.dataset?.token);
  const p = usePlanner((s) => s.propose);
  const proposeZones = usePlanner((s) => s.actionProposeZones);
  const cancel = usePlanner((s) => s.actionCancelPropose);
  const adopt = usePlanner((s) => s.actionAdoptAlternative);
  const suggestClosures = usePlanner((s) => s.actionSuggestClosures);
  const applyClosures = usePlanner((s) => s.actionApplyClosures);
  const scoreSites = usePlanner((s) => s.actionScoreSites);
  const openAtSite = usePlanner((s) => s.actionOpenAtSite);
  const setPicking = usePlanner((s) => s.actionSetPickingSites);
  const clearPoints = usePlanner((s) => s.actionClearSitePoints);
  const [chosenLevel, setLevel] = useState<string | null>(null);
  const [band, setBand] = useState({ lo: '85', hi: '100' });
  const [k, setK] = useState('6');
  const [useMax, setUseMax] = useState(false);
  const [maxKm, setMaxKm] = useState('');
  const [moved, setMoved] = useState('1000');
  const [closeCount, setCloseCount] = useState('1');
  const [below, setBelow] = useState('');
  const [capacity, setCapacity] = useState('420');
  const [onPoints, setOnPoints] = useState(false);
  if (!levels || token === undefined) return null;
  const level = chosenLevel ?? viewLevel;
  const standardM = levels.find((l) => l.id === level)?.distanceStandardM ?? null;
  const f = formatters(i18n?.language, t('notAssessed'));
  const running = p.status === 'running';
  const lo = Number(band.lo) / 100, hi = Number(band.hi) / 100;
  const bandOk = Number.isFinite(lo) && Number.isFinite(hi) && lo >= 0 && lo <= hi;
  const maxM = useMax ? (maxKm ? Number(maxKm) * 1000 : standardM) : null;
  const zones = p.zones?.token === token ? p.zones : null;
  const closures = p.closures?.token === token ? p.closures : null;
  const sites = p.sites?.token === token ? p.sites : null;
  const columns: Column[] = zones ? [
    { key: 'before', label: t('current'), figures: zones.before, alt: null },
    ...zones.alternatives.map((a) => ({ key: a.weights.id, label: t(`alt.${a.weights.id}`), figures: a.figures, alt: a })),
  ] : [];
  const rows: { label: string; cell: (c: Column) => string }[] = [
    { label: t('row.weights'), cell: (c) => (c.alt ? t('weights', { band: `${f.count(c.alt.weights.band[0] * 100)}-${f.count(c.alt.weights.band[1] * 100)}%`, moved: f.count(c.alt.weights.movedWeightM) }) : '') },
    { label: t('row.over'), cell: (c) => f.count(c.figures.schoolsOverCapacity) },
    { label: t('row.moved'), cell: (c) => (c.alt ? f.count(c.alt.childrenMoved) : '') },
    { label: t('row.mean'), cell: (c) => f.km(c.figures.meanDistanceM) },
    { label: t('row.p90'), cell: (c) => f.km(c.figures.p90DistanceM) },
    { label: t('row.objective'), cell: (c) => (c.alt ? f.childKm(c.alt.objective) : '') },
    { label: t('row.bound'), cell: (c) => (c.alt ? f.childKm(c.alt.lowerBound) : '') },
    { label: t('row.gap'), cell: (c) => (c.alt ? f.pct(c.alt.gap) : '') },
    { label: t('row.travelGap'), cell: (c) => (c.alt ? f.pct(c.alt.travelGap) : '') },
    { label: t('row.seconds'), cell: (c) => (c.alt ? t('seconds', { s: one(c.alt.seconds) }) : '') },
  ];
  const progress = running && (
    <p className="propose-progress" role="status" data-testid="propose-progress">
      {t(`running.${p.kind ?? 'zones'}`)} {p.stage ?? ''}{' '}
      <button type="button" onClick={cancel} data-testid="propose-cancel">{t('cancel')}</button>
    </p>
  );
  return (
    <section className="propose" aria-label={t('title')} data-testid="propose" data-status={p.status}>
      <h3>{t('title')}</h3>
      <p className="muted">{t('intro')}</p>
      <div className="propose-form" style={FORM}>
        <label>{t('level')}{' '}
          <select value={level} onChange={(e) => setLevel(e.target.value)} data-testid="propose-level">
            {levels.map((l) => <option key={l.id} value={l.id}>{levelName(l.id, l.name)}</option>)}
          </select>
        </label>
        <label>{t('band')}{' '}
          <input inputMode="numeric" size={3} value={band.lo} onChange={(e) => setBand({ ...band, lo: e.target.value })} aria-label={t('bandLo')} />
          {t('to')}
          <input inputMode="numeric" size={3} value={band.hi} onChange={(e) => setBand({ ...band, hi: e.target.value })} aria-label={t('bandHi')} />{t('percentSign')}
        </label>
        <label>{t('k')} <input inputMode="numeric" size={2} value={k} onChange={(e) => setK(e.target.value)} /></label>
        <label><input type="checkbox" checked={useMax} onChange={(e) => setUseMax(e.target.checked)} /> {t('maxDistance')}</label>
        {useMax && <label>{t('maxKm')} <input inputMode="decimal" size={4} value={maxKm} placeholder={standardM ? String(standardM / 1000) : ''} onChange={(e) => setMaxKm(e.target.value)} /></label>}
        <label>{t('movedWeight')} <input inputMode="numeric" size={5} value={moved} onChange={(e) => setMoved(e.target.value)} /></label>
      </div>
      {!bandOk && <p role="alert" className="problems">{t('badBand')}</p>}
      <div className="buttons">
        <button type="button" disabled={running || !bandOk} data-testid="propose-run"
          onClick={() => void proposeZones({ level, band: [lo, hi], k: Math.max(1, Number(k) || 6), maxDistanceM: maxM, movedWeightM: Math.max(0, Number(moved) || 0) })}>{t('propose')}</button>
      </div>
      {p.kind === 'zones' && progress}
      {p.error && <p role="alert" className="problems" data-testid="propose-error">{t('failed', { message: p.error })}</p>}
      {zones && (
        <div className="propose-results" style={{ overflowX: 'auto' }}>
          <table className="list compact" data-testid="propose-alternatives">
            <thead><tr><th scope="col">{t('levelOf', { level: levels.find((l) => l.id === zones.level)?.name ?? zones.level })}</th>{columns.map((c) => <th key={c.key} scope="col">{c.label}</th>)}</tr></thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.label}><th scope="row">{r.label}</th>{columns.map((c) => <td key={c.key} className="num" data-testid={`cell-${c.key}`}>{r.cell(c)}</td>)}</tr>
              ))}
              <tr>
                <th scope="row">{t('row.cannotFit')}</th>
                {columns.map((c) => (
                  <td key={c.key} data-testid={`cannot-fit-${c.key}`}>
                    {c.alt && (c.alt.outsideBand.length === 0 ? t('allFit') : (
                      <ul className="tight">
                        {c.alt.outsideBand.slice(0, 5).map((s) => <li key={s.id}>{s.name} {s.by > 0 ? '+' : '−'}{f.count(Math.abs(s.by))}</li>)}
                        {c.alt.outsideBand.length > 5 && <li>{t('more', { count: c.alt.outsideBand.length - 5 })}</li>}
                      </ul>
                    ))}
                    {c.alt && c.alt.uncapped.length > 0 && <span className="muted">{t('uncapped', { count: c.alt.uncapped.length })}</span>}
                  </td>
                ))}
              </tr>
              <tr>
                <th scope="row" />
                {columns.map((c) => (
                  <td key={c.key}>
                    {c.alt && (zones.adopted.includes(c.alt.weights.id)
                      ? <span className="muted">{t('adopted')}</span>
                      : <button type="button" onClick={() => void adopt(zones.alternatives.indexOf(c.alt!), t('planName', { level: levels.find((l) => l.id === zones.level)?.name ?? zones.level, alt: c.label }))} data-testid={`propose-adopt-${c.key}`}>{t('adopt')}</button>)}
                  </td>
                ))}
              </tr>
            </tbody>
          </table>
          <p className="muted">{t('gapNote')}</p>
          {zones.alternatives[0] && zones.alternatives[0].planningUnits < zones.alternatives[0].units && (
            <p className="muted" data-testid="propose-planning-units">{t('planningUnitsNote', { units: f.count(zones.alternatives[0].units), planningUnits: f.count(zones.alternatives[0].planningUnits) })}</p>
          )}
        </div>
      )}

      <h3>{t('closures.title')}</h3>
      <div className="propose-form" style={FORM}>
        <label>{t('closures.count')} <input inputMode="numeric" size={2} value={closeCount} onChange={(e) => setCloseCount(e.target.value)} data-testid="closures-count" /></label>
        <label>{t('closures.below')} <input inputMode="numeric" size={4} value={below} onChange={(e) => setBelow(e.target.value)} /></label>
        <button type="button" disabled={running} data-testid="closures-run"
          onClick={() => void suggestClosures(level, Math.max(1, Number(closeCount) || 1), below ? Number(below) : null)}>{t('closures.suggest')}</button>
      </div>
      {p.kind === 'closures' && progress}
      {closures && (
        <div data-testid="closures-result">
          <ul>
            {closures.close.map((c) => (
              <li key={c.id}>{t('closures.item', { name: c.name, pupils: f.count(c.pupils), receiver: c.receiverName ?? t('closures.nearest') })}</li>
            ))}
          </ul>
          <p>{t('closures.figures', { moved: f.count(closures.childrenMoved), added: f.km(closures.addedTravelPerMovedChildM), gap: f.pct(closures.gap) })}</p>
          {closures.overLimit.length > 0 && <p className="problems">{t('closures.overLimit', { names: closures.overLimit.map((o) => `${o.name} +${f.count(o.children - o.limit)}`).join('; ') })}</p>}
          <button type="button" onClick={() => void applyClosures()} data-testid="closures-apply">{t('closures.apply')}</button>
        </div>
      )}

      <h3>{t('sites.title')}</h3>
      <p className="muted">{t('sites.intro')}</p>
      <div className="propose-form" style={FORM}>
        <label>{t('sites.capacity')} <input inputMode="numeric" size={4} value={capacity} onChange={(e) => setCapacity(e.target.value)} /></label>
        <label><input type="radio" name="site-source" checked={!onPoints} onChange={() => { setOnPoints(false); setPicking(false); }} /> {t('sites.grid')}</label>
        <label><input type="radio" name="site-source" checked={onPoints} onChange={() => { setOnPoints(true); setPicking(true); }} /> {t('sites.points', { count: p.sitePoints.length })}</label>
        {onPoints && <button type="button" onClick={clearPoints}>{t('sites.clear')}</button>}
        <button type="button" disabled={running || !(Number(capacity) > 0) || (onPoints && !p.sitePoints.length)} data-testid="sites-run"
          onClick={() => void scoreSites(level, Number(capacity), onPoints)}>{t('sites.score')}</button>
      </div>
      {onPoints && p.pickingSites && <p className="muted">{t('sites.clickHint')}</p>}
      {p.kind === 'sites' && progress}
      {sites && (
        <ol data-testid="sites-result">
          {sites.scores.map((s, i) => (
            <li key={i}>
              {t('sites.item', { children: f.count(s.children), travel: f.childKm(s.travelCutM), overload: f.count(s.overloadCut) })}{' '}
              <button type="button" onClick={() => void openAtSite(i, t('sites.schoolName', { n: i + 1 }))}>{t('sites.open')}</button>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
