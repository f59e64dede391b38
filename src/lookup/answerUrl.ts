import { gazetteerEntryAt, type PublishedPlan } from '../core/publish/lookupZones';
import { LANGUAGES, type Lang } from './messages';

/** A point looked up; `label` only ever holds a gazetteer name of that very point. */
export type Point = { lon: number; lat: number; label?: string };

/** What a URL says about the answer to show, each part checked against the plan (nothing is taken as text). */
export interface AnswerState { point: Point | null; level: string | null; lang: Lang | null }

/**
 * Reads `?lat=…&lon=…&place=…&level=…&lang=…`. Coordinates must be numbers on the globe; `place` labels
 * the point only when the plan's gazetteer has that name at that point; `level` must be one of the plan's.
 */
export function readAnswer(search: string, plan: PublishedPlan): AnswerState {
  const q = new URLSearchParams(search);
  const lat = Number(q.get('lat')), lon = Number(q.get('lon'));
  const lang = q.get('lang'), level = q.get('level'), place = q.get('place');
  const onGlobe = q.get('lat')?.trim() && q.get('lon')?.trim() && Number.isFinite(lat) && Number.isFinite(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180;
  let point: Point | null = null;
  if (onGlobe) {
    const named = place ? gazetteerEntryAt(plan.gazetteer, place, lon, lat) : null;
    point = named ? { lon: named.lon, lat: named.lat, label: named.name } : { lon, lat };
  }
  return {
    point,
    level: level !== null && plan.levels.some((l) => l.id === level) ? level : null,
    lang: lang !== null && Object.prototype.hasOwnProperty.call(LANGUAGES, lang) ? (lang as Lang) : null,
  };
}

/**
 * The address of the answer on screen: the same published plan (`plan=` as it was given), the point,
 * its gazetteer name, the level and the language, so that a shared link opens this very answer.
 */
export function answerHref(pathname: string, s: { planParam: string | null; point: Point | null; level: string; lang: Lang }): string {
  const q = new URLSearchParams();
  if (s.planParam) q.set('plan', s.planParam);
  if (s.point) {
    q.set('lat', s.point.lat.toFixed(5));
    q.set('lon', s.point.lon.toFixed(5));
    if (s.point.label) q.set('place', s.point.label);
  }
  q.set('level', s.level);
  q.set('lang', s.lang);
  return `${pathname}?${q.toString()}`;
}

/** How an answer is labelled: its gazetteer name, else its coordinates. */
export function pointLabel(p: Point): string {
  return p.label ?? `${p.lat.toFixed(5)}, ${p.lon.toFixed(5)}`;
}
