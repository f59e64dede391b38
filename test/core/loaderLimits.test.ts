import { readFileSync } from 'node:fs';
import { getDecoder } from 'geotiff';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LOAD_LIMITS, defaultSettings, loadPopulation, loadSchools, parseJsonSafely, resolveSettings } from '../../src/core/index';
import { checkJsonText } from '../../src/core/load/parseJsonSafely';
import { lzwDecode } from '../../src/core/load/rasterDecoders';
import { errorsOf } from '../helpers';
import { deflate, lzwEncode, packBits, rasterTiff, TAG, type TiffTag } from '../fixtures/hostile/tiff';

const settings = resolveSettings({ shareOfTotal: { primary: 0.5, junior: 0.25 } });
const load = (bytes: Uint8Array, file = 'pop.tif', limits?: Parameters<typeof loadPopulation>[3]) => loadPopulation(file, bytes, settings, limits);
const hostile = (f: string) => new Uint8Array(readFileSync(`test/fixtures/hostile/files/${f}`));
const long = (tag: number, ...values: number[]): TiffTag => ({ tag, type: 4, values });
const short = (tag: number, ...values: number[]): TiffTag => ({ tag, type: 3, values });
const float32Bytes = (values: number[]) => new Uint8Array(new Float32Array(values).buffer);
const sumPrimary = (r: Awaited<ReturnType<typeof load>>) => (r.ok ? Array.from(r.value.childrenByLevel.primary).reduce((a, b) => a + b, 0) : NaN);

