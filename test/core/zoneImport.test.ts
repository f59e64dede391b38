import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatProblem, importZones, loadSchools, resolveSettings, type Schools } from '../../src/core/index';
import { matchSchool, nameSimilarity, nameWords, schoolNameIndex, suggestSchools } from '../../src/core/plan/matchSchoolNames';
import { schoolsFrom, unitsFrom } from '../helpers';

const fixture = (f: string) => readFileSync(`test/fixtures/zones/${f}`, 'utf8');
type Features = Parameters<typeof importZones>[0];
const noUnits = { count: 0, lon: new Float64Array(0), lat: new Float64Array(0) } as unknown as Parameters<typeof importZones>[3];

/** A schools list from "id|name|type" lines. */
function list(...rows: string[]) {
  const ids = rows.map((r) => r.split('|')[0]), names = rows.map((r) => r.split('|')[1]), types = rows.map((r) => r.split('|')[2] ?? 'primary');
  return { ids, names, types };
}
/** The matched school's id, or the outcome when there is none. */
function matchId(schools: ReturnType<typeof list>, value: string, prefer?: string[]) {
  const m = matchSchool(schoolNameIndex(schools), value, prefer ? new Set(prefer) : null);
  return m.school === null ? `(${m.why}${m.tied.length ? `: ${m.tied.map((s) => schools.ids[s]).join(',')}` : ''})` : `${schools.ids[m.school]} by ${m.rule}`;
}
/** A zones layer of unit squares, one per value of `prop`. */
const squares = (props: Record<string, unknown>[]): Features => ({
  features: props.map((properties, i) => ({ properties, geometry: { type: 'Polygon', coordinates: [[[i, 0], [i + 1, 0], [i + 1, 1], [i, 1], [i, 0]]] } })),
});

