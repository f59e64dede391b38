/**
 * Converts the open data in ../shared/geodata into the formats the app and CLI read, under geodata/.
 * Run: npm run geodata  (idempotent; the outputs are committed so the app needs no conversion step)
 *
 * Every shipped data set folder gets a manifest, geodata/<id>/dataset.json (files, settings, attribution),
 * which the app's data menu and the CLI's `--dataset DIR` read. Every figure written is copied from a source
 * or computed from copied figures by a rule stated here and in README ("Data shipped"); estimates say so.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as turf from '@turf/turf';
import Papa from 'papaparse';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const shared = resolve(root, '../shared/geodata');
const out = join(root, 'geodata');

type Feature = { type: 'Feature'; properties: Record<string, unknown>; geometry: { type: string; coordinates: unknown } };
type Row = Record<string, string>;
const readJson = (p: string) => JSON.parse(readFileSync(join(shared, p), 'utf8')) as { features: Feature[] };
const readCsv = (p: string) => Papa.parse<Row>(readFileSync(join(shared, p), 'utf8').replace(/^\ufeff/, ''), { header: true, skipEmptyLines: true }).data;
const write = (p: string, data: unknown) => {
  mkdirSync(dirname(join(out, p)), { recursive: true });
  writeFileSync(join(out, p), typeof data === 'string' ? data : JSON.stringify(data));
  console.log(`wrote geodata/${p}`);
};
// byte copies are written (not copied) so that read-only sources give writable outputs
const copy = (from: string, to: string) => { writeFileSync(to, readFileSync(join(shared, from))); console.log(`copied ${from}`); };
const fc = (features: Feature[]) => ({ type: 'FeatureCollection', features });
const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;
/** A settings file: one top-level key per line, objects inline (`"projection": { "baseYear": 2023 }`). */
const settingsText = (s: Record<string, unknown>) => {
  const inline = (v: unknown): string => (v !== null && typeof v === 'object' && !Array.isArray(v)
    ? `{ ${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}: ${inline(x)}`).join(', ')} }` : JSON.stringify(v));
  return `{\n${Object.entries(s).map(([k, v]) => `  ${JSON.stringify(k)}: ${inline(v)}`).join(',\n')}\n}\n`;
};
const grades = (prefix: string, from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `${prefix}${from + i}`);

/** The manifest of one shipped data set: the CLI's `--dataset DIR` and the app's data menu read it. */
interface Manifest {
  id: string; name: string; description: string;
  schools: string; population: string; settings: string; context: string[]; attribution: string[];
  /** road lines for walking distance (optional) */
  network?: string;
}
function manifest(m: Manifest) {
  // key order as documented in README
  const { id, name, description, schools, population, settings, network, context, attribution } = m;
  write(`${id}/dataset.json`, JSON.stringify({ id, name, description, schools, population, settings, ...(network ? { network } : {}), context, attribution }, null, 2) + '\n');
}

// ---------------------------------------------------------------------------------------------------------
// Edinburgh

/** The 2012 school list (council locations c. 2014, ScotXed rolls of Sept 2012): kept as schools_2012.geojson. */
function edinburghSchools2012(): Feature[] {
  // seed_code is the id; the two special units sharing a code and the one without get a suffix
  const src = readJson('edinburgh/schools.geojson').features;
  const seen = new Map<string, number>();
  return src.map((f) => {
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
}

/**
 * A cell of the Scottish Government school level statistics: a number, or null for any code. The codes
 * (SOURCE.md) are `#` / `z` not applicable, `*` / `c` suppressed (1 to 4 pupils, or a value from which one
 * could be worked out), `..` / `x` not available, `low`: a suppressed value is unknown, never zero.
 */
function sgValue(v: string | undefined): number | null {
  const t = (v ?? '').trim();
  return /^\d+(\.\d+)?$/.test(t) ? Number(t) : null;
}

const EDINBURGH_BASE_YEAR = 2023;
const EDINBURGH_HISTORY = [2019, 2020, 2021, 2022];

