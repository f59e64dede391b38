import { useTranslation } from 'react-i18next';
import type { Outcomes } from '../core/index';
import { formatNumber } from '../i18n/format';

/** The plan's outcome for the county balance: every indicator's CV per level before and after the layout changes. */
export function BalanceOutcomes({ o }: { o: Outcomes }) {
  const { t } = useTranslation('balance');
  const cell = (x: number) => (Number.isFinite(x) ? formatNumber(x, 3) : t('notAssessed'));
  return (
    <table className="list compact" data-testid="balance">
      <caption>{t('outcomesCaption')}</caption>
      <thead><tr><th scope="col">{t('level')}</th><th scope="col">{t('indicator')}</th><th scope="col">{t('before')}</th><th scope="col">{t('after')}</th><th scope="col">{t('limit')}</th></tr></thead>
      <tbody>{o.balance.map((b) => (
        <tr key={`${b.level}-${b.indicator}`} data-indicator={b.indicator} data-level={b.level} title={b.notAssessed ?? undefined}>
          <td>{b.level}</td><td>{b.name}</td>
          <td className="num">{cell(b.before)}</td>
          <td className={`num${b.after > b.threshold ? ' fail-cell' : ''}`}>{cell(b.after)}</td>
          <td className="num">{formatNumber(b.threshold, 2)}</td>
        </tr>
      ))}</tbody>
    </table>
  );
}