describe('GeoTIFF: declared sizes are checked before anything is allocated', () => {
  it('a 290-byte file claiming 100,000 x 100,000 cells is refused by ImageWidth, with the limit', async () => {
    const bytes = hostile('lying-header.tif');
    expect(bytes.length).toBeLessThan(400);
    expect(errorsOf(await load(bytes, 'lying-header.tif'))).toEqual([
      'lying-header.tif: ImageWidth: declares 100,000 cells; the limit is 25,000 a side: clip the raster to the district (e.g. gdal_translate -projwin) or use coarser cells',
    ]);
  });

  it('refuses width x height x bands beyond maxRasterCells, also in a BigTIFF', async () => {
    const lie = [long(TAG.ImageWidth, 20_000), long(TAG.ImageLength, 20_000), long(TAG.RowsPerStrip, 20_000)];
    for (const big of [false, true]) {
      const r = await load(rasterTiff({ width: 1, height: 1, override: lie, big }));
      expect(errorsOf(r)).toEqual(['pop.tif: ImageWidth: 20,000 x 20,000 cells x 1 band(s) = 400,000,000 values; the limit is 50,000,000: clip the raster to the district (e.g. gdal_translate -projwin) or use coarser cells']);
    }
  });

  it('the limits are options: a 4 x 3 raster loads by default and is refused under smaller limits', async () => {
    const bytes = rasterTiff({ width: 4, height: 3, values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] });
    const r = await load(bytes);
    expect(errorsOf(r)).toEqual([]);
    expect(sumPrimary(r)).toBe(0.5 * 78);
    expect(DEFAULT_LOAD_LIMITS.maxRasterCells).toBe(50_000_000);
    expect(errorsOf(await load(bytes, 'pop.tif', { limits: { maxRasterCells: 11 } }))).toEqual([
      'pop.tif: ImageWidth: 4 x 3 cells x 1 band(s) = 12 values; the limit is 11: clip the raster to the district (e.g. gdal_translate -projwin) or use coarser cells',
    ]);
    expect(errorsOf(await load(bytes, 'pop.tif', { limits: { maxRasterSide: 3 } }))[0]).toMatch(/^pop\.tif: ImageWidth: declares 4 cells; the limit is 3 a side/);
  });

  it('refuses strips and tag values that point past the end of the file', async () => {
    expect(errorsOf(await load(hostile('strip-past-eof.tif'), 'strip-past-eof.tif'))).toEqual([
      'strip-past-eof.tif: StripOffsets: strip 0 lies past the end of the file (bytes 1,000,000 to 1,000,048 of 334); the file is truncated or damaged',
    ]);
    // 3 strips declared, their offsets stored out of line at a position beyond the file
    const tiff = rasterTiff({ width: 4, height: 3, override: [long(TAG.RowsPerStrip, 1), long(TAG.StripOffsets, 8, 24, 40), long(TAG.StripByteCounts, 16, 16, 16)] });
    const view = new DataView(tiff.buffer);
    const ifd = view.getUint32(4, true), n = view.getUint16(ifd, true);
    for (let k = 0; k < n; k++) if (view.getUint16(ifd + 2 + k * 12, true) === TAG.StripOffsets) view.setUint32(ifd + 2 + k * 12 + 8, 0x7fff_0000, true);
    expect(errorsOf(await load(tiff))).toEqual([`pop.tif: StripOffsets: its 3 values lie past the end of the file (bytes 2,147,418,112 to 2,147,418,124 of ${tiff.length}); the file is truncated or damaged`]);
  });

  it('lets tiles, one plane per band and BigTIFF through, and refuses a tile past the end of the file', async () => {
    const values = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
    // one 16 x 16 tile holding the 4 x 3 cells in its top-left corner
    const tile = new Float32Array(256);
    values.forEach((v, i) => { tile[Math.floor(i / 4) * 16 + (i % 4)] = v; });
    const tiled = (offset: number) => rasterTiff({
      width: 4, height: 3, strip: new Uint8Array(tile.buffer), drop: [TAG.StripOffsets, TAG.StripByteCounts, TAG.RowsPerStrip],
      override: [long(TAG.TileWidth, 16), long(TAG.TileLength, 16), long(TAG.TileOffsets, offset), long(TAG.TileByteCounts, 1024)],
    });
    const good = await load(tiled(8));
    expect(errorsOf(good)).toEqual([]);
    expect(sumPrimary(good)).toBe(33);
    expect(errorsOf(await load(tiled(1000)))).toEqual(['pop.tif: TileOffsets: tile 0 lies past the end of the file (bytes 1,000 to 2,024 of 1,322); the file is truncated or damaged']);
    // two bands stored one plane after the other: one strip each
    const planes = rasterTiff({
      width: 4, height: 3, values: [...values, ...values.map((v) => v * 10)],
      override: [short(TAG.SamplesPerPixel, 2), short(TAG.BitsPerSample, 32, 32), short(TAG.SampleFormat, 3, 3), short(TAG.PlanarConfiguration, 2), long(TAG.StripOffsets, 8, 56), long(TAG.StripByteCounts, 48, 48)],
    });
    const r = await load(planes);
    expect(r.ok && r.value.count).toBe(12);
    const big = await load(rasterTiff({ width: 4, height: 3, values, big: true }));
    expect(sumPrimary(big)).toBe(33);
  });

  it('refuses an uncompressed strip shorter than its cells and a strip list shorter than the image', async () => {
    expect(errorsOf(await load(rasterTiff({ width: 4, height: 3, override: [long(TAG.StripByteCounts, 20)] })))).toEqual([
      'pop.tif: StripByteCounts: strip 0 holds 20 bytes; its uncompressed cells need 48. The file is truncated or damaged',
    ]);
    expect(errorsOf(await load(rasterTiff({ width: 4, height: 3, override: [long(TAG.RowsPerStrip, 1)] })))).toEqual([
      'pop.tif: StripOffsets: has 1 value(s) for the 3 strips the image needs; the file is damaged',
    ]);
  });

  it('refuses what cannot be represented: zero sizes, 1-bit cells, complex samples, JPEG, a tile larger than the limit', async () => {
    const cases: [TiffTag[], string][] = [
      [[long(TAG.ImageWidth, 0)], 'pop.tif: ImageWidth: is 0; expected at least 1 cell'],
      [[short(TAG.BitsPerSample, 1), short(TAG.SampleFormat, 1)], 'pop.tif: BitsPerSample: has 1-bit unsigned integers; expected 8, 16 or 32 bits'],
      [[short(TAG.SampleFormat, 6)], 'pop.tif: SampleFormat: is complex floating point (6); expected unsigned integers (1), signed integers (2) or floating point (3) counts'],
      [[short(TAG.Compression, 7)], 'pop.tif: Compression: JPEG (7) is not supported; expected none, LZW, Deflate or PackBits (e.g. gdal_translate -co COMPRESS=DEFLATE)'],
      [[short(TAG.SamplesPerPixel, 2)], 'pop.tif: BitsPerSample: has 1 values for 2 bands; expected one per band'],
      [[long(TAG.TileWidth, 16), long(TAG.TileLength, 20_000), long(TAG.TileOffsets, 8), long(TAG.TileByteCounts, 48)], 'pop.tif: TileWidth: one tile of 16 x 20,000 cells exceeds the limit of 100 values'],
    ];
    for (const [override, message] of cases) {
      const drop = override.some((t) => t.tag === TAG.TileWidth) ? [TAG.StripOffsets, TAG.StripByteCounts, TAG.RowsPerStrip] : [];
      const r = await load(rasterTiff({ width: 4, height: 3, override, drop }), 'pop.tif', { limits: { maxRasterCells: 100 } });
      expect(errorsOf(r)).toEqual([message]);
    }
    // 63 cells, but three 10 x 10 tiles hanging over the edge decode to 300 values
    const overhang = rasterTiff({
      width: 21, height: 3, strip: new Uint8Array(400), drop: [TAG.StripOffsets, TAG.StripByteCounts, TAG.RowsPerStrip],
      override: [long(TAG.TileWidth, 10), long(TAG.TileLength, 10), long(TAG.TileOffsets, 8, 8, 8), long(TAG.TileByteCounts, 400, 400, 400)],
    });
    expect(errorsOf(await load(overhang, 'pop.tif', { limits: { maxRasterCells: 100 } }))).toEqual(['pop.tif: TileWidth: 3 tiles of 10 x 10 cells decode to 300 values, more than twice the limit of 100']);
    expect(errorsOf(await load(overhang, 'pop.tif', { limits: { maxRasterCells: 150 } }))).toEqual([]);
  });

  it('wraps what the GeoTIFF library cannot read into a problem instead of throwing', async () => {
    // no georeferencing at all: the library throws when asked for the origin
    const r = await load(rasterTiff({ width: 4, height: 3, drop: [TAG.ModelPixelScale, TAG.ModelTiepoint] }));
    expect(errorsOf(r)).toEqual(['pop.tif: ModelTiepoint: missing; expected the georeferencing of the grid (ModelTiepoint and ModelPixelScale, or ModelTransformation)']);
    // a cell of +Infinity people is not a count
    const inf = await load(rasterTiff({ width: 2, height: 1, values: [1, Infinity] }));
    expect(errorsOf(inf)).toEqual(['pop.tif: total: cell (row 0, column 1) holds Infinity; expected a count of people (0 or more) or nodata']);
    // a header that is only a magic number
    expect(errorsOf(await load(new Uint8Array([0x49, 0x49, 42, 0, 0xff, 0xff, 0xff, 0x0f]))))
      .toEqual(['pop.tif: the first image directory starts at byte 268,435,455, outside the 8-byte file; the file is truncated or damaged']);
  });
});