function edinburgh() {
  const schools2012 = edinburghSchools2012();
  write('edinburgh/schools_2012.geojson', fc(schools2012));
  write('edinburgh/settings_2012.json', settingsText({ profile: 'scotland', projection: { baseYear: 2012 } }));

  // Sept 2019-2023 statistics by SEED code and census year
  const stats = new Map<string, Map<number, Row>>();
  for (const r of readCsv('edinburgh/school_stats_2019_2023.csv')) {
    const m = stats.get(r.seed_code) ?? new Map<number, Row>();
    m.set(Number(r.census_year), r);
    stats.set(r.seed_code, m);
  }
  const sg = new Map(readJson('edinburgh/schools_sg_2022.geojson').features.map((f) => [String(f.properties.seed_code), f]));
  const wards = readJson('edinburgh/wards_context.geojson').features;
  const wardAt = (coords: unknown) => {
    const w = wards.find((f) => turf.booleanPointInPolygon(coords as [number, number], f as GeoJSON.Feature<GeoJSON.Polygon | GeoJSON.MultiPolygon>));
    return w ? String(w.properties.WD13NM) : null;
  };
  const stages = (level: string) => (level === 'primary' ? grades('p', 1, 7) : level === 'secondary' ? grades('s', 1, 6) : []);
  /** 2023 roll by stage, 2019-2022 history by stage, FTE teachers and (primary) classes estimated from the average class size */
  const figures = (code: string, level: string): Record<string, unknown> => {
    const years = stats.get(code);
    const now = years?.get(EDINBURGH_BASE_YEAR);
    if (!now) return { enrollment: null, stats_2023: 'not in the September 2023 school level statistics' };
    const roll = sgValue(now.pupil_roll);
    const o: Record<string, unknown> = { enrollment: roll };
    for (const g of stages(level)) o[g] = sgValue(now[g]);
    o.fte_teachers = sgValue(now.fte_teachers);
    o.pupil_teacher_ratio = sgValue(now.pupil_teacher_ratio);
    if (level === 'primary') {
      // average class size is published for primary schools only (SOURCE.md: the 0s of secondary and special
      // schools in 2021 and 2023 mean "not applicable"): classes = roll / average class size, an estimate
      const avg = sgValue(now.average_class_size);
      o.average_class_size = avg;
      if (avg !== null && avg > 0 && roll !== null) { o.classes = Math.max(1, Math.round(roll / avg)); o.classes_estimated = true; }
    }
    for (const y of EDINBURGH_HISTORY) {
      const r = years!.get(y);
      if (!r) continue;
      // suppressed stage counts (2021: four small primaries) stay null: unknown, not zero
      for (const g of stages(level)) o[`${g}_${y}`] = sgValue(r[g]);
    }
    o.name_2023 = now.school_name.replace(/\(\s+/g, '(').replace(/\s+\)/g, ')').replace(/\s+/g, ' ').trim();
    return o;
  };

  const councilCodes = new Set<string>();
  const council = readJson('edinburgh/schools.geojson').features;
  const schools: Feature[] = schools2012.map((f, i) => {
    const p = f.properties as Record<string, any>;
    const code = String(p.id).replace(/-\d+$/, '');
    councilCodes.add(code);
    const main = p.level !== 'annexe' && !/-\d+$/.test(String(p.id));
    // the SG layer's point for Trinity Academy is Trinity Primary's, next door (its Notes say so): the council's is kept
    const point = main && code !== '5534534' ? sg.get(code) : undefined;
    const geometry = point ? point.geometry : f.geometry;
    const src = council[i].properties as Record<string, any>;
    return {
      type: 'Feature' as const,
      properties: {
        id: p.id, name: p.name, level: p.level, status: 'open',
        // annexes share their main school's code: its figures belong to the main school
        ...(p.level === 'annexe' || !main ? { enrollment: null } : figures(code, p.level)),
        denomination: p.denomination, sub_type: p.sub_type,
        address: point ? point.properties.address : src.address, postcode: point ? point.properties.postcode : src.postcode,
        ward: wardAt(geometry.coordinates),
        location_source: point ? 'Scottish Government Schools_Scotland_2022 (address point)' : 'City of Edinburgh Council school list (c. 2014)',
      },
      geometry,
    };
  });
  // schools in the 2023 statistics that the council's list predates: their points are in the SG 2022 layer
  for (const [code, years] of stats) {
    const now = years.get(EDINBURGH_BASE_YEAR);
    if (!now || councilCodes.has(code)) continue;
    const point = sg.get(code);
    if (!point) throw new Error(`no location for ${code} ${now.school_name}`);
    const level = now.school_type.toLowerCase();
    const f = figures(code, level);
    const denomination = String(point.properties.denomination ?? '');
    schools.push({
      type: 'Feature',
      properties: {
        id: code, name: f.name_2023, level, status: 'open', ...f,
        denomination: /catholic/i.test(denomination) ? 'RC' : /non-?denominational/i.test(denomination) ? 'ND' : null, sub_type: null,
        address: point.properties.address, postcode: point.properties.postcode, ward: wardAt(point.geometry.coordinates),
        location_source: 'Scottish Government Schools_Scotland_2022 (address point)',
      },
      geometry: point.geometry,
    });
  }
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
  write('edinburgh/settings.json', settingsText({ profile: 'scotland', projection: { baseYear: EDINBURGH_BASE_YEAR } }));
  edinburghRoads();
  manifest({
    id: 'edinburgh', name: 'Edinburgh (urban)',
    description: `City of Edinburgh: ${schools.length} schools with Sept 2023 rolls by stage, 2019-2022 history and FTE teachers; children by age (NRS mid-2018) on ${units.length.toLocaleString('en-GB')} output areas`,
    schools: 'schools.geojson', population: 'population.geojson', settings: 'settings.json', network: 'roads.geojson', context: ['context.geojson'],
    attribution: [
      'Contains public sector information licensed under the Open Government Licence v3.0 (Scottish Government: school level summary statistics 2019-2023, Schools_Scotland_2022).',
      'Roads: OS Open Roads within about 6 km of the centre (via nptscot/corenet). Contains OS data © Crown copyright and database right 2024. Contains public sector information licensed under the Open Government Licence v3.0.',
      'City of Edinburgh Council school list, 2012 rolls and 2010/2011 catchments: Open Government Licence v2.0.',
      'Contains NRS data © Crown copyright (small area population estimates mid-2018; Census 2011 output areas).',
      'Contains Ordnance Survey data © Crown copyright and database right.',
      'Output-area and ward boundaries via martinjc/UK-GeoJSON (CC BY 4.0); data-zone boundaries via humaniverse/geographr.',
    ],
  });
  const primaries = schools.filter((f) => f.properties.level === 'primary');
  console.log(`Edinburgh: ${schools.length} schools (${primaries.length} primary); ${primaries.filter((f) => f.properties.classes_estimated).length} primaries with estimated classes; ${schools.filter((f) => f.properties.stats_2023).length} not in the 2023 statistics`);
}

