import { useTranslation } from 'react-i18next';
import { CATCHMENT_COLOURS, DENSITY_COLOURS, FLAG_STYLES } from '../map/palette';
import { usePlanner } from './plannerContext';

/** Below this window width the legend starts folded, so that the map keeps its room. */
const OPEN_FROM_PX = 1400;

/** Explains every colour on the map. */
export function Legend() {
  const { t } = useTranslation('legend');
  const mode = usePlanner((s) => s.mapMode);
  const level = usePlanner((s) => s.settings?.levels.find((l) => l.id === s.level)?.name ?? s.level);
  const routes = usePlanner((s) => s.results?.routes != null);
  return (
    <details className="legend" open={typeof window === 'undefined' || window.innerWidth >= OPEN_FROM_PX} aria-label={t('title')}>
      <summary>{t('title')}</summary>
      {mode === 'catchments' ? (
        <div>
          <strong>{t('catchmentsTitle', { level })}</strong>
          <div className="ramp">{CATCHMENT_COLOURS.slice(0, 6).map((c) => <span key={c} style={{ background: c }} />)}</div>
          <div className="muted">{t('catchmentsNote')}</div>
        </div>
      ) : mode === 'difference' ? (
        <div>
          <strong>{t('differenceTitle', { level })}</strong>
          <div className="ramp">{CATCHMENT_COLOURS.slice(0, 6).map((c) => <span key={c} style={{ background: c }} />)}</div>
          <div className="muted">{t('differenceNote')}</div>
        </div>
      ) : (
        <div>
          <strong>{t('childrenTitle', { level })}</strong>
          <div className="ramp">{DENSITY_COLOURS.map((c) => <span key={c} style={{ background: c }} />)}</div>
          <div className="muted">{t('childrenNote')}</div>
        </div>
      )}
      <div className="legend-schools">
        <strong>{t('schoolsTitle')}</strong> {t('schoolsNote')}
        <ul>
          {FLAG_STYLES.map((f) => <li key={f.key}><span className="dot" style={{ background: f.colour }} />{t(`flag.${f.key}`)}</li>)}
          <li><span className="dot hollow" />{t('closedOrFaded')}</li>
          <li><span className="marker-key new-school" />{t('newSchool')}</li>
          <li><span className="marker-key housing" />{t('housing')}</li>
          {routes && <li><span className="marker-key route-area" />{t('routeDiffers')}</li>}
        </ul>
        <div className="muted">{t('lines')}</div>
      </div>
    </details>
  );
}
