/**
 * Sizes the loaders refuse before allocating anything: a file whose header or text claims more than
 * this is hostile or broken, and reading it would exhaust memory or the stack instead of failing
 * with a message. The defaults are far above any district a planner works on; pass `limits` to
 * loadPopulation to change them.
 */
export interface LoadLimits {
  /** most raster samples (width x height x bands) a GeoTIFF may declare */
  maxRasterCells: number;
  /** most cells along either side of a GeoTIFF (and of one of its tiles or strips) */
  maxRasterSide: number;
  /** most bands (samples per pixel) in a GeoTIFF */
  maxRasterBands: number;
  /** most nested arrays/objects in a JSON file; a FeatureCollection of MultiPolygons needs 8 */
  maxJsonDepth: number;
  /** most bytes (characters for text already decoded) of a GeoJSON file */
  maxJsonBytes: number;
}

export const DEFAULT_LOAD_LIMITS: Readonly<LoadLimits> = Object.freeze({
  maxRasterCells: 50_000_000,
  maxRasterSide: 25_000,
  maxRasterBands: 256,
  maxJsonDepth: 512,
  maxJsonBytes: 250_000_000,
});

/** Options of loadPopulation. */
export interface LoadOptions {
  /** overrides of DEFAULT_LOAD_LIMITS */
  limits?: Partial<LoadLimits>;
}

/** The defaults with the given overrides; a missing, non-positive or non-numeric override keeps the default. */
export function resolveLimits(limits?: Partial<LoadLimits>): LoadLimits {
  const out = { ...DEFAULT_LOAD_LIMITS };
  for (const k of Object.keys(out) as (keyof LoadLimits)[]) {
    const v = limits?.[k];
    if (typeof v === 'number' && v > 0) out[k] = v;
  }
  return out;
}

// the number words live in util/ (settings and plans use them too); re-exported for the loaders
export { grouped, megabytes } from '../util/numberWords';
