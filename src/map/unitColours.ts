import type { Assignment } from '../store/plannerStore';
import { CATCHMENT_COLOURS, DENSITY_COLOURS, hexToRgb, UNASSIGNED_COLOUR } from './palette';

/**
 * Children of a level per unit as a 0-4 class of the district's distribution (quintile breaks over
 * units with children), so that shading reads the same in dense cities and sparse countryside.
 */
export function densityClasses(children: Float32Array, areaByUnit: Float64Array | null): { classByUnit: Uint8Array; breaks: number[] } {
  const n = children.length;
  const value = new Float64Array(n);
  for (let u = 0; u < n; u++) value[u] = areaByUnit && areaByUnit[u] > 0 ? children[u] / areaByUnit[u] : children[u];
  const positive = Array.from(value).filter((v) => v > 0).sort((a, b) => a - b);
  const breaks = [0.2, 0.4, 0.6, 0.8].map((q) => positive[Math.min(positive.length - 1, Math.floor(q * positive.length))] ?? 0);
  const classByUnit = new Uint8Array(n);
  for (let u = 0; u < n; u++) {
    const v = value[u];
    let c = 0;
    if (v > 0) { c = 1; while (c < 4 && v > breaks[c]) c++; }
    classByUnit[u] = c;
  }
  return { classByUnit, breaks };
}

/** How one unit is drawn: colour and opacity, from its school, density class and the map mode. */
export interface UnitStyler {
  (u: number): { rgb: [number, number, number]; alpha: number };
}

export function makeUnitStyler(
  a: Assignment, nearest: Assignment | undefined, colourBySchool: Map<number, number>, classByUnit: Uint8Array,
  mode: 'catchments' | 'children' | 'difference', selected: number, locked: Uint8Array | null,
): UnitStyler {
  const cat = CATCHMENT_COLOURS.map(hexToRgb), dens = DENSITY_COLOURS.map(hexToRgb), none = hexToRgb(UNASSIGNED_COLOUR);
  const alphaByClass = [0.25, 0.45, 0.6, 0.72, 0.85];
  const same: [number, number, number] = [200, 200, 200];
  return (u) => {
    const s = a.schoolByUnit[u];
    let rgb: [number, number, number], alpha: number;
    if (mode === 'children') { rgb = dens[classByUnit[u]]; alpha = 0.85; }
    else if (mode === 'difference') {
      const differs = nearest ? nearest.schoolByUnit[u] !== s : false;
      rgb = differs ? (s === a.noSchool ? none : cat[colourBySchool.get(s) ?? 0]) : same;
      alpha = differs ? 0.9 : 0.35;
    } else {
      rgb = s === a.noSchool ? none : cat[colourBySchool.get(s) ?? 0];
      alpha = alphaByClass[classByUnit[u]];
      if (s === selected) alpha = Math.min(1, alpha + 0.15);
    }
    // locked areas are drawn darker so that a planner sees what painting will not change
    if (locked && locked[u]) rgb = [rgb[0] * 0.6, rgb[1] * 0.6, rgb[2] * 0.6];
    return { rgb, alpha };
  };
}

const cssCache = new Map<number, string>();

/** CSS colour of an rgb triple; cached, since a refresh asks for thousands of the same few colours. */
export function rgbCss([r, g, b]: [number, number, number]): string {
  const key = (Math.round(r) << 16) | (Math.round(g) << 8) | Math.round(b);
  let css = cssCache.get(key);
  if (css === undefined) { css = `rgb(${Math.round(r)},${Math.round(g)},${Math.round(b)})`; cssCache.set(key, css); }
  return css;
}
