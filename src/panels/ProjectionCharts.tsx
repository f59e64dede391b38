import { projectionsCsv, type ProjectionYear, type SchoolProjection } from '../core/index';
import { download } from './exports';
import { count, flagLabel, one } from './format';
import { usePlanner } from './plannerContext';

const GRADE_COLOURS = ['#c6dbef', '#9ecae1', '#6baed6', '#4292c6', '#2171b5', '#08519c', '#08306b', '#fdd0a2', '#fdae6b', '#fd8d3c', '#e6550d', '#a63603', '#7f2704'];

/** Stacked bars of projected enrollment by grade per year, with the school's capacity as a line. */
function StackedBars({ years, grades, capacity, label }: { years: ProjectionYear[]; grades: string[]; capacity: number; label: string }) {
  const W = 300, H = 140, pad = 24;
  const max = Math.max(1, ...years.map((y) => y.total), Number.isFinite(capacity) ? capacity : 0) * 1.08;
  const bw = (W - pad) / years.length;
  const yOf = (v: number) => H - 18 - (v / max) * (H - 30);
  return (
    <svg viewBox={`0 0 ${W} ${H}`} className="projection-chart" role="img" aria-label={label}>
      {years.map((y, i) => {
        let acc = 0;
        return (
          <g key={y.year}>
            {grades.map((g, k) => {
              const v = y.byGrade[g] ?? 0;
              const top = yOf(acc + v), bottom = yOf(acc);
              acc += v;
              return <rect key={g} x={pad + i * bw + 3} y={top} width={bw - 6} height={Math.max(0, bottom - top)} fill={GRADE_COLOURS[k % GRADE_COLOURS.length]}><title>{`${y.year} ${g}: ${Math.round(v)}`}</title></rect>;
            })}
            <text x={pad + i * bw + bw / 2} y={H - 5} textAnchor="middle" fontSize="9">{y.year}</text>
            <text x={pad + i * bw + bw / 2} y={yOf(y.total) - 2} textAnchor="middle" fontSize="8">{Math.round(y.total)}</text>
          </g>
        );
      })}
      {Number.isFinite(capacity) && capacity > 0 && (
        <g>
          <line x1={pad} x2={W} y1={yOf(capacity)} y2={yOf(capacity)} stroke="#d7301f" strokeDasharray="4 2" strokeWidth="1.5" />
          <text x={pad - 2} y={yOf(capacity) + 3} textAnchor="end" fontSize="8" fill="#d7301f">cap.</text>
        </g>
      )}
    </svg>
  );
}

/** A school's projection: chart, classes needed against classrooms per year, first year of each flag. */
export function SchoolProjectionView({ id }: { id: string }) {
  const projection = usePlanner((s) => s.results?.projection);
  const settings = usePlanner((s) => s.settings);
  const report = usePlanner((s) => s.results?.reports.find((r) => r.id === id));
  if (!projection || !settings || !report) return null;
  const sp: SchoolProjection | undefined = projection.schools.find((x) => x.id === id);
  if (!sp) return null;
  if (!sp.years.length) return <p className="muted">Projection: {sp.notes.join('; ') || 'not projected'}.</p>;
  const grades = Object.keys(sp.years[0].byGrade);
  const first = Object.entries(sp.firstYear).filter(([, y]) => y !== null);
  const sources = [...new Set(Object.values(sp.ratioSource))].join(', ');
  return (
    <div className="projection" data-testid="school-projection">
      <h3>Projected enrollment</h3>
      <StackedBars years={sp.years} grades={grades} capacity={report.capacity} label={`Projected enrollment of ${report.name} by grade, ${sp.years[0].year} to ${sp.years[sp.years.length - 1].year}: ${sp.years.map((y) => `${y.year} ${Math.round(y.total)}`).join(', ')}`} />
      <table className="list compact">
        <thead><tr><th scope="col">Year</th><th scope="col">Pupils</th><th scope="col">Classes needed</th><th scope="col">Classrooms</th><th scope="col">Avg class</th><th scope="col">Flags</th></tr></thead>
        <tbody>
          {sp.years.map((y) => (
            <tr key={y.year}>
              <td>{y.year}</td><td className="num">{count(y.total)}</td><td className="num">{y.classesNeeded}</td>
              <td className="num">{count(y.classrooms)}</td><td className="num">{one(y.avgClassSize)}</td>
              <td>{y.flags.map(flagLabel).join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">
        {first.length ? `First year: ${first.map(([f, y]) => `${flagLabel(f)} ${y}`).join(', ')}. ` : 'No flag in the projection years. '}
        Ratios from {sources}; entry: {Object.values(sp.entry).join('; ')}.{sp.notes.length ? ` ${sp.notes.join('; ')}.` : ''}
      </p>
    </div>
  );
}

/** District totals per level per year and the number of schools flagged each year. */
export function DistrictProjection() {
  const projection = usePlanner((s) => s.results?.projection);
  const levels = usePlanner((s) => s.settings?.levels);
  if (!projection || !levels || !projection.district.length) return null;
  const d = projection.district;
  const W = 300, H = 120, pad = 30;
  const max = Math.max(1, ...d.flatMap((y) => Object.values(y.totalByLevel))) * 1.1;
  const x = (i: number) => pad + (i * (W - pad - 10)) / Math.max(1, d.length - 1);
  const y = (v: number) => H - 18 - (v / max) * (H - 28);
  const colours = ['#2171b5', '#e6550d', '#31a354'];
  return (
    <div className="district-projection" data-testid="district-projection">
      <h3>Projected enrollment, {d[0].year}-{d[d.length - 1].year}</h3>
      <svg viewBox={`0 0 ${W} ${H}`} className="projection-chart" role="img" aria-label={`District enrollment per year: ${d.map((r) => `${r.year} ${levels.map((l) => `${l.name} ${Math.round(r.totalByLevel[l.id] ?? 0)}`).join(', ')}`).join('; ')}`}>
        {levels.map((l, k) => (
          <g key={l.id}>
            <polyline fill="none" stroke={colours[k % 3]} strokeWidth="2" points={d.map((r, i) => `${x(i)},${y(r.totalByLevel[l.id] ?? 0)}`).join(' ')} />
            <text x={x(d.length - 1)} y={y(d[d.length - 1].totalByLevel[l.id] ?? 0) - 4} textAnchor="end" fontSize="9" fill={colours[k % 3]}>{l.name}</text>
          </g>
        ))}
        {d.map((r, i) => <text key={r.year} x={x(i)} y={H - 5} textAnchor="middle" fontSize="9">{r.year}</text>)}
      </svg>
      <table className="list compact">
        <thead><tr><th scope="col">Year</th>{levels.map((l) => <th key={l.id} scope="col">{l.name}</th>)}<th scope="col">Schools flagged</th></tr></thead>
        <tbody>{d.map((r) => <tr key={r.year}><td>{r.year}</td>{levels.map((l) => <td key={l.id} className="num">{count(r.totalByLevel[l.id])}</td>)}<td className="num" title={Object.entries(r.flagged).map(([f, n]) => `${flagLabel(f)} ${n}`).join(', ')}>{r.schoolsFlagged}</td></tr>)}</tbody>
      </table>
      <p className="muted">Transition between levels: {Math.round(projection.transitionRate * 100)}% ({projection.transitionSource}).</p>
      <button type="button" onClick={() => download('projections.csv', projectionsCsv(projection), 'text/csv')}>Export projections (CSV)</button>
    </div>
  );
}
