import { useTranslation } from 'react-i18next';
import type { Settings } from '../core/index';
import { formatCount, formatDistance, formatNumber, formatPercent } from '../i18n/format';
import { usePlanner } from './plannerContext';

type Net = Settings['network'];

/**
 * Straight-line or route distance for every figure, the road classes walked, how far a home may be
 * from a road, and what the network lacks. Route figures (statutory test, where catchments differ) below.
 */
export function DistanceSwitch() {
  const { t } = useTranslation('network');
  const settings = usePlanner((s) => s.settings);
  const network = usePlanner((s) => s.dataset?.network ?? null);
  const unitCount = usePlanner((s) => s.dataset?.units.count ?? 0);
  const routes = usePlanner((s) => s.results?.routes ?? null);
  const update = usePlanner((s) => s.actionUpdateSettings);
  if (!settings) return null;
  const net = settings.network;
  const set = (patch: Partial<Net>) => update({ ...settings, network: { ...net, ...patch } });
  const walkable = (c: string) => {
    const k = c.toLowerCase();
    return !net.barrierClasses.some((x) => x.toLowerCase() === k) && (net.walkableClasses.length === 0 || net.walkableClasses.some((x) => x.toLowerCase() === k));
  };
  const toggle = (c: string) => set(walkable(c)
    ? { barrierClasses: [...net.barrierClasses, c] }
    : { barrierClasses: net.barrierClasses.filter((x) => x.toLowerCase() !== c.toLowerCase()), walkableClasses: net.walkableClasses.length ? [...net.walkableClasses, c] : [] });
  const number = (v: string, fallback: number) => { const x = Number(v.replace(',', '.')); return Number.isFinite(x) && x > 0 ? x : fallback; };
  return (
    <fieldset className="distance-switch" data-testid="distance-switch">
      <legend>{t('title')}</legend>
      <div role="radiogroup" aria-label={t('title')}>
        <label><input type="radio" name="distance" checked={net.distance === 'straight'} onChange={() => set({ distance: 'straight' })} /> {t('straight')}</label>
        <label><input type="radio" name="distance" checked={net.distance === 'network'} disabled={!network} onChange={() => set({ distance: 'network' })} /> {t('network')}</label>
      </div>
      {!network && <p className="muted">{t('noNetwork')}</p>}
      {network && (
        <>
          <p className="muted" data-testid="network-info">{t('info', { km: formatCount(network.km), segments: formatCount(network.segments), pieces: network.pieces })}</p>
          <p className="muted">{t('lacks')}</p>
          {net.distance === 'network' && (
            <>
              <label className="setting">
                <span>{t('maxSnap')}</span>
                <input key={`snap${net.maxSnapM}`} defaultValue={String(net.maxSnapM)} inputMode="decimal" aria-label={t('maxSnap')} onBlur={(e) => set({ maxSnapM: number(e.target.value, net.maxSnapM) })} />
                <span className="unit">{t('unitM')}</span>
              </label>
              <label className="setting">
                <span>{t('speed')}</span>
                <input key={`speed${net.walkingSpeedKmh}`} defaultValue={String(net.walkingSpeedKmh)} inputMode="decimal" aria-label={t('speed')} onBlur={(e) => set({ walkingSpeedKmh: number(e.target.value, net.walkingSpeedKmh) })} />
                <span className="unit">{t('unitKmh')}</span>
              </label>
              <div aria-label={t('classes')}>
                <span>{t('classes')}</span>
                {network.classes.filter((c) => c !== '').map((c) => (
                  <label key={c} className="road-class"><input type="checkbox" checked={walkable(c)} onChange={() => toggle(c)} /> {c}</label>
                ))}
              </div>
            </>
          )}
        </>
      )}
      {routes && (
        <table className="kv" data-testid="route-figures">
          <tbody>
            {routes.levels.map((x) => (
              <tr key={x.level}>
                <th scope="row">{settings.levels.find((l) => l.id === x.level)?.name ?? x.level}</th>
                <td>
                  {t('beyond', { children: formatCount(x.childrenBeyond), units: formatCount(x.unitsBeyond), standard: formatDistance(x.standardM) })}
                  {' · '}{t('differs', { share: formatPercent(unitCount ? x.unitsDiffer / unitCount : NaN, 1), units: formatCount(x.unitsDiffer) })}
                  {' · '}{t('ratio', { ratio: formatNumber(x.meanRatio, 2) })}
                  {' · '}{t('fallback', { units: formatCount(x.unitsFallback) })}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </fieldset>
  );
}
