import { useTranslation } from 'react-i18next';
import type { ProjectionResult, SchoolProjection } from '../core/index';
import { formatCount, formatPercent } from '../i18n/format';
import { usePlanner } from './plannerContext';

/** A school counts under the weakest source among its grade transitions (as the CLI's summary). */
const WEIGHT_KEY = { setting: 'changeWeightSetting', backtest: 'changeWeightBacktest', default: 'changeWeightDefault' } as const;

const RATIO_ORDER = ['school history', 'district history', 'none (1.0)'] as const;
const RATIO_KEY: Record<string, string> = { 'school history': 'ratioSchool', 'district history': 'ratioDistrict', 'none (1.0)': 'ratioNone' };
const ENTRY_KEY: Record<string, string> = {
  births: 'entryBirths', 'births by area': 'entryBirthsArea', 'zone ages': 'entryZoneAges', 'feeder schools': 'entryFeeder',
  'school entry trend': 'entrySchoolTrend', 'district entry trend': 'entryDistrictTrend', 'base-year cohorts': 'entryCohorts', 'held at base year': 'entryHeld',
};

function weakestRatio(sp: SchoolProjection): string | null {
  let worst = -1;
  for (const src of Object.values(sp.ratioSource)) worst = Math.max(worst, RATIO_ORDER.indexOf(src as (typeof RATIO_ORDER)[number]));
  return worst < 0 ? null : RATIO_ORDER[worst];
}

/** The data set's backtest: MAPE of school totals of the engine against both baselines, and the range. */
export function ProjectionBacktestSummary({ projection }: { projection?: ProjectionResult }) {
  const { t } = useTranslation('projections');
  const fromStore = usePlanner((s) => s.results?.projection);
  const p = projection ?? fromStore;
  if (!p) return null;
  const b = p.backtest;
  const weight = b.changeWeight ? <p data-testid="change-weight">{t(WEIGHT_KEY[b.changeWeight.source], { weight: formatPercent(b.changeWeight.value, 0) })}</p> : null;
  if (!b.oneYear.n) return <div className="backtest" data-testid="backtest-summary"><p>{t('backtestNotAssessed')}</p>{weight}</div>;
  return (
    <div className="backtest" data-testid="backtest-summary">
      <h4>{t('backtestTitle')}</h4>
      <p>{t('backtestOrigins', { count: b.oneYear.n, years: b.origins.join(', '), base: p.baseYear })}</p>
      <table>
        <thead><tr><th>{t('yearsAhead')}</th><th>{t('engine')}</th><th>{t('sameAsLastYear')}</th><th>{t('plainProgression')}</th></tr></thead>
        <tbody>
          {b.byHorizon.map((h) => (
            <tr key={h.horizon}><td>{formatCount(h.horizon)}</td><td>{formatPercent(h.engine, 1)}</td><td>{formatPercent(h.same, 1)}</td><td>{formatPercent(h.plain, 1)}</td></tr>
          ))}
        </tbody>
      </table>
      {weight}
      <p>{b.range ? t('rangeFrom', { low: formatPercent(b.range.low, 1), high: formatPercent(b.range.high, 1), count: b.range.n }) : t('rangeNotAssessed')}</p>
    </div>
  );
}

/** One school: where its ratios and entry come from, its history and backtest error, and its low/mid/high years. */
export function ProjectionDetails({ id }: { id: string }) {
  const { t } = useTranslation('projections');
  const projection = usePlanner((s) => s.results?.projection);
  const sp = projection?.schools.find((x) => x.id === id);
  if (!projection || !sp || !sp.years.length) return null;
  const ratio = weakestRatio(sp);
  return (
    <div className="projection-details" data-testid="projection-details">
      <dl>
        <dt>{t('ratioSource')}</dt><dd>{ratio ? t(RATIO_KEY[ratio]) : t('ratioNone')}</dd>
        {Object.entries(sp.entryMethod).map(([level, m]) => (
          <div key={level}><dt>{t('entrySource', { level })}</dt><dd title={sp.entry[level]}>{t(ENTRY_KEY[m] ?? 'entryHeld', { area: sp.entryArea[level] ?? '' })}</dd></div>
        ))}
        <dt>{t('historyYears')}</dt><dd>{sp.historyYearsUsed.join(', ')}</dd>
        <dt>{t('backtestError')}</dt><dd>{sp.backtestError === null ? t('notBacktested') : formatPercent(sp.backtestError, 1)}</dd>
      </dl>
      <table data-testid="projection-ranges">
        <thead><tr><th>{t('year')}</th><th>{t('low')}</th><th>{t('mid')}</th><th>{t('high')}</th><th>{t('likely')}</th><th>{t('possible')}</th></tr></thead>
        <tbody>
          {sp.years.map((y) => (
            <tr key={y.year}>
              <td>{y.year}</td><td>{formatCount(y.low)}</td><td>{formatCount(y.total)}</td><td>{formatCount(y.high)}</td>
              <td>{y.flags.join(', ')}</td><td>{y.possibleFlags.join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
