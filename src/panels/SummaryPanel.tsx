import { useTranslation } from 'react-i18next';
import { FLAG_NAMES } from '../core/index';
import { count, flagLabel, km, levelInline, percent, standard, typeName } from './format';
import { usePlanner } from './plannerContext';
import { DistrictProjection } from './ProjectionCharts';

/** The district at a glance: schools, children, capacity and demand, flags, distances. */
export function SummaryPanel() {
  const { t } = useTranslation('planner');
  const results = usePlanner((s) => s.results);
  const dataset = usePlanner((s) => s.dataset);
  const settings = usePlanner((s) => s.settings);
  const level = usePlanner((s) => s.level);
  const source = usePlanner((s) => s.sources.find((x) => x.id === s.sourceId));
  // imported data's note is a message of the catalogue, said in the language of the moment
  const countsNote = source?.imported ? t(source.kept ? 'data:keptNote' : 'data:importedNote')
    : source?.countsNote && [t(source.countsNote.key, source.countsNote.params), ...(source.sources?.length ? [t('data:sources', { list: source.sources.join(' ') })] : [])].join(' ');
  const setList = usePlanner((s) => s.actionSetList);
  const setPanel = usePlanner((s) => s.actionSetPanel);
  if (!results || !dataset || !settings) return <p>{t('summary.loading')}</p>;
  const sum = results.summary;
  const open = results.reports.filter((r) => r.status === 'open');
  const demand = open.reduce((a, r) => a + (r.levels.length ? r.demand : 0), 0);
  const hist = sum.distanceHistogramByLevel[level] ?? [];
  const histMax = Math.max(1, ...hist);
  const bands = sum.distanceBandsM;
  const levelDef = settings.levels.find((l) => l.id === level);
  const showFlag = (flag: string) => { setList({ flag }); setPanel('schools'); };
  return (
    <section aria-label={t('summary.label')} className="summary">
      <h2>{dataset.name}</h2>
      <table className="kv">
        <tbody>
          <tr><th scope="row">{t('summary.schools')}</th><td data-testid="summary-schools">{count(sum.schools)}{' '}
            <span className="muted">({Object.entries(sum.schoolsByType).map(([type, n]) => t('summary.ofType', { count: n, type: typeName(type) })).join(t('common:separator'))})</span></td></tr>
          {settings.levels.map((l) => (
            <tr key={l.id}><th scope="row">{t('summary.childrenOf', { level: levelInline(l.id, l.name) })}</th><td>{count(sum.childrenByLevel[l.id])}
              {sum.unassignedChildrenByLevel[l.id] > 0 && <span className="warn"> {t('summary.withoutSchool', { children: count(sum.unassignedChildrenByLevel[l.id]) })}</span>}</td></tr>
          ))}
          <tr><th scope="row">{t('term.capacity')}</th><td>{sum.schoolsWithCapacity ? t('summary.placesAt', { places: count(sum.capacityTotal), count: sum.schoolsWithCapacity }) : t('summary.notInData')}</td></tr>
          <tr><th scope="row">{t('term.enrollment')}</th><td>{count(sum.enrollmentTotal)}</td></tr>
          <tr><th scope="row">{t('term.demand')}</th><td>{count(demand)}</td></tr>
        </tbody>
      </table>
      {countsNote && <p className="note">{countsNote}</p>}
      <h3>{t('term.flags')}</h3>
      <table className="flags-table">
        <thead><tr><th scope="col">{t('term.flag')}</th><th scope="col">{t('summary.schools')}</th><th scope="col">{t('summary.notAssessed')}</th></tr></thead>
        <tbody>
          {FLAG_NAMES.map((f) => (
            <tr key={f}>
              <th scope="row"><button type="button" className="link" onClick={() => showFlag(f)}>{flagLabel(f)}</button></th>
              <td data-testid={`flag-count-${f}`}>{sum.flagCounts[f].flagged}</td>
              <td>{sum.flagCounts[f].notAssessed}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>{t('summary.distanceHeading', { level: levelInline(level, levelDef?.name) })}</h3>
      <p className="muted">{t('summary.distanceLine', { mean: km(sum.meanDistanceMByLevel[level]), standard: standard(levelDef?.distanceStandardM) })}</p>
      <svg className="histogram" viewBox={`0 0 ${hist.length * 40} 90`} role="img" aria-label={t('summary.histogramLabel', { bands: hist.map((h, i) => `${i < bands.length ? t('summary.upTo', { distance: km(bands[i]) }) : t('summary.over', { distance: km(bands[bands.length - 1]) })}: ${count(h)}`).join('; ') })}>
        {hist.map((h, i) => {
          const height = (h / histMax) * 52;
          const beyond = levelDef && (i === 0 ? 0 : bands[i - 1]) >= levelDef.distanceStandardM;
          return (
            <g key={i}>
              <rect x={i * 40 + 4} y={66 - height} width={32} height={height} fill={beyond ? '#d7301f' : '#4a78b5'} />
              <text x={i * 40 + 20} y={80} textAnchor="middle" fontSize="9">{i < bands.length ? `≤${bands[i] >= 1000 ? `${bands[i] / 1000}k` : bands[i]}` : `>${bands[bands.length - 1] / 1000}k`}</text>
              <text x={i * 40 + 20} y={63 - height} textAnchor="middle" fontSize="9">{h > 0 ? percent(h / Math.max(1, sum.childrenByLevel[level])) : ''}</text>
            </g>
          );
        })}
      </svg>
      <DistrictProjection />
    </section>
  );
}
