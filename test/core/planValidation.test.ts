import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  addAction, checkSettings, defaultSettings, formatProblem, newPlan, parsePlanFile, parseSettingsFile, planFileText, profiles, readSettings,
  resolveSettings, SettingsError, validatePlan, type Plan, type Problem,
} from '../../src/core/index';

const DIR = 'test/fixtures/hostile/plans/';
const fixture = (name: string) => readFileSync(DIR + name, 'utf8');
/** the README example's data: four schools and one area */
const context = { schoolIds: new Set(['5520924', '5531926', '5521025', '5521122']), unitIds: new Set(['S00104290']) };
const readme = () => JSON.parse(fixture('readme-example.plan.json'));
const errors = (problems: Problem[]) => problems.filter((p) => p.severity === 'error');
const fields = (problems: Problem[]) => errors(problems).map((p) => p.field);
/** validates the README plan after `edit` changed it */
const check = (edit: (p: Record<string, any>) => void, ctx: Parameters<typeof validatePlan>[2] = context) => {
  const p = readme();
  edit(p);
  return validatePlan(p, 'p.json', ctx);
};

describe('hostile plan files', () => {
  const cases: [file: string, fields: string[], message: string][] = [
    ['school-edit-null.plan.json', ['schoolEdits.5520924'], 'null is not valid; expected an object of corrections'],
    ['housing-string-homes.plan.json', ['actions[3].homes'], '"500" is not valid; expected a number of homes from 0 to 1,000,000'],
    ['merge-into-itself.plan.json', ['actions[1].into'], 'a school cannot merge into itself'],
    ['unknown-action-kind.plan.json', ['actions[0].kind'], '"teleport" is not an action; expected one of close, merge, teaching_point, open, change, housing'],
    ['huge-numbers.plan.json', ['schoolEdits.5520924.capacity', 'actions[2].lat', 'actions[3].yieldPerHome.primary'], 'Infinity is not valid'],
    ['prototype-keys.plan.json', ['schoolEdits.__proto__', 'levels.primary.overrides', 'levels.primary.overrides.constructor', 'actions[0].receiver'], '"__proto__" is not allowed as a school id'],
    ['settings-negative-class-size.plan.json', ['settings.levels[0].classSize'], '-30 is not valid'],
    ['settings-levels-null.plan.json', ['settings.levels'], 'null is not valid; expected an object keyed by level id'],
  ];
  for (const [file, expectedFields, message] of cases) {
    it(`${file}: refused, naming the field`, () => {
      const r = parsePlanFile(fixture(file), file, undefined, context);
      expect(r.ok).toBe(false);
      expect('plan' in r).toBe(false); // never a half-valid plan
      expect(fields(r.problems)).toEqual(expectedFields); // and nothing else in the file is blamed
      expect(r.problems[0].file).toBe(file);
      expect(r.problems.map(formatProblem).join('\n')).toContain(message);
      // the same problems without the data's ids: none of them is a reference problem
      const bare = parsePlanFile(fixture(file), file);
      expect(fields(bare.problems)).toEqual(expectedFields);
    });
  }

  it('the prototype keys reach no prototype', () => {
    const r = parsePlanFile(fixture('prototype-keys.plan.json'), 'x.json', undefined, context);
    expect(r.problems.map(formatProblem)).toContain('x.json: levels.primary.overrides.constructor: "constructor" is not allowed as a unit id');
    expect(({} as Record<string, unknown>).capacity).toBeUndefined();
  });

  it('settings files with a negative class size or levels: null are refused, naming the field', () => {
    const neg = parseSettingsFile(fixture('negative-class-size.settings.json'), 'neg.json');
    expect(neg.ok).toBe(false);
    expect(neg.problems.map(formatProblem)).toEqual(['neg.json: levels.primary.classSize: -30 is not valid; expected a non-negative number (a class size in pupils from 1 to 200)']);
    const nul = parseSettingsFile(fixture('levels-null.settings.json'), 'nul.json');
    expect(nul.ok).toBe(false);
    expect(nul.problems.map(formatProblem)).toEqual(['nul.json: levels: null is not valid; expected an object keyed by level id']);
  });

  it('a 10 MB ring is refused by its point count, without reading the points', () => {
    const p = readme();
    p.actions[3].ring = Array.from({ length: 600_000 }, (_, i) => [-3.2 + (i % 1000) * 1e-5, 55.9 + Math.floor(i / 1000) * 1e-5]);
    const text = JSON.stringify(p);
    expect(text.length).toBeGreaterThan(10_000_000);
    const r = parsePlanFile(text, 'ring.json', undefined, context);
    expect(r.ok).toBe(false);
    expect(r.problems.map(formatProblem)).toEqual(['ring.json: actions[3].ring: 600,000 points; at most 100,000 are allowed']);
  });

  it('ring points are [lon, lat] pairs in range; a valid ring is kept', () => {
    const ring = [[-3.19, 55.94], [-3.18, 55.94], [-3.18, 55.95], [-3.19, 55.94]];
    const ok = check((p) => { p.actions[3].ring = ring; });
    expect(ok.ok && ok.plan.actions![3]).toMatchObject({ kind: 'housing', ring });
    const bad = check((p) => { p.actions[3].ring = [...ring.slice(0, 2), [-3.18, 95], [-3.19], 'x', [-3.19, 55.94]]; });
    expect(fields(bad.problems)).toEqual(['actions[3].ring[2][1]', 'actions[3].ring[3]', 'actions[3].ring[4]']);
    expect(fields(check((p) => { p.actions[3].ring = [[0, 0], [1, 1]]; }).problems)).toEqual(['actions[3].ring']);
    expect(fields(check((p) => { p.actions[3].ring = { type: 'Polygon' }; }).problems)).toEqual(['actions[3].ring']);
  });

  it('the README example passes, with every level of its settings and no problems', () => {
    const r = parsePlanFile(fixture('readme-example.plan.json'), 'readme.plan.json', { schoolsFingerprint: 'fnv1a:1234abcd', populationFingerprint: 'fnv1a:5678ef90' }, context);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.problems).toEqual([]);
    const json = readme();
    expect(r.plan).toEqual({ ...json, levels: { ...json.levels, secondary: { overrides: {}, lockedUnits: [], lockedSchools: [] } } });
  });
});