describe('school names as other files write them', () => {
  it('reads abbreviations, decorations, accents, punctuation and spacing as the same words', () => {
    expect(nameWords("St. Mary's RC Prim. Sch.")).toEqual(['saint', 'marys', 'roman', 'catholic', 'primary', 'school']);
    expect(nameWords('Washington Int\u2019l Jr/Sr HS')).toEqual(['washington', 'international', 'junior', 'senior', 'high', 'school']);
    expect(nameWords('Adams K-8 & Pre-K')).toEqual(['adams', 'k8', 'and', 'pre', 'k']);
    expect(nameWords('Lincoln El. Elem Pri Intl MS')).toEqual(['lincoln', 'elementary', 'elementary', 'primary', 'international', 'middle', 'school']);
    // "St" is Saint only as the first word; elsewhere it is kept (Main St)
    expect(nameWords('Main St Elementary')).toEqual(['main', 'st', 'elementary']);
    expect(nameWords('École Élémentaire Sainte-Thérèse')).toEqual(['ecole', 'elementaire', 'sainte', 'therese']);
  });

  it('matches by id, exact name, normalised name and name with a designation dropped on either side', () => {
    const s = list('101|Lincoln Elementary School', '102|Saint Mary\'s Roman Catholic Primary School', '103|Washington International School|secondary',
      '104|Jefferson Middle School|junior', '105|Roosevelt High School|secondary', '106|Roosevelt Primary School', '107|Adams K-8 School|nine_year',
      '108|Madison Junior High School|junior', '109|Abbey Hill Primary School', '110|Broughton High');
    expect(matchId(s, '104')).toBe('104 by id');
    expect(matchId(s, 'Lincoln Elementary School')).toBe('101 by exact');
    expect(matchId(s, 'LINCOLN EL. SCH.')).toBe('101 by normalised');
    expect(matchId(s, 'lincoln  elementary-school')).toBe('101 by normalised');
    expect(matchId(s, 'Lincoln Elem')).toBe('101 by suffix');
    expect(matchId(s, 'St. Mary’s RC Prim')).toBe('102 by suffix');
    expect(matchId(s, 'St Marys R.C. Primary School')).toBe('102 by normalised');
    expect(matchId(s, "Washington Int'l School")).toBe('103 by normalised');
    expect(matchId(s, 'Washington Intl')).toBe('103 by suffix');
    expect(matchId(s, 'Jefferson MS')).toBe('104 by normalised');
    expect(matchId(s, 'Roosevelt HS')).toBe('105 by normalised');
    expect(matchId(s, 'Adams K8')).toBe('107 by suffix');
    expect(matchId(s, 'Adams K-8 Sch.')).toBe('107 by normalised');
    expect(matchId(s, 'Madison Jr. High')).toBe('108 by suffix');
    expect(matchId(s, 'Abbeyhill Primary')).toBe('109 by suffix');
    expect(matchId(s, 'Abbeyhill')).toBe('109 by suffix');
    // dropped on the school's side too: the list says "Broughton High", the zone "Broughton High School"
    expect(matchId(s, 'Broughton High School')).toBe('110 by suffix');
  });

  it('does not match when the dropped words name a different kind of school, or when several schools fit equally', () => {
    const s = list('1|Roosevelt High School|secondary', '2|Roosevelt Primary School', '3|Leith Primary School', '4|Kirkliston Primary School');
    // "Elementary" and "Primary" are the same level; "High" is not
    expect(matchId(s, 'Roosevelt Elem')).toBe('2 by suffix');
    expect(matchId(s, 'Leith Academy')).toBe('(none)');
    expect(matchId(s, 'Roosevelt')).toBe('(ambiguous: 1,2)');
    expect(matchId(s, 'Roosevelt', ['secondary'])).toBe('1 by suffix');
    expect(matchId(s, 'Kirknewton Primary School')).toBe('(none)');
  });

  it('prefers the name that needs the fewest words dropped, and tells qualified names apart', () => {
    const s = list('1|Broughton High School|secondary', '2|Broughton Primary School', '3|St Mary\'s RC Primary School (Edin)', '4|St Mary\'s RC Primary School (Leith)',
      '5|St David\'s RC Primary School (Edin)', '6|Pentland Primary School', '7|Pentland Primary School (Nursery Annexe)|annexe', '8|The Royal High Primary School', '9|The Royal High Secondary School|secondary');
    expect(matchId(s, 'Broughton High')).toBe('1 by suffix');
    expect(matchId(s, 'Broughton Primary')).toBe('2 by suffix');
    expect(matchId(s, "St Mary's RC Primary School")).toBe('(ambiguous: 3,4)');
    expect(matchId(s, "St David's RC Primary School")).toBe('5 by suffix');
    expect(matchId(s, 'Pentland Primary School')).toBe('6 by exact');
    expect(matchId(s, 'Royal High Primary')).toBe('8 by suffix');
    expect(matchId(s, 'The Royal High')).toBe('(ambiguous: 8,9)');
    expect(matchId(s, 'The Royal High', ['secondary'])).toBe('9 by suffix');
  });

  it('drops Chinese designations (小学, 中学, 学校, 初级中学, 九年一贯制学校) when that leaves one school', () => {
    const s = list('C1|砂子塘小学', 'C2|长郡中学|secondary', 'C3|雅礼中学|secondary', 'C4|明德九年一贯制学校|nine_year', 'C5|博才小学', 'C6|博才中学|secondary');
    expect(matchId(s, '长郡')).toBe('C2 by suffix');
    expect(matchId(s, '长郡初级中学')).toBe('C2 by suffix');
    expect(matchId(s, '砂子塘学校')).toBe('C1 by suffix');
    expect(matchId(s, '明德学校')).toBe('C4 by suffix');
    expect(matchId(s, '雅礼小学')).toBe('(none)'); // a primary school is not the secondary school of the same name
    expect(matchId(s, '博才')).toBe('(ambiguous: C5,C6)');
    expect(matchId(s, '博才', ['primary'])).toBe('C5 by suffix');
    expect(suggestSchools(schoolNameIndex(s), '雅礼小学').map((k) => s.ids[k])[0]).toBe('C3');
  });

  it('matches initials written in capitals', () => {
    const s = list('1|Wester Hailes Education Centre|secondary', '2|James Gillespie\'s High School|secondary');
    expect(matchId(s, 'WHEC')).toBe('1 by initials');
    expect(matchId(s, 'JGHS')).toBe('2 by initials');
    expect(matchId(s, 'whec')).toBe('(none)');
  });

  it('suggests up to three similar names, best first', () => {
    const s = list('1|Kirkliston Primary School', '2|Lincoln Elementary School', '3|Kirknewton Nursery', '4|Zeta Academy', '5|Kirkwall Primary');
    const ix = schoolNameIndex(s);
    expect(suggestSchools(ix, 'Kirknewton Primary School').map((k) => s.ids[k])).toEqual(['3', '1', '5']);
    expect(suggestSchools(ix, 'Lincon Elementary').map((k) => s.ids[k])).toEqual(['2']);
    expect(suggestSchools(ix, 'Tyler Academy')).toEqual([]);
    expect(nameSimilarity('Kirknewton Primary School', 'Kirkliston Primary School')).toBeCloseTo(0.7, 9);
  });
});

