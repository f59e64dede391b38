import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { csvText, type WhatItTakes } from '../core/index';
import { formatNumber } from '../i18n/format';
import { download } from './exports';
import { usePlanner } from './plannerContext';

/** `level,indicator,kind,from_id,from_name,to_id,to_name,amount,distance_m`: the rotation and addition plans as a file. */
function whatItTakesCsv(w: WhatItTakes): string {
  const rows: unknown[][] = [];
  for (const r of w.rotations) for (const x of r.transfers) rows.push([r.level, r.indicator, 'transfer', x.from, x.fromName, x.to, x.toName, x.amount, x.distanceM]);
  for (const a of w.additions) for (const x of a.additions) rows.push([a.level, a.indicator, 'addition', '', '', x.id, x.name, x.amount, '']);
  return csvText(['level', 'indicator', 'kind', 'from_id', 'from_name', 'to_id', 'to_name', 'amount', 'distance_m'], rows);
}

/** What it takes to pass: the fewest teacher transfers (HiGHS, in the worker) or the least resource to add, per failing indicator. */
export function BalanceWhatItTakes() {
  const { t } = useTranslation('balance');
  const results = usePlanner((s) => s.results);
  const find = usePlanner((s) => s.balancePlans);
  const [plan, setPlan] = useState<WhatItTakes | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => { setPlan(null); }, [results]);
  const run = () => {
    setBusy(true); setError(null);
    find().then(setPlan, (e: unknown) => setError(String((e as Error).message ?? e))).finally(() => setBusy(false));
  };
  return (
    <section className="balance-takes" data-testid="balance-takes">
      <h3>{t('takesHeading')}</h3>
      <p className="no-print"><button type="button" onClick={run} disabled={busy}>{busy ? t('finding') : t('findTakes')}</button>{' '}
        {plan && <button type="button" onClick={() => download('balance_plan.csv', whatItTakesCsv(plan), 'text/csv')}>{t('exportPlan')}</button>}</p>
      {error && <p role="alert">{error}</p>}
      {plan && !plan.rotations.length && !plan.additions.length && <p>{t('nothingFails')}</p>}
      {plan && (plan.rotations.length > 0 || plan.additions.length > 0) && (
        <table className="list compact" data-testid="balance-takes-table">
          <thead><tr><th scope="col">{t('level')}</th><th scope="col">{t('indicator')}</th><th scope="col">{t('cvBeforeAfter')}</th><th scope="col">{t('change')}</th></tr></thead>
          <tbody>
            {plan.rotations.map((r) => (
              <tr key={`r-${r.level}-${r.indicator}`} data-kind="rotation">
                <td>{r.level}</td><td>{r.indicator}</td>
                <td className="num">{formatNumber(r.cvBefore, 3)} → {formatNumber(r.cvAfter, 3)}</td>
                <td>{t('rotation', { moved: formatNumber(r.moved, 1), transfers: r.transfers.length })}{r.reached ? '' : ` ${t('notReached')}`}</td>
              </tr>
            ))}
            {plan.additions.map((a) => (
              <tr key={`a-${a.level}-${a.indicator}`} data-kind="addition">
                <td>{a.level}</td><td>{a.indicator}</td>
                <td className="num">{formatNumber(a.cvBefore, 3)} → {formatNumber(a.cvAfter, 3)}</td>
                <td>{t('addition', { added: formatNumber(a.added, 1), schools: a.additions.length })}{a.reached ? '' : ` ${t('notReached')}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {plan && plan.rotations[0] && plan.rotations[0].transfers.length > 0 && (
        <table className="list compact"><caption>{t('largestTransfers')}</caption>
          <thead><tr><th scope="col">{t('from')}</th><th scope="col">{t('to')}</th><th scope="col">{t('teachers')}</th></tr></thead>
          <tbody>{plan.rotations[0].transfers.slice(0, 8).map((x) => <tr key={`${x.from}-${x.to}`}><td>{x.fromName}</td><td>{x.toName}</td><td className="num">{formatNumber(x.amount, 1)}</td></tr>)}</tbody>
        </table>
      )}
    </section>
  );
}