describe('validatePlan: references to the data', () => {
  it('unknown schools in actions and corrections are errors; schools opened earlier are known', () => {
    const r = check((p) => {
      p.schoolEdits.Z9 = { capacity: 10 };
      p.actions.push({ kind: 'close', school: 'Q1' }, { kind: 'change', school: '~new-1', capacity: 500 }, { kind: 'merge', school: '5531926', into: '~new-2', campusRetained: false, moveStaff: true });
      p.actions.push({ kind: 'open', id: '~new-2', name: 'Later', type: 'primary', lon: -3.1, lat: 55.9, capacity: null, classrooms: null });
    });
    expect(r.ok).toBe(false);
    expect(r.problems.map(formatProblem)).toEqual([
      'p.json: schoolEdits.Z9: "Z9" is not a school of this data',
      'p.json: actions[4].school: "Q1" is not a school of this data nor one opened by an earlier action',
      'p.json: actions[6].into: "~new-2" is not a school of this data (it is opened by a later action; a school must be opened before an action names it)',
    ]);
  });

  it('an opened school may not take the id of a school of the data', () => {
    const r = check((p) => { p.actions[2].id = '5521122'; });
    expect(r.problems.map(formatProblem)).toEqual(['p.json: actions[2].id: "5521122" is already a school of this data; expected the id of a new school']);
  });

  it('unknown areas and schools in drawn zones and locks are listed as warnings with a count and examples', () => {
    const units = Array.from({ length: 12 }, (_, i) => `X${i}`);
    const r = check((p) => {
      for (const u of units) p.levels.primary.overrides[u] = '5520924';
      p.levels.primary.overrides.S00104290 = 'GONE';
      p.levels.primary.lockedUnits = ['S00104290', 'L1'];
      p.levels.primary.lockedSchools = ['~new-1', 'S-old'];
    });
    expect(r.ok).toBe(true);
    expect(r.problems.map(formatProblem)).toEqual([
      'p.json: levels.primary.overrides: warning: 12 unit ids are not areas of this data ("X0", "X1", "X2", "X3", "X4", "X5", "X6", "X7", "X8", "X9" and 2 more); they are ignored',
      'p.json: levels.primary.overrides: warning: 1 area is drawn onto 1 school not in this data ("GONE"); it goes to the nearest school',
      'p.json: levels.primary.lockedUnits: warning: 1 locked unit id is not an area of this data ("L1"); it is ignored',
      'p.json: levels.primary.lockedSchools: warning: 1 locked school id is not a school of this data ("S-old"); it is ignored',
    ]);
    // listed, not dropped: the plan keeps them (the engine reports them again when it applies the plan)
    expect(r.ok && r.plan.levels.primary.overrides.X11).toBe('5520924');
  });

  it('without the data\'s ids, references are not judged', () => {
    const r = check((p) => { p.schoolEdits.Z9 = {}; p.actions[0].school = 'Q1'; p.levels.primary.overrides.X = 'Y'; }, {});
    expect(r).toMatchObject({ ok: true, problems: [] });
  });
});

