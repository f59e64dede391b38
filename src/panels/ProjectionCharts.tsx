import { barY, dot, line, ruleX, ruleY, text, tickY, type PlotOptions } from '@observablehq/plot';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { projectionsCsv, type ProjectionResult, type ProjectionYear, type SchoolProjection } from '../core/index';
import { download } from './exports';
import { formatCount as count, formatNumber } from '../i18n/format';
import { flagLabel, levelName } from './format';
import { PlotChart } from './PlotChart';
import { ProjectionBacktestSummary, ProjectionDetails } from './ProjectionDetails';
import { usePlanner } from './plannerContext';

const GRADE_COLOURS = ['#c6dbef', '#9ecae1', '#6baed6', '#4292c6', '#2171b5', '#08519c', '#08306b', '#fdd0a2', '#fdae6b', '#fd8d3c', '#e6550d', '#a63603', '#7f2704'];
const LEVEL_COLOURS = ['#2171b5', '#e6550d', '#31a354', '#756bb1'];
const FONT = { fontSize: '11px', fontFamily: "'Noto Sans', system-ui, sans-serif" };

/** Stacked bars of projected pupils by grade per year, with the school's capacity as a labelled rule. */
export function SchoolProjectionChart({ years, capacity, name, width = 320 }: { years: ProjectionYear[]; capacity: number; name: string; width?: number }) {
  const { t } = useTranslation('charts');
  const options = useMemo((): PlotOptions => {
    const grades = Object.keys(years[0]?.byGrade ?? {});
    const rows = years.flatMap((y) => grades.map((g) => ({ year: String(y.year), grade: g.toUpperCase(), pupils: y.byGrade[g] ?? 0 })));
    const hasCapacity = Number.isFinite(capacity) && capacity > 0;
    const ranged = years.filter((y) => Number.isFinite(y.low) && Number.isFinite(y.high)).map((y) => ({ year: String(y.year), low: y.low, high: y.high }));
    const top = Math.max(capacity || 0, ...years.map((y) => (Number.isFinite(y.high) ? y.high : y.total)));
    return {
      width, height: 190, marginLeft: 44, marginRight: 16, marginBottom: 34, style: FONT,
      x: { label: t('year'), type: 'band' },
      y: { label: t('pupils'), grid: true, nice: true, domain: hasCapacity || ranged.length ? [0, top * 1.05] : undefined },
      color: { legend: true, label: t('grade'), domain: grades.map((g) => g.toUpperCase()), range: GRADE_COLOURS.slice(0, grades.length) },
      marks: [
        barY(rows, { x: 'year', y: 'pupils', fill: 'grade', title: (d: { year: string; grade: string; pupils: number }) => `${d.year} ${d.grade}: ${Math.round(d.pupils)}` }),
        // the backtest's 80% range of the total: a whisker per year (none where there is no range)
        ...(ranged.length ? [
          ruleX(ranged, { x: 'year', y1: 'low', y2: 'high', stroke: '#333', strokeWidth: 1.5 }),
          tickY(ranged, { x: 'year', y: 'low', stroke: '#333' }),
          tickY(ranged, { x: 'year', y: 'high', stroke: '#333', title: (d: { low: number; high: number }) => t('range', { low: Math.round(d.low), high: Math.round(d.high) }) }),
        ] : []),
        ...(hasCapacity ? [
          ruleY([capacity], { stroke: '#d7301f', strokeDasharray: '4 2', strokeWidth: 1.5 }),
          text([capacity], { y: (d: number) => d, frameAnchor: 'left', dy: -6, text: () => t('capacity', { n: count(capacity) }), fill: '#d7301f' }),
        ] : []),
        ruleY([0]),
      ],
    };
  }, [years, capacity, width, t]);
  const label = t('schoolChartLabel', { name, first: years[0]?.year, last: years[years.length - 1]?.year, values: years.map((y) => `${y.year} ${Math.round(y.total)}`).join(', ') });
  return <PlotChart options={options} label={label} className="projection-chart" />;
}

