import { openDB } from 'idb';
import * as maplibregl from 'maplibre-gl';
import { FileSource, PMTiles, Protocol } from 'pmtiles';

/*
 * A PMTiles basemap the planner opens once: the file is kept in this browser (IndexedDB, as a Blob: no
 * copy in memory) and read tile by tile through the pmtiles protocol, so the map draws with no network.
 */

let protocol: Protocol | null = null;

/** Registers `pmtiles://` with MapLibre, once per page. */
export function pmtilesProtocol(): Protocol {
  if (!protocol) {
    protocol = new Protocol();
    maplibregl.addProtocol('pmtiles', protocol.tile);
  }
  return protocol;
}

/** The `pmtiles://` address of a local file, registered with the protocol (the key is the file's name). */
export function pmtilesUrlOf(file: File): string {
  const p = new PMTiles(new FileSource(file));
  pmtilesProtocol().add(p);
  return `pmtiles://${p.source.getKey()}`;
}

/** Checks that a file is a PMTiles v3 archive of vector tiles before it is kept; throws with the reason. */
export async function checkPmtiles(file: File): Promise<void> {
  const magic = new Uint8Array(await file.slice(0, 8).arrayBuffer());
  if (String.fromCharCode(...magic.slice(0, 7)) !== 'PMTiles') throw new Error(`${file.name}: not a PMTiles file`);
  if (magic[7] !== 3) throw new Error(`${file.name}: PMTiles version ${magic[7]}; expected version 3`);
  const header = await new PMTiles(new FileSource(file)).getHeader();
  // tile type 1 = Mapbox Vector Tiles; raster archives need another style
  if (header.tileType !== 1) throw new Error(`${file.name}: holds raster tiles; expected vector tiles (a Protomaps basemap)`);
}

const DB = 'planner-basemap', STORE = 'files', KEY = 'pmtiles';
const db = () => openDB(DB, 1, { upgrade(d) { d.createObjectStore(STORE); } });

/** Keeps the file in this browser, replacing the previous one. */
export async function keepPmtiles(file: File): Promise<void> {
  await (await db()).put(STORE, file, KEY);
}

/** The kept file, or null (none kept, or no IndexedDB). */
export async function keptPmtiles(): Promise<File | null> {
  try {
    const f: unknown = await (await db()).get(STORE, KEY);
    return f instanceof File ? f : f instanceof Blob ? new File([f], 'basemap.pmtiles') : null;
  } catch {
    return null;
  }
}
