import proj4 from 'proj4';

/**
 * proj4 definitions of the projected coordinate systems the raster reader understands, by EPSG code.
 * UTM zones (326xx north, 327xx south) are generated.
 */
const KNOWN: Record<number, string> = {
  3857: '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +no_defs',
  27700: '+proj=tmerc +lat_0=49 +lon_0=-2 +k=0.9996012717 +x_0=400000 +y_0=-100000 +ellps=airy +towgs84=446.448,-125.157,542.06,0.15,0.247,0.842,-20.489 +units=m +no_defs',
  2157: '+proj=tmerc +lat_0=53.5 +lon_0=-8 +k=0.99982 +x_0=600000 +y_0=750000 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs',
  29902: '+proj=tmerc +lat_0=53.5 +lon_0=-8 +k=1.000035 +x_0=200000 +y_0=250000 +ellps=mod_airy +towgs84=482.5,-130.6,564.6,-1.042,-0.214,-0.631,8.15 +units=m +no_defs',
  29903: '+proj=tmerc +lat_0=53.5 +lon_0=-8 +k=1.000035 +x_0=200000 +y_0=250000 +ellps=mod_airy +towgs84=482.5,-130.6,564.6,-1.042,-0.214,-0.631,8.15 +units=m +no_defs',
};

/** proj4 definition for an EPSG code, null when unknown. 4326 gives '' (already lon/lat). */
export function projDefinition(epsg: number): string | null {
  if (epsg === 4326) return '';
  if (KNOWN[epsg]) return KNOWN[epsg];
  if (epsg > 32600 && epsg <= 32660) return `+proj=utm +zone=${epsg - 32600} +datum=WGS84 +units=m +no_defs`;
  if (epsg > 32700 && epsg <= 32760) return `+proj=utm +zone=${epsg - 32700} +south +datum=WGS84 +units=m +no_defs`;
  return null;
}

export const SUPPORTED_CRS = 'EPSG:4326, 3857, 27700, 2157, 29902/29903 and UTM zones 32601-32660 / 32701-32760';

/** Returns a function from grid x/y to lon/lat degrees. */
export function toLonLat(def: string | null): (x: number, y: number) => [number, number] {
  if (!def) return (x, y) => [x, y];
  const converter = proj4(def, 'EPSG:4326');
  return (x, y) => converter.forward([x, y]) as [number, number];
}
