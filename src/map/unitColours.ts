import type { AssignmentView, UnitsView } from '../worker/protocol';
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

/**
 * RGBA pixels of a lattice, one per cell: catchment colour (alpha by density) or density colour.
 * Cells without a unit stay transparent.
 */
export function latticePixels(
  geometry: Extract<UnitsView['geometry'], { kind: 'lattice' }>, a: AssignmentView, colourBySchool: Map<number, number>,
  classByUnit: Uint8Array, mode: 'catchments' | 'children', selected: number,
): Uint8ClampedArray {
  const px = new Uint8ClampedArray(geometry.cols * geometry.rows * 4);
  const cat = CATCHMENT_COLOURS.map(hexToRgb), dens = DENSITY_COLOURS.map(hexToRgb), none = hexToRgb(UNASSIGNED_COLOUR);
  const alphaByClass = [50, 110, 150, 190, 230];
  for (let u = 0; u < geometry.cellByUnit.length; u++) {
    const o = geometry.cellByUnit[u] * 4;
    const s = a.schoolByUnit[u];
    let rgb: [number, number, number];
    let alpha: number;
    if (mode === 'children') { rgb = dens[classByUnit[u]]; alpha = 220; }
    else { rgb = s === a.noSchool ? none : cat[colourBySchool.get(s) ?? 0]; alpha = alphaByClass[classByUnit[u]]; }
    if (selected >= 0 && s === selected) { rgb = [20, 20, 20]; alpha = 140; }
    px[o] = rgb[0]; px[o + 1] = rgb[1]; px[o + 2] = rgb[2]; px[o + 3] = alpha;
  }
  return px;
}
