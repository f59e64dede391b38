import { FLAG_NAMES } from '../core/index';
import { count, flagLabel, km, percent } from './format';
import { usePlanner } from './plannerContext';
import { DistrictProjection } from './ProjectionCharts';

/** The district at a glance: schools, children, capacity and demand, flags, distances. */
export function SummaryPanel() {
  const results = usePlanner((s) => s.results);
  const dataset = usePlanner((s) => s.dataset);
  const settings = usePlanner((s) => s.settings);
  const level = usePlanner((s) => s.level);
  const countsNote = usePlanner((s) => s.sources.find((x) => x.id === s.sourceId)?.countsNote);
  const setList = usePlanner((s) => s.actionSetList);
  const setPanel = usePlanner((s) => s.actionSetPanel);
  if (!results || !dataset || !settings) return <p>Loading the district…</p>;
  const sum = results.summary;
  const open = results.reports.filter((r) => r.status === 'open');
  const demand = open.reduce((a, r) => a + (r.levels.length ? r.demand : 0), 0);
  const hist = sum.distanceHistogramByLevel[level] ?? [];
  const histMax = Math.max(1, ...hist);
  const bands = sum.distanceBandsM;
  const levelDef = settings.levels.find((l) => l.id === level);
  const showFlag = (flag: string) => { setList({ flag }); setPanel('schools'); };
  return (
    <section aria-label="District summary" className="summary">
      <h2>{dataset.name}</h2>
      <table className="kv">
        <tbody>
          <tr><th scope="row">Schools</th><td data-testid="summary-schools">{count(sum.schools)}{' '}
            <span className="muted">({Object.entries(sum.schoolsByType).map(([t, n]) => `${n} ${flagLabel(t)}`).join(', ')})</span></td></tr>
          {settings.levels.map((l) => (
            <tr key={l.id}><th scope="row">Children, {l.name.toLowerCase()}</th><td>{count(sum.childrenByLevel[l.id])}
              {sum.unassignedChildrenByLevel[l.id] > 0 && <span className="warn"> ({count(sum.unassignedChildrenByLevel[l.id])} without a school)</span>}</td></tr>
          ))}
          <tr><th scope="row">Capacity</th><td>{sum.schoolsWithCapacity ? `${count(sum.capacityTotal)} places at ${sum.schoolsWithCapacity} schools` : 'not in the data'}</td></tr>
          <tr><th scope="row">Enrollment</th><td>{count(sum.enrollmentTotal)}</td></tr>
          <tr><th scope="row">Catchment demand</th><td>{count(demand)}</td></tr>
        </tbody>
      </table>
      {countsNote && <p className="note">{countsNote}</p>}
      <h3>Flags</h3>
      <table className="flags-table">
        <thead><tr><th scope="col">Flag</th><th scope="col">Schools</th><th scope="col">Not assessed</th></tr></thead>
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
      <h3>Distance to the nearest school, {levelDef?.name.toLowerCase()}</h3>
      <p className="muted">Mean {km(sum.meanDistanceMByLevel[level])}; standard {km(levelDef?.distanceStandardM)}; children by straight-line distance:</p>
      <svg className="histogram" viewBox={`0 0 ${hist.length * 40} 90`} role="img" aria-label={`Children by distance band: ${hist.map((h, i) => `${i < bands.length ? `up to ${km(bands[i])}` : `over ${km(bands[bands.length - 1])}`}: ${count(h)}`).join('; ')}`}>
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
