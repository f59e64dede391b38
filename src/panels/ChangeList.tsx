import { useTranslation } from 'react-i18next';
import { assessed, count, km, one, percent } from './format';
import { usePlanner } from './plannerContext';

/**
 * The schools the last stroke touched, with their numbers as they are now: read from the running
 * totals, so they change within the frame of each brush movement.
 */
export function ChangeList() {
  const { t } = useTranslation('plans');
  usePlanner((s) => s.paint.version);
  const changes = usePlanner((s) => s.strokeChanges);
  // the schools after corrections and layout actions: the index space the painter and the totals use
  const sv = usePlanner((s) => s.results?.schools ?? null);
  const tallies = usePlanner((s) => s.tallies);
  const level = usePlanner((s) => s.level);
  if (!changes || changes.size === 0 || !sv || !tallies?.[level]) return null;
  const tally = tallies[level];
  const rows = [...changes.entries()].filter(([, d]) => Math.abs(d) > 1e-9).sort((a, b) => a[1] - b[1]);
  return (
    <div className="change-list" aria-label={t('stroke.label')}>
      <strong>{t('stroke.heading')}</strong>
      <table>
        <thead><tr><th scope="col">{t('common:school')}</th><th scope="col">{t('stroke.change')}</th><th scope="col">{t('planner:term.children')}</th><th scope="col" title={t('stroke.useHint')}>{t('stroke.use')}</th><th scope="col" title={t('stroke.perClassHint')}>{t('stroke.perClass')}</th><th scope="col">{t('stroke.mean')}</th></tr></thead>
        <tbody>
          {rows.map(([s, d]) => {
            const capacity = sv.capacity[s];
            const classrooms = sv.classrooms[s];
            const children = Math.max(0, tally.children[s]);
            return (
              <tr key={s} data-testid={`change-${sv.ids[s]}`}>
                <td>{sv.names[s]}</td>
                <td className={d > 0 ? 'gain num' : 'loss num'}>{d > 0 ? '+' : '−'}{count(Math.abs(d))}</td>
                <td className="num" data-testid={`live-children-${sv.ids[s]}`}>{count(children)}</td>
                <td className="num">{assessed(capacity > 0 ? children / capacity : NaN, percent)}</td>
                <td className="num">{assessed(classrooms > 0 ? children / classrooms : NaN, one)}</td>
                <td className="num">{km(children > 0 ? tally.distanceSum[s] / tally.children[s] : NaN)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
