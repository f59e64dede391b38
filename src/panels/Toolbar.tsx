import { useTranslation } from 'react-i18next';
import { currentLanguage, LANGUAGE_NAMES, setLanguage, SUPPORTED_LANGUAGES, type Language } from '../i18n/i18n';
import { levelName } from './format';
import { PlaceSearch } from './PlaceSearch';
import { usePlanner } from './plannerContext';

/** Data set, level and map mode: what the map and panels show; and the language of it all. */
export function Toolbar() {
  const { t } = useTranslation('planner');
  const sources = usePlanner((s) => s.sources);
  const sourceId = usePlanner((s) => s.sourceId);
  const levels = usePlanner((s) => s.settings?.levels);
  const level = usePlanner((s) => s.level);
  const mapMode = usePlanner((s) => s.mapMode);
  const status = usePlanner((s) => s.status);
  const open = usePlanner((s) => s.actionOpenSource);
  const setLevel = usePlanner((s) => s.actionSetLevel);
  const setMode = usePlanner((s) => s.actionSetMapMode);
  const modes = ['catchments', 'children', 'difference'] as const;
  return (
    <header className="toolbar">
      <h1>{t('common:appName')}</h1>
      <PlaceSearch />
      <label>
        {t('toolbar.dataset')}{' '}
        <select value={sourceId ?? ''} onChange={(e) => void open(e.target.value)} aria-label={t('toolbar.dataset')}>
          {sources.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
        </select>
      </label>
      <div role="radiogroup" aria-label={t('toolbar.level')} className="segmented">
        {levels?.map((l) => (
          <button key={l.id} type="button" role="radio" aria-checked={level === l.id} className={level === l.id ? 'on' : ''} onClick={() => setLevel(l.id)}>{levelName(l.id, l.name)}</button>
        ))}
      </div>
      <div role="radiogroup" aria-label={t('toolbar.mapShows')} className="segmented">
        {modes.map((m) => (
          <button key={m} type="button" role="radio" aria-checked={mapMode === m} className={mapMode === m ? 'on' : ''} onClick={() => setMode(m)}>{t(`toolbar.mode.${m}`)}</button>
        ))}
      </div>
      <span className="status" role="status" aria-live="polite">{status === 'loading' ? t('toolbar.loading') : status === 'computing' ? t('toolbar.computing') : status === 'failed' ? t('toolbar.failed') : ''}</span>
      <label className="language">
        <span className="sr-only">{t('common:language')}</span>
        <select value={currentLanguage()} onChange={(e) => setLanguage(e.target.value as Language)} aria-label={t('common:language')} data-testid="language">
          {SUPPORTED_LANGUAGES.map((l) => <option key={l} value={l} lang={l}>{LANGUAGE_NAMES[l]}</option>)}
        </select>
      </label>
    </header>
  );
}
