import { useEffect, useState } from 'react';
import { checkGeocoderTemplate } from '../core/geocode/geocoderUrl';
import { createHttpGeocoder } from '../core/geocode/httpGeocoder';
import type { Geocoder } from '../core/geocode/placeResult';
import type { PublishedPlan } from '../core/publish/lookupZones';
import { allowedOriginsFromConfig } from '../core/publish/planSource';
import { geocoderFetchText } from '../geocode/fetchText';

/** The deployment's trusted address-service origins (`allowedGeocoderOrigins` of lookup-config.json); none when missing or broken. */
async function readGeocoderOrigins(base: string): Promise<string[]> {
  try {
    const r = await fetch(`${base}lookup-config.json`, { cache: 'no-cache' });
    if (!r.ok) return [];
    const { origins, ignored } = allowedOriginsFromConfig(await r.json(), 'allowedGeocoderOrigins');
    if (ignored) console.warn(`lookup-config.json: ${ignored} entries of allowedGeocoderOrigins are not exact http(s) origins and were left out`);
    return origins;
  } catch {
    return [];
  }
}

/**
 * The published plan's address service, when the page may use it: an http(s) URL template on the page's
 * own origin or on one the deployment lists in `allowedGeocoderOrigins`. Otherwise (or until the
 * configuration is read) null, and only the plan's own places are searched.
 */
export function useLookupGeocoder(plan: PublishedPlan, lang: string, base: string): Geocoder | null {
  const [geocoder, setGeocoder] = useState<Geocoder | null>(null);
  const url = plan.geocoder?.url ?? null;
  const attribution = plan.geocoder?.attribution ?? null;
  useEffect(() => {
    let live = true;
    setGeocoder(null);
    if (!url) return;
    void (async () => {
      const own = location.origin;
      const origins = checkGeocoderTemplate(url, [own]).ok ? [own] : [own, ...(await readGeocoderOrigins(base))];
      const checked = checkGeocoderTemplate(url, origins);
      if (!live) return;
      if (!checked.ok) { console.warn(`the plan's address service is not used: ${checked.reason === 'origin' ? 'its origin is not in allowedGeocoderOrigins of lookup-config.json' : checked.reason}`); return; }
      const allowUrl = (u: string) => { try { return origins.includes(new URL(u).origin); } catch { return false; } };
      setGeocoder(createHttpGeocoder({ template: checked.template, attribution, bbox: plan.bbox, lang, limit: 6, fetchText: geocoderFetchText({ allowUrl }) }));
    })();
    return () => { live = false; };
  }, [url, attribution, plan.bbox, lang, base]);
  return geocoder;
}