/**
 * The road network for walking distance: OS Open Roads links within about 6 km of the centre, one
 * LineString each with its road_function, coordinates at 6 decimals (about 0.1 m), links in source order.
 * Roads only (no footpaths), so walking routes are road routes; outside the cover distances stay straight.
 */
function edinburghRoads() {
  const src = readJson('roads/edinburgh_os_open_roads_6km.geojson').features;
  const r6 = (x: unknown) => Math.round(Number(x) * 1e6) / 1e6;
  const lines = src.map((f) => ({
    type: 'Feature', properties: { road_function: f.properties.road_function },
    geometry: { type: 'LineString', coordinates: (f.geometry.coordinates as number[][]).map((p) => [r6(p[0]), r6(p[1])]) },
  }));
  // one feature a line: small diffs when the source changes
  mkdirSync(join(out, 'edinburgh'), { recursive: true });
  writeFileSync(join(out, 'edinburgh/roads.geojson'), `{"type":"FeatureCollection","features":[\n${lines.map((l) => JSON.stringify(l)).join(',\n')}\n]}\n`);
  console.log(`wrote geodata/edinburgh/roads.geojson: ${lines.length.toLocaleString('en-GB')} road links`);
}

// ---------------------------------------------------------------------------------------------------------
// Northern Ireland

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
  write('northern-ireland/settings.json', settingsText({ profile: 'northern_ireland', projection: { baseYear: 2023 } }));
  manifest({
    id: 'northern-ireland', name: 'Northern Ireland (rural)',
    description: `All ${schools.length} primary schools of Northern Ireland (2023/24 enrolment by year group) on ${soas.length} super output areas; primary-age children estimated from all-ages totals`,
    schools: 'schools.geojson', population: 'population.geojson', settings: 'settings.json', context: ['context.geojson'],
    attribution: [
      'Contains public sector information licensed under the Open Government Licence v3.0 (Department of Education NI school census 2023/24; NISRA population estimates and Census 2021; OSNI / Land & Property Services boundaries).',
      '© Crown copyright and database right.',
      'Super output area boundaries via humaniverse/geographr (MIT); household and population tables via humaniverse/demographr.',
    ],
  });
}

