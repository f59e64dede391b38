import { fromArrayBuffer } from 'geotiff';
import type { Units } from '../model';
import type { Settings } from '../settings/settings';
import { planCounts } from './countColumns';
import { projDefinition, SUPPORTED_CRS, toLonLat } from './crs';
import { checkLonLat } from './coords';
import { ProblemLog, type LoadResult } from './problems';

/**
 * Loads a GeoTIFF of population counts (WorldPop-style): one band of all-ages totals, or one band
 * per age group named by the GDAL band description (age_5_9, primary, ...). Nodata and NaN cells
 * are skipped; cell centres are reprojected to lon/lat; the grid is kept as a lattice.
 * @example await loadRaster('pop.tif', bytes, settings)
 */
export async function loadRaster(file: string, bytes: Uint8Array, settings: Settings): Promise<LoadResult<Units>> {
  const log = new ProblemLog(file);
  let image;
  try {
    const buf = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    const tiff = await fromArrayBuffer(buf);
    image = await tiff.getImage();
  } catch (e) {
    log.error({}, undefined, `cannot read the GeoTIFF (${(e as Error).message}); expected a valid GeoTIFF of population counts`);
    return { ok: false, problems: log.finish() };
  }
  const geoKeys = (image.getGeoKeys() ?? {}) as Record<string, number>;
  const epsg = geoKeys.ProjectedCSTypeGeoKey ?? geoKeys.GeographicTypeGeoKey;
  if (!epsg) {
    log.error({}, 'crs', `no EPSG code in the GeoTIFF keys; expected one of ${SUPPORTED_CRS}`);
    return { ok: false, problems: log.finish() };
  }
  const def = projDefinition(epsg);
  if (def === null) {
    log.error({}, 'crs', `EPSG:${epsg} is not supported; expected one of ${SUPPORTED_CRS}`);
    return { ok: false, problems: log.finish() };
  }
  const cols = image.getWidth(), rows = image.getHeight();
  const [x0, y0] = image.getOrigin();
  const [dx, dy] = image.getResolution();
  const nodata = image.getGDALNoData();
  const bandCount = image.getSamplesPerPixel();
  const names: string[] = [];
  for (let b = 0; b < bandCount; b++) {
    const desc = ((await image.getGDALMetadata(b)) as Record<string, string> | null)?.DESCRIPTION;
    names.push(desc ?? (bandCount === 1 ? 'total' : `band_${b + 1}`));
  }
  const { plans } = planCounts(names, settings);
  for (const l of settings.levels) {
    const p = plans[l.id];
    if (!p) log.warning({}, l.id, `no band gives this level (bands: ${names.join(', ')}); its children are not assessed and count as 0. For an all-ages band set shareOfTotal.${l.id}`);
    else if (p.estimate) log.warning({}, l.id, `children estimated as ${p.description}`);
  }
  const rasters = (await image.readRasters({ interleave: false })) as unknown as ArrayLike<number>[];
  const valid: number[] = [];
  for (let i = 0; i < cols * rows; i++) {
    let ok = true;
    for (let b = 0; b < bandCount && ok; b++) {
      const v = rasters[b][i];
      if (Number.isNaN(v) || (nodata !== null && v === nodata)) ok = false;
      else if (v < 0) { log.error({}, names[b], `cell (row ${Math.floor(i / cols)}, column ${i % cols}) holds ${v}; expected a count of people (0 or more) or nodata`); ok = false; }
    }
    if (ok) valid.push(i);
  }
  if (valid.length === 0) log.error({}, undefined, 'every cell is nodata; expected population counts');
  if (log.hasErrors) return { ok: false, problems: log.finish() };

  const n = valid.length;
  const project = toLonLat(def || null);
  const lon = new Float64Array(n), lat = new Float64Array(n);
  const cellByUnit = Uint32Array.from(valid);
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
    log.error({}, 'crs', `cell centres do not map to valid lon/lat (${bad.message}); check the GeoTIFF's coordinate system`);
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