describe('validatePlan: every field', () => {
  const cases: [string, (p: Record<string, any>) => void, string[]][] = [
    ['status outside open/closed/proposed', (p) => { p.schoolEdits['5520924'] = { status: 'demolished' }; }, ['schoolEdits.5520924.status']],
    ['capacity, classrooms and teachers out of range', (p) => { p.schoolEdits['5520924'] = { capacity: 100_001, classrooms: 2_001, teachers: -1 }; }, ['schoolEdits.5520924.capacity', 'schoolEdits.5520924.classrooms', 'schoolEdits.5520924.teachers']],
    ['schoolEdits as an array', (p) => { p.schoolEdits = [1]; }, ['schoolEdits']],
    ['levels: null', (p) => { p.levels = null; }, ['levels']],
    ['a level that is null', (p) => { p.levels.primary = null; }, ['levels.primary']],
    ['a level the settings do not have', (p) => { p.levels.tertiary = {}; }, ['levels.tertiary']],
    ['an override onto null', (p) => { p.levels.primary.overrides.S00104290 = null; }, ['levels.primary.overrides', 'levels.primary.overrides.S00104290']],
    ['lockedUnits as a string', (p) => { p.levels.primary.lockedUnits = 'S00104290'; }, ['levels.primary.lockedUnits']],
    ['lockedSchools with a number', (p) => { p.levels.primary.lockedSchools = ['5520924', 7]; }, ['levels.primary.lockedSchools', 'levels.primary.lockedSchools[1]']],
    ['a receiver that is the closing school', (p) => { p.actions[0].receiver = '5520924'; }, ['actions[0].receiver']],
    ['a teaching point into itself, keeping a grade of another profile', (p) => { p.actions.push({ kind: 'teaching_point', school: '5521122', into: '5521122', keepUpTo: 'g3' }); }, ['actions[4].into', 'actions[4].keepUpTo']],
    ['a school type the settings do not have', (p) => { p.actions[2].type = 'university'; }, ['actions[2].type']],
    ['a prototype key as a school type', (p) => { p.actions[2].type = 'constructor'; }, ['actions[2].type']],
    ['merge flags that are not booleans', (p) => { p.actions[1].campusRetained = 'no'; delete p.actions[1].moveStaff; }, ['actions[1].campusRetained', 'actions[1].moveStaff']],
    ['lon and lat out of range', (p) => { p.actions[2].lon = 200; p.actions[3].lat = -91; }, ['actions[2].lon', 'actions[3].lat']],
    ['homes and yield out of range', (p) => { p.actions[3].homes = 2_000_000; p.actions[3].yieldPerHome = { primary: 11 }; }, ['actions[3].homes', 'actions[3].yieldPerHome.primary']],
    ['yieldPerHome: null', (p) => { p.actions[3].yieldPerHome = null; }, ['actions[3].yieldPerHome']],
    ['occupied in 1850', (p) => { p.actions[3].occupiedYear = 1850; }, ['actions[3].occupiedYear']],
    ['an action that is null', (p) => { p.actions[1] = null; }, ['actions[1]']],
    ['more than 10,000 actions', (p) => { p.actions = Array.from({ length: 10_001 }, () => ({ kind: 'close', school: '5520924' })); }, ['actions']],
    ['dates that are not ISO strings', (p) => { p.createdAt = 'yesterday'; p.updatedAt = 1_700_000_000_000; }, ['createdAt', 'updatedAt']],
    ['name and note that are not strings', (p) => { p.name = ['x']; p.note = null; }, ['name', 'note']],
    ['a plan id that is empty', (p) => { p.id = ''; }, ['id']],
    ['dataset counts that are not whole numbers', (p) => { p.dataset.units = -1; p.dataset.schools = 1.5; }, ['dataset.units', 'dataset.schools']],
    ['settings: null', (p) => { p.settings = null; }, ['settings']],
    ['settings with an absurd distance standard', (p) => { p.settings.levels[1].distanceStandardM = 5e6; }, ['settings.levels[1].distanceStandardM']],
  ];
  for (const [what, edit, expectedFields] of cases) {
    it(what, () => {
      const r = check(edit);
      expect(fields(r.problems)).toEqual(expectedFields);
      expect(r.ok).toBe(expectedFields.length === 0);
    });
  }

  it('a plan without settings is refused', () => {
    expect(fields(check((p) => { delete p.settings; }).problems)).toEqual(['settings']);
  });

  it('action ids: optional, non-empty, at most 64 characters, unique; nextActionSeq a whole number from 1', () => {
    const ids = check((p) => { p.actions[0].id = 'a1'; p.actions[1].id = 'a1'; p.actions[3].id = 'x'.repeat(65); p.nextActionSeq = 0; });
    expect(ids.problems.map(formatProblem)).toEqual([
      'p.json: actions[1].id: "a1" is already the id of actions[0]; expected unique action ids',
      'p.json: actions[3].id: an id of 65 characters; at most 64 are allowed',
      'p.json: nextActionSeq: 0 is not valid; expected a whole number from 1 to 1,000,000,000',
    ]);
    expect(fields(check((p) => { p.actions[0].id = ''; p.actions[1].id = 7; p.nextActionSeq = 2.5; }).problems)).toEqual(['actions[0].id', 'actions[1].id', 'nextActionSeq']);
    expect(fields(check((p) => { p.actions[0].id = '__proto__'; p.nextActionSeq = '3'; }).problems)).toEqual(['actions[0].id', 'nextActionSeq']);
    expect(fields(check((p) => { delete p.actions[2].id; }).problems)).toEqual(['actions[2].id']); // an opened school needs its id
    const ok = check((p) => { p.actions[0].id = 'a1'; p.actions[1].id = 'a2'; p.nextActionSeq = 3; });
    expect(ok.ok && [ok.plan.actions!.map((a) => a.id), ok.plan.nextActionSeq]).toEqual([['a1', 'a2', '~new-1', 'h1'], 3]);
  });

  it('a plan made by the core passes unchanged, ids and counter included', () => {
    let plan: Plan = newPlan('Draft', { name: 'd', schoolsFingerprint: 'fs', populationFingerprint: 'fp', units: 4, schools: 3 }, defaultSettings('northern_ireland'));
    plan = addAction(plan, { kind: 'close', school: 'A', receiver: undefined });
    plan = addAction(plan, { kind: 'open', name: 'New', type: 'primary', lon: -6, lat: 54.6, capacity: null, classrooms: 7 });
    plan = addAction(plan, { kind: 'teaching_point', school: 'B', into: plan.actions![1].id, keepUpTo: 'y3' });
    plan.schoolEdits = { C: { capacity: null, status: 'proposed' } };
    plan.levels.primary.overrides = { u1: plan.actions![1].id };
    const r = validatePlan(plan, 'stored plan', { schoolIds: new Set(['A', 'B', 'C']), unitIds: new Set(['u1']) });
    expect(r).toEqual({ ok: true, plan, problems: [] });
    expect(structuredClone(r.ok && r.plan)).toEqual(plan);
    // and its file round-trips
    const back = parsePlanFile(planFileText(plan), 'plan.json');
    expect(back.ok && back.plan).toEqual(plan);
  });

  it('unknown fields are dropped with a warning, however deeply they nest', () => {
    let deep = '1';
    for (let i = 0; i < 50_000; i++) deep = `[${deep}]`;
    const text = fixture('readme-example.plan.json').replace('"note": ""', `"note": "", "extra": ${deep}`).replace('"capacity": 210', '"capacity": 210, "capcity": 1');
    const r = parsePlanFile(text, 'x.json', undefined, context);
    expect(r.ok).toBe(true);
    expect(r.problems.map(formatProblem)).toEqual(['x.json: extra: warning: unknown field; ignored', 'x.json: schoolEdits.5520924.capcity: warning: unknown field; ignored']);
    expect(r.ok && 'extra' in r.plan).toBe(false);
    expect(() => JSON.stringify(r.ok && r.plan)).not.toThrow();
  });

  it('a file with a million bad entries gives a short list of problems', () => {
    const p = readme();
    for (let i = 0; i < 1_000_000; i++) p.levels.primary.overrides[`u${i}`] = i;
    const r = validatePlan(p, 'big.json', context);
    expect(r.ok).toBe(false);
    expect(r.problems.length).toBe(11);
    expect(formatProblem(r.problems[0])).toBe('big.json: levels.primary.overrides: 1,000,000 entries are not unit id -> school id (of 1,000,001); the first 10 are listed');
    expect(formatProblem(r.problems[1])).toBe('big.json: levels.primary.overrides.u0: 0 is not valid; expected a school id (a non-empty string)');
    const edits = validatePlan({ ...readme(), schoolEdits: Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`s${i}`, null])) }, 'edits.json', context);
    expect(edits.problems.length).toBe(201);
    expect(edits.problems[200].message).toBe('... and 9,800 more problems (9,800 errors) not listed');
  });

  it('parsePlanFile still refuses other formats, newer versions and other data first', () => {
    expect(parsePlanFile('[1]', 'a.json').problems.map(formatProblem)).toEqual(['a.json: format: is null; expected "school-zoning-plan" (a plan file exported by the planner)']);
    expect(parsePlanFile('{"format":"school-zoning-plan","version":1e400}', 'a.json').problems.map(formatProblem)).toEqual(['a.json: version: Infinity is not a plan version; expected 1 to 1']);
    const other = parsePlanFile(fixture('huge-numbers.plan.json'), 'a.json', { schoolsFingerprint: 'other', populationFingerprint: 'fnv1a:5678ef90' });
    expect(fields(other.problems)).toEqual(['dataset']);
  });
});

