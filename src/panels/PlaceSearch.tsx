import { useCallback, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { buildPlaceIndex, createHttpGeocoder, searchPlaces, type PlaceResult } from '../core/index';
import { geocoderFetchText } from '../geocode/fetchText';
import { usableGeocoder, useGeocoderSetting } from '../geocode/geocoderSetting';
import { markedPlace } from '../geocode/markedPlace';
import { unitAtPoint } from '../geocode/unitAtPoint';
import { usePlaceSearch } from '../geocode/usePlaceSearch';
import { usePlanner } from './plannerContext';
import './placeSearch.css';

/**
 * The planner's search box (an ARIA combobox): schools, streets, postcodes, named areas and area codes
 * of the open data, then addresses from the configured address service. A school is selected (its panel
 * opens, the map flies there); any other place is marked and its area's figures are shown.
 */
export function PlaceSearch() {
  const { t, i18n } = useTranslation('search');
  const ds = usePlanner((s) => s.dataset);
  const resultSchools = usePlanner((s) => s.results?.schools ?? null);
  const selected = usePlanner((s) => s.selectedSchool);
  const selectSchool = usePlanner((s) => s.actionSelectSchool);
  const focus = usePlanner((s) => s.actionFocus);
  const hover = usePlanner((s) => s.actionHoverUnit);
  const setting = useGeocoderSetting();
  const listId = useId();
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);

  // schools change only when a plan opens or closes one: rebuild the index then, not on every recompute
  const schools = resultSchools ?? ds?.schools ?? null;
  const schoolsKey = schools ? schools.ids.join('\u0001') : '';
  const schoolsRef = useRef(schools);
  schoolsRef.current = schools;
  const entries = useMemo(
    () => (ds && schoolsRef.current ? buildPlaceIndex({ schools: schoolsRef.current, units: ds.units, context: ds.context }) : []),
    [ds, schoolsKey], // eslint-disable-line react-hooks/exhaustive-deps
  );
  const local = useCallback((q: string) => searchPlaces(entries, q, 8), [entries]);
  const service = usableGeocoder(setting);
  const lang = i18n?.language ?? navigator.language;
  const geocoder = useMemo(
    () => (service && ds ? createHttpGeocoder({ template: service.url, attribution: service.attribution, bbox: ds.bbox, lang, limit: 6, fetchText: geocoderFetchText() }) : null),
    [service?.url, service?.attribution, ds, lang], // eslint-disable-line react-hooks/exhaustive-deps
  );
  const [state, search] = usePlaceSearch(local, geocoder);
  const results = state.results;
  const expanded = open && state.query.trim().length > 0;

  const choose = (r: PlaceResult) => {
    search.setText(r.name);
    setOpen(false);
    setActive(-1);
    if (r.schoolId) {
      markedPlace.setState({ place: null });
      if (r.schoolId !== selected) selectSchool(r.schoolId);
      // opening the school panel resizes the map, which cuts short the map's own move to the school:
      // fly there once the panel is laid out
      window.setTimeout(() => focus(r.lon, r.lat), 150);
      return;
    }
    markedPlace.setState({ place: { lon: r.lon, lat: r.lat, name: r.name } });
    focus(r.lon, r.lat);
    hover(ds ? r.unit ?? unitAtPoint(ds, r.lon, r.lat) : null);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!expanded) { search.setQuery(state.query); setOpen(true); return; }
      if (!results.length) return;
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((a) => (a < 0 ? (step > 0 ? 0 : results.length - 1) : (a + step + results.length) % results.length));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const r = results[active >= 0 ? active : 0];
      if (expanded && r) choose(r);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      if (expanded) { setOpen(false); setActive(-1); search.cancel(); }
      else { search.setText(''); markedPlace.setState({ place: null }); }
    }
  };

  const hasData = results.some((r) => r.provider === 'data');
  const hasAddresses = results.some((r) => r.provider === 'geocoder');
  const optionId = (i: number) => `${listId}-opt-${i}`;
  return (
    <div className="place-search" data-testid="place-search">
      <input
        type="search" role="combobox" autoComplete="off" spellCheck={false}
        aria-label={t('label')} placeholder={t('placeholder')} value={state.query}
        aria-expanded={expanded} aria-controls={listId} aria-autocomplete="list"
        aria-activedescendant={expanded && active >= 0 && active < results.length ? optionId(active) : undefined}
        onChange={(e) => { search.setQuery(e.target.value); setOpen(true); setActive(-1); }}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      {expanded && (
        <div className="place-search-popup">
          <ul id={listId} role="listbox" aria-label={t('results')}>
            {results.map((r, i) => (
              <li
                key={`${r.provider}-${r.kind}-${r.name}-${i}`} id={optionId(i)} role="option" aria-selected={i === active}
                className={i === active ? 'active' : ''} data-provider={r.provider}
                onMouseDown={(e) => e.preventDefault()} onClick={() => choose(r)} onMouseEnter={() => setActive(i)}
              >
                <span className="name">{r.name}</span>{' '}
                <span className="kind">{t(`kind_${r.kind}`)}{r.detail ? ` · ${r.detail}` : ''}</span>
              </li>
            ))}
          </ul>
          <div className="place-search-foot" role="status" aria-live="polite">
            {state.address === 'searching' && <p className="muted">{t('searching')}</p>}
            {state.address === 'unavailable' && <p className="muted" data-testid="address-unavailable">{t('unavailable')}</p>}
            {!results.length && state.address !== 'searching' && <p className="muted">{t('noMatch')}</p>}
            {hasData && ds && <p className="credit">{t('attributionData', { name: ds.name })}</p>}
            {hasAddresses && state.attribution && <p className="credit" data-testid="geocoder-attribution">{t('attributionGeocoder', { provider: state.attribution })}</p>}
          </div>
        </div>
      )}
    </div>
  );
}
