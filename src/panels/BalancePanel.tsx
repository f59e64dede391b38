import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BALANCE_STANDARDS, balanceCsv, balanceSchoolsCsv, balanceSettingsOf, type BalanceEvaluation, type IndicatorBalance, type LevelBalance } from '../core/index';
import { formatNumber, formatPercent } from '../i18n/format';
import { BalanceChart } from './BalanceChart';
import { BalanceSettingsForm } from './BalanceSettingsForm';
import { BalanceWhatItTakes } from './BalanceWhatItTakes';
import { download } from './exports';
import { usePlanner } from './plannerContext';

/** An indicator's name in the current language (the standards carry en, zh and es). */
export function useIndicatorName() {
  const { i18n } = useTranslation();
  return (n: IndicatorBalance['name']) => (i18n.language.startsWith('zh') ? n.zh : i18n.language.startsWith('es') ? n.es : n.en);
}

const cv = (x: number) => formatNumber(x, 3);

function Status({ pass }: { pass: boolean | null }) {
  const { t } = useTranslation('balance');
  return <span className={pass === null ? 'muted' : pass ? 'pass' : 'fail'}>{pass === null ? t('notAssessed') : pass ? t('pass') : t('fail')}</span>;
}

/** The indicator x level table as county reports lay it out: CV against the limit, failing cells marked. */
function CountyTable({ e }: { e: BalanceEvaluation }) {
  const { t } = useTranslation('balance');
  const nameOf = useIndicatorName();
  const levels = e.levels;
  const ids = levels[0]?.indicators ?? [];
  const cell = (l: LevelBalance, i: IndicatorBalance) => {
    const failing = i.pass === false || (e.standard.rule === 'composite' && l.pass === false && i.cv > i.threshold);
    return (
      <td key={l.level} className={`num${failing ? ' fail-cell' : ''}`} data-fail={failing ? 'true' : undefined} title={i.notAssessed ?? undefined}>
        {Number.isFinite(i.cv) ? cv(i.cv) : t('notAssessed')}{failing ? ` ${t('failMark')}` : ''}
      </td>
    );
  };
  return (
    <table className="list compact" data-testid="balance-table">
      <caption>{t('tableCaption', { standard: e.standard.name })}</caption>
      <thead><tr><th scope="col">{t('indicator')}</th>{levels.map((l) => <th key={l.level} scope="col">{t('levelCv', { level: l.level, limit: formatNumber(l.indicators[0]?.threshold ?? l.compositeThreshold, 2) })}</th>)}</tr></thead>
      <tbody>
        {ids.map((ind, k) => (
          <tr key={ind.id}><th scope="row">{nameOf(ind.name)}</th>{levels.map((l) => cell(l, l.indicators[k]))}</tr>
        ))}
        {e.standard.rule === 'composite' && (
          <tr><th scope="row">{t('composite')}</th>{levels.map((l) => <td key={l.level} className={`num${l.pass === false ? ' fail-cell' : ''}`} data-fail={l.pass === false ? 'true' : undefined}>{Number.isFinite(l.composite) ? cv(l.composite) : t('notAssessed')}{l.pass === false ? ` ${t('failMark')}` : ''}</td>)}</tr>
        )}
        <tr><th scope="row">{t('verdict')}</th>{levels.map((l) => <td key={l.level}><Status pass={l.pass} /></td>)}</tr>
      </tbody>
    </table>
  );
}

/** One level: each indicator's county value and CV against its limit, and the 2017 per-school standards. */
function LevelSection({ l, rule }: { l: LevelBalance; rule: string }) {
  const { t } = useTranslation('balance');
  const nameOf = useIndicatorName();
  const failing = l.perSchool.filter((s) => s.pass === false);
  return (
    <section className="balance-level" data-testid={`balance-level-${l.level}`}>
      <h3>{t('levelHeading', { level: l.level, schools: l.schools, pupils: Math.round(l.pupils) })}</h3>
      {l.excluded.length > 0 && <p className="muted">{t('excluded', { count: l.excluded.length })}</p>}
      <table className="list compact">
        <thead><tr><th scope="col">{t('indicator')}</th><th scope="col">{t('countyValue')}</th><th scope="col">{t('cv')}</th><th scope="col">{t('limit')}</th><th scope="col">{t('status')}</th></tr></thead>
        <tbody>{l.indicators.map((i) => (
          <tr key={i.id} data-indicator={i.id}>
            <th scope="row">{nameOf(i.name)}</th>
            <td className="num">{Number.isFinite(i.countyValue) ? `${formatNumber(i.countyValue, 2)} ${i.unit}` : '–'}</td>
            <td className="num" data-testid={`cv-${l.level}-${i.id}`}>{Number.isFinite(i.cv) ? cv(i.cv) : t('notAssessed')}</td>
            <td className="num">{formatNumber(i.threshold, 2)}</td>
            <td>{rule === 'each' ? <Status pass={i.pass} /> : Number.isFinite(i.cv) ? <span className="muted">{t('inComposite')}</span> : <Status pass={null} />}</td>
          </tr>
        ))}</tbody>
      </table>
      {l.perSchool.length > 0 && (
        <details open={failing.length > 0} data-testid={`per-school-${l.level}`}>
          <summary>{t('perSchoolSummary', { failing: failing.length, schools: l.perSchool.length })}</summary>
          <table className="list compact">
            <thead><tr><th scope="col">{t('school')}</th><th scope="col">{t('met')}</th><th scope="col">{t('misses')}</th><th scope="col">{t('status')}</th></tr></thead>
            <tbody>{[...failing, ...l.perSchool.filter((s) => s.pass !== false)].map((s) => (
              <tr key={s.id}>
                <td>{s.name}</td>
                <td className="num">{t('metOf', { met: s.met.length, of: s.met.length + s.missed.length + s.notAssessed.length })}</td>
                <td>{s.missed.map((m) => t('miss', { indicator: nameOf(l.indicators.find((i) => i.id === m.indicator)?.name ?? { en: m.indicator, zh: m.indicator, es: m.indicator }), value: formatNumber(m.value, 2), standard: formatNumber(m.standard, 2), share: formatPercent(m.share) })).join('; ')}</td>
                <td><Status pass={s.pass} /></td>
              </tr>
            ))}</tbody>
          </table>
        </details>
      )}
    </section>
  );
}