/** District pupils per level per year: one labelled line per level. */
export function DistrictProjectionChart({ projection, levels, width = 320 }: { projection: ProjectionResult; levels: { id: string; name: string }[]; width?: number }) {
  const { t } = useTranslation('charts');
  const d = projection.district;
  const options = useMemo((): PlotOptions => {
    const rows = d.flatMap((r) => levels.map((l) => ({ year: r.year, level: l.name, pupils: r.totalByLevel[l.id] ?? 0 })));
    return {
      width, height: 180, marginLeft: 52, marginRight: 24, marginBottom: 34, style: FONT,
      x: { label: t('year'), tickFormat: 'd', ticks: Math.min(d.length, 8) },
      y: { label: t('pupils'), grid: true, zero: true, nice: true },
      color: { legend: true, label: t('level'), domain: levels.map((l) => l.name), range: LEVEL_COLOURS.slice(0, levels.length) },
      marks: [
        line(rows, { x: 'year', y: 'pupils', stroke: 'level', strokeWidth: 2 }),
        dot(rows, { x: 'year', y: 'pupils', fill: 'level', r: 2.5, title: (r: { year: number; level: string; pupils: number }) => `${r.level} ${r.year}: ${Math.round(r.pupils)}` }),
        ruleY([0]),
      ],
    };
  }, [d, levels, width, t]);
  const label = t('districtChartLabel', { values: d.map((r) => `${r.year} ${levels.map((l) => `${levelName(l.id, l.name)} ${count(r.totalByLevel[l.id] ?? 0)}`).join(', ')}`).join('; ') });
  return <PlotChart options={options} label={label} className="projection-chart" testId="district-projection-chart" />;
}

/** A school's projection: chart, classes needed against classrooms per year, first year of each flag. */
export function SchoolProjectionView({ id }: { id: string }) {
  const { t } = useTranslation('charts');
  const projection = usePlanner((s) => s.results?.projection);
  const settings = usePlanner((s) => s.settings);
  const report = usePlanner((s) => s.results?.reports.find((r) => r.id === id));
  if (!projection || !settings || !report) return null;
  const sp: SchoolProjection | undefined = projection.schools.find((x) => x.id === id);
  if (!sp) return null;
  if (!sp.years.length) return <p className="muted">{t('notProjected', { why: sp.notes.join('; ') || t('notProjectedWhy') })}</p>;
  const first = Object.entries(sp.firstYear).filter(([, y]) => y !== null);
  const sources = [...new Set(Object.values(sp.ratioSource))].join(', ');
  return (
    <div className="projection" data-testid="school-projection">
      <h3>{t('schoolTitle')}</h3>
      <SchoolProjectionChart years={sp.years} capacity={report.capacity} name={report.name} />
      {sp.years.some((y) => Number.isFinite(y.low)) && <p className="muted">{t('rangeHint')}</p>}
      <ProjectionDetails id={id} />
      <table className="list compact">
        <thead><tr><th scope="col">{t('year')}</th><th scope="col">{t('pupils')}</th><th scope="col">{t('classesNeeded')}</th><th scope="col">{t('classrooms')}</th><th scope="col">{t('avgClass')}</th><th scope="col">{t('flags')}</th></tr></thead>
        <tbody>
          {sp.years.map((y) => (
            <tr key={y.year}>
              <td>{y.year}</td><td className="num">{count(y.total)}</td><td className="num">{y.classesNeeded}</td>
              <td className="num">{count(y.classrooms)}</td><td className="num">{formatNumber(y.avgClassSize)}</td>
              <td>{y.flags.map(flagLabel).join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">
        {first.length ? t('firstYears', { list: first.map(([f, y]) => `${flagLabel(f)} ${y}`).join(', ') }) : t('noFlagYears')}{' '}
        {t('sources', { ratios: sources, entry: Object.values(sp.entry).join('; ') })}{sp.notes.length ? ` ${sp.notes.join('; ')}.` : ''}
      </p>
    </div>
  );
}

/** District totals per level per year and the number of schools flagged each year. */
export function DistrictProjection() {
  const { t } = useTranslation('charts');
  const projection = usePlanner((s) => s.results?.projection);
  const levels = usePlanner((s) => s.settings?.levels);
  if (!projection || !levels || !projection.district.length) return null;
  const d = projection.district;
  return (
    <div className="district-projection" data-testid="district-projection">
      <h3>{t('districtTitle', { first: d[0].year, last: d[d.length - 1].year })}</h3>
      <DistrictProjectionChart projection={projection} levels={levels} />
      <ProjectionBacktestSummary projection={projection} />
      <table className="list compact">
        <thead><tr><th scope="col">{t('year')}</th>{levels.map((l) => <th key={l.id} scope="col">{levelName(l.id, l.name)}</th>)}<th scope="col">{t('schoolsFlagged')}</th></tr></thead>
        <tbody>{d.map((r) => <tr key={r.year}><td>{r.year}</td>{levels.map((l) => <td key={l.id} className="num">{count(r.totalByLevel[l.id])}</td>)}<td className="num" title={Object.entries(r.flagged).map(([f, n]) => `${flagLabel(f)} ${n}`).join(', ')}>{r.schoolsFlagged}</td></tr>)}</tbody>
      </table>
      <p className="muted">{t('transition', { rate: Math.round(projection.transitionRate * 100), source: projection.transitionSource })}</p>
      <button type="button" onClick={() => download('projections.csv', projectionsCsv(projection), 'text/csv')}>{t('exportCsv')}</button>
    </div>
  );
}
