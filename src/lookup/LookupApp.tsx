import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { PlaceResult } from '../core/geocode/placeResult';
import { lookup, parseCoordinates, searchGazetteer, type PublishedPlan } from '../core/publish/lookupZones';
import { usePlaceSearch } from '../geocode/usePlaceSearch';
import { answerHref, pointLabel, readAnswer, type Point } from './answerUrl';
import { addLookupMapExtras } from './lookupMapExtras';
import { useLookupGeocoder } from './lookupGeocoder';
import { formatDistance, LANGUAGES, LEVEL_NAMES, pickLanguage, t, type Lang } from './messages';

maplibregl.setWorkerUrl(workerUrl);

/** A date-only publication date is a calendar day, shown as that day wherever the reader is. */
const formatPublished = (lang: Lang, date: string) =>
  new Intl.DateTimeFormat(lang, { dateStyle: 'long', ...(date.length === 10 ? { timeZone: 'UTC' } : {}) }).format(new Date(date));

/**
 * The public, read-only lookup of the school assigned to a point in a published plan (already checked by
 * `validatePublishedPlan`). `planParam` is the `plan=` the page was opened with, kept in shared links.
 */
export function LookupApp({ plan, planParam = null }: { plan: PublishedPlan; planParam?: string | null }) {
  const initial = useMemo(() => readAnswer(location.search, plan), [plan]);
  const [lang, setLang] = useState<Lang>(initial.lang ?? pickLanguage(navigator.languages ?? [navigator.language]));
  const [query, setQuery] = useState('');
  const [choices, setChoices] = useState<PlaceResult[]>([]);
  // the name of the place last chosen from the list: not listed again while the box shows it
  const [picked, setPicked] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [coords, setCoords] = useState('');
  const [point, setPoint] = useState<Point | null>(initial.point);
  const [level, setLevel] = useState(initial.level ?? plan.levels[0].id);
  const mapEl = useRef<HTMLDivElement>(null);
  const map = useRef<maplibregl.Map | null>(null);
  const [mapReady, setMapReady] = useState(false);
  const answers = useMemo(() => (point ? lookup(plan, point.lon, point.lat) : null), [plan, point]);
  const levelName = (id: string) => (Object.prototype.hasOwnProperty.call(LEVEL_NAMES[lang], id) ? LEVEL_NAMES[lang][id] : plan.levels.find((l) => l.id === id)?.name ?? id);
  const href = answerHref(location.pathname, { planParam, point, level, lang });

  useEffect(() => { document.documentElement.lang = lang; document.title = t(lang, 'title'); }, [lang]);

  // the URL always holds the answer on screen (and the link to it is the same address), so that a link opens the same answer
  useEffect(() => { history.replaceState(null, '', `${href}${location.hash}`); }, [href]);

  useEffect(() => {
    const m = new maplibregl.Map({
      container: mapEl.current!,
      style: { version: 8, sources: {}, layers: [{ id: 'bg', type: 'background', paint: { 'background-color': '#f3f1ec' } }] },
      bounds: [[plan.bbox[0], plan.bbox[1]], [plan.bbox[2], plan.bbox[3]]], fitBoundsOptions: { padding: 10 },
      attributionControl: false,
      canvasContextAttributes: { preserveDrawingBuffer: new URLSearchParams(location.search).has('test') },
    });
    m.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    m.on('load', () => {
      m.addSource('zones', { type: 'geojson', data: plan.zones[level] as unknown as GeoJSON.FeatureCollection });
      m.addLayer({ id: 'zones-fill', type: 'fill', source: 'zones', paint: { 'fill-color': ['case', ['==', ['get', 'school'], -99], '#2b6cb0', '#cfd8e3'] as unknown as string, 'fill-opacity': 0.35 } });
      m.addLayer({ id: 'zones-line', type: 'line', source: 'zones', paint: { 'line-color': '#5b6770', 'line-width': 1 } });
      m.addSource('marks', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
      m.addLayer({ id: 'marks', type: 'circle', source: 'marks', paint: { 'circle-radius': ['case', ['==', ['get', 'kind'], 'home'], 8, 7] as unknown as number, 'circle-color': ['case', ['==', ['get', 'kind'], 'home'], '#d7301f', '#2b6cb0'] as unknown as string, 'circle-stroke-color': '#fff', 'circle-stroke-width': 2 } });
      (window as unknown as { __lookupMap: maplibregl.Map }).__lookupMap = m;
      setMapReady(true);
      void addLookupMapExtras(m, plan, import.meta.env.BASE_URL);
    });
    m.on('click', (e) => { setChoices([]); setMessage(null); setPoint({ lon: e.lngLat.lng, lat: e.lngLat.lat }); });
    map.current = m;
    return () => m.remove();
  }, [plan]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    const m = map.current;
    if (!m) return;
    const apply = () => {
      const zones = m.getSource('zones') as maplibregl.GeoJSONSource | undefined;
      if (!zones) return;
      zones.setData(plan.zones[level] as unknown as GeoJSON.FeatureCollection);
      const a = answers?.find((x) => x.level === level);
      m.setPaintProperty('zones-fill', 'fill-color', ['case', ['==', ['get', 'school'], a?.schoolIndex ?? -99], '#2b6cb0', '#cfd8e3']);
      m.setPaintProperty('zones-fill', 'fill-opacity', ['case', ['==', ['get', 'school'], a?.schoolIndex ?? -99], 0.45, 0.15]);
      const features: GeoJSON.Feature[] = [];
      if (point) features.push({ type: 'Feature', properties: { kind: 'home' }, geometry: { type: 'Point', coordinates: [point.lon, point.lat] } });
      if (a?.school) features.push({ type: 'Feature', properties: { kind: 'school' }, geometry: { type: 'Point', coordinates: [a.school.lon, a.school.lat] } });
      (m.getSource('marks') as maplibregl.GeoJSONSource).setData({ type: 'FeatureCollection', features });
      if (point && a?.school) m.fitBounds([[Math.min(point.lon, a.school.lon), Math.min(point.lat, a.school.lat)], [Math.max(point.lon, a.school.lon), Math.max(point.lat, a.school.lat)]], { padding: 60, maxZoom: 15, duration: 0 });
      else if (point) m.jumpTo({ center: [point.lon, point.lat], zoom: Math.max(m.getZoom(), 13) });
    };
    if (mapReady) apply();
  }, [answers, level, point, plan, mapReady]);

  // the plan's places at once; addresses from the council's service (when the plan names one the page trusts) after a pause
  const places = useCallback((q: string) => searchGazetteer(plan.gazetteer, q, 6).map((g) => ({ ...g, provider: 'data' as const })), [plan]);
  const geocoder = useLookupGeocoder(plan, lang, import.meta.env.BASE_URL);
  const [found, addressSearch] = usePlaceSearch(places, geocoder);
  // an address service's name is data: it labels this answer on screen, never a shared link (see answerUrl)
  const choose = (e: PlaceResult) => {
    setChoices([]); setMessage(null); setQuery(e.name); setPicked(e.name); addressSearch.cancel();
    setPoint(e.provider === 'data' ? { lon: e.lon, lat: e.lat, label: e.name } : { lon: e.lon, lat: e.lat });
  };
  const search = (e: FormEvent) => {
    e.preventDefault();
    const hits = searchGazetteer(plan.gazetteer, query, 8).map((g) => ({ ...g, provider: 'data' as const }));
    const addresses = merged.filter((r) => r.provider === 'geocoder');
    if (!hits.length && addresses.length) { setChoices(addresses); setMessage(t(lang, 'several', { count: addresses.length })); return; }
    if (!hits.length) { setChoices([]); setMessage(t(lang, 'noMatch', { query })); return; }
    const exact = hits.filter((f) => f.name.toLowerCase() === query.trim().toLowerCase());
    if (exact.length === 1) { choose(exact[0]); return; }
    setChoices(hits);
    setMessage(t(lang, 'several', { count: hits.length }));
  };
  const merged = found.query === query ? found.results : [];
  const suggestions = query.trim().length >= 2 ? merged : [];
  const listed = choices.length > 0 ? choices : query !== point?.label && query !== picked ? suggestions : [];
  const showCoords = (e: FormEvent) => {
    e.preventDefault();
    const p = parseCoordinates(coords, plan.bbox);
    if (!p) { setMessage(t(lang, 'badCoordinates', { text: coords })); return; }
    setMessage(null);
    setPoint({ lon: p[0], lat: p[1] });
  };
  const locate = () => {
    setMessage(t(lang, 'locating'));
    navigator.geolocation.getCurrentPosition(
      (pos) => { setMessage(null); setPoint({ lon: pos.coords.longitude, lat: pos.coords.latitude }); },
      (err) => setMessage(t(lang, 'locationFailed', { reason: err.message || String(err.code) })),
      { timeout: 10000 },
    );
  };
  const outsideAll = answers && answers.every((a) => !a.school);
  return (
    <div className="lookup">
      <header>
        <h1>{t(lang, 'title')}</h1>
        <label className="lang">{t(lang, 'language')}{' '}
          <select value={lang} onChange={(e) => setLang(e.target.value as Lang)}>
            {Object.entries(LANGUAGES).map(([k, name]) => <option key={k} value={k}>{name}</option>)}
          </select>
        </label>
      </header>
      <p className="intro">{t(lang, 'intro')}</p>
      <form role="search" onSubmit={search} className="search">
        <label htmlFor="q">{t(lang, 'searchLabel')}</label>
        <div className="row">
          <input id="q" type="search" autoComplete="off" value={query} placeholder={t(lang, 'searchPlaceholder')}
            role="combobox" aria-expanded={listed.length > 0} aria-controls="suggestions" aria-autocomplete="list"
            onChange={(e) => {
              // a new query: the choices of the previous search no longer apply
              setQuery(e.target.value); setChoices([]); setMessage(null); addressSearch.setQuery(e.target.value);
              setPoint((p) => (p?.label ? { ...p, label: undefined } : p));
            }} />
          <button type="submit" aria-label={t(lang, 'searchLabel')}><svg width="20" height="20" viewBox="0 0 20 20" aria-hidden="true"><circle cx="8" cy="8" r="6" stroke="currentColor" strokeWidth="2.4" fill="none" /><line x1="12.5" y1="12.5" x2="18" y2="18" stroke="currentColor" strokeWidth="2.4" /></svg></button>
        </div>
        {listed.length > 0 && (
          <ul id="suggestions" role="listbox" aria-label={t(lang, 'searchLabel')}>
            {listed.map((s, i) => (
              <li key={`${s.kind}-${s.name}-${i}`} role="option" aria-selected="false">
                <button type="button" onClick={() => choose(s)} data-provider={s.provider}>{s.name} <span className="kind">{t(lang, s.provider === 'geocoder' ? 'kind_geocoded' : `kind_${s.kind}`)}{s.detail && s.kind !== 'school' ? ` · ${s.detail}` : ''}</span></button>
              </li>
            ))}
          </ul>
        )}
        {query.trim().length >= 3 && query !== point?.label && query !== picked && (found.address === 'searching' || found.address === 'unavailable' || listed.some((r) => r.provider === 'geocoder')) && (
          <p className="address-status" role="status" data-testid="address-status">
            {found.address === 'searching' ? t(lang, 'addressSearching') : found.address === 'unavailable' ? t(lang, 'addressUnavailable') : null}
            {listed.some((r) => r.provider === 'data') && <span className="credit">{t(lang, 'attributionData')}</span>}
            {listed.some((r) => r.provider === 'geocoder') && found.attribution && <span className="credit" data-testid="geocoder-attribution">{t(lang, 'attributionGeocoder', { provider: found.attribution })}</span>}
          </p>
        )}
      </form>
      <div className="row tools">
        <button type="button" onClick={locate}>{t(lang, 'useLocation')}</button>
        <form onSubmit={showCoords} className="coords">
          <label htmlFor="c" className="sr-only">{t(lang, 'coordinatesLabel')}</label>
          <input id="c" value={coords} placeholder={t(lang, 'coordinatesLabel')} onChange={(e) => setCoords(e.target.value)} />
          <button type="submit">{t(lang, 'show')}</button>
        </form>
      </div>
      {message && <p role="status" className="message">{message}</p>}
      {answers && (
        <section aria-labelledby="answer" className="answer" aria-live="polite" data-testid="answer">
          <h2 id="answer">{t(lang, 'answerHeading')}{point ? ` — ${pointLabel(point)}` : ''}</h2>
          {outsideAll ? <p>{t(lang, 'outside')}</p> : answers.map((a) => {
            const std = plan.levels.find((l) => l.id === a.level)!.distanceStandardM;
            return a.school ? (
              <div key={a.level} className="school" data-testid={`answer-${a.level}`}>
                <p className="name">{t(lang, 'assigned', { level: levelName(a.level), school: a.school.name })}</p>
                {a.school.address && <p className="addr">{a.school.address}</p>}
                <p>{t(lang, 'distance', { distance: formatDistance(lang, a.distanceM) })} · <span className={a.beyondStandard ? 'beyond' : ''}>{t(lang, a.beyondStandard ? 'beyond' : 'within', { standard: formatDistance(lang, std) })}</span></p>
              </div>
            ) : <p key={a.level}>{t(lang, 'noZone', { level: levelName(a.level) })}</p>;
          })}
          <label>{t(lang, 'showZone')}{' '}
            <select value={level} onChange={(e) => setLevel(e.target.value)}>{plan.levels.map((l) => <option key={l.id} value={l.id}>{levelName(l.id)}</option>)}</select>
          </label>
          <p><a href={href} data-testid="share">{t(lang, 'share')}</a></p>
        </section>
      )}
      <div ref={mapEl} className="lookup-map" role="application" aria-label={t(lang, 'mapLabel')} data-testid="lookup-map" />
      {plan.note && <aside className="note"><h2>{t(lang, 'note')}</h2><p>{plan.note}</p></aside>}
      <footer>{t(lang, 'published', { title: plan.title, date: formatPublished(lang, plan.publishedAt) })}</footer>
    </div>
  );
}
