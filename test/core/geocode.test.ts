import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  buildGeocodeUrl, buildPlaceIndex, checkGeocoderTemplate, createHttpGeocoder, mergePlaces, parseGeocodeResponse, publishZones, searchPlaces,
  MAX_GEOCODE_RESPONSE_CHARS, type Geocoder, type PlaceResult,
} from '../../src/core/index';
import { interiorPoint } from '../../src/core/geocode/placeIndex';
import { validatePublishedPlan } from '../../src/core/publish/validatePublished';
import { geocoderFetchText } from '../../src/geocode/fetchText';
import { createPlaceSearch, type PlaceSearchState } from '../../src/geocode/placeSearchController';
import { HOSTILE, NOMINATIM_GEOJSON, NOMINATIM_JSONV2, PHOTON } from '../fixtures/geocode/responses';
import { smallPlan } from '../fixtures/lookup/plans';

const EDINBURGH: [number, number, number, number] = [-3.45, 55.82, -3.0, 56.0];

describe('geocoder URL templates', () => {
  it('fills the query (encoded), the extent in Nominatim and Photon order, the language and the limit', () => {
    const t = 'https://geo.example.org/search?q={query}&viewbox={viewbox}&bbox={bbox}&lang={lang}&limit={limit}&lat={lat}&lon={lon}';
    const url = new URL(buildGeocodeUrl(t, ' 10 Downing St & <b> ', { bbox: EDINBURGH, lang: 'zh-CN', limit: 500 })!);
    expect(url.searchParams.get('q')).toBe('10 Downing St & <b>');
    expect(url.searchParams.get('viewbox')).toBe('-3.45,56,-3,55.82'); // west, north, east, south
    expect(url.searchParams.get('bbox')).toBe('-3.45,55.82,-3,56'); // west, south, east, north
    expect(url.searchParams.get('lang')).toBe('zh-CN');
    expect(url.searchParams.get('limit')).toBe('50'); // capped
    expect(url.searchParams.get('lon')).toBe('-3.225');
    expect(url.origin).toBe('https://geo.example.org');
    // a query cannot add parameters or change the path
    const sneaky = new URL(buildGeocodeUrl('https://g.org/s?q={query}&format=jsonv2', 'x&format=html#frag/../../admin')!);
    expect(sneaky.searchParams.get('format')).toBe('jsonv2');
    expect(sneaky.pathname).toBe('/s');
    expect(sneaky.hash).toBe('');
  });

  it('refuses templates that are not http(s), have credentials, lack {query} or name unknown placeholders', () => {
    expect(checkGeocoderTemplate('https://g.org/s?q={query}')).toEqual({ ok: true, template: 'https://g.org/s?q={query}', origin: 'https://g.org' });
    expect(checkGeocoderTemplate('javascript:alert(1)//{query}')).toEqual({ ok: false, reason: 'scheme' });
    expect(checkGeocoderTemplate('data:text/html,{query}')).toEqual({ ok: false, reason: 'scheme' });
    expect(checkGeocoderTemplate('https://u:p@g.org/s?q={query}')).toEqual({ ok: false, reason: 'credentials' });
    expect(checkGeocoderTemplate('https://g.org/s?q=leith')).toEqual({ ok: false, reason: 'no_query' });
    expect(checkGeocoderTemplate('https://g.org/s?q={query}&k={apikey}')).toEqual({ ok: false, reason: 'placeholder' });
    expect(checkGeocoderTemplate('/search?q={query}')).toEqual({ ok: false, reason: 'malformed' });
    expect(checkGeocoderTemplate('')).toEqual({ ok: false, reason: 'empty' });
    expect(checkGeocoderTemplate(42)).toEqual({ ok: false, reason: 'empty' });
    expect(checkGeocoderTemplate('https://g.org/s?q={query}', ['https://other.org'])).toEqual({ ok: false, reason: 'origin' });
    expect(checkGeocoderTemplate('https://g.org/s?q={query}', ['https://g.org']).ok).toBe(true);
    expect(buildGeocodeUrl('ftp://g.org/{query}', 'x')).toBeNull();
  });
});

