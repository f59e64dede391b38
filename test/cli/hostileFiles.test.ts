import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultSettings, loadPopulation, loadSchools } from '../../src/core/index';
import { errorsOf } from '../helpers';
import { deflate, rasterTiff, TAG } from '../fixtures/hostile/tiff';

/**
 * Hostile and broken inputs, each through the core loaders and through `validate`: every one must
 * fail with `file: field: message` lines, exit 1, and never crash (no stack trace, no abort).
 * Small files live in test/fixtures/hostile/files; large ones are generated here.
 */
const TSX = join('node_modules', '.bin', 'tsx');
const FILES = 'test/fixtures/hostile/files';

const NOT_AN_OBJECT = (kind: string) => `: holds ${kind}, not a JSON object; expected a GeoJSON FeatureCollection ({"type": "FeatureCollection", "features": [...]})`;
const DEEP = ': features[0].properties.primary[0][0]…: nests arrays/objects more than 512 levels deep; GeoJSON needs about 8, so the file is refused';
const BOMB = ': Compression: a strip or tile decompresses to more than the 48 bytes its cells need; the file is damaged or hostile';

/** file -> problem lines after the path, for the population loader and (JSON files) the schools loader */
type Case = { file: string; population: string[]; schools?: string[] };
const GROUPS: { title: string; cases: Case[] }[] = [
  {
    title: 'GeoTIFFs whose header lies: sizes, offsets past the end, a strip that inflates to megabytes',
    cases: [
      { file: 'lying-header.tif', population: [': ImageWidth: declares 100,000 cells; the limit is 25,000 a side: clip the raster to the district (e.g. gdal_translate -projwin) or use coarser cells'] },
      { file: 'strip-past-eof.tif', population: [': StripOffsets: strip 0 lies past the end of the file (bytes 1,000,000 to 1,000,048 of 334); the file is truncated or damaged'] },
      { file: 'deflate-bomb.tif', population: [BOMB] }, // generated
    ],
  },
  {
    title: 'JSON that is no FeatureCollection: a bare number, null, an array, features null, an empty file, trailing garbage',
    cases: [
      { file: 'bare-number.geojson', population: [NOT_AN_OBJECT('a number')], schools: [NOT_AN_OBJECT('a number')] },
      { file: 'null.geojson', population: [NOT_AN_OBJECT('null')], schools: [NOT_AN_OBJECT('null')] },
      { file: 'array.geojson', population: [NOT_AN_OBJECT('an array')], schools: [NOT_AN_OBJECT('an array')] },
      { file: 'features-null.geojson', population: [': features: missing; expected an array of features'], schools: [': features: missing; expected an array of features'] },
      { file: 'empty.geojson', population: [': file is empty; expected a GeoJSON FeatureCollection'], schools: [': file is empty; expected a GeoJSON FeatureCollection'] },
      {
        file: 'trailing-garbage.geojson',
        population: [': not valid JSON (Unexpected non-whitespace character after JSON at position 195); expected a GeoJSON FeatureCollection'],
        schools: [': not valid JSON (Unexpected non-whitespace character after JSON at position 195); expected a GeoJSON FeatureCollection'],
      },
    ],
  },
  {
    title: 'geometries that are not numbers or have no rings',
    cases: [
      {
        file: 'coordinates-strings.geojson',
        population: [':feature 0: geometry: coordinates are not [longitude, latitude] numbers', ':feature 1: geometry: coordinates are not [longitude, latitude] numbers'],
        schools: [':feature 0: geometry: coordinates are not [longitude, latitude] numbers', ':feature 1: geometry: coordinates are not [longitude, latitude] numbers'],
      },
      {
        file: 'empty-polygons.geojson',
        population: [
          ':feature 0: geometry: malformed polygon coordinates; expected an array of rings of [longitude, latitude] positions',
          ':feature 1: geometry: has no polygons; expected an array of polygons',
          ':feature 2: geometry: malformed polygon coordinates; expected an array of rings of [longitude, latitude] positions',
        ],
        schools: [
          ':feature 0: geometry: is a Polygon; expected a Point (a schools file holds one point per school)',
          ':feature 1: geometry: is a MultiPolygon; expected a Point (a schools file holds one point per school)',
          ':feature 2: geometry: is a MultiPolygon; expected a Point (a schools file holds one point per school)',
        ],
      },
    ],
  },
  {
    title: 'GeoJSON nested 200,000 levels deep',
    cases: [{ file: 'deep.geojson', population: [DEEP], schools: [DEEP] }], // generated
  },
];

let generated: string;
beforeAll(async () => {
  generated = mkdtempSync(join(tmpdir(), 'hostile-'));
  // 200,000 levels of nesting in one property (about 400 kB)
  const levels = 200_000;
  writeFileSync(join(generated, 'deep.geojson'), `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"A","level":"primary","primary":${'['.repeat(levels)}${']'.repeat(levels)},"junior":1},"geometry":{"type":"Point","coordinates":[113,28]}}]}`);
  // a 4 x 3 raster whose one strip inflates to 16 MB
  const strip = await deflate(new Uint8Array(16_000_000));
  writeFileSync(join(generated, 'deflate-bomb.tif'), rasterTiff({ width: 4, height: 3, strip, override: [{ tag: TAG.Compression, type: 3, values: [8] }] }));
});

const pathOf = (file: string) => (['deep.geojson', 'deflate-bomb.tif'].includes(file) ? join(generated, file) : join(FILES, file));

async function check(c: Case) {
  const path = pathOf(c.file);
  const bytes = new Uint8Array(readFileSync(path));
  const settings = defaultSettings();

  const pop = await loadPopulation(c.file, bytes, settings);
  expect(pop.ok, c.file).toBe(false);
  expect(errorsOf(pop), c.file).toEqual(c.population.map((m) => c.file + m));
  if (c.schools) {
    const sch = loadSchools(c.file, new TextDecoder().decode(bytes), settings);
    expect(sch.ok, c.file).toBe(false);
    expect(errorsOf(sch), c.file).toEqual(c.schools.map((m) => c.file + m));
  }

  const args = ['src/cli/main.ts', 'validate', '--population', path, ...(c.schools ? ['--schools', path] : [])];
  const r = spawnSync(TSX, args, { encoding: 'utf8' });
  // exit 1, not an abort (134), a signal or an uncaught exception's stack
  expect({ status: r.status, signal: r.signal }, c.file).toEqual({ status: 1, signal: null });
  expect(`${r.stdout}\n${r.stderr}`, c.file).not.toContain('    at ');
  expect(r.stderr, c.file).toBe('');
  // every problem on one line of its own: `path[:where]: field: message`
  const expected = [...(c.schools ?? []), ...c.population].map((m) => path + m);
  const lines = r.stdout.split('\n');
  expect(lines.filter((l) => l.startsWith(path) && !l.includes(': warning: ')).sort(), c.file).toEqual(expected.sort());
  expect(r.stdout, c.file).toMatch(new RegExp(`^FAILED: ${expected.length} error\\(s\\)`, 'm'));
}

describe('hostile inputs: core loaders and `validate` fail with a message, never a crash', () => {
  for (const g of GROUPS) {
    it(g.title, async () => {
      for (const c of g.cases) await check(c);
    }, 240_000);
  }
});
