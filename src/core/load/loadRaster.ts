import { fromArrayBuffer } from 'geotiff';
import type { Units } from '../model';
import type { Settings } from '../settings/settings';
import { estimated, planCounts } from './countColumns';
import { projDefinition, SUPPORTED_CRS, toLonLat } from './crs';
import { checkLonLat } from './coords';
import { DEFAULT_LOAD_LIMITS, type LoadLimits } from './limits';
import { coded, ProblemLog, type LoadResult } from './problems';
import { BlockDecodeError, boundedDecoderPool } from './rasterDecoders';
import { inspectTiff, type TiffLayout } from './tiffLayout';

/**
 * Loads a GeoTIFF of population counts (WorldPop-style): one band of all-ages totals, or one band
 * per age group named by the GDAL band description (age_5_9, primary, ...). Nodata and NaN cells
 * are skipped; cell centres are reprojected to lon/lat; the grid is kept as a lattice.
 * The header is checked against the file size and `limits` before anything is allocated; never
 * throws for bad input (the GeoTIFF library's errors become problems).
 * @example await loadRaster('pop.tif', bytes, settings)
 */
export async function loadRaster(file: string, bytes: Uint8Array, settings: Settings, limits: LoadLimits = DEFAULT_LOAD_LIMITS): Promise<LoadResult<Units>> {
  const log = new ProblemLog(file);
  const checked = inspectTiff(bytes, limits);
  if (!checked.ok) {
    log.error({}, checked.field, checked.problem);
    return { ok: false, problems: log.finish() };
  }
  try {
    return await readRaster(bytes, checked.layout, settings, log);
  } catch (e) {
    if (e instanceof BlockDecodeError) log.error({}, 'Compression', e.problem);
    else log.error({}, undefined, coded('tiffUnreadable', { detail: oneLine(e) }, `cannot read the GeoTIFF (${oneLine(e)}); expected a valid GeoTIFF of population counts`));
    return { ok: false, problems: log.finish() };
  }
}

function oneLine(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return m.replace(/\s+/g, ' ').slice(0, 300);
}