describe('GeoTIFF: compressed strips are decoded no further than their cells need', () => {
  const values = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
  const zeros = new Uint8Array(4_000_000);

  it('Deflate: reads a good strip, refuses a strip that inflates to megabytes', async () => {
    const good = await load(rasterTiff({ width: 4, height: 3, strip: await deflate(float32Bytes(values)), override: [short(TAG.Compression, 8)] }));
    expect(errorsOf(good)).toEqual([]);
    expect(sumPrimary(good)).toBe(33);
    const bomb = await deflate(zeros);
    expect(bomb.length).toBeLessThan(zeros.length / 100);
    const r = await load(rasterTiff({ width: 4, height: 3, strip: bomb, override: [short(TAG.Compression, 8)] }));
    expect(errorsOf(r)).toEqual(['pop.tif: Compression: a strip or tile decompresses to more than the 48 bytes its cells need; the file is damaged or hostile']);
  });

  it('LZW (with a horizontal predictor): reads a good strip like the library does, refuses a bomb', async () => {
    // predictor 2 on 32-bit samples: each row stores differences of the raw words
    const words = new Uint32Array(new Float32Array(values).buffer);
    const diff = Uint32Array.from(words, (w, i) => (i % 4 === 0 ? w : (w - words[i - 1]) >>> 0));
    const good = await load(rasterTiff({ width: 4, height: 3, strip: lzwEncode(new Uint8Array(diff.buffer)), override: [short(TAG.Compression, 5), short(TAG.Predictor, 2)] }));
    expect(errorsOf(good)).toEqual([]);
    expect(sumPrimary(good)).toBe(33);
    const r = await load(rasterTiff({ width: 4, height: 3, strip: lzwEncode(zeros), override: [short(TAG.Compression, 5)] }));
    expect(errorsOf(r)).toEqual(['pop.tif: Compression: a strip or tile decompresses to more than the 48 bytes its cells need; the file is damaged or hostile']);
    // on a long input (all code widths, table restarts) the bounded decoder agrees with the GeoTIFF library's
    let seed = 7;
    const data = Uint8Array.from({ length: 20_000 }, (_, i) => { seed = (seed * 1103515245 + 12345) >>> 0; return i % 3 === 0 ? seed >>> 24 : (seed >>> 28); });
    const encoded = lzwEncode(data);
    const library = await getDecoder(5, { tileWidth: data.length, tileHeight: 1, predictor: 1, bitsPerSample: [8], planarConfiguration: 1 });
    const theirs = new Uint8Array(await library.decode(encoded.slice().buffer));
    const ours = new Uint8Array(lzwDecode(encoded, data.length));
    expect(theirs).toEqual(data);
    expect(ours).toEqual(data);
    expect(() => lzwDecode(encoded, data.length - 1)).toThrow(/decompresses to more than the 19,999 bytes/);
  });

  it('PackBits: reads a good strip, refuses a bomb', async () => {
    const good = await load(rasterTiff({ width: 4, height: 3, strip: packBits(float32Bytes(values)), override: [short(TAG.Compression, 32773)] }));
    expect(errorsOf(good)).toEqual([]);
    expect(sumPrimary(good)).toBe(33);
    const r = await load(rasterTiff({ width: 4, height: 3, strip: packBits(zeros), override: [short(TAG.Compression, 32773)] }));
    expect(errorsOf(r)).toEqual(['pop.tif: Compression: a strip or tile decompresses to more than the 48 bytes its cells need; the file is damaged or hostile']);
  });
});

