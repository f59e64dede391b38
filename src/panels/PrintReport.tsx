import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { SHIPPED_MANIFESTS } from '../app/datasets';
import type { ReportMap } from '../store/plannerStore';
import { describeAction, OutcomeTables } from './LayoutPanel';
import { usePlanner } from './plannerContext';
import { DistrictProjectionChart } from './ProjectionCharts';

const AUTHOR_KEY = 'planner.reportAuthor';

function storedAuthor(): string {
  try { return localStorage.getItem(AUTHOR_KEY) ?? ''; } catch { return ''; }
}

function MapFigure({ map, caption, alt }: { map: ReportMap; caption: string; alt: string }) {
  const { t } = useTranslation('report');
  return (
    <figure className="report-map">
      {map.png ? <img src={map.png} alt={alt} /> : <p className="muted">{t('noPicture')}</p>}
      <figcaption>
        <strong>{caption}</strong>
        <ul className="report-legend">
          {map.legend.map((l) => (
            <li key={l.name}>
              <span className="swatch-square" style={{ background: l.colour }} />
              {l.name}{l.closed ? ` (${t('closed')})` : l.opened ? ` (${t('opened')})` : ''}
            </li>
          ))}
        </ul>
        <span className="muted">{t('mapKey')}</span>
      </figcaption>
    </figure>
  );
}

/**
 * The printed report of the active plan: title, plan, data set, date, author, attribution; the maps
 * before and after the plan (the map adapter takes them on the print intent); the changes, outcome
 * tables and projection. On screen only the author field and the print button show: the report is
 * drawn into the page's body and replaces the planner when printed.
 */
export function PrintReport() {
  const { t, i18n } = useTranslation('report');
  const print = usePlanner((s) => s.print);
  const printReport = usePlanner((s) => s.actionPrintReport);
  const ds = usePlanner((s) => s.dataset);
  const results = usePlanner((s) => s.results);
  const settings = usePlanner((s) => s.settings);
  const sourceId = usePlanner((s) => s.sourceId);
  const plan = usePlanner((s) => s.plans.find((p) => p.id === s.activePlanId) ?? null);
  const [author, setAuthor] = useState(storedAuthor);
  const printed = useRef(0);
  useEffect(() => {
    if (print.status !== 'ready' || printed.current === print.seq) return;
    printed.current = print.seq;
    // the pictures are in the page once React has drawn them: print on the next frame
    requestAnimationFrame(() => window.print());
  }, [print.status, print.seq]);

  const remember = (value: string) => {
    setAuthor(value);
    try { localStorage.setItem(AUTHOR_KEY, value); } catch { /* private mode: the field still works for this print */ }
  };
  const controls = (
    <div className="report-controls no-print">
      <label>{t('author')} <input value={author} onChange={(e) => remember(e.target.value)} placeholder={t('authorPlaceholder')} /></label>
      <button type="button" disabled={print.status === 'capturing'} onClick={() => printReport()}>{t('print')}</button>
    </div>
  );
  if (print.status === 'idle' || !ds || !results || !settings) return controls;

  const sv = results.schools;
  const nameOf = (id: string) => sv.names[sv.ids.indexOf(id)] ?? id;
  const manifest = SHIPPED_MANIFESTS.find((m) => m.id === sourceId);
  const attribution = manifest ? manifest.attribution : [t('ownFiles')];
  const pictures = print.pictures;
  const levelName = settings.levels.find((l) => l.id === pictures?.level)?.name ?? pictures?.level ?? '';
  const date = new Intl.DateTimeFormat(i18n.language || 'en', { dateStyle: 'long' }).format(new Date());
  const moved = results.moves.reduce((n, m) => n + m.children, 0);
  const areas = new Set(results.moves.map((m) => `${m.level}:${m.unitId}`)).size;
  const o = results.outcomes;
  const report = (
    <article className="print-report" data-testid="print-report" lang={i18n.language || undefined}>
      <header>
        <h1>{t('title')}</h1>
        <table className="report-meta"><tbody>
          <tr><th scope="row">{t('plan')}</th><td>{plan ? plan.name : t('baseline')}</td></tr>
          <tr><th scope="row">{t('dataset')}</th><td>{ds.name}</td></tr>
          <tr><th scope="row">{t('date')}</th><td>{date}</td></tr>
          <tr><th scope="row">{t('author')}</th><td>{author || '—'}</td></tr>
        </tbody></table>
        {plan?.note ? <p>{plan.note}</p> : null}
      </header>
      <section className="report-section">
        <h2>{t('mapsTitle', { level: levelName })}</h2>
        {pictures ? (
          <>
            <p className="muted">{pictures.framedOnChanges ? t('framedOnChanges') : t('framedOnAll')}</p>
            <div className="report-maps">
              <MapFigure map={pictures.before} caption={t('before')} alt={t('beforeAlt', { level: levelName })} />
              <MapFigure map={pictures.after} caption={t('after')} alt={t('afterAlt', { level: levelName })} />
            </div>
          </>
        ) : <p className="muted">{print.status === 'capturing' ? t('capturing') : t('noPicture')}</p>}
      </section>
      <section className="report-section">
        <h2>{t('changesTitle')}</h2>
        <ol className="report-changes">
          {(plan?.actions ?? []).map((a, i) => <li key={a.id ?? i}>{describeAction(a, nameOf)}</li>)}
          {areas > 0 && <li>{t('movedAreas', { count: areas, children: Math.round(moved) })}</li>}
          {!plan?.actions?.length && areas === 0 && <li>{t('noChanges')}</li>}
        </ol>
      </section>
      <section className="report-section report-outcomes">
        <h2>{t('outcomesTitle')}</h2>
        <OutcomeTables o={o} nameOf={nameOf} />
      </section>
      {results.projection.district.length > 0 && (
        <section className="report-section">
          <h2>{t('projectionTitle')}</h2>
          <DistrictProjectionChart projection={results.projection} levels={settings.levels} width={640} />
        </section>
      )}
      <footer className="report-section report-attribution">
        <h2>{t('attributionTitle')}</h2>
        <ul>{attribution.map((a) => <li key={a}>{a}</li>)}</ul>
        <p className="muted">{t('madeWith')}</p>
      </footer>
    </article>
  );
  return <>{controls}{createPortal(report, document.body)}</>;
}
