import { useTranslation } from 'react-i18next';
import { checkGeocoderTemplate, NOMINATIM_TEMPLATE, PHOTON_TEMPLATE } from '../core/index';
import { setGeocoderSetting, useGeocoderSetting } from '../geocode/geocoderSetting';

/** The address service of the planner's search (kept in this browser; carried by a published plan). */
export function GeocoderSettingField() {
  const { t } = useTranslation('search');
  const setting = useGeocoderSetting();
  const check = setting.url.trim() ? checkGeocoderTemplate(setting.url) : null;
  return (
    <section className="geocoder-setting" data-testid="geocoder-setting">
      <h3>{t('settingHeading')}</h3>
      <p className="muted">{t('settingIntro')}</p>
      <label className="field">{t('settingUrl')}
        <input type="url" value={setting.url} spellCheck={false} data-testid="geocoder-url"
          onChange={(e) => setGeocoderSetting({ ...setting, url: e.target.value })} />
      </label>
      <label className="field">{t('settingAttribution')}
        <input type="text" value={setting.attribution} placeholder={t('settingAttributionPlaceholder')} data-testid="geocoder-attribution-input"
          onChange={(e) => setGeocoderSetting({ ...setting, attribution: e.target.value })} />
      </label>
      <p className="muted" role="status" data-testid="geocoder-status">
        {check === null ? t('settingOff') : check.ok ? t('settingOn', { origin: check.origin }) : t(`invalid_${check.reason}`)}
      </p>
      <details><summary>{t('settingExamples')}</summary><ul><li><code>{NOMINATIM_TEMPLATE}</code></li><li><code>{PHOTON_TEMPLATE}</code></li></ul></details>
    </section>
  );
}