describe('importing zones: which property names the school', () => {
  const schools = schoolsFrom(fixture('schools.csv'));
  const zones = JSON.parse(fixture('zones.geojson')) as Features;
  const name = (id: string | null) => (id === null ? null : schools.names[schools.indexById.get(id)!]);

  it('detects the property whose values match the most schools, not just name/school_name/school', async () => {
    // NAME holds zone names ("Zone A"), OBJECTID numbers, DISTRICT North/South; ATT_SCHOOL the schools
    const units = await unitsFrom('id,lon,lat,primary,junior\nu1,10.05,50.05,1,0\nu2,10.25,50.15,1,0\nu3,10.35,50.05,1,0\nu4,10.95,50.95,1,0\n');
    const imp = importZones(zones, 'zones.geojson', schools, units);
    expect(imp.problems).toEqual([]);
    expect(imp.field).toMatchObject({ field: 'ATT_SCHOOL', how: 'detected', zones: 10, matched: 8, byId: 0, byName: 8, score: 0.8, labelField: 'ATT_SCHOOL' });
    expect(imp.field.candidates.map((c) => [c.field, c.matched])).toEqual([['ATT_SCHOOL', 8], ['NAME', 0], ['OBJECTID', 0], ['DISTRICT', 0]]);
    expect(imp.field.summary).toBe('zone field "ATT_SCHOOL" (detected): 8 of 10 zones match a school (8 by name)');
    expect(imp.zones.map((z) => [z.label, name(z.school), z.rule])).toEqual([
      ['LINCOLN EL. SCH.', 'Lincoln Elementary School', 'normalised'],
      ['St. Mary’s RC Prim', "Saint Mary's Roman Catholic Primary School", 'suffix'],
      ["Washington Int'l School", 'Washington International School', 'normalised'],
      ['Tyler Academy', null, null],
      ['Jefferson MS', 'Jefferson Middle School', 'normalised'],
      ['Roosevelt HS', 'Roosevelt High School', 'normalised'],
      ['Roosevelt Elem', 'Roosevelt Primary School', 'suffix'],
      ['Adams K8', 'Adams K-8 School', 'suffix'],
      ['Madison Jr. High', 'Madison Junior High School', 'suffix'],
      ['Lincon Elementary', null, null],
    ]);
    // unmatched zones stay listed, with suggestions where a name is close
    expect(imp.zones[3]).toMatchObject({ matchedBy: null, why: 'none', suggestions: [], named: true });
    expect(imp.zones[9]).toMatchObject({ matchedBy: null, why: 'none', suggestions: ['E1'] });
    expect(Array.from(imp.zoneByUnit)).toEqual([0, 6, 3, -1]);
    expect(imp.unitsOutside).toBe(1);
  });

  it('uses the property the caller names (in any case), and says when it is missing', () => {
    const byDistrict = importZones(zones, 'zones.geojson', schools, noUnits, { zoneField: 'district' });
    expect(byDistrict.field).toMatchObject({ field: 'DISTRICT', how: 'option', matched: 0 });
    expect(byDistrict.zones.every((z) => z.school === null)).toBe(true);
    expect(byDistrict.field.summary).toBe('zone field "DISTRICT" (given): 0 of 10 zones match a school');
    const byName = importZones(zones, 'zones.geojson', schools, noUnits, { zoneField: 'att_school' });
    expect(byName.field).toMatchObject({ field: 'ATT_SCHOOL', how: 'option', matched: 8 });
    const missing = importZones(zones, 'zones.geojson', schools, noUnits, { zoneField: 'SCHOOL_NM' });
    expect(missing.problems.map(formatProblem)).toEqual([
      "zones.geojson: SCHOOL_NM: no zone has this property; expected the property holding each zone's school id or name (the zones have OBJECTID, NAME, DISTRICT, ATT_SCHOOL)",
    ]);
    expect(missing.field.field).toBeNull();
  });

  it('calls a zone the file leaves without a name "zone N", and says it is unnamed (the app words it per language)', () => {
    const s = list('101|Lincoln Elementary School');
    const imp = importZones(squares([{ school: 'Lincoln Elementary School' }, {}]), 'zones.geojson', s as unknown as Schools, noUnits, { zoneField: 'school' });
    expect(imp.zones.map((z) => [z.label, z.named])).toEqual([['Lincoln Elementary School', true], ['zone 1', false]]);
  });

  it('finds ids in any property, labels the zones by a name-like property, and tries that name where the id fails', () => {
    const imp = importZones(squares([
      { SCH_NM: 'Lincoln Elementary', LOC_CODE: 'E1' },
      { SCH_NM: 'Roosevelt Campus', LOC_CODE: 'H1' },
      { SCH_NM: 'Jefferson Middle', LOC_CODE: 'M1' },
      { SCH_NM: 'Adams Campus', LOC_CODE: 'K1' },
      { SCH_NM: 'Madison Junior High', LOC_CODE: 'X-OLD' },
      { SCH_NM: 'Closed Elementary', LOC_CODE: 'X-GONE' },
    ]), 'z.geojson', schools, noUnits);
    expect(imp.field).toMatchObject({ field: 'LOC_CODE', how: 'detected', matched: 4, byId: 4, labelField: 'SCH_NM', matchedByLabel: 1 });
    expect(imp.field.summary).toBe('zone field "LOC_CODE" (detected): 4 of 6 zones match a school (4 by id); next best "SCH_NM": 3; 1 more by their "SCH_NM"');
    expect(imp.zones.map((z) => [z.label, z.school, z.matchedBy, z.field])).toEqual([
      ['Lincoln Elementary', 'E1', 'id', 'LOC_CODE'],
      ['Roosevelt Campus', 'H1', 'id', 'LOC_CODE'],
      ['Jefferson Middle', 'M1', 'id', 'LOC_CODE'],
      ['Adams Campus', 'K1', 'id', 'LOC_CODE'],
      ['Madison Junior High', 'J1', 'name', 'SCH_NM'],
      ['Closed Elementary', null, null, null],
    ]);
  });

  it('between properties matching as many zones, trusts names over a running number that equals short ids', () => {
    const s = schoolsFrom('id,name,level,lon,lat\n1,Abbeyhill Primary School,primary,1,1\n2,Balgreen Primary School,primary,1.1,1\n3,Canal View Primary School,primary,1.2,1\n');
    const imp = importZones(squares([{ OBJECTID: 1, SCHOOL: 'Canal View' }, { OBJECTID: 2, SCHOOL: 'Abbeyhill' }, { OBJECTID: 3, SCHOOL: 'Balgreen' }]), 'z.geojson', s, noUnits);
    expect(imp.field).toMatchObject({ field: 'SCHOOL', matched: 3 });
    expect(imp.zones.map((z) => z.school)).toEqual(['3', '1', '2']);
    // a known id column is trusted over names
    const bySeed = importZones(squares([{ seed_code: 1, SCHOOL: 'Canal View' }, { seed_code: 2, SCHOOL: 'Abbeyhill' }, { seed_code: 3, SCHOOL: 'Balgreen' }]), 'z.geojson', s, noUnits);
    expect(bySeed.field).toMatchObject({ field: 'seed_code', labelField: 'SCHOOL' });
  });

  it('warns when even the best property matches fewer than half of the zones', () => {
    const imp = importZones(squares([{ label: 'Lincoln Elementary' }, { label: 'North' }, { label: 'South' }]), 'z.geojson', schools, noUnits);
    expect(imp.problems.map(formatProblem)).toEqual([
      'z.geojson: label: warning: only 1 of 3 zones match a school by their best property, "label"; if another property holds the school id or name, give it as the zone field',
    ]);
  });

  it('prefers the kind of school most zones match when a name fits two schools', () => {
    const s = schoolsFrom('id,name,level,lon,lat\nP1,Leith Primary School,primary,1,1\nA1,Leith Academy,secondary,1.1,1\nP2,Trinity Primary School,primary,1.2,1\nA2,Trinity Academy,secondary,1.3,1\nP3,Dalry Primary School,primary,1.4,1\nP4,Roseburn Primary School,primary,1.5,1\n');
    const primaryZones = squares([{ zone: 'Leith' }, { zone: 'Trinity' }, { zone: 'Dalry Primary' }, { zone: 'Roseburn Primary' }]);
    // "Leith" alone is nearer "Leith Academy" (one word dropped) than "Leith Primary School" (two), but this is a primary layer
    expect(importZones(primaryZones, 'z.geojson', s, noUnits).zones.map((z) => z.school)).toEqual(['P1', 'P2', 'P3', 'P4']);
    // the caller can say which types the layer is for
    expect(importZones(primaryZones, 'z.geojson', s, noUnits, { preferTypes: ['secondary'] }).zones.map((z) => z.school)).toEqual(['A1', 'A2', 'P3', 'P4']);
  });

  it('lists ambiguous zones with the schools that fit first among the suggestions', () => {
    const s = schoolsFrom('id,name,level,lon,lat\nM1,St Mary\'s RC Primary School (Edin),primary,1,1\nM2,St Mary\'s RC Primary School (Leith),primary,1.1,1\n');
    const imp = importZones(squares([{ school: "St Mary's RC Primary" }]), 'z.geojson', s, noUnits);
    expect(imp.zones[0]).toMatchObject({ school: null, why: 'ambiguous', suggestions: ['M1', 'M2'] });
  });
});