describe('settings: every field checked, every problem named', () => {
  it('the repo\'s settings files and the profiles\' defaults are accepted as before', () => {
    for (const dir of ['edinburgh', 'northern-ireland']) {
      const text = readFileSync(`geodata/${dir}/settings.json`, 'utf8');
      const r = parseSettingsFile(text, 'settings.json');
      expect(r.ok && r.settings).toEqual(resolveSettings(JSON.parse(text)));
    }
    for (const id of Object.keys(profiles)) expect(readSettings(defaultSettings(id))).toEqual(defaultSettings(id));
    const s = resolveSettings({ profile: 'china', overcrowdedAbove: 1.0, underUsedBelow: 0.75, farShareAbove: 0.1, farFromNearestFactor: 1.5, projection: { baseYear: 2024, horizonYears: 6, historyYears: 5, entryGrowthPerYear: 0, transitionRate: null }, largeClassFrom: 56, superLargeClassFrom: 66, levels: { primary: { classSize: 45, minPupils: 100, distanceStandardM: 2000, ages: [6, 11] } }, shareOfTotal: { primary: 0.08 } });
    expect(s.shareOfTotal).toEqual({ primary: 0.08 }); // the README's example
  });

  it('lists every bad field at once, as problems and in the error message', () => {
    let error: unknown;
    try {
      resolveSettings({ farShareAbove: 2, largeClassFrom: '56', levels: { primary: { classSize: 500, ages: [12, 6], distanceStandardM: 2e6, name: 5 } }, projection: { horizonYears: 0, baseYear: 1e6 } }, 's.json');
    } catch (e) { error = e; }
    expect(error).toBeInstanceOf(SettingsError);
    const problems = (error as SettingsError).problems;
    expect(fields(problems)).toEqual(['farShareAbove', 'largeClassFrom', 'levels.primary.classSize', 'levels.primary.ages', 'levels.primary.distanceStandardM', 'levels.primary.name', 'projection.baseYear', 'projection.horizonYears']);
    expect((error as Error).message.split('\n')).toEqual(problems.map(formatProblem));
    expect((error as Error).message).toContain('s.json: levels.primary.distanceStandardM: 2,000,000 is not valid; expected a distance in metres (up to 1,000 km) from 0 to 1,000,000');
  });

  it('ranges: class sizes 1-200, distances up to 1,000 km, shares 0-1, ages 0-25, horizon 1-10', () => {
    const bad = (o: object) => fields(checkSettings(o, 's.json').problems);
    expect(bad({ levels: { primary: { classSize: 200, distanceStandardM: 1_000_000, ages: [0, 25] } }, farShareAbove: 1, projection: { horizonYears: 10 } })).toEqual([]);
    expect(bad({ levels: { primary: { classSize: 0 } } })).toEqual(['levels.primary.classSize']);
    expect(bad({ levels: { primary: { classSize: 201, distanceStandardM: 1_000_001, ages: [0, 26] } } })).toEqual(['levels.primary.classSize', 'levels.primary.distanceStandardM', 'levels.primary.ages[1]']);
    expect(bad({ levels: { primary: { ages: [6.5, 11] } } })).toEqual(['levels.primary.ages[0]']);
    expect(bad({ shareOfTotal: { primary: 1.5 }, farShareAbove: -0.1 })).toEqual(['farShareAbove', 'shareOfTotal.primary']);
    expect(bad({ projection: { horizonYears: 11, entryGrowthPerYear: -1, transitionRate: 'x' } })).toEqual(['projection.horizonYears', 'projection.entryGrowthPerYear', 'projection.transitionRate']);
    expect(bad({ overcrowdedAbove: 1e400, underUsedBelow: null })).toEqual(['overcrowdedAbove', 'underUsedBelow']);
  });

  it('wrong types and null objects are refused with the field named, not accepted or thrown as a TypeError', () => {
    const problems = (o: unknown) => checkSettings(o, 's.json').problems.map(formatProblem);
    expect(problems({ shareOfTotal: null })).toEqual(['s.json: shareOfTotal: null is not valid; expected an object of level id -> share (0-1)']);
    expect(problems({ projection: null })).toEqual(['s.json: projection: null is not valid; expected an object of baseYear, horizonYears, historyYears, entryGrowthPerYear, transitionRate, credibilityPupils, entryTrendDamping, changeWeight, cohortEntryYears, birthsMatch']);
    expect(problems({ levels: { primary: null } })).toEqual(['s.json: levels.primary: null is not valid; expected an object of level settings']);
    expect(problems({ schoolTypes: { academy: { levels: ['primary'], zoned: 'yes' } } })).toEqual(['s.json: schoolTypes.academy.zoned: "yes" is not valid; expected true or false']);
    expect(problems({ schoolTypes: { academy: { levels: ['tertiary'] } } })).toEqual(['s.json: schoolTypes.academy.levels: level "tertiary" is not defined in levels']);
    expect(problems({ profile: 'constructor' })).toEqual(['s.json: profile: "constructor" is not a known profile; expected one of china, scotland, northern_ireland, england, taiwan']);
    expect(problems({ levels: { primary: { grades: ['g1', '__proto__'] } } })).toEqual(['s.json: levels.primary.grades[1]: "__proto__" is not allowed as a grade id']);
    expect(problems(JSON.parse('{"levels": {"__proto__": {"classSize": 1}}}'))).toEqual(['s.json: levels.__proto__: "__proto__" is not allowed as a name or id']);
    expect(problems([1, 2])).toEqual(['s.json: an array of 2 is not valid; expected a JSON object of settings']);
    expect(parseSettingsFile('{"profile": ', 'broken.json').problems[0].message).toMatch(/^not valid JSON/);
  });

  it('stored (complete) settings: every field checked; older ones without later fields take the defaults', () => {
    const stored = defaultSettings('scotland') as unknown as Record<string, any>;
    const problems = (edit: (s: Record<string, any>) => void) => {
      const s = structuredClone(stored);
      edit(s);
      return checkSettings(s, 'plan.json', 'settings').problems.map(formatProblem);
    };
    expect(problems((s) => { s.levels[0] = null; })).toEqual(['plan.json: settings.levels[0]: null is not valid; expected a level (id, name, grades, ages, classSize, minPupils, distanceStandardM)']);
    expect(problems((s) => { s.levels = []; })).toEqual(['plan.json: settings.levels: 0 levels; expected 1 to 20']);
    expect(problems((s) => { s.levels[1].id = 'primary'; })).toEqual(['plan.json: settings.levels[1].id: "primary" is the id of an earlier level; expected unique level ids']);
    expect(problems((s) => { s.schoolTypes.primary = null; })).toEqual(['plan.json: settings.schoolTypes.primary: null is not valid; expected an object with levels (an array of level ids) and zoned (true or false)']);
    expect(problems((s) => { s.schoolTypes.primary.levels = null; })).toEqual(['plan.json: settings.schoolTypes.primary.levels: null is not valid; expected an array of level ids']);
    expect(problems((s) => { s.profile = 7; s.largeClassFrom = 0; })).toEqual(['plan.json: settings.profile: 7 is not a known profile; expected one of china, scotland, northern_ireland, england, taiwan', 'plan.json: settings.largeClassFrom: 0 is not valid; expected a class size in pupils from 1 to 200 or null']);
    expect(problems((s) => { s.levels[0].minPupils = '100'; delete s.overcrowdedAbove; })).toEqual(['plan.json: settings.levels[0].minPupils: "100" is not valid; expected a number of pupils from 0 to 100,000', 'plan.json: settings.overcrowdedAbove: missing; expected a utilization (1 = 100%) from 0 to 10']);
    expect(() => readSettings({ ...stored, farShareAbove: Infinity }, 'plan.json')).toThrow('plan.json: farShareAbove: Infinity is not valid; expected a share from 0 to 1');
    const older = structuredClone(stored);
    delete older.farFromNearestFactor; delete older.projection; delete older.shareOfTotal;
    expect(readSettings(older)).toEqual(defaultSettings('scotland'));
  });
});
