// The planner's address service: a browser-wide preference (not part of any plan), kept in localStorage.
import { useSyncExternalStore } from 'react';
import { checkGeocoderTemplate } from '../core/index';

export interface GeocoderSetting { url: string; attribution: string }

const KEY = 'planner.geocoder';
const EMPTY: GeocoderSetting = { url: '', attribution: '' };
const listeners = new Set<() => void>();

function read(): GeocoderSetting {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return EMPTY;
    const v = JSON.parse(raw) as Partial<GeocoderSetting>;
    return { url: typeof v.url === 'string' ? v.url : '', attribution: typeof v.attribution === 'string' ? v.attribution : '' };
  } catch {
    return EMPTY;
  }
}

let current: GeocoderSetting | null = null;

/** The setting now (read once from storage). */
export function getGeocoderSetting(): GeocoderSetting {
  current ??= read();
  return current;
}

/** Changes the setting and keeps it; without storage it lasts for the session. */
export function setGeocoderSetting(next: GeocoderSetting): void {
  current = { url: next.url, attribution: next.attribution };
  try { localStorage.setItem(KEY, JSON.stringify(current)); } catch { /* private mode: kept in memory */ }
  for (const l of listeners) l();
}

/** The address service to use: the setting when its URL is a valid template, else null. */
export function usableGeocoder(s: GeocoderSetting): { url: string; attribution: string | null } | null {
  const c = checkGeocoderTemplate(s.url);
  return c.ok ? { url: c.template, attribution: s.attribution.trim() || null } : null;
}

export function useGeocoderSetting(): GeocoderSetting {
  return useSyncExternalStore((l) => { listeners.add(l); return () => listeners.delete(l); }, getGeocoderSetting);
}
