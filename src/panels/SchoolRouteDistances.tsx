import { useTranslation } from 'react-i18next';
import { formatCount, formatDistance, formatNumber } from '../i18n/format';
import { usePlanner } from './plannerContext';

/** A school's catchment by route and in a straight line, with the children beyond the walking standard by route. */
export function SchoolRouteDistances({ index }: { index: number }) {
  const { t } = useTranslation('network');
  const routes = usePlanner((s) => s.results?.routes ?? null);
  const settings = usePlanner((s) => s.settings);
  if (!routes || !settings || index < 0) return null;
  const rows = routes.levels.map((x) => ({ x, b: x.bySchool[index] })).filter(({ b }) => b && b.children > 0);
  if (!rows.length) return null;
  const speed = settings.network.walkingSpeedKmh;
  return (
    <table className="kv" data-testid="school-route-distances">
      <caption>{t('schoolTitle')}</caption>
      <tbody>
        {rows.map(({ x, b }) => (
          <tr key={x.level}>
            <th scope="row">{settings.levels.find((l) => l.id === x.level)?.name ?? x.level}</th>
            <td>
              {t('schoolMeans', { route: formatDistance(b.meanRouteM), straight: formatDistance(b.meanStraightM), minutes: formatNumber((b.meanRouteM / 1000 / speed) * 60, 0) })}
              {' · '}{t('schoolBeyond', { children: formatCount(b.beyondChildren), units: formatCount(b.beyondUnits), standard: formatDistance(x.standardM) })}
              {b.fallbackUnits > 0 ? ` · ${t('fallback', { units: formatCount(b.fallbackUnits) })}` : ''}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