// ---------------------------------------------------------------------------------------------------------
// Hualien County 花蓮縣, Taiwan

/** Base year: school year 113 = Sept 2024 - June 2025. Ages are whole years on 1 Sept 2024. */
const HUALIEN_BASE_YEAR = 2024;

function hualien() {
  const rows = readCsv('hualien/schools_113.csv');
  const pupilsByGrade = [0, 0, 0, 0, 0, 0];
  const schools: Feature[] = rows.map((r) => {
    const byGrade: Record<string, number> = {}, classesByGrade: Record<string, number> = {};
    let classes = 0;
    for (let g = 1; g <= 6; g++) {
      byGrade[`g${g}`] = Number(r[`pupils_g${g}`]);
      classesByGrade[`classes_g${g}`] = Number(r[`classes_g${g}`]);
      classes += Number(r[`classes_g${g}`]);
      pupilsByGrade[g - 1] += Number(r[`pupils_g${g}`]);
    }
    // private schools (the MOE name starts 私立 or 財團法人) admit without a school district: kept, not zoned
    const privateSchool = /^(私立|財團法人)/.test(r.name);
    return {
      type: 'Feature' as const,
      properties: {
        id: r.school_code, name: r.name, level: privateSchool ? 'private' : 'primary', status: 'open',
        // classes the school runs, not rooms it has: class size is assessed, places are not derived from them
        enrollment: Number(r.pupils_total), ...byGrade, classes, classes_in_use: true, ...classesByGrade,
        teachers: Number(r.teachers), non_teaching_staff: Number(r.staff), pupils_total_sy107: Number(r.pupils_107),
        area_type: r.area_type || null, township: r.township, address: r.address, village_code: r.village_code, village_join: r.village_join,
      },
      geometry: { type: 'Point', coordinates: [round(Number(r.lon), 6), round(Number(r.lat), 6)] },
    };
  });
  write('hualien/schools.geojson', fc(schools));

  // ---- school-age children per village on 1 Sept 2024 (an estimate: see README "Hualien") ----
  const villages = readJson('hualien/villages.geojson').features;
  const polygonCodes = new Set(villages.map((f) => String(f.properties.village_code)));
  const township = new Map(villages.map((f) => [String(f.properties.village_code), String(f.properties.township)]));
  const children = new Map(readCsv('hualien/village_children.csv').map((r) => [r.village_code, r]));
  for (const [code, r] of children) if (!township.has(code)) township.set(code, r.township);
  // births registered per village and month, summed over each grade-1 intake window: a child entering
  // grade 1 in Sept Y was born Sept Y-7 to Aug Y-6 (SOURCE.md), i.e. is aged 6 on 1 Sept Y
  const monthly = readCsv('hualien/village_births_monthly.csv');
  const intakeOfAge = (a: number) => HUALIEN_BASE_YEAR + 6 - a; // age 6 -> 2024, age 0 -> 2030
  const window = (y: number) => [`${y - 7}-09`, `${y - 6}-08`];
  const birthAges = Array.from({ length: 10 }, (_, a) => a); // ages 0-9: intakes 2030-2021, inside the monthly data
  const births = new Map<number, Map<string, number>>(birthAges.map((a) => [a, new Map()]));
  for (const r of monthly) {
    for (const a of birthAges) {
      const [from, to] = window(intakeOfAge(a));
      if (r.month < from || r.month > to) continue;
      const m = births.get(a)!;
      m.set(r.village_code, (m.get(r.village_code) ?? 0) + Number(r.births));
    }
  }
  // villages created after 2017 have no polygon (新秀村 from 2021-10, 吉昌村 from 2025-07): their births are
  // shared among their township's polygons in proportion to those villages' own births in the same window
  for (const a of birthAges) {
    const m = births.get(a)!;
    for (const [code, n] of [...m]) {
      if (polygonCodes.has(code) || n === 0) continue;
      const t = township.get(code);
      const peers = [...m].filter(([c]) => polygonCodes.has(c) && township.get(c) === t);
      const total = peers.reduce((s, [, b]) => s + b, 0);
      if (!(total > 0)) throw new Error(`no births in ${t} to share ${code}'s among`);
      for (const [c, b] of peers) m.set(c, m.get(c)! + (n * b) / total);
      m.delete(code);
    }
  }
  // ages 10 and 11 (intakes 2020, 2019) were born before the monthly births start (2014-04): the May 2015
  // single-year ages aged forward. Age a on 1 Sept 2024 = born Sept (2023-a) to Aug (2024-a); at the end of
  // May 2015 those children were aged a-9 (born Sept-May: 9 months of that age's 12) or a-10 (June-Aug: 3 months)
  const aged2015 = (r: Row | undefined, a: number) => {
    if (!r || r.pop_2015_05 === '') return 0;
    const at = (b: number) => (b >= 0 ? Number(r[`age_${b}_2015_05`]) : 0);
    return (9 / 12) * at(a - 9) + (3 / 12) * at(a - 10);
  };
  const ages = Array.from({ length: 12 }, (_, a) => a);
  const raw = new Map<string, number[]>(); // village -> raw count by age
  for (const f of villages) {
    const code = String(f.properties.village_code);
    raw.set(code, ages.map((a) => (a <= 9 ? births.get(a)!.get(code) ?? 0 : aged2015(children.get(code), a))));
  }
  // 花蓮市: the children registered at the end of January 2024 (observed), shifted to ages on 1 Sept 2024: age a
  // then = born Sept (2023-a) to Aug (2024-a) = 5 months of those aged a in January and 7 of those aged a-1
  const CITY = '花蓮市';
  const observed = (code: string, a: number): number | null => {
    const r = children.get(code);
    if (!r || r.pop_2024_01 === '') return null;
    return (5 / 12) * Number(r[`age_${a}_2024_01`]) + (a >= 1 ? (7 / 12) * Number(r[`age_${a - 1}_2024_01`]) : 0);
  };
  const inCity = (code: string) => township.get(code) === CITY;
  const sumOver = (codes: string[], f: (c: string) => number) => codes.reduce((s, c) => s + f(c), 0);
  const cityCodes = villages.map((f) => String(f.properties.village_code)).filter(inCity);
  const otherCodes = villages.map((f) => String(f.properties.village_code)).filter((c) => !inCity(c));
  // school ages 6-11: 花蓮市 observed; elsewhere the raw count scaled per grade so that the county total equals
  // the county's pupils in that grade (all 104 schools, private ones included)
  const cityObserved = ages.map((a) => sumOver(cityCodes, (c) => observed(c, a) ?? 0));
  const otherRaw = ages.map((a) => sumOver(otherCodes, (c) => raw.get(c)![a]));
  const cityRaw = ages.map((a) => sumOver(cityCodes, (c) => raw.get(c)![a]));
  const otherFactor = ages.map((a) => (a >= 6 ? (pupilsByGrade[a - 6] - cityObserved[a]) / otherRaw[a] : NaN));
  // ages 0-5 (not at school yet; the projections' future entrants): births in their intake windows times the
  // age-6 ratio of their group (花蓮市: observed aged 6 / births of that cohort; elsewhere grade 1's factor), the
  // children expected at school entry if movement after birth goes on as it did for the 2024 entrants
  const cityEntryFactor = cityObserved[6] / cityRaw[6];
  const estimate = (code: string, a: number) => {
    if (a >= 6) return inCity(code) ? observed(code, a) ?? 0 : raw.get(code)![a] * otherFactor[a];
    return raw.get(code)![a] * (inCity(code) ? cityEntryFactor : otherFactor[6]);
  };
  const intakeBirths = new Map<string, Row[]>();
  for (const r of readCsv('hualien/village_births.csv')) intakeBirths.set(r.village_code, [...(intakeBirths.get(r.village_code) ?? []), r]);
  const units = villages.map((f) => {
    const p = f.properties;
    const code = String(p.village_code);
    const c = children.get(code);
    const props: Record<string, unknown> = {
      id: code, name: p.village_name ?? null, township: p.township, township_code: p.township_code, area_km2: p.area_km2,
      pop_2015_05: c?.pop_2015_05 ? Number(c.pop_2015_05) : null, pop_2021_03: c?.pop_2021_03 ? Number(c.pop_2021_03) : null,
      ages_source: !inCity(code) ? 'estimate: births by intake window (ages 0-9), May 2015 ages aged forward (10-11), scaled to the county\'s pupils by grade'
        : observed(code, 6) === null ? 'none: not in the January 2024 table (no children recorded here)'
          : 'ages 6-11 observed (January 2024, shifted to 1 Sept 2024); ages 0-5 births x 花蓮市 entry factor',
    };
    for (const a of ages) props[`age_${a}`] = round(estimate(code, a), 2);
    // births of each grade-1 intake window (Sept-Aug), as birth_<year the window ends> = intake year - 6
    for (const r of intakeBirths.get(code) ?? []) if (r.births !== '') props[`birth_${Number(r.intake_year) - 6}`] = Number(r.births);
    return { type: 'Feature' as const, properties: props, geometry: f.geometry };
  });
  write('hualien/population.geojson', fc(units));

  // the checks README reports: raw sums against pupils by grade, the factors, 花蓮市's births against its
  // observed children, and children by township against the pupils of the township's schools
  const rawTotal = ages.map((a) => cityRaw[a] + otherRaw[a]);
  console.log('Hualien: grade, pupils, births-only estimate (county), 花蓮市 observed, 花蓮市 births, other villages raw, factor');
  for (let g = 1; g <= 6; g++) {
    const a = g + 5;
    console.log(`  g${g} (age ${a}): ${pupilsByGrade[g - 1]}, ${round(rawTotal[a], 1)} (x${round(pupilsByGrade[g - 1] / rawTotal[a], 3)}), ${round(cityObserved[a], 1)}, ${round(cityRaw[a], 1)}, ${round(otherRaw[a], 1)}, ${round(otherFactor[a], 3)}`);
  }
  console.log(`  ages 0-5: 花蓮市 births ${ages.slice(0, 6).map((a) => round(cityRaw[a], 1)).join(', ')} x ${round(cityEntryFactor, 3)}; others ${ages.slice(0, 6).map((a) => round(otherRaw[a], 1)).join(', ')} x ${round(otherFactor[6], 3)}`);
  console.log('  花蓮市 observed / births by age 1-11: ' + ages.slice(1).map((a) => round(cityObserved[a] / cityRaw[a], 2)).join(', '));
  const byTownship = new Map<string, { pupils: number; children: number }>();
  for (const sc of schools) {
    const t = String(sc.properties.township);
    const e = byTownship.get(t) ?? { pupils: 0, children: 0 };
    e.pupils += Number(sc.properties.enrollment);
    byTownship.set(t, e);
  }
  for (const u of units) {
    const t = String(u.properties.township);
    const e = byTownship.get(t) ?? { pupils: 0, children: 0 };
    for (let a = 6; a <= 11; a++) e.children += Number(u.properties[`age_${a}`]);
    byTownship.set(t, e);
  }
  console.log('Hualien: township, pupils at its schools, estimated children 6-11 living there, ratio');
  for (const [t, e] of [...byTownship].sort((x, y) => y[1].pupils - x[1].pupils)) console.log(`  ${t}: ${e.pupils}, ${Math.round(e.children)}, ${round(e.pupils / e.children, 2)}`);

  // context: township outlines, dissolved from the village polygons
  const townships = [...new Set(villages.map((f) => String(f.properties.township_code)))].sort().map((code) => {
    const parts = villages.filter((f) => String(f.properties.township_code) === code) as GeoJSON.Feature<GeoJSON.Polygon | GeoJSON.MultiPolygon>[];
    const merged = parts.length > 1 ? turf.union(turf.featureCollection(parts))! : parts[0];
    const geometry = turf.truncate(merged, { precision: 6, coordinates: 2 }).geometry;
    return { type: 'Feature' as const, properties: { township: parts[0].properties!.township, township_code: code }, geometry };
  });
  write('hualien/context.geojson', fc(townships as Feature[]));
  write('hualien/settings.json', settingsText({ profile: 'taiwan', projection: { baseYear: HUALIEN_BASE_YEAR } }));
  const under50 = schools.filter((s) => Number(s.properties.enrollment) < 50).length;
  manifest({
    id: 'hualien', name: '花蓮縣 Hualien County (rural)',
    description: `Hualien County, Taiwan: ${schools.length} elementary schools of 2024/25 (${under50} under 50 pupils) with classes, pupils by grade and teachers; school-age children per village estimated from births`,
    schools: 'schools.geojson', population: 'population.geojson', settings: 'settings.json', context: ['context.geojson'],
    attribution: [
      '資料來源：內政部（戶政司、村里界圖）、教育部統計處 / Source: Ministry of the Interior and Ministry of Education, Taiwan (government open data; Open Government Data License v1.0 as the platforms state, not the files).',
      'Via g0v/small_school_renaissance (schools), kiang/tw_population (births and village ages) and jason2506/Taiwan.TopoJSON (2017 village boundaries).',
    ],
  });
}