describe("Edinburgh's official catchments named as other files name them", () => {
  const settings = resolveSettings({ profile: 'scotland' });
  const loaded = loadSchools('schools.geojson', readFileSync('geodata/edinburgh/schools.geojson', 'utf8'), settings);
  if (!loaded.ok) throw new Error('Edinburgh schools do not load');
  const schools: Schools = loaded.value.schools;
  const layer = (level: string) => JSON.parse(readFileSync(`geodata/edinburgh/official_catchments_${level}_nd.geojson`, 'utf8')) as { features: { properties: Record<string, string>; geometry: unknown }[] };

  it('matches every secondary catchment by its short name alone ("Broughton High", "The Royal High", "WHEC")', () => {
    const fc = layer('secondary');
    const namesOnly = { features: fc.features.map((f) => ({ ...f, properties: { CATCHMENT: f.properties.school_name } })) } as Features;
    const imp = importZones(namesOnly, 'secondary.geojson', schools, noUnits);
    expect(imp.field).toMatchObject({ field: 'CATCHMENT', matched: 20, zones: 20 });
    // the layer's seed codes say which school each zone is
    expect(imp.zones.map((z) => z.school)).toEqual(fc.features.map((f) => f.properties.seed_code));
    const royal = imp.zones.find((z) => z.label === 'The Royal High')!;
    expect(name(schools, royal.school)).toBe('The Royal High Secondary School');
  });

  it('matches the primary catchments by name as well as by seed code, the stale seed code of Pentland included', () => {
    const fc = layer('primary');
    const imp = importZones(fc as Features, 'primary.geojson', schools, noUnits);
    expect(imp.field).toMatchObject({ field: 'school_name', how: 'detected', matched: 72, zones: 73 });
    expect(imp.field.candidates.find((c) => c.field === 'seed_code')!.matched).toBe(71);
    expect(imp.zones.find((z) => z.label === 'Pentland Primary School')!.school).toBe('5530920');
    const kirknewton = imp.zones.find((z) => !z.school)!;
    expect(kirknewton.label).toBe('Kirknewton Primary School');
    expect(kirknewton.suggestions[0]).toBe('5531721'); // Kirkliston
  });
});

function name(s: Schools, id: string | null) {
  return id === null ? null : s.names[s.indexById.get(id)!];
}
