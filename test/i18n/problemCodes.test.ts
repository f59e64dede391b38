// Every code the core can put on a problem has a message in each language, and a problem shown in
// Chinese names the same file, row and field as in English.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildRoadGraph, buildRoadGraphFromText, crossCheck, decodePopulation, decodeText, importZones, loadBirths, loadPopulation, withBirths, newPlan, parsePlanFile, parseSettingsFile, resolveSettings, withDecodeProblems, type Plan } from '../../src/core/index';
import { loadSchools } from '../../src/core/load/loadSchools';
import { formatProblem, type Problem } from '../../src/core/load/problems';
import { validatePlan } from '../../src/core/plan/validatePlan';
import { chooseBaseYear } from '../../src/core/project/baseYear';
import { checkSettings, defaultSettings } from '../../src/core/settings/settings';
import { rasterTiff, TAG, type TiffTag } from '../fixtures/hostile/tiff';
import { schoolsFrom, unitsFrom } from '../helpers';
import { i18n } from '../../src/i18n/i18n';
import { problemText } from '../../src/panels/format';

const CORE = join(__dirname, '../../src/core');
const LOCALES = join(__dirname, '../../src/i18n/locales');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** `coded('x', ...)` (every quoted word of its first argument, for `a ? 'x' : 'y'`) and `code: 'x'`. */
function codesInCore(): Set<string> {
  const out = new Set<string>();
  // merger notes are coded too, in the plans namespace (checked below)
  for (const file of sources(CORE).filter((f) => !f.endsWith('mergerSuggestions.ts'))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\bcoded\(([^,]+),/g)) for (const w of m[1].matchAll(/(?:^|\?|:)\s*'(\w+)'/g)) out.add(w[1]);
    for (const m of text.matchAll(/\bcode: '(\w+)'/g)) out.add(m[1]);
    // the TIFF and CSV readers' failures: new Bad(field, 'code', ...), banded('code'), fail('code', ...)
    for (const m of text.matchAll(/\b(?:new Bad\([^,]+|new BlockDecodeError\(|\bfail\()\s*,?\s*'(\w+)'/g)) out.add(m[1]);
    for (const m of text.matchAll(/\bbanded\('(\w+)'\)/g)) { out.add(m[1]); out.add(`${m[1]}Band`); }
  }
  // numberProblemCoded's codes with " or null" (Checker.nullableNumber builds them)
  for (const c of ['missingRange', 'notInRange', 'negativeRange']) out.add(`${c}OrNull`);
  // the coordinate checks' codes, built from the problem kind and the file kind
  for (const k of ['projected', 'swapped', 'lat_range', 'lon_range']) out.add(`coord_${k}`);
  for (const f of ['csv', 'geojson']) {
    for (const k of ['swapped', 'maybeSwapped', 'projected', 'lat_range', 'lon_range', 'zero']) out.add(`coordFile_${k}_${f}`);
    out.add(`coordZero_${f}`);
  }
  for (const w of ['schools_and_population_files', 'schools_file', 'population_file']) out.add(`planOtherData_${w}`);
  for (const w of ['setting', 'column', 'stated', 'inferred', 'complete', 'lacking']) out.add(`historyAfter_${w}`);
  for (const w of ['being_closed', 'being_merged', 'becoming_a_teaching_point']) out.add(`self_${w}`);
  return out;
}

const catalogue = (lang: string) => JSON.parse(readFileSync(join(LOCALES, lang, 'problems.json'), 'utf8')) as Record<string, unknown>;

describe('problem codes', () => {
  const codes = codesInCore();

  it('finds the codes of the loaders, the Checker and the plan validation', () => {
    for (const c of ['noColumn', 'moreRows', 'notValid', 'notInRange', 'unknownKeyIgnored', 'moreProblems']) expect(codes).toContain(c);
  });

  for (const lang of ['en', 'zh-CN', 'es']) {
    it(`every code has a message in ${lang}`, () => {
      const cat = catalogue(lang);
      const missing = [...codes].filter((c) => typeof cat[c] !== 'string' && typeof cat[`${c}_other`] !== 'string');
      expect(missing).toEqual([]);
    });
  }

  it('every merger note has a message in each language', () => {
    const text = readFileSync(join(CORE, 'scenario/mergerSuggestions.ts'), 'utf8');
    const notes = [...text.matchAll(/\bcoded\('(\w+)'/g)].map((m) => m[1]);
    expect(notes.length).toBeGreaterThan(2);
    for (const lang of ['en', 'zh-CN', 'es']) {
      const cat = JSON.parse(readFileSync(join(LOCALES, lang, 'plans.json'), 'utf8')) as { mergers: { note: Record<string, string> } };
      expect(notes.filter((c) => typeof cat.mergers.note[c] !== 'string')).toEqual([]);
    }
  });
});

/** `file:row: field:` of a problem's formatted line: everything before the message. */
const place = (p: Problem, line: string) => {
  const field = p.field ? `${p.field}: ` : '';
  const at = line.indexOf(field, p.file.length);
  return line.slice(0, at + field.length);
};

describe('hostile files in Chinese', () => {
  afterEach(() => void i18n.changeLanguage('en'));

  function both(problems: Problem[]): { en: string[]; zh: string[] } {
    void i18n.changeLanguage('en');
    const en = problems.map(problemText);
    void i18n.changeLanguage('zh-CN');
    const zh = problems.map(problemText);
    return { en, zh };
  }

  it('a plan file with wrong types: same place, Chinese message, English kept for the CLI', () => {
    const raw = { format: 'x', name: 42, levels: { primary: { overrides: { u1: { toString: 1 } } } }, __proto__x: 1, nextActionSeq: -3 };
    const v = validatePlan(raw, 'plan.json');
    const coded = v.problems.filter((p) => p.code);
    expect(coded.length).toBeGreaterThan(1);
    const { en, zh } = both(coded);
    coded.forEach((p, i) => {
      expect(en[i]).toBe(formatProblem(p));
      expect(place(p, zh[i])).toBe(place(p, en[i]));
      expect(zh[i]).toMatch(/[\u4e00-\u9fff]/);
    });
  });

  it('a settings file with an unknown field and a bad class size', () => {
    const s = defaultSettings('china');
    const r = checkSettings({ ...s, colour: 'red', levels: s.levels.map((l, i) => (i === 0 ? { ...l, classSize: 'big' } : l)) }, 'settings.json');
    const { en, zh } = both(r.problems);
    expect(r.problems.filter((p) => !p.code).map((p) => p.message)).toEqual([]);
    const bad = r.problems.findIndex((p) => p.field?.endsWith('classSize'));
    expect(bad).toBeGreaterThanOrEqual(0);
    expect(en[bad]).toContain('"big" is not valid');
    expect(zh[bad]).toContain('"big" 无效');
    r.problems.forEach((p, i) => expect(place(p, zh[i])).toBe(place(p, en[i])));
  });

  it('a schools CSV with a missing id and a bad status keeps the row and field in Chinese', () => {
    const csv = 'id,name,lon,lat,level,status\n,A,120,23,primary,open\ns2,B,120,23,primary,shut\n';
    const r = loadSchools('schools.csv', csv, defaultSettings('china'));
    const { en, zh } = both(r.problems);
    expect(en.some((l) => l.startsWith('schools.csv:2: id: '))).toBe(true);
    expect(zh.some((l) => l.startsWith('schools.csv:2: id: 缺失'))).toBe(true);
    expect(zh.some((l) => l.startsWith('schools.csv:3: status: '))).toBe(true);
  });
});

describe('the English catalogue says what the CLI says', () => {
  const csv = (rows: string[]) => `id,name,lon,lat,level,status\n${rows.join('\n')}\n`;
  const files: Record<string, string> = {
    projected: csv(['a,A,325000,673000,primary,open', 'b,B,120,23,primary,open', 'c,C,120.1,23,primary,open', 'd,D,120.2,23,primary,open']),
    projectedAll: csv(['a,A,325000,673000,primary,open', 'b,B,325100,673000,primary,open', 'c,C,325200,673000,primary,open']),
    swapped: csv(['a,A,23,120,primary,open', 'b,B,23.1,120,primary,open', 'c,C,23.2,120,primary,open']),
    zeros: csv(['a,A,0,0,primary,open', 'b,B,0,0,primary,open', 'c,C,120,23,primary,open', 'd,D,120.1,23,primary,open', 'e,E,120.2,23,primary,open']),
    lat: csv(['a,A,120,95,primary,open', 'b,B,120,23,primary,open', 'c,C,120.1,23,primary,open', 'd,D,120.2,23,primary,open']),
  };
  for (const [name, text] of Object.entries(files)) {
    it(`${name}: every coded problem reads the same from the catalogue`, () => {
      const r = loadSchools('schools.csv', text, defaultSettings('china'));
      const coded = r.problems.filter((p) => p.code);
      expect(coded.some((p) => p.code?.startsWith('coord'))).toBe(true);
      void i18n.changeLanguage('en');
      for (const p of coded) expect(problemText(p)).toBe(formatProblem(p));
    });
  }
});

/**
 * The proof that no loader or validator message reaches the app in English only: every problem the
 * hostile corpus and a set of broken inputs produce has a code with a message in every language that
 * uses only the parameters the problem carries, reads in English exactly as the CLI prints it, and
 * keeps its place (`file:row: field:`) in Chinese and Spanish.
 */
describe('every problem of the hostile corpus and broken inputs is coded', () => {
  const HOSTILE = join(__dirname, '../fixtures/hostile');
  const settings = resolveSettings({ shareOfTotal: { primary: 0.5, junior: 0.25 } });
  const china = defaultSettings('china');
  const bytes = (dir: string, f: string) => new Uint8Array(readFileSync(join(HOSTILE, dir, f)));
  const long = (tag: number, ...values: number[]): TiffTag => ({ tag, type: 4, values });
  const short = (tag: number, ...values: number[]): TiffTag => ({ tag, type: 3, values });

  async function population(file: string, data: Uint8Array): Promise<Problem[]> {
    const d = decodePopulation(data, file);
    return d.ok ? withDecodeProblems(d.problems, await loadPopulation(file, d.value, settings)).problems : d.problems;
  }
  function schools(file: string, data: Uint8Array | string, s = settings): Problem[] {
    const d = typeof data === 'string' ? { ok: true as const, value: data, problems: [] } : decodeText(data, file);
    return d.ok ? withDecodeProblems(d.problems, loadSchools(file, d.value, s)).problems : d.problems;
  }

  async function corpus(): Promise<Problem[]> {
    const out: Problem[] = [];
    for (const f of readdirSync(join(HOSTILE, 'csv'))) out.push(...schools(f, bytes('csv', f)), ...(await population(f, bytes('csv', f))));
    for (const f of readdirSync(join(HOSTILE, 'files'))) {
      out.push(...(await population(f, bytes('files', f))));
      if (f.endsWith('.geojson')) {
        out.push(...schools(f, bytes('files', f)));
        out.push(...buildRoadGraphFromText(new TextDecoder().decode(bytes('files', f)), f).problems);
      }
    }
    for (const f of readdirSync(join(HOSTILE, 'plans'))) {
      const text = readFileSync(join(HOSTILE, 'plans', f), 'utf8');
      if (f.endsWith('.settings.json')) out.push(...parseSettingsFile(text, f).problems);
      else {
        const r = parsePlanFile(text, f, { schoolsFingerprint: 'x', populationFingerprint: 'y' }, { schoolIds: new Set(['s1']), unitIds: new Set(['u1']) });
        out.push(...r.problems);
      }
    }
    // CSV shapes
    for (const [name, text] of Object.entries({
      unclosed: 'id,name,lon,lat,level\ns1,"A,3,55,primary\n', afterQuote: 'id,name,lon,lat,level\ns1,"A"x,3,55,primary\n', one: 'id\ns1\n', empty: '\n\n',
      nul: 'id,name,lon,lat,level\ns1,A\0,3,55,primary\n', nulHeader: 'id,na\0me,lon,lat,level\ns1,A,3,55,primary\n',
      history: 'id,name,lon,lat,level,school_year,g1_2030,p1_2030,zz9_2019,q1_2020\ns1,A,3,55,primary,2023,4,1,2,3\ns2,B,3.1,55,primary,2024,4,1,2,3\n',
    })) out.push(...schools(`${name}.csv`, text, china));
    // TIFF headers and blocks
    const tiffs: TiffTag[][] = [
      [short(TAG.BitsPerSample, 12), short(TAG.SampleFormat, 1)], [short(TAG.BitsPerSample, 12)], [short(TAG.SampleFormat, 4)], [short(TAG.Compression, 7)], [short(TAG.Compression, 99)], [short(TAG.Predictor, 5)],
      [short(TAG.PlanarConfiguration, 3)], [long(TAG.RowsPerStrip, 0)], [long(TAG.StripByteCounts, 20)], [long(TAG.ImageWidth, 0)], [short(TAG.SamplesPerPixel, 2), short(TAG.BitsPerSample, 32, 16)],
      [short(TAG.SamplesPerPixel, 2), short(TAG.BitsPerSample, 32, 32), short(TAG.SampleFormat, 3, 5)], [short(TAG.BitsPerSample, 32, 32, 32), short(TAG.SamplesPerPixel, 4)],
    ];
    for (const [i, override] of tiffs.entries()) out.push(...(await population(`t${i}.tif`, rasterTiff({ width: 4, height: 3, override }))));
    out.push(...(await population('short.tif', new Uint8Array([0x49, 0x49, 0x2a, 0]))));
    out.push(...(await population('lzw.tif', rasterTiff({ width: 4, height: 3, strip: new Uint8Array([0xff, 0xff, 0xff, 0xff]), override: [short(TAG.Compression, 5)] }))));
    // the pair of files: schools far from the population, and swapped
    const pop = 'id,lon,lat,primary,junior\nu1,3,55,10,5\nu2,3.01,55,10,5\nu3,3,55.01,10,5\n';
    const units = await unitsFrom(pop, settings);
    for (const rows of [['s1,A,3.005,55.005,primary', 's2,B,40,10,primary'], ['s1,A,55,3,primary', 's2,B,55.01,3,primary'], ['s1,A,55,3,primary'], ['s1,A,40,10,primary', 's2,B,41,10,primary', 's3,C,3,55,primary']]) {
      out.push(...crossCheck('schools.csv', schoolsFrom(`id,name,lon,lat,level\n${rows.join('\n')}\n`, settings), units));
    }
    // zones and roads
    const base = schoolsFrom('id,name,lon,lat,level\ns1,Alpha,3,55,primary\ns2,Beta,3.01,55,primary\n', settings);
    const poly = { type: 'Polygon', coordinates: [[[2.9, 54.9], [3.1, 54.9], [3.1, 55.1], [2.9, 54.9]]] };
    out.push(...importZones({ type: 'FeatureCollection', features: [] } as never, 'none.geojson', base, units).problems);
    out.push(...importZones({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { a: 'zzz' }, geometry: { type: 'Point', coordinates: [3, 55] } }, { type: 'Feature', properties: {}, geometry: null }] } as never, 'z.geojson', base, units).problems);
    out.push(...importZones({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { a: 'x' }, geometry: poly }] } as never, 'z.geojson', base, units, { zoneField: 'school' }).problems);
    out.push(...importZones({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: poly }] } as never, 'z.geojson', base, units).problems);
    const line = (c: number[][]) => ({ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: c } });
    out.push(...buildRoadGraph({ type: 'FeatureCollection', features: [line([[3, 55], [3.01, 55]]), line([[4, 56], [4.01, 56]]), { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [3, 55] } }] }, 'roads.geojson').problems);
    out.push(...buildRoadGraph({ type: 'FeatureCollection', features: [] }, 'roads.geojson').problems, ...buildRoadGraph(42, 'roads.geojson').problems);
    // settings checked beyond the Checker's readers
    const s = defaultSettings('china');
    const lv = s.levels;
    for (const raw of [
      '{', { profile: 'mars' }, { ...s, levels: [...lv, { ...lv[0] }] }, { ...s, levels: [{ ...lv[0], grades: [...lv[0].grades, lv[0].grades[0]] }, ...lv.slice(1)] },
      { ...s, levels: [{ ...lv[0], grades: [...lv[0].grades, lv[1].grades[0]] }, ...lv.slice(1)] }, { ...s, levels: [{ ...lv[0], ages: [9, 3] }, ...lv.slice(1)] },
      { ...s, levels: [{ ...lv[0], ages: 'young' }, ...lv.slice(1)] }, { ...s, shareOfTotal: { nursery: 0.1 } }, { ...s, levels: [] },
      { ...s, routes: { distance: 'crow' } }, { ...s, schoolTypes: { ...s.schoolTypes, odd: { levels: ['college'] } } },
    ]) out.push(...(typeof raw === 'string' ? parseSettingsFile(raw, 'settings.json') : checkSettings(raw, 'settings.json')).problems);
    // plans that name what the data does not have
    const plan = (extra: Record<string, unknown>) => ({ ...newPlan('p', { name: 'd', schoolsFingerprint: 'x', populationFingerprint: 'y', units: 1, schools: 2 } as Plan['dataset'], s), ...extra });
    const ctx = { schoolIds: new Set(['s1', 's2']), unitIds: new Set(['u1']) };
    for (const extra of [
      { levels: { primary: { overrides: { u9: 's1', u1: 's7' }, lockedUnits: ['u8'], lockedSchools: ['s8'] } } }, { levels: { nursery: {} } },
      { actions: [{ kind: 'merge', id: 'a', school: 's1', into: 's1', campusRetained: false, moveStaff: false }, { kind: 'close', id: 'a', school: 's2', receiver: 's2' }, { kind: 'close', school: 's9' }, { kind: 'close', school: 'n1' }, { kind: 'open', id: 'n1', name: 'N', type: 'castle', lon: 3, lat: 55, capacity: null, classrooms: null }, { kind: 'open', id: 's1', name: 'N', type: 'primary', lon: 3, lat: 55, capacity: null, classrooms: null }] },
      { actions: [{ kind: 'teaching_point', school: 's1', into: 's1', keepUpTo: 'g99' }, { kind: 'housing', name: 'H', ring: [[3, 55], [3.1, 55], 'x', [1000, 2], [3, 'y'], [4, 4, 4]], lon: 3, lat: 55, homes: 10, yieldPerHome: { nursery: 0.1 }, occupiedYear: null, homesByType: { flat: 5 }, yieldByType: {} }] },
      { actions: [{ kind: 'housing', name: 'H', ring: [[3, 55]], lon: 3, lat: 55, homes: 1, yieldPerHome: {}, occupiedYear: null }, { kind: 'housing', name: 'H', ring: 'round', lon: 3, lat: 55, homes: 1, yieldPerHome: {}, occupiedYear: null }] },
    ]) out.push(...validatePlan(plan(extra), 'plan.json', ctx).problems);
    // births files: bad rows, and rows joined to areas the population does not have
    out.push(...loadBirths('births.csv', 'area,year,births\n,2018,1\nU1,18,2\nU1,2019,-1\nU1,2020,x\nU1,2021,1\nU1,2021,2\n').problems, ...loadBirths('births.csv', 'code,n\n').problems);
    const joined = loadBirths('births.csv', 'area,year,births\nU1,2018,1\nZZ,2018,2\n');
    if (joined.ok) out.push(...withBirths('births.csv', await unitsFrom('id,lon,lat,primary\nU1,3,55,10\n', china), joined.value).problems, ...withBirths('births.csv', await unitsFrom('lon,lat,primary\n3,55,10\n', china), joined.value).problems);
    out.push(...parseSettingsFile(JSON.stringify({ projection: { birthsMatch: 'village' } }), 'settings.json').problems);
    // the base year of a projection
    const hist = schoolsFrom('id,name,lon,lat,level,g1,g2,g3,g4,g5,g6,g1_2030,g1_2021,g2_2021,g3_2021,g4_2021,g5_2021,g6_2021\ns1,A,3,55,primary,10,,10,10,10,10,5,9,9,9,9,9,9\n', china);
    out.push(...chooseBaseYear(hist, china).problems, ...chooseBaseYear(hist, { ...china, projection: { ...china.projection, baseYear: 2022 } }).problems);
    return out;
  }

  let problems: Problem[] = [];
  beforeAll(async () => { problems = await corpus(); });
  afterEach(() => void i18n.changeLanguage('en'));

  it('covers the loaders, the TIFF reader, the cross-check, zones, roads, settings, plans and the base year', () => {
    const codes = new Set(problems.map((p) => p.code));
    for (const c of ['csvUnclosedQuote', 'csvOneColumn', 'tiffIntBits', 'tiffCompression', 'crossFar', 'crossSwapped', 'zoneNotPolygon', 'roadsDisconnected', 'roadsNotLines',
      'gradeInTwoLevels', 'agesOrder', 'unknownUnits', 'self_being_merged', 'actionIdRepeated', 'ringTooShort', 'strayHistory', 'yearDiffersLine', 'historyAfter_column', 'historyAfter_setting', 'currentLacksGrades', 'childrenEstimated', 'notBirthYear', 'duplicateBirths', 'birthsUnknownArea', 'birthsNoUnitIds']) {
      expect(codes).toContain(c);
    }
    expect(problems.length).toBeGreaterThan(100);
  });

  it('writes the largest road piece\'s share per language, with the decimal the CLI prints', () => {
    const roads = problems.find((p) => p.code === 'roadsDisconnected')!;
    expect(typeof roads.params.largestPercent).toBe('number');
    expect(formatProblem(roads)).toContain('the largest holds 50.0% of the junctions');
    void i18n.changeLanguage('es');
    expect(problemText(roads)).toContain('la mayor contiene el 50,0 % de los cruces');
  });

  it('every problem has a code', () => {
    expect(problems.filter((p) => !p.code).map(formatProblem)).toEqual([]);
  });

  for (const lang of ['en', 'zh-CN', 'es']) {
    it(`every code has a message in ${lang} that uses only the problem's parameters`, () => {
      const cat = catalogue(lang);
      const texts = (code: string) => [cat[code], cat[`${code}_one`], cat[`${code}_other`]].filter((x): x is string => typeof x === 'string');
      const bad: string[] = [];
      for (const p of problems) {
        const found = texts(p.code);
        if (!found.length) { bad.push(`${p.code}: no message`); continue; }
        // derived parameters: examples from exampleIds, what from expect
        const have = new Set([...Object.keys(p.params), ...(p.params.exampleIds !== undefined ? ['examples'] : []), ...(p.params.expect !== undefined ? ['what'] : [])]);
        for (const t of found) for (const m of t.matchAll(/\{\{\s*(\w+)/g)) if (!have.has(m[1])) bad.push(`${p.code}: {{${m[1]}}} not in params`);
        for (const k of ['what', 'signedness', 'block', 'blocks']) {
          const v = p.params[k];
          if (typeof v === 'string' && p.params.expect === undefined && typeof (cat.what as Record<string, unknown>)[v] !== 'string') bad.push(`${p.code}: phrase "${v}" not in problems:what`);
        }
      }
      expect([...new Set(bad)]).toEqual([]);
    });
  }

  it('reads in English exactly as the CLI prints it', () => {
    void i18n.changeLanguage('en');
    const differ = problems.map((p) => [problemText(p), formatProblem(p)]).filter(([a, b]) => a !== b);
    expect(differ).toEqual([]);
  });

  it('keeps the place in Chinese and Spanish, with the message in the language', () => {
    for (const lang of ['zh-CN', 'es']) {
      void i18n.changeLanguage(lang);
      for (const p of problems) {
        const line = problemText(p);
        expect(place(p, line)).toBe(place(p, formatProblem(p)));
        if (lang === 'zh-CN') expect(line, line).toMatch(/[\u4e00-\u9fff]/);
      }
    }
    // Spanish differs from English for all but messages made only of names and numbers
    void i18n.changeLanguage('es');
    const same = problems.filter((p) => problemText(p) === formatProblem(p) && !/^[\d\s,.:;()"x-]*$/.test(p.message));
    expect(same.map(formatProblem)).toEqual([]);
  });
});