// ---------------------------------------------------------------------------------------------------------
// Trafford (England)

/** GIAS type group and phase -> the england profile's school types. */
function traffordType(r: Row): string {
  if (r.type === 'Special schools') return 'special';
  if (r.type === 'Independent schools') return 'independent';
  if (r.phase === 'Post 16') return 'post_16';
  // GIAS lists it as a local-authority maintained all-through school; by its name it is alternative provision
  // (pupils placed by the authority, not a catchment school), so it is kept but not zoned
  if (r.urn === '131134') return 'alternative_provision';
  if (r.phase === 'Primary') return 'primary';
  if (r.phase === 'Secondary') return 'secondary';
  if (r.phase === 'All through') return 'all_through';
  throw new Error(`Trafford ${r.urn} ${r.name}: no school type for ${r.type} / ${r.phase}`);
}

function trafford() {
  const num = (v: string) => (v.trim() === '' ? null : Number(v));
  const rows = readCsv('trafford/schools.csv');
  const schools: Feature[] = rows.map((r) => ({
    type: 'Feature',
    properties: {
      id: r.urn, name: r.name, level: traffordType(r), status: 'open',
      capacity: num(r.capacity), enrollment: num(r.number_of_pupils),
      gias_type: r.type, phase: r.phase, lowest_admission_age: num(r.lowest_admission_age), highest_admission_age: num(r.highest_admission_age),
      religion: r.religion || null, gender: r.gender || null, postcode: r.postcode || null,
    },
    geometry: { type: 'Point', coordinates: [round(Number(r.lon), 6), round(Number(r.lat), 6)] },
  }));
  write('trafford/schools.geojson', fc(schools));
  const ages = new Map(readCsv('trafford/oa_population_mid2024.csv').map((r) => [r.oa_code, r]));
  const units = readJson('trafford/output_areas_2021.geojson').features.map((f) => {
    const code = String(f.properties.oa_code);
    const r = ages.get(code);
    if (!r) throw new Error(`Trafford: no population for ${code}`);
    const props: Record<string, unknown> = { id: code, all_ages: Number(r.all_ages) };
    for (let a = 0; a <= 19; a++) props[`age_${a}`] = Number(r[`age_${a}`]);
    return { type: 'Feature' as const, properties: props, geometry: f.geometry };
  });
  write('trafford/population.geojson', fc(units));
  // the January 2024 census is in school year 2023/24
  write('trafford/settings.json', settingsText({ profile: 'england', projection: { baseYear: 2023 } }));
  const withCapacity = schools.filter((s) => s.properties.capacity !== null).length;
  manifest({
    id: 'trafford', name: 'Trafford (England, capacities)',
    description: `Trafford, England: ${schools.length} schools and colleges, ${withCapacity} with DfE capacity, with January 2024 pupils; mid-2024 single-year ages on ${units.length} output areas`,
    schools: 'schools.geojson', population: 'population.geojson', settings: 'settings.json', context: [],
    attribution: [
      'Contains public sector information licensed under the Open Government Licence v3.0 (Department for Education, Get Information about Schools; ONS mid-2024 small area population estimates).',
      'Contains National Statistics and OS data © Crown copyright and database right 2021 (Output Areas, December 2021).',
      'Via Trafford Data Lab (traffordDataLab/open_data, traffordDataLab/schools, traffordDataLab/spatial_data).',
    ],
  });
}

edinburgh();
northernIreland();
hualien();
trafford();
mkdirSync(join(root, 'test/fixtures/raster'), { recursive: true });
copy('malawi-south-accessmod-fixture/population.tif', join(root, 'test/fixtures/raster/malawi_population.tif'));
console.log('wrote test/fixtures/raster/malawi_population.tif');
