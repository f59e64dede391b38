import { grouped, type LoadLimits } from './limits';
import { coded, type Coded } from './problems';

/**
 * What the first image of a TIFF declares, read with every offset checked against the file size.
 * The GeoTIFF library trusts these numbers and allocates what they ask for; this is read first so
 * that a header that lies (100,000 x 100,000 cells in 300 bytes, values past the end) is refused
 * with a message instead of exhausting memory.
 */
export interface TiffLayout {
  width: number;
  height: number;
  bands: number;
  bitsPerSample: number[];
  sampleFormat: number[];
  compression: number;
  predictor: number;
  planar: 1 | 2;
  tiled: boolean;
  /** cells of one strip or tile */
  blockWidth: number;
  blockHeight: number;
  /** bytes one decoded strip or tile holds at most */
  blockBytes: number;
}

export type TiffCheck = { ok: true; layout: TiffLayout } | { ok: false; field?: string; problem: Coded };

const TAGS: Record<number, string> = {
  256: 'ImageWidth', 257: 'ImageLength', 258: 'BitsPerSample', 259: 'Compression', 273: 'StripOffsets',
  277: 'SamplesPerPixel', 278: 'RowsPerStrip', 279: 'StripByteCounts', 284: 'PlanarConfiguration',
  317: 'Predictor', 322: 'TileWidth', 323: 'TileLength', 324: 'TileOffsets', 325: 'TileByteCounts', 339: 'SampleFormat',
};
const TAG_ID = Object.fromEntries(Object.entries(TAGS).map(([id, name]) => [name, Number(id)])) as Record<string, number>;

/** bytes of one value of each TIFF field type */
const TYPE_SIZE: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4, 16: 8, 17: 8, 18: 8 };
const INTEGER_TYPES = new Set([1, 3, 4, 6, 8, 9, 13, 16, 17, 18]);

/** Compressions whose output the loader can bound while decoding (see rasterDecoders.ts). */
export const SUPPORTED_COMPRESSION: Record<number, string> = { 1: 'none', 5: 'LZW', 8: 'Deflate', 32946: 'Deflate', 32773: 'PackBits' };
const OTHER_COMPRESSION: Record<number, string> = {
  2: 'CCITT RLE', 3: 'CCITT fax 3', 4: 'CCITT fax 4', 6: 'old-style JPEG', 7: 'JPEG', 34887: 'LERC', 34925: 'LZMA', 50000: 'ZSTD', 50001: 'WebP',
};

interface Entry { tag: number; type: number; count: number; at: number }

const GDAL_METADATA = 42112, MAX_METADATA_BYTES = 1_000_000;

class Bad extends Error {
  readonly problem: Coded;
  constructor(readonly field: string | undefined, code: string, params: Coded['params'], text: string) { super(text); this.problem = coded(code, params, text); }
}

/**
 * Reads and checks the layout of the first image of a TIFF or BigTIFF against the file size and the
 * limits. Never throws.
 * @example inspectTiff(bytes, DEFAULT_LOAD_LIMITS) // { ok: false, field: 'ImageWidth', problem: { code: 'tiffSideTooLarge', ... } }
 */
export function inspectTiff(bytes: Uint8Array, limits: LoadLimits): TiffCheck {
  try {
    return { ok: true, layout: inspect(bytes, limits) };
  } catch (e) {
    if (e instanceof Bad) return { ok: false, field: e.field, problem: e.problem };
    const detail = (e as Error).message;
    return { ok: false, problem: coded('tiffHeaderUnreadable', { detail }, `cannot read the TIFF header (${detail})`) };
  }
}

