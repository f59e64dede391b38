import Delaunator from 'delaunator';
import type { FlagResult, SchoolReport } from '../core/index';
import { i18n } from '../i18n/i18n';

/** Soft, distinct fills for catchments; neighbours get different entries (see colourSchools). */
export const CATCHMENT_COLOURS = ['#8dd3c7', '#ffffb3', '#bebada', '#fb8072', '#80b1d3', '#fdb462', '#b3de69', '#fccde5', '#bc80bd', '#ccebc5'];
export const UNASSIGNED_COLOUR = '#d0d0d0';

/** Sequential scale for children density (light to dark). */
export const DENSITY_COLOURS = ['#f7fbff', '#c6dbef', '#6baed6', '#2171b5', '#08306b'];

/** A legend entry: its label is read from the catalogue (flags:legend.<key>) in the current language. */
function flagStyle(key: string, colour: string): { key: string; readonly label: string; colour: string } {
  return { key, colour, get label() { return i18n.t(`flags:legend.${key}`); } };
}

/** Flag colours, in order of severity: a school shows its worst. */
export const FLAG_STYLES: { key: string; readonly label: string; colour: string }[] = [
  flagStyle('overcrowded', '#d7301f'),
  flagStyle('large_classes', '#f16913'),
  flagStyle('undersized', '#7b4fb3'),
  flagStyle('far', '#1f78b4'),
  flagStyle('under_used', '#c59d00'),
  flagStyle('not_assessed', '#9a9a9a'),
  flagStyle('ok', '#2e9d4f'),
];

/** The most severe flag of a school (or 'not_assessed' / 'ok' / 'closed'). */
export function worstFlag(report: Pick<SchoolReport, 'flags' | 'status'>): string {
  if (report.status !== 'open') return 'closed';
  const flagged = new Set(report.flags.filter((f: FlagResult) => f.status === 'flagged').map((f) => f.flag));
  for (const s of FLAG_STYLES) if (flagged.has(s.key as FlagResult['flag'])) return s.key;
  return report.flags.some((f) => f.status === 'not_assessed') ? 'not_assessed' : 'ok';
}

export function flagColour(key: string): string {
  return FLAG_STYLES.find((s) => s.key === key)?.colour ?? '#ffffff';
}

/**
 * Colour index per school such that schools adjacent in the Delaunay graph of their locations
 * (a close proxy for neighbouring catchments) get different colours where the palette allows.
 * Greedy, largest degree first; deterministic.
 */
export function colourSchools(lon: ArrayLike<number>, lat: ArrayLike<number>, indices: number[], paletteSize = CATCHMENT_COLOURS.length): Map<number, number> {
  const out = new Map<number, number>();
  if (indices.length === 0) return out;
  const coords = new Float64Array(indices.length * 2);
  const kx = Math.cos((lat[indices[0]] * Math.PI) / 180);
  indices.forEach((s, i) => { coords[i * 2] = lon[s] * kx; coords[i * 2 + 1] = lat[s]; });
  const neighbours: Set<number>[] = indices.map(() => new Set());
  if (indices.length > 2) {
    const d = new Delaunator(coords);
    for (let e = 0; e < d.triangles.length; e++) {
      const a = d.triangles[e], b = d.triangles[e % 3 === 2 ? e - 2 : e + 1];
      neighbours[a].add(b); neighbours[b].add(a);
    }
  } else if (indices.length === 2) { neighbours[0].add(1); neighbours[1].add(0); }
  const order = indices.map((_, i) => i).sort((a, b) => neighbours[b].size - neighbours[a].size || a - b);
  const colour = new Int32Array(indices.length).fill(-1);
  for (const i of order) {
    const used = new Set<number>();
    for (const j of neighbours[i]) if (colour[j] >= 0) used.add(colour[j]);
    let c = 0;
    while (used.has(c) && c < paletteSize - 1) c++;
    // palette exhausted: take the colour least used among neighbours
    colour[i] = used.has(c) ? (i % paletteSize) : c;
  }
  indices.forEach((s, i) => out.set(s, colour[i]));
  return out;
}

export function hexToRgb(hex: string): [number, number, number] {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}