async function readRaster(bytes: Uint8Array, layout: TiffLayout, settings: Settings, log: ProblemLog): Promise<LoadResult<Units>> {
  // the library's exceptions are turned into a problem by loadRaster
  const buf = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const image = await (await fromArrayBuffer(buf)).getImage();
  const geoKeys = (image.getGeoKeys() ?? {}) as Record<string, number>;
  const epsg = geoKeys.ProjectedCSTypeGeoKey ?? geoKeys.GeographicTypeGeoKey;
  if (!epsg) {
    log.error({}, 'crs', coded('tiffNoEpsg', { options: SUPPORTED_CRS }, `no EPSG code in the GeoTIFF keys; expected one of ${SUPPORTED_CRS}`));
    return { ok: false, problems: log.finish() };
  }
  const def = projDefinition(epsg);
  if (def === null) {
    log.error({}, 'crs', coded('tiffEpsgUnsupported', { epsg, options: SUPPORTED_CRS }, `EPSG:${epsg} is not supported; expected one of ${SUPPORTED_CRS}`));
    return { ok: false, problems: log.finish() };
  }
  const cols = layout.width, rows = layout.height;
  let x0: number, y0: number, dx: number, dy: number;
  try {
    [x0, y0] = image.getOrigin();
    [dx, dy] = image.getResolution();
  } catch {
    log.error({}, 'ModelTiepoint', coded('tiffNoGeoref', {}, 'missing; expected the georeferencing of the grid (ModelTiepoint and ModelPixelScale, or ModelTransformation)'));
    return { ok: false, problems: log.finish() };
  }
  if (![x0, y0, dx, dy].every(Number.isFinite) || dx === 0 || dy === 0) {
    log.error({}, 'ModelPixelScale', coded('tiffBadGrid', { x0, y0, dx, dy }, `the grid's origin (${x0}, ${y0}) or cell size (${dx}, ${dy}) is not a finite, non-zero number; expected a georeferenced grid`));
    return { ok: false, problems: log.finish() };
  }
  const nodata = image.getGDALNoData();
  const bandCount = layout.bands;
  const names: string[] = [];
  for (let b = 0; b < bandCount; b++) {
    const desc = ((await image.getGDALMetadata(b)) as Record<string, string> | null)?.DESCRIPTION;
    names.push(desc ?? (bandCount === 1 ? 'total' : `band_${b + 1}`));
  }
  const { plans } = planCounts(names, settings);
  for (const l of settings.levels) {
    const p = plans[l.id];
    if (!p) log.warning({}, l.id, coded('tiffNoBand', { bands: names.join(', '), level: l.id }, `no band gives this level (bands: ${names.join(', ')}); its children are not assessed and count as 0. For an all-ages band set shareOfTotal.${l.id}`));
    else if (p.estimate) log.warning({}, l.id, estimated(p));
  }
  // the decoders stop at the size the checked layout allows for one strip or tile
  const rasters = (await image.readRasters({ interleave: false, pool: boundedDecoderPool(layout) })) as unknown as ArrayLike<number>[];
  const cellCount = cols * rows;
  const validCells = new Uint32Array(cellCount);
  let n = 0;
  for (let i = 0; i < cellCount; i++) {
    let ok = true;
    for (let b = 0; b < bandCount && ok; b++) {
      const v = rasters[b][i];
      if (Number.isNaN(v) || (nodata !== null && v === nodata)) ok = false;
      else if (v < 0 || v === Infinity) { log.error({}, names[b], coded('tiffBadCell', { row: Math.floor(i / cols), column: i % cols, value: v }, `cell (row ${Math.floor(i / cols)}, column ${i % cols}) holds ${v}; expected a count of people (0 or more) or nodata`)); ok = false; }
    }
    if (ok) validCells[n++] = i;
  }
  if (n === 0) log.error({}, undefined, coded('tiffAllNodata', {}, 'every cell is nodata; expected population counts'));
  if (log.hasErrors) return { ok: false, problems: log.finish() };

  const valid = validCells.subarray(0, n);
  const project = toLonLat(def || null);
  const lon = new Float64Array(n), lat = new Float64Array(n);
  const cellByUnit = valid.slice();
  const childrenByLevel: Record<string, Float32Array> = {};
  for (const l of settings.levels) childrenByLevel[l.id] = new Float32Array(n);
  for (let k = 0; k < n; k++) {
    const i = valid[k];
    const [lo, la] = project(x0 + (i % cols + 0.5) * dx, y0 + (Math.floor(i / cols) + 0.5) * dy);
    lon[k] = lo; lat[k] = la;
    for (const l of settings.levels) {
      const p = plans[l.id];
      if (!p) continue;
      let sum = 0;
      for (const t of p.terms) sum += rasters[names.indexOf(t.column)][i] * t.weight;
      childrenByLevel[l.id][k] = sum;
    }
  }
  const bad = checkLonLat(lon[0], lat[0]);
  if (bad) {
    log.error({}, 'crs', coded('tiffBadCentres', { detail: bad.message }, `cell centres do not map to valid lon/lat (${bad.message}); check the GeoTIFF's coordinate system`));
    return { ok: false, problems: log.finish() };
  }
  const countSourceByLevel: Record<string, string> = {};
  for (const l of settings.levels) countSourceByLevel[l.id] = plans[l.id]?.description ?? 'not available';
  return {
    ok: true,
    value: {
      count: n, ids: null, lon, lat, childrenByLevel, countSourceByLevel, childrenByAge: {},
      geometry: { kind: 'lattice', lattice: { cols, rows, x0, y0, dx, dy, crs: def || null, cellByUnit } },
    },
    problems: log.finish(),
  };
}
