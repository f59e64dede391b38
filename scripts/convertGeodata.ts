/**
 * Converts the open data in ../shared/geodata into the formats the app and CLI read, under geodata/.
 * Run: npm run geodata  (idempotent; the outputs are committed so the app needs no conversion step)
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const shared = resolve(root, '../shared/geodata');
const out = join(root, 'geodata');

type Feature = { type: 'Feature'; properties: Record<string, unknown>; geometry: { type: string; coordinates: unknown } };
const readJson = (p: string) => JSON.parse(readFileSync(join(shared, p), 'utf8')) as { features: Feature[] };
const readCsv = (p: string) => Papa.parse<Record<string, string>>(readFileSync(join(shared, p), 'utf8').replace(/^\ufeff/, ''), { header: true, skipEmptyLines: true }).data;
const write = (p: string, data: unknown) => {
  mkdirSync(dirname(join(out, p)), { recursive: true });
  writeFileSync(join(out, p), typeof data === 'string' ? data : JSON.stringify(data));
  console.log(`wrote geodata/${p}`);
};
// byte copies are written (not copied) so that read-only sources give writable outputs
const copy = (from: string, to: string) => { writeFileSync(to, readFileSync(join(shared, from))); console.log(`copied ${from}`); };
const fc = (features: Feature[]) => ({ type: 'FeatureCollection', features });
const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;

function edinburgh() {
  // schools: seed_code is the id; the two special units sharing a code and the one without get a suffix
  const src = readJson('edinburgh/schools.geojson').features;
  const seen = new Map<string, number>();
  const schools = src.map((f) => {
    const p = f.properties as Record<string, any>;
    let id = String(p.seed_code || 'edinburgh-' + String(p.name).toLowerCase().replace(/[^a-z0-9]+/g, '-'));
    const n = (seen.get(id) ?? 0) + 1;
    seen.set(id, n);
    if (n > 1) id = `${id}-${n}`;
    const annexe = /annexe/i.test(p.sub_type ?? '') || /annexe/i.test(p.name);
    const level = annexe ? 'annexe' : String(p.sector).toLowerCase();
    const grades: Record<string, number> = {};
    if (level === 'primary' || level === 'secondary') for (const [k, v] of Object.entries(p.roll_2012_by_stage ?? {})) grades[k.toLowerCase()] = v as number;
    return {
      type: 'Feature' as const,
      properties: {
        id, name: p.name, level, status: 'open',
        enrollment: level === 'annexe' ? null : p.roll_2012_total ?? null,
        ...grades,
        denomination: p.religion || null, sub_type: p.sub_type || null, address: p.address, postcode: p.postcode, ward: p.ward_name,
      },
      geometry: f.geometry,
    };
  });
  write('edinburgh/schools.geojson', fc(schools));

  // population: SAPE 2018 single-year ages by data zone, spread over each zone's output areas in
  // proportion to their 2011 population (the OA -> DZ lookup is derived; see README)
  const sape = new Map(readCsv('edinburgh/sape2018_datazone2011_single_year_age.csv').map((r) => [r.data_zone, r]));
  const lookup = new Map(readCsv('edinburgh/oa2011_to_dz2011.csv').map((r) => [r.oa_code, r.dz_code]));
  const oas = readJson('edinburgh/output_areas_2011_population.geojson').features;
  const dzPop = new Map<string, number>();
  for (const f of oas) { const dz = lookup.get(f.properties.oa_code as string)!; dzPop.set(dz, (dzPop.get(dz) ?? 0) + (f.properties.pop_2011 as number)); }
  const ages = Array.from({ length: 18 }, (_, a) => a);
  const units = oas.map((f) => {
    const p = f.properties;
    const dz = lookup.get(p.oa_code as string)!;
    const row = sape.get(dz)!;
    const share = (dzPop.get(dz) ?? 0) > 0 ? (p.pop_2011 as number) / dzPop.get(dz)! : 0;
    const props: Record<string, unknown> = { id: p.oa_code, dz_code: dz, pop_2011: p.pop_2011 };
    for (const a of ages) props[`age_${a}`] = round(Number(row[`age_${a}`]) * share, 2);
    return { type: 'Feature' as const, properties: props, geometry: f.geometry };
  });
  write('edinburgh/population.geojson', fc(units));

  // the 597 data zones with their exact single-year counts, as an alternative population file
  const dzs = readJson('edinburgh/datazones_2011.geojson').features.map((f) => {
    const row = sape.get(f.properties.dz_code as string)!;
    const props: Record<string, unknown> = { id: f.properties.dz_code, name: f.properties.dz_name, total_population_2018: Number(row.total_population) };
    for (const a of ages) props[`age_${a}`] = Number(row[`age_${a}`]);
    return { type: 'Feature' as const, properties: props, geometry: f.geometry };
  });
  write('edinburgh/population_datazones.geojson', fc(dzs));
  copy('edinburgh/wards_context.geojson', join(out, 'edinburgh/context.geojson'));
  for (const level of ['primary', 'secondary']) {
    copy(`edinburgh/catchments_${level}_nondenominational_2010.geojson`, join(out, `edinburgh/official_catchments_${level}_nd.geojson`));
  }
  write('edinburgh/settings.json', JSON.stringify({ profile: 'scotland', projection: { baseYear: 2012 } }, null, 2) + '\n');
}

function northernIreland() {
  const src = readJson('northern-ireland/schools_primary_2023_24.geojson').features;
  const schools = src.map((f) => {
    const p = f.properties as Record<string, any>;
    const grades: Record<string, number> = {};
    let sum = 0;
    for (const [k, v] of Object.entries(p.enrolment_by_year ?? {})) { grades[k.toLowerCase()] = v as number; sum += v as number; }
    return {
      type: 'Feature' as const,
      properties: {
        id: p.de_ref, name: p.name, level: 'primary', status: 'open', enrollment: sum, ...grades,
        reception: p.reception, enrolment_reception_to_y7: p.enrolment_reception_to_y7, nursery_full_time: p.nursery_full_time, nursery_part_time: p.nursery_part_time,
        urban_rural: p.urban_rural, management_type: p.management_type, irish_medium: p.irish_medium,
        address: p.address, town: p.town, postcode: p.postcode, council: p.lgd2014_name, fsme_count: p.fsme_count,
        enrolment_total_2022_23: p.enrolment_total_2022_23, location_source: p.location_source,
      },
      geometry: f.geometry,
    };
  });
  write('northern-ireland/schools.geojson', fc(schools));

  // no small-area ages are published in the shared data: primary-age children (4-10) are estimated as
  // SOA mid-2020 total x the council's Census 2021 share aged 0-19 x 7/20 (seven of those twenty years)
  // joined on the council code: the two tables spell some council names differently
  const shares = new Map(readCsv('northern-ireland/lgd2014_census2021_age_bands.csv').map((r) => [r.lgd14_code, Number(r.share_0_19)]));
  const soas = readJson('northern-ireland/soa2011_population_mid2020.geojson').features.map((f) => {
    const p = f.properties as Record<string, any>;
    const share = shares.get(p.lgd2018_code);
    if (share === undefined) throw new Error(`no age share for council ${p.lgd2018_name}`);
    return {
      type: 'Feature' as const,
      properties: { id: p.soa11_code, name: p.soa11_name, council: p.lgd2018_name, pop_mid2020: p.pop_mid2020, primary: round(p.pop_mid2020 * share * 7 / 20, 1), primary_source: 'estimate: pop_mid2020 x council share aged 0-19 (Census 2021) x 7/20' },
      geometry: f.geometry,
    };
  });
  write('northern-ireland/population.geojson', fc(soas));
  copy('northern-ireland/constituencies_2008_context.geojson', join(out, 'northern-ireland/context.geojson'));
  write('northern-ireland/settings.json', JSON.stringify({ profile: 'northern_ireland', projection: { baseYear: 2023 } }, null, 2) + '\n');
}

edinburgh();
northernIreland();
mkdirSync(join(root, 'test/fixtures/raster'), { recursive: true });
copy('malawi-south-accessmod-fixture/population.tif', join(root, 'test/fixtures/raster/malawi_population.tif'));
console.log('wrote test/fixtures/raster/malawi_population.tif');