function inspect(bytes: Uint8Array, limits: LoadLimits): TiffLayout {
  const size = bytes.length;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (size < 8) throw new Bad(undefined, 'tiffShort', { count: size }, `is ${size} bytes long; a TIFF needs at least 8`);
  const le = bytes[0] === 0x49;
  const u16 = (at: number) => view.getUint16(at, le);
  const u32 = (at: number) => view.getUint32(at, le);
  const u64 = (at: number) => Number(view.getBigUint64(at, le));
  if (!((bytes[0] === 0x49 && bytes[1] === 0x49) || (bytes[0] === 0x4d && bytes[1] === 0x4d)) || (u16(2) !== 42 && u16(2) !== 43)) {
    throw new Bad(undefined, 'tiffNotTiff', {}, 'does not start like a TIFF (II*\\0 or MM\\0*); expected a GeoTIFF');
  }
  const big = u16(2) === 43;
  if (big && (size < 16 || u16(4) !== 8)) throw new Bad(undefined, 'tiffBigHeader', {}, 'BigTIFF header is damaged; expected 8-byte offsets');
  const offsetSize = big ? 8 : 4;
  const off = big ? u64 : u32;
  const ifd = off(big ? 8 : 4);
  const countSize = big ? 8 : 2, entrySize = big ? 20 : 12;
  if (ifd < 8 || ifd + countSize > size) throw new Bad(undefined, 'tiffIfdOutside', { at: ifd, size }, `the first image directory starts at byte ${grouped(ifd)}, outside the ${grouped(size)}-byte file; the file is truncated or damaged`);
  const n = big ? u64(ifd) : u16(ifd);
  if (n === 0) throw new Bad(undefined, 'tiffIfdEmpty', {}, 'the first image directory is empty; expected the tags of an image');
  if (ifd + countSize + n * entrySize > size) throw new Bad(undefined, 'tiffIfdTooMany', { count: n, size }, `the first image directory declares ${grouped(n)} tags, more than the ${grouped(size)}-byte file holds; the file is truncated or damaged`);

  const entries = new Map<number, Entry>();
  for (let k = 0; k < n; k++) {
    const e = ifd + countSize + k * entrySize;
    const tag = u16(e), type = u16(e + 2);
    const count = big ? u64(e + 4) : u32(e + 4);
    const width = TYPE_SIZE[type];
    const name = TAGS[tag] ?? `tag ${tag}`;
    if (width === undefined) {
      if (TAGS[tag]) throw new Bad(name, 'tiffFieldType', { type }, `has unknown field type ${type}; expected SHORT or LONG`);
      continue; // readers skip unknown types; the GeoTIFF library is not asked for them either
    }
    const length = count * width;
    const inline = length <= offsetSize;
    const at = inline ? e + 4 + offsetSize : off(e + 4 + offsetSize);
    if (!inline && (at + length > size || !Number.isSafeInteger(at + length))) {
      throw new Bad(name, 'tiffValuesPastEnd', { count, from: at, to: at + length, size }, `its ${grouped(count)} values lie past the end of the file (bytes ${grouped(at)} to ${grouped(at + length)} of ${grouped(size)}); the file is truncated or damaged`);
    }
    // the library parses GDAL's XML metadata once per band: kilobytes in real files
    if (tag === GDAL_METADATA && length > MAX_METADATA_BYTES) {
      throw new Bad('GDAL_METADATA', 'tiffMetadataTooLarge', { count: length, max: MAX_METADATA_BYTES }, `is ${grouped(length)} bytes; expected at most ${grouped(MAX_METADATA_BYTES)} of band names and metadata`);
    }
    entries.set(tag, { tag, type, count, at });
  }

  const read = (name: string, max = Infinity): number[] | undefined => {
    const e = entries.get(TAG_ID[name]);
    if (!e) return undefined;
    if (!INTEGER_TYPES.has(e.type)) throw new Bad(name, 'tiffNotInteger', { type: e.type }, `is stored as field type ${e.type}; expected whole numbers (SHORT or LONG)`);
    const out: number[] = [];
    const w = TYPE_SIZE[e.type];
    for (let i = 0; i < Math.min(e.count, max); i++) {
      const p = e.at + i * w;
      switch (e.type) {
        case 1: out.push(view.getUint8(p)); break;
        case 6: out.push(view.getInt8(p)); break;
        case 3: out.push(u16(p)); break;
        case 8: out.push(view.getInt16(p, le)); break;
        case 4: case 13: out.push(u32(p)); break;
        case 9: out.push(view.getInt32(p, le)); break;
        case 17: out.push(Number(view.getBigInt64(p, le))); break;
        default: out.push(u64(p));
      }
    }
    return out;
  };
  const one = (name: string, fallback?: number): number => {
    const v = read(name, 1);
    if (!v || v.length === 0) {
      if (fallback !== undefined) return fallback;
      throw new Bad(name, 'tiffTagMissing', {}, 'is missing; expected the tag every TIFF image has');
    }
    return v[0];
  };

  const width = one('ImageWidth'), height = one('ImageLength');
  for (const [name, v] of [['ImageWidth', width], ['ImageLength', height]] as const) {
    if (v < 1) throw new Bad(name, 'tiffSideZero', { value: v }, `is ${v}; expected at least 1 cell`);
    if (v > limits.maxRasterSide) throw new Bad(name, 'tiffSideTooLarge', { count: v, max: limits.maxRasterSide }, `declares ${grouped(v)} cells; the limit is ${grouped(limits.maxRasterSide)} a side: clip the raster to the district (e.g. gdal_translate -projwin) or use coarser cells`);
  }
  const bands = one('SamplesPerPixel', 1);
  if (bands < 1) throw new Bad('SamplesPerPixel', 'tiffBandsZero', { value: bands }, `is ${bands}; expected at least 1 band`);
  if (bands > limits.maxRasterBands) throw new Bad('SamplesPerPixel', 'tiffBandsTooMany', { count: bands, max: limits.maxRasterBands }, `declares ${grouped(bands)} bands; the limit is ${grouped(limits.maxRasterBands)}`);
  const cells = width * height * bands;
  if (cells > limits.maxRasterCells) {
    throw new Bad('ImageWidth', 'tiffCellsTooMany', { width, height, bands, count: cells, max: limits.maxRasterCells }, `${grouped(width)} x ${grouped(height)} cells x ${bands} band(s) = ${grouped(cells)} values; the limit is ${grouped(limits.maxRasterCells)}: clip the raster to the district (e.g. gdal_translate -projwin) or use coarser cells`);
  }

  const bitsPerSample = perBand(read('BitsPerSample', bands + 1), bands, 'BitsPerSample', 1);
  const sampleFormat = perBand(read('SampleFormat', bands + 1), bands, 'SampleFormat', 1);
  for (let b = 0; b < bands; b++) {
    const bits = bitsPerSample[b], fmt = sampleFormat[b];
    const band = bands > 1 ? `band ${b + 1} ` : '';
    // one code with the band's number when the image has several bands
    const banded = (code: string) => (bands > 1 ? `${code}Band` : code);
    const at: Record<string, number> = bands > 1 ? { band: b + 1 } : {};
    if (fmt === 1 || fmt === 2) {
      if (bits !== 8 && bits !== 16 && bits !== 32) throw new Bad('BitsPerSample', banded('tiffIntBits'), { ...at, bits, signedness: fmt === 1 ? 'unsigned' : 'signed' }, `${band}has ${bits}-bit ${fmt === 1 ? 'unsigned' : 'signed'} integers; expected 8, 16 or 32 bits`);
    } else if (fmt === 3) {
      if (bits !== 16 && bits !== 32 && bits !== 64) throw new Bad('BitsPerSample', banded('tiffFloatBits'), { ...at, bits }, `${band}has ${bits}-bit floating point values; expected 16, 32 or 64 bits`);
    } else {
      const what = fmt === 4 ? 'untyped' : fmt === 5 ? 'complex integer' : fmt === 6 ? 'complex floating point' : 'unknown';
      throw new Bad('SampleFormat', banded('tiffSampleFormat'), { ...at, what, format: fmt }, `${band}is ${what} (${fmt}); expected unsigned integers (1), signed integers (2) or floating point (3) counts`);
    }
  }

  const compression = one('Compression', 1);
  if (!SUPPORTED_COMPRESSION[compression]) {
    const method = OTHER_COMPRESSION[compression];
    const name = method ? `${method} (${compression})` : `${compression}, an unknown method,`;
    throw new Bad('Compression', method ? 'tiffCompression' : 'tiffCompressionUnknown', { method: method ?? '', value: compression }, `${name} is not supported; expected none, LZW, Deflate or PackBits (e.g. gdal_translate -co COMPRESS=DEFLATE)`);
  }
  const predictor = one('Predictor', 1);
  if (predictor !== 1 && predictor !== 2 && predictor !== 3) throw new Bad('Predictor', 'tiffPredictor', { value: predictor }, `is ${predictor}; expected 1 (none), 2 (horizontal) or 3 (floating point)`);
  if (predictor !== 1 && bitsPerSample.some((b) => b !== bitsPerSample[0])) throw new Bad('Predictor', 'tiffPredictorMixed', {}, 'is used with bands of different sizes; expected bands of one size');
  const planarValue = one('PlanarConfiguration', 1);
  if (planarValue !== 1 && planarValue !== 2) throw new Bad('PlanarConfiguration', 'tiffPlanar', { value: planarValue }, `is ${planarValue}; expected 1 (pixels interleaved) or 2 (one plane per band)`);
  const planar = planarValue as 1 | 2;

  // strips or tiles, as the GeoTIFF library tells them apart
  const tiled = !entries.has(TAG_ID.StripOffsets);
  const offsetsName = tiled ? 'TileOffsets' : 'StripOffsets', countsName = tiled ? 'TileByteCounts' : 'StripByteCounts';
  const block = tiled ? 'tile' : 'strip';
  if (tiled && !entries.has(TAG_ID.TileOffsets)) throw new Bad('StripOffsets', 'tiffNoOffsets', {}, 'is missing, and so is TileOffsets; expected where the cells are stored');
  let blockWidth: number, blockHeight: number;
  if (tiled) {
    blockWidth = one('TileWidth');
    blockHeight = one('TileLength');
    for (const [name, v] of [['TileWidth', blockWidth], ['TileLength', blockHeight]] as const) {
      if (v < 1) throw new Bad(name, 'tiffSideZero', { value: v }, `is ${v}; expected at least 1 cell`);
      if (v > limits.maxRasterSide) throw new Bad(name, 'tiffTileTooLarge', { count: v, max: limits.maxRasterSide }, `declares ${grouped(v)} cells; the limit is ${grouped(limits.maxRasterSide)} a side`);
    }
  } else {
    blockWidth = width;
    const rows = one('RowsPerStrip', height);
    if (rows < 1) throw new Bad('RowsPerStrip', 'tiffRowsZero', { value: rows }, `is ${rows}; expected at least 1 row`);
    blockHeight = Math.min(rows, height);
  }
  const blockSamples = planar === 1 ? bands : 1;
  if (blockWidth * blockHeight * blockSamples > limits.maxRasterCells) {
    throw new Bad(tiled ? 'TileWidth' : 'RowsPerStrip', 'tiffBlockTooLarge', { block, width: blockWidth, height: blockHeight, max: limits.maxRasterCells }, `one ${block} of ${grouped(blockWidth)} x ${grouped(blockHeight)} cells exceeds the limit of ${grouped(limits.maxRasterCells)} values`);
  }
  const bytesOf = (b: number) => Math.ceil(bitsPerSample[b] / 8);
  const pixelBytes = planar === 1 ? bitsPerSample.reduce((s, _, b) => s + bytesOf(b), 0) : Math.max(...bitsPerSample.map((_, b) => bytesOf(b)));
  const blockBytes = blockWidth * blockHeight * pixelBytes;

  const across = Math.ceil(width / blockWidth), down = Math.ceil(height / blockHeight);
  const expected = across * down * (planar === 2 ? bands : 1);
  // blocks hang over the image's right and bottom edges; decoded, they may all be in memory at once
  const decodedValues = across * down * blockWidth * blockHeight * bands;
  if (decodedValues > 2 * limits.maxRasterCells) {
    throw new Bad(tiled ? 'TileWidth' : 'RowsPerStrip', 'tiffBlocksTooLarge', { count: expected, blocks: `${block}s`, width: blockWidth, height: blockHeight, values: decodedValues, max: limits.maxRasterCells }, `${grouped(expected)} ${block}s of ${grouped(blockWidth)} x ${grouped(blockHeight)} cells decode to ${grouped(decodedValues)} values, more than twice the limit of ${grouped(limits.maxRasterCells)}`);
  }
  const offsets = read(offsetsName, expected) ?? [];
  const counts = read(countsName, expected);
  if (!counts) throw new Bad(countsName, 'tiffNoCounts', { block }, `is missing; expected the size of each ${block}`);
  for (const [name, got] of [[offsetsName, offsets.length], [countsName, counts.length]] as const) {
    if (got < expected) throw new Bad(name, 'tiffTooFewValues', { count: got, needed: expected, blocks: `${block}s` }, `has ${grouped(got)} value(s) for the ${grouped(expected)} ${block}s the image needs; the file is damaged`);
  }
  for (let i = 0; i < expected; i++) {
    const at = offsets[i], count = counts[i];
    if (count === 0) continue; // a sparse block: the library fills it with nodata
    if (at < 0 || count < 0 || at + count > size) {
      throw new Bad(offsetsName, 'tiffBlockPastEnd', { block, index: i, from: at, to: at + count, size }, `${block} ${i} lies past the end of the file (bytes ${grouped(at)} to ${grouped(at + count)} of ${grouped(size)}); the file is truncated or damaged`);
    }
    if (compression === 1) {
      const rows = tiled ? blockHeight : Math.min(blockHeight, height - Math.floor((i % (across * down)) / across) * blockHeight);
      const need = blockWidth * rows * (planar === 1 ? pixelBytes : bytesOf(Math.floor(i / (across * down))));
      if (count < need) throw new Bad(countsName, 'tiffBlockShort', { block, index: i, count, needed: need }, `${block} ${i} holds ${grouped(count)} bytes; its uncompressed cells need ${grouped(need)}. The file is truncated or damaged`);
    }
  }
  return { width, height, bands, bitsPerSample, sampleFormat, compression, predictor, planar, tiled, blockWidth, blockHeight, blockBytes };
}

/** A per-band tag: one value per band (the TIFF default for all bands when missing). */
function perBand(values: number[] | undefined, bands: number, name: string, fallback: number): number[] {
  if (!values || values.length === 0) return Array.from({ length: bands }, () => fallback);
  if (values.length >= bands) return values.slice(0, bands);
  // the GeoTIFF library reads band b from value b: a short list cannot be read
  throw new Bad(name, 'tiffPerBand', { count: values.length, bands }, `has ${values.length} values for ${bands} bands; expected one per band`);
}