describe('JSON: nesting and size are checked before parsing', () => {
  const deep = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);
  const collection = (value: string) => `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"A","level":"primary","primary":${value},"junior":1},"geometry":{"type":"Point","coordinates":[113,28]}}]}`;

  it('refuses 200,000 levels of nesting in population and schools GeoJSON, naming where', async () => {
    const text = collection(deep(200_000));
    const message = 'nests arrays/objects more than 512 levels deep; GeoJSON needs about 8, so the file is refused';
    expect(errorsOf(await loadPopulation('deep.geojson', text, settings))).toEqual([`deep.geojson: features[0].properties.primary[0][0]…: ${message}`]);
    expect(errorsOf(loadSchools('deep.geojson', text, defaultSettings()))).toEqual([`deep.geojson: features[0].properties.primary[0][0]…: ${message}`]);
  });

  it('counts brackets outside strings only, and the limit is an option', async () => {
    expect(checkJsonText('{"a":"[[[[[[\\"[[[[","b":[[1]]}', { maxJsonDepth: 3 })).toBeNull();
    expect(checkJsonText('{"a":"x\\\\","b":[[[1]]]}', { maxJsonDepth: 3 })).toMatchObject({ field: 'b[0][0]', message: 'nests arrays/objects more than 3 levels deep; GeoJSON needs about 8, so the file is refused' });
    const text = collection('1');
    expect(errorsOf(await loadPopulation('a.geojson', text, settings))).toEqual([]);
    expect(errorsOf(await loadPopulation('a.geojson', text, settings, { limits: { maxJsonDepth: 4 } }))).toEqual([
      'a.geojson: features[0].geometry.coordinates: nests arrays/objects more than 4 levels deep; GeoJSON needs about 8, so the file is refused',
    ]);
  });

  it('refuses absurd sizes before decoding or parsing; parseJsonSafely never throws', async () => {
    const bytes = new TextEncoder().encode(collection('1') + ' '.repeat(2000));
    expect(errorsOf(await loadPopulation('big.geojson', bytes, settings, { limits: { maxJsonBytes: 1000 } }))).toEqual([
      'big.geojson: is 2,176 bytes; the limit for a GeoJSON file is 1,000 bytes: clip it to the district or simplify the polygons',
    ]);
    expect(parseJsonSafely('[1]'.padEnd(50), { maxJsonBytes: 10 })).toMatchObject({ ok: false, message: 'is 50 bytes of text; the limit for a JSON file is 10 bytes: clip it to the district or simplify the polygons' });
    // parseJsonSafely never throws: values, syntax errors and deep nesting come back as results
    expect(parseJsonSafely('\ufeff{"a":[1,2]}')).toEqual({ ok: true, value: { a: [1, 2] } });
    expect(parseJsonSafely('{"a":1}\n}garbage')).toMatchObject({ ok: false, message: 'not valid JSON (Unexpected non-whitespace character after JSON at position 8)' });
    const r = parseJsonSafely(deep(100_000));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.field).toBe('[0][0][0][0][0][0]…');
  });

  it('population polygons without rings are problems, not exceptions', async () => {
    const gj = (coordinates: unknown, type = 'Polygon') => JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { id: 'A', primary: 1, junior: 1 }, geometry: { type, coordinates } }] });
    expect(errorsOf(await loadPopulation('p.geojson', gj([]), settings))).toEqual(['p.geojson:feature 0: geometry: malformed polygon coordinates; expected an array of rings of [longitude, latitude] positions']);
    expect(errorsOf(await loadPopulation('p.geojson', gj(null, 'MultiPolygon'), settings))).toEqual(['p.geojson:feature 0: geometry: has no polygons; expected an array of polygons']);
    expect(errorsOf(await loadPopulation('p.geojson', gj(5, 'MultiPolygon'), settings))).toEqual(['p.geojson:feature 0: geometry: has no polygons; expected an array of polygons']);
  });
});

describe('a .json/.geojson name is read as JSON whatever it holds', () => {
  it('reports a bare number as such, not as a CSV', async () => {
    expect(errorsOf(await loadPopulation('n.geojson', '42', settings))).toEqual([
      'n.geojson: holds a number, not a JSON object; expected a GeoJSON FeatureCollection ({"type": "FeatureCollection", "features": [...]})',
    ]);
  });
});