/** Each school's value against the county value, and the schools that add most to the CV. */
function SchoolsAgainstCounty({ e }: { e: BalanceEvaluation }) {
  const { t } = useTranslation('balance');
  const nameOf = useIndicatorName();
  const [level, setLevel] = useState(e.levels[0]?.level ?? '');
  const [id, setId] = useState<string>('');
  const l = e.levels.find((x) => x.level === level) ?? e.levels[0];
  const assessed = l?.indicators.filter((i) => Number.isFinite(i.cv)) ?? [];
  const ind = assessed.find((i) => i.id === id) ?? assessed[0];
  if (!l || !ind) return <p className="muted">{t('nothingToChart')}</p>;
  const top = [...ind.schools].sort((a, b) => b.contribution - a.contribution).slice(0, 5);
  return (
    <section className="balance-schools">
      <div className="no-print">
        <label>{t('level')} <select value={l.level} onChange={(ev) => setLevel(ev.target.value)}>{e.levels.map((x) => <option key={x.level} value={x.level}>{x.level}</option>)}</select></label>{' '}
        <label>{t('indicator')} <select value={ind.id} onChange={(ev) => setId(ev.target.value)}>{assessed.map((i) => <option key={i.id} value={i.id}>{nameOf(i.name)}</option>)}</select></label>
      </div>
      <BalanceChart indicator={ind} name={nameOf(ind.name)} />
      <table className="list compact" data-testid="balance-contributors">
        <caption>{t('contributors')}</caption>
        <thead><tr><th scope="col">{t('school')}</th><th scope="col">{t('pupils')}</th><th scope="col">{t('value')}</th><th scope="col">{t('shareOfVariation')}</th></tr></thead>
        <tbody>{top.map((s) => <tr key={s.id}><td>{s.name}</td><td className="num">{formatNumber(s.pupils, 0)}</td><td className="num">{formatNumber(s.value, 2)}</td><td className="num">{formatPercent(s.contribution)}</td></tr>)}</tbody>
      </table>
    </section>
  );
}

/** The county balance evaluation of the active plan: CVs against the national limits, per-school standards, what it takes to pass. */
export function BalancePanel() {
  const { t } = useTranslation('balance');
  const results = usePlanner((s) => s.results);
  const settings = usePlanner((s) => s.settings);
  const update = usePlanner((s) => s.actionUpdateSettings);
  if (!results || !settings) return <p>{t('loading')}</p>;
  const b = balanceSettingsOf(settings);
  const e = results.balance.after;
  const setStandard = (standard: string) => update({ ...settings, balance: { ...b, standard } });
  return (
    <section aria-label={t('title')} className="balance" data-testid="balance-panel">
      <div className="buttons wrap no-print">
        <label>{t('standard')} <select value={b.standard} onChange={(ev) => setStandard(ev.target.value)} data-testid="balance-standard">
          {Object.values(BALANCE_STANDARDS).map((s) => <option key={s.id} value={s.id}>{t(`standard_${s.id}`)}</option>)}
        </select></label>{' '}
        <button type="button" onClick={() => download('balance.csv', balanceCsv(e), 'text/csv')}>{t('exportCsv')}</button>{' '}
        <button type="button" onClick={() => download('balance_schools.csv', balanceSchoolsCsv(e), 'text/csv')}>{t('exportSchoolsCsv')}</button>{' '}
        <button type="button" onClick={() => window.print()}>{t('print')}</button>
      </div>
      <p className="muted">{t('source', { source: e.standard.source })}</p>
      {results.balance.notes.map((n) => <p key={n} className="muted">{n}</p>)}
      <CountyTable e={e} />
      {e.levels.map((l) => <LevelSection key={l.level} l={l} rule={e.standard.rule} />)}
      <SchoolsAgainstCounty e={e} />
      <BalanceWhatItTakes />
      <BalanceSettingsForm />
    </section>
  );
}