describe('geocoder responses', () => {
  it('reads Nominatim jsonv2: coordinates from strings, the display name, the licence as attribution', () => {
    const r = parseGeocodeResponse(NOMINATIM_JSONV2, { bbox: EDINBURGH });
    expect(r.error).toBeNull();
    expect(r.results).toEqual([
      { name: '10, Downing Street, Old Town, Edinburgh, EH1 1YZ, United Kingdom', kind: 'address', lon: -3.18837, lat: 55.95335, detail: 'building', provider: 'geocoder' },
      { name: 'Leith Walk, Leith, Edinburgh, United Kingdom', kind: 'address', lon: -3.1764, lat: 55.9641, detail: 'road', provider: 'geocoder' },
    ]);
    expect(r.attribution).toBe('Data © OpenStreetMap contributors, ODbL 1.0. http://osm.org/copyright');
  });

  it('reads Nominatim GeoJSON and Photon GeoJSON', () => {
    const n = parseGeocodeResponse(NOMINATIM_GEOJSON);
    expect(n.results.map((x) => [x.name, x.lon, x.lat])).toEqual([['Edinburgh Castle, Castlehill, Old Town, Edinburgh', -3.20083, 55.94856]]);
    expect(n.attribution).toContain('OpenStreetMap');
    const p = parseGeocodeResponse(PHOTON);
    expect(p.results.map((x) => x.name)).toEqual(['10 Downing Street, Edinburgh', 'Royal Mile, Edinburgh']);
    expect(p.results[0].detail).toBe('EH1 1YZ · house');
    expect(p.attribution).toBeNull();
  });

  it('skips hostile items with a reason and keeps names as plain text', () => {
    const r = parseGeocodeResponse(HOSTILE, { bbox: EDINBURGH });
    expect(r.error).toBeNull();
    expect(r.results).toHaveLength(1);
    // markup stays text (React shows it escaped); control and direction characters are removed
    expect(r.results[0].name).toBe('<img src=x onerror="alert(1)">Princes Street');
    expect(r.skipped.map((s) => s.reason)).toEqual([
      'no usable coordinates', 'no usable coordinates', 'no usable coordinates', 'coordinates off the globe', 'far outside the data set',
      'no name', 'no name', 'not an object', 'not an object',
    ]);
    expect(r.skipped.map((s) => s.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('refuses a whole response that is too large, not JSON or of another shape', () => {
    const huge = JSON.stringify([{ lat: '55.95', lon: '-3.18', display_name: 'x'.repeat(10_000_000) }]);
    expect(huge.length).toBeGreaterThan(MAX_GEOCODE_RESPONSE_CHARS);
    expect(parseGeocodeResponse(huge).error).toMatch(/too large/);
    expect(parseGeocodeResponse('<html>502 Bad Gateway</html>').error).toBe('not JSON');
    expect(parseGeocodeResponse('{"results": []}').error).toMatch(/neither/);
    // long names are cut, a thousand items are read only up to 50
    const many = JSON.stringify(Array.from({ length: 1000 }, (_, i) => ({ lat: '55.95', lon: String(-3.18 - i * 1e-4), display_name: `Street ${i} ${'y'.repeat(500)}` })));
    const m = parseGeocodeResponse(many);
    expect(m.results).toHaveLength(50);
    expect(m.results[0].name.length).toBeLessThanOrEqual(200);
    expect(m.skipped).toEqual([{ index: 50, reason: '950 more items than the 50 read' }]);
  });

  it('asks the service through the injected fetch and rejects when the response is refused', async () => {
    const asked: string[] = [];
    const g = createHttpGeocoder({ template: 'https://g.org/s?q={query}&viewbox={viewbox}', bbox: EDINBURGH, fetchText: async (url) => { asked.push(url); return NOMINATIM_JSONV2; } });
    const a = await g.search('10 Downing Street');
    expect(asked).toEqual(['https://g.org/s?q=10%20Downing%20Street&viewbox=-3.45%2C56%2C-3%2C55.82']);
    expect(a.results[0].lat).toBe(55.95335);
    expect(a.attribution).toContain('OpenStreetMap');
    const own = createHttpGeocoder({ template: 'https://g.org/s?q={query}', attribution: 'City of Edinburgh Council', fetchText: async () => PHOTON });
    expect((await own.search('x')).attribution).toBe('City of Edinburgh Council');
    const host = createHttpGeocoder({ template: 'https://g.org/s?q={query}', fetchText: async () => PHOTON });
    expect((await host.search('x')).attribution).toBe('g.org');
    const broken = createHttpGeocoder({ template: 'https://g.org/s?q={query}', fetchText: async () => '<html>' });
    await expect(broken.search('x')).rejects.toThrow(/not JSON/);
  });
});

describe('fetching from an address service', () => {
  let close: (() => void) | null = null;
  afterEach(() => { close?.(); close = null; });

  it('refuses a 10 MB body without reading it all, and a failing status', async () => {
    let written = 0;
    const server = createServer((req, res) => {
      if (req.url?.startsWith('/fail')) { res.writeHead(503); res.end('busy'); return; }
      res.writeHead(200, { 'Content-Type': 'application/json' }); // no length: the reader must count
      const chunk = 'x'.repeat(64 * 1024);
      const pump = () => {
        while (written < 10_000_000) { written += chunk.length; if (!res.write(chunk)) { res.once('drain', pump); return; } }
        res.end();
      };
      res.on('close', () => undefined);
      pump();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    close = () => { server.closeAllConnections(); server.close(); };
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const fetchText = geocoderFetchText();
    await expect(fetchText(`${base}/big`)).rejects.toThrow(/too large/);
    await expect(fetchText(`${base}/fail`)).rejects.toThrow(/HTTP 503/);
    // a redirect target is checked
    const strict = geocoderFetchText({ allowUrl: () => false });
    await expect(strict(`${base}/fail`)).rejects.toThrow(/not allowed/);
  });
});

describe('search as you type', () => {
  afterEach(() => { vi.useRealTimers(); });
  const local = (q: string): PlaceResult[] => (q.toLowerCase().startsWith('leith') ? [{ name: 'Leith Academy', kind: 'school', lon: -3.17, lat: 55.97, provider: 'data', schoolId: 's1' }] : []);

  function recorder(answer: (q: string, signal?: AbortSignal) => Promise<string>) {
    const calls: { query: string; signal?: AbortSignal }[] = [];
    const geocoder: Geocoder = createHttpGeocoder({ template: 'https://g.org/s?q={query}', fetchText: (url, signal) => { const query = new URL(url).searchParams.get('q')!; calls.push({ query, signal }); return answer(query, signal); } });
    return { calls, geocoder };
  }

  it('asks the service once after a pause, shows data places at once and addresses after them', async () => {
    vi.useFakeTimers();
    const { calls, geocoder } = recorder(async () => NOMINATIM_JSONV2);
    const states: PlaceSearchState[] = [];
    const s = createPlaceSearch({ local, geocoder, onChange: (x) => states.push(x), debounceMs: 300 });
    for (const q of ['l', 'le', 'lei', 'leit', 'leith']) { s.setQuery(q); await vi.advanceTimersByTimeAsync(50); }
    expect(calls).toHaveLength(0);
    expect(s.state.results.map((r) => r.name)).toEqual(['Leith Academy']); // at once, before the service
    expect(s.state.address).toBe('searching');
    await vi.advanceTimersByTimeAsync(300);
    expect(calls.map((c) => c.query)).toEqual(['leith']);
    expect(s.state.address).toBe('done');
    expect(s.state.results.map((r) => r.provider)).toEqual(['data', 'geocoder', 'geocoder']);
    expect(s.state.attribution).toContain('OpenStreetMap');
  });

  it('cancels the request in flight when the query changes, and never shows an older answer', async () => {
    vi.useFakeTimers();
    const { calls, geocoder } = recorder((_q, signal) => new Promise((resolve, reject) => {
      const t = setTimeout(() => resolve(NOMINATIM_JSONV2), 1000);
      signal?.addEventListener('abort', () => { clearTimeout(t); reject(signal.reason); });
    }));
    const s = createPlaceSearch({ local, geocoder, onChange: () => undefined, debounceMs: 300 });
    s.setQuery('10 Downing');
    await vi.advanceTimersByTimeAsync(400); // asked, answer pending
    s.setQuery('10 Downing Street');
    expect(calls[0].signal?.aborted).toBe(true);
    await vi.advanceTimersByTimeAsync(2000);
    expect(calls.map((c) => c.query)).toEqual(['10 Downing', '10 Downing Street']);
    expect(s.state.query).toBe('10 Downing Street');
    expect(s.state.address).toBe('done');
  });

  it('says unavailable on failure or timeout while the data places keep working', async () => {
    vi.useFakeTimers();
    const failing = recorder(async () => { throw new TypeError('Failed to fetch'); });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const s = createPlaceSearch({ local, geocoder: failing.geocoder, onChange: () => undefined });
    s.setQuery('leith');
    await vi.advanceTimersByTimeAsync(400);
    expect(s.state.address).toBe('unavailable');
    expect(s.state.results.map((r) => r.name)).toEqual(['Leith Academy']);
    const hanging = recorder((_q, signal) => new Promise((_r, reject) => signal?.addEventListener('abort', () => reject(signal.reason))));
    const h = createPlaceSearch({ local, geocoder: hanging.geocoder, onChange: () => undefined, timeoutMs: 5000 });
    h.setQuery('leith');
    await vi.advanceTimersByTimeAsync(3000);
    expect(h.state.address).toBe('searching');
    await vi.advanceTimersByTimeAsync(3000);
    expect(h.state.address).toBe('unavailable');
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
  });

  it('does not ask for short queries, and has no address status without a service', () => {
    const { calls, geocoder } = recorder(async () => '[]');
    const s = createPlaceSearch({ local, geocoder, onChange: () => undefined });
    s.setQuery('le');
    expect(s.state.address).toBe('idle');
    expect(calls).toHaveLength(0);
    const off = createPlaceSearch({ local, geocoder: null, onChange: () => undefined });
    off.setQuery('leith');
    expect(off.state).toMatchObject({ address: 'off', results: [{ name: 'Leith Academy' }] });
  });
});

describe('the data set as a gazetteer', () => {
  const schools = {
    ids: ['s1', 's2'], names: ['Leith Academy', 'Abbeyhill Primary School'], lon: [-3.17, -3.17], lat: [55.97, 55.955],
    extra: [{ address: 'Academy Park', postcode: 'EH6 8JQ' }, {}],
  };
  const ward = { properties: { WD13CD: 'S1', WD13NM: 'Leith Walk' }, geometry: { type: 'Polygon', coordinates: [[[-3.2, 55.95], [-3.15, 55.95], [-3.15, 55.98], [-3.2, 55.98], [-3.2, 55.95]]] } };
  const units = { count: 2, ids: ['S00104290', 'S00104291'], lon: [-3.18, -3.16], lat: [55.96, 55.965] };

  it('lists schools (with their ids), their streets and postcodes, named context areas and unit codes', () => {
    const idx = buildPlaceIndex({ schools, units, context: { features: [ward, { properties: { WD13NM: 'Leith Walk' }, geometry: ward.geometry }, { properties: { code: 'X' }, geometry: ward.geometry }] } });
    expect(idx.map((e) => [e.kind, e.name])).toEqual([
      ['school', 'Leith Academy'], ['address', 'Academy Park'], ['postcode', 'EH6 8JQ'], ['school', 'Abbeyhill Primary School'],
      ['place', 'Leith Walk'], ['area', 'S00104290'], ['area', 'S00104291'],
    ]);
    expect(idx[0]).toMatchObject({ schoolId: 's1', detail: 'Academy Park, EH6 8JQ' });
    expect(idx[6]).toMatchObject({ unit: 1 });
    // names first; then the school's street and postcode, whose detail names it
    expect(searchPlaces(idx, 'leith').map((r) => [r.name, r.provider])).toEqual([['Leith Walk', 'data'], ['Leith Academy', 'data'], ['EH6 8JQ', 'data'], ['Academy Park', 'data']]);
    expect(searchPlaces(idx, 's0010429').map((r) => r.unit)).toEqual([0, 1]);
  });

  it('puts a context area\'s point inside it, also for a U-shaped area', () => {
    const u = [[[0, 0], [3, 0], [3, 3], [2, 3], [2, 1], [1, 1], [1, 3], [0, 3], [0, 0]]];
    const p = interiorPoint(u)!;
    expect(p[1]).toBe(1.5);
    expect(p[0] < 1 || p[0] > 2).toBe(true); // not in the notch
  });

  it('merges: data places first, then addresses that are not the same place again', () => {
    const local: PlaceResult[] = [{ name: 'Leith Walk', kind: 'place', lon: -3.1764, lat: 55.9641, provider: 'data' }];
    const remote: PlaceResult[] = [
      { name: 'leith walk', kind: 'address', lon: -3.1765, lat: 55.9642, provider: 'geocoder' },
      { name: 'Leith Walk', kind: 'address', lon: -3.19, lat: 55.95, provider: 'geocoder' },
    ];
    expect(mergePlaces(local, remote).map((r) => [r.provider, r.lon])).toEqual([['data', -3.1764], ['geocoder', -3.19]]);
  });
});

describe('the published plan names its address service', () => {
  it('keeps a valid geocoder, refuses a bad one with a problem, and carries it from publishing', () => {
    const plan = smallPlan();
    const withG = { ...plan, geocoder: { url: 'https://geo.council.example/search?q={query}&format=jsonv2', attribution: 'Council addresses' } };
    const ok = validatePublishedPlan(JSON.parse(JSON.stringify(withG)));
    expect(ok.ok && ok.plan.geocoder).toEqual(withG.geocoder);
    const none = validatePublishedPlan(JSON.parse(JSON.stringify(plan)));
    expect(none.ok && 'geocoder' in none.plan).toBe(false);
    for (const bad of [{ url: 'javascript:alert(1)//{query}' }, { url: 'https://g.org/s?q=fixed' }, { url: 'https://g.org/?q={query}', attribution: 5 }, 'https://g.org/?q={query}']) {
      const r = validatePublishedPlan({ ...JSON.parse(JSON.stringify(plan)), geocoder: bad });
      expect(r.ok).toBe(false);
      expect(r.ok ? [] : r.problems.map((p) => p.path)[0]).toMatch(/^geocoder/);
    }
    const published = publishZones(
      { zones: {}, schools: { ids: [], names: [], lon: [], lat: [], extra: [] }, levels: [{ id: 'primary', name: 'Primary', distanceStandardM: 1000 }], bbox: [0, 0, 1, 1] },
      { title: 't', note: '', publishedAt: '2026-11-23', places: [], geocoder: { url: withG.geocoder.url, attribution: null } },
    );
    expect(published.geocoder).toEqual({ url: withG.geocoder.url, attribution: null });
  });
});
