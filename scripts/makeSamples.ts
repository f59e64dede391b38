/**
 * Writes the small sample files the app offers for download (public/samples/), one per input format.
 * Run: npx tsx scripts/makeSamples.ts (outputs are committed).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { writeArrayBuffer } from 'geotiff';

const dir = 'public/samples';
mkdirSync(dir, { recursive: true });
const rand = (() => { let a = 7; return () => { a = (a * 1103515245 + 12345) % 2147483648; return a / 2147483648; }; })();

const schools = [
  ['S-001', '第一小学 (No. 1 Primary)', 'primary', 113.012, 28.012, 1080, 24, 1130],
  ['S-002', 'Riverside Primary', 'primary', 113.061, 28.018, 540, 12, 380],
  ['S-003', 'Hill Village Teaching Point', 'primary', 113.095, 28.062, 90, 6, 48],
  ['S-004', 'Central Junior Secondary', 'junior', 113.040, 28.035, 1500, 30, 1620],
  ['S-005', 'East Nine-Year School', 'nine_year', 113.088, 28.030, 1200, 27, 990],
];
writeFileSync(`${dir}/schools.csv`, 'id,name,level,lon,lat,capacity,classrooms,enrollment\n' + schools.map((s) => s.map((v) => (typeof v === 'string' && v.includes(',') ? `"${v}"` : v)).join(',')).join('\n') + '\n');
writeFileSync(`${dir}/schools.geojson`, JSON.stringify({
  type: 'FeatureCollection',
  features: schools.map(([id, name, level, lon, lat, capacity, classrooms, enrollment]) => ({ type: 'Feature', properties: { id, name, level, capacity, classrooms, enrollment }, geometry: { type: 'Point', coordinates: [lon, lat] } })),
}, null, 1));

// a 12 x 10 grid of 0.01 degree cells with children by five-year age band
const rows: string[] = ['id,lon,lat,age_5_9,age_10_14'];
for (let r = 0; r < 10; r++) for (let c = 0; c < 12; c++) {
  rows.push(`c${r * 12 + c},${(113.005 + c * 0.01).toFixed(3)},${(28.095 - r * 0.01).toFixed(3)},${Math.round(rand() * 60)},${Math.round(rand() * 55)}`);
}
writeFileSync(`${dir}/population.csv`, rows.join('\n') + '\n');

// four small areas (polygons) with single-year ages 5-14
const areas = [[113.0, 28.0], [113.05, 28.0], [113.0, 28.05], [113.05, 28.05]].map(([x, y], i) => {
  const props: Record<string, unknown> = { id: `A${i + 1}`, name: `Area ${i + 1}` };
  for (let a = 5; a <= 14; a++) props[`age_${a}`] = Math.round(40 + rand() * 80);
  return { type: 'Feature', properties: props, geometry: { type: 'Polygon', coordinates: [[[x, y], [x + 0.05, y], [x + 0.05, y + 0.05], [x, y + 0.05], [x, y]]] } };
});
writeFileSync(`${dir}/population.geojson`, JSON.stringify({ type: 'FeatureCollection', features: areas }, null, 1));

// a GeoTIFF of all-ages population per cell (lon/lat, 12 x 10 cells of 0.01 degree)
const values = new Float32Array(120).map(() => Math.round(200 + rand() * 1800));
const tif = writeArrayBuffer(values, {
  width: 12, height: 10,
  ModelPixelScale: [0.01, 0.01, 0], ModelTiepoint: [0, 0, 0, 113.0, 28.1, 0],
  GeographicTypeGeoKey: 4326, GTModelTypeGeoKey: 2, GTRasterTypeGeoKey: 1,
} as unknown as Parameters<typeof writeArrayBuffer>[1]);
writeFileSync(`${dir}/population.tif`, new Uint8Array(tif));

writeFileSync(`${dir}/settings.json`, JSON.stringify({
  profile: 'china',
  levels: { primary: { classSize: 45, minPupils: 100, distanceStandardM: 2000 }, junior: { classSize: 50, minPupils: 300, distanceStandardM: 3000 } },
  largeClassFrom: 56, superLargeClassFrom: 66, overcrowdedAbove: 1.0, underUsedBelow: 0.75, farShareAbove: 0.1,
  shareOfTotal: { primary: 0.075, junior: 0.036 },
}, null, 2) + '\n');
console.log(`wrote ${dir}/schools.csv, schools.geojson, population.csv, population.geojson, population.tif, settings.json`);
