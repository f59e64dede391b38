import type { LevelAssignment } from '../catchment/assignNearest';
import type { Schools, Units } from '../model';
import type { LevelDef } from '../settings/profiles';
import { levelsServed, type Settings } from '../settings/settings';

/** One projected school year of one school. */
export interface ProjectionYear {
  /** years after the base year (1 = next year) */
  offset: number;
  year: number;
  byGrade: Record<string, number>;
  byLevel: Record<string, number>;
  total: number;
  classesByGrade: Record<string, number>;
  classesNeeded: number;
  classrooms: number;
  /** pupils per class: enrollment / classes needed, or / classrooms when classrooms are too few */
  avgClassSize: number;
  /** more classes needed than there are classrooms */
  capped: boolean;
  flags: string[];
}

export interface SchoolProjection {
  index: number;
  id: string;
  /** where the grade progression ratios came from, per grade transition ("g1->g2": "school history") */
  ratioSource: Record<string, 'school history' | 'district history' | 'none (1.0)'>;
  ratios: Record<string, number>;
  /** how each level's entry cohort is projected */
  entry: Record<string, string>;
  years: ProjectionYear[];
  /** first projected year each flag appears, null if never */
  firstYear: Record<string, number | null>;
  /** why a school is not projected (no enrollment data), or notes on assumptions */
  notes: string[];
}

export interface ProjectionResult {
  baseYear: number;
  years: number[];
  schools: SchoolProjection[];
  district: { year: number; totalByLevel: Record<string, number>; schoolsFlagged: number; flagged: Record<string, number> }[];
  transitionRate: number;
  transitionSource: string;
}

const PROJECTION_FLAGS = ['overcrowded', 'classrooms_short', 'over_standard', 'large_class', 'super_large_class', 'undersized'];

/**
 * Projects every school's enrollment by grade for `settings.projection.horizonYears` years by grade
 * progression ratios, with entry grades from the school-age population of each school's current zone
 * (nearest or drawn) and later levels fed by the previous level's last grade (see README for formulas).
 * @param assignments the plan's assignment per level (units -> schools)
 * @example projectEnrollment(schools, units, settings, result.assignments).schools[0].years[0].total
 */
export function projectEnrollment(schools: Schools, units: Units, settings: Settings, assignments: LevelAssignment[]): ProjectionResult {
  const p = settings.projection;
  const horizon = Math.max(1, Math.min(10, Math.round(p.horizonYears)));
  const history = schools.historyByYear ?? [];
  let latestHistory = -Infinity;
  for (const h of history) if (h) for (const y of Object.keys(h)) latestHistory = Math.max(latestHistory, Number(y));
  const baseYear = p.baseYear ?? (Number.isFinite(latestHistory) ? latestHistory + 1 : 0);
  const levels = settings.levels;
  const gradeLevel = new Map<string, LevelDef>();
  for (const l of levels) for (const g of l.grades) gradeLevel.set(g, l);

  // current (base-year) grades per school; a one-level school with only a total spreads it evenly
  const current: (Record<string, number> | null)[] = [];
  const notesBySchool: string[][] = [];
  for (let s = 0; s < schools.count; s++) {
    const notes: string[] = [];
    const served = levelsServed(settings, schools.types[s]).map((id) => levels.find((l) => l.id === id)!);
    const grades = schools.enrollmentByGrade[s];
    let e: Record<string, number> | null = null;
    if (grades && served.some((l) => l.grades.some((g) => grades[g] !== undefined))) {
      e = {};
      for (const l of served) for (const g of l.grades) e[g] = grades[g] ?? 0;
    } else if (served.length === 1 && Number.isFinite(schools.enrollment[s])) {
      e = {};
      for (const g of served[0].grades) e[g] = schools.enrollment[s] / served[0].grades.length;
      notes.push('no per-grade enrollment in the data: the total is spread evenly over the grades');
    } else if (served.length) notes.push('not projected: no enrollment by grade in the data');
    current.push(schools.status[s] === 'open' ? e : null);
    notesBySchool.push(notes);
  }

  // grade progression ratios: per school from its history, else pooled over the district, else 1
  const allGrades = levels.flatMap((l) => l.grades);
  const transitions: [string, string][] = [];
  for (let i = 0; i + 1 < allGrades.length; i++) transitions.push([allGrades[i], allGrades[i + 1]]);
  const seriesOf = (s: number): Map<number, Record<string, number>> => {
    const m = new Map<number, Record<string, number>>();
    const h = history[s];
    if (h) for (const [y, g] of Object.entries(h)) m.set(Number(y), g);
    const c = schools.enrollmentByGrade[s];
    if (c) m.set(baseYear, { ...(m.get(baseYear) ?? {}), ...c });
    return m;
  };
  const pairsOf = (series: Map<number, Record<string, number>>, g: string, next: string) => {
    const out: [number, number][] = [];
    for (const [y, e] of series) {
      const later = series.get(y + 1);
      if (later && e[g] > 0 && later[next] !== undefined) out.push([e[g], later[next]]);
    }
    return out.slice(-p.historyYears);
  };
  const district: Record<string, number> = {};
  const districtHas: Record<string, boolean> = {};
  for (const [g, next] of transitions) {
    let a = 0, b = 0;
    for (let s = 0; s < schools.count; s++) for (const [x, y] of pairsOf(seriesOf(s), g, next)) { a += x; b += y; }
    districtHas[`${g}->${next}`] = a > 0;
    district[`${g}->${next}`] = a > 0 ? b / a : 1;
  }

  // children by age in each school's zone, per level (the level's own assignment)
  const ages = Object.keys(units.childrenByAge).map(Number).sort((x, y) => x - y);
  const zoneAge = (a: LevelAssignment, age: number): Float64Array => {
    const out = new Float64Array(schools.count);
    const c = units.childrenByAge[age];
    if (!c) return out;
    for (let u = 0; u < units.count; u++) { const s = a.schoolByUnit[u]; if (s !== a.noSchool) out[s] += c[u]; }
    return out;
  };

  // feeder shares: of the children a school of level k-1 serves, the share living in each zone of level k
  const feederShare = (prev: LevelAssignment, next: LevelAssignment, weights: Float32Array): Map<number, Map<number, number>> => {
    const totals = new Float64Array(schools.count);
    const flows = new Map<number, Map<number, number>>();
    for (let u = 0; u < units.count; u++) {
      const p0 = prev.schoolByUnit[u], n0 = next.schoolByUnit[u];
      if (p0 === prev.noSchool || n0 === next.noSchool || !(weights[u] > 0)) continue;
      totals[p0] += weights[u];
      const m = flows.get(p0) ?? new Map<number, number>();
      m.set(n0, (m.get(n0) ?? 0) + weights[u]);
      flows.set(p0, m);
    }
    for (const [p0, m] of flows) for (const [n0, w] of m) m.set(n0, w / totals[p0]);
    return flows;
  };

  const byLevel = new Map(assignments.map((a) => [a.level, a]));
  const out: SchoolProjection[] = [];
  // state per school: grade -> pupils, advanced year by year for all schools together (feeders)
  let state = current.map((e) => (e ? { ...e } : null));
  const yearsOut: ProjectionYear[][] = schools.ids.map(() => []);
  const ratioOf: Record<string, number>[] = [];
  const ratioSrc: SchoolProjection['ratioSource'][] = [];
  for (let s = 0; s < schools.count; s++) {
    const r: Record<string, number> = {}, src: SchoolProjection['ratioSource'] = {};
    const series = seriesOf(s);
    for (const [g, next] of transitions) {
      const key = `${g}->${next}`;
      const pairs = pairsOf(series, g, next);
      if (pairs.length) { r[key] = pairs.reduce((a, [x, y]) => a + y / x, 0) / pairs.length; src[key] = 'school history'; }
      else if (districtHas[key]) { r[key] = district[key]; src[key] = 'district history'; }
      else { r[key] = 1; src[key] = 'none (1.0)'; }
    }
    ratioOf.push(r); ratioSrc.push(src);
  }

  // entry rates of each level's first grade, calibrated on the base year
  const entry: Record<string, string>[] = schools.ids.map(() => ({}));
  const entryRate: Record<string, Float64Array> = {};
  let transitionRate = p.transitionRate ?? 1;
  let transitionSource = p.transitionRate !== null ? 'setting' : 'none (1.0)';
  levels.forEach((l, k) => {
    const a = byLevel.get(l.id);
    const first = l.grades[0];
    if (k === 0 && a) {
      const a0 = l.ages[0];
      const zoneNow = zoneAge(a, a0);
      let sumE = 0, sumP = 0;
      for (let s = 0; s < schools.count; s++) if (state[s]?.[first] !== undefined && zoneNow[s] > 0) { sumE += state[s]![first]; sumP += zoneNow[s]; }
      const districtRate = sumP > 0 ? sumE / sumP : NaN;
      const rate = new Float64Array(schools.count).fill(NaN);
      for (let s = 0; s < schools.count; s++) {
        if (!state[s] || state[s]![first] === undefined) continue;
        if (!ages.includes(a0)) { entry[s][l.id] = 'held at the base year (no single-year ages in the population)'; continue; }
        rate[s] = zoneNow[s] > 0 ? state[s]![first] / zoneNow[s] : districtRate;
        entry[s][l.id] = `${(rate[s] * 100).toFixed(0)}% of the zone's children aged ${a0}${zoneNow[s] > 0 ? '' : ' (district rate: no such children in the zone)'}`;
      }
      entryRate[l.id] = rate;
    } else if (k > 0) {
      const prevLast = levels[k - 1].grades[levels[k - 1].grades.length - 1];
      if (p.transitionRate === null) {
        let sumIn = 0, sumOut = 0;
        for (let s = 0; s < schools.count; s++) { if (state[s]?.[first] !== undefined) sumIn += state[s]![first]; if (state[s]?.[prevLast] !== undefined) sumOut += state[s]![prevLast]; }
        if (sumOut > 0 && sumIn > 0) { transitionRate = sumIn / sumOut; transitionSource = `calibrated on the base year: ${first} pupils / ${prevLast} pupils in the district`; }
      }
      for (let s = 0; s < schools.count; s++) if (state[s]?.[first] !== undefined) entry[s][l.id] = `${(transitionRate * 100).toFixed(0)}% of the ${prevLast} pupils of the feeding ${levels[k - 1].name.toLowerCase()} schools, by where their pupils live`;
    }
  });

  for (let k = 1; k <= horizon; k++) {
    const next: (Record<string, number> | null)[] = state.map((e) => (e ? {} : null));
    for (let s = 0; s < schools.count; s++) {
      const e = state[s], n = next[s];
      if (!e || !n) continue;
      for (const [g, ng] of transitions) if (e[g] !== undefined && e[ng] !== undefined && gradeLevel.get(g) === gradeLevel.get(ng)) n[ng] = e[g] * ratioOf[s][`${g}->${ng}`];
    }
    levels.forEach((l, li) => {
      const first = l.grades[0];
      const a = byLevel.get(l.id);
      if (li === 0) {
        const a0 = l.ages[0];
        // the children who reach the entry age in year k are a0 - k now; younger than the data: hold the youngest
        const want = a0 - k;
        const age = ages.includes(want) ? want : want < ages[0] ? ages[0] : ages.filter((x) => x <= want).pop();
        const cohort = a && age !== undefined && ages.includes(a0) ? zoneAge(a, age) : null;
        const growth = (1 + p.entryGrowthPerYear) ** k;
        for (let s = 0; s < schools.count; s++) {
          const n = next[s];
          if (!n || state[s]![first] === undefined) continue;
          const rate = entryRate[l.id]?.[s];
          n[first] = cohort && Number.isFinite(rate) ? rate * cohort[s] * growth : current[s]![first] * growth;
        }
      } else {
        const prev = levels[li - 1], prevLast = prev.grades[prev.grades.length - 1];
        const pa = byLevel.get(prev.id);
        if (!a || !pa) return;
        const flows = feederShare(pa, a, units.childrenByLevel[prev.id]);
        const intake = new Float64Array(schools.count);
        for (const [p0, m] of flows) {
          const leaving = state[p0]?.[prevLast];
          if (!leaving) continue;
          for (const [n0, share] of m) intake[n0] += leaving * share * transitionRate;
        }
        for (let s = 0; s < schools.count; s++) if (next[s] && state[s]![first] !== undefined) next[s]![first] = intake[s];
      }
    });
    // grades in school order (the CSV and charts list them so)
    state = next.map((e) => (e ? Object.fromEntries(allGrades.filter((g) => e[g] !== undefined).map((g) => [g, e[g]])) : null));
    for (let s = 0; s < schools.count; s++) {
      const e = state[s];
      if (!e) continue;
      yearsOut[s].push(yearFigures(schools, s, e, k, baseYear + k, settings, gradeLevel));
    }
  }

  for (let s = 0; s < schools.count; s++) {
    const firstYear: Record<string, number | null> = {};
    for (const f of PROJECTION_FLAGS) firstYear[f] = yearsOut[s].find((y) => y.flags.some((x) => x === f || x.startsWith(`${f}:`)))?.year ?? null;
    out.push({ index: s, id: schools.ids[s], ratioSource: ratioSrc[s], ratios: ratioOf[s], entry: entry[s], years: yearsOut[s], firstYear, notes: notesBySchool[s] });
  }
  const years = Array.from({ length: horizon }, (_, i) => baseYear + i + 1);
  const districtYears = years.map((year, i) => {
    const totalByLevel: Record<string, number> = {};
    const flagged: Record<string, number> = {};
    let schoolsFlagged = 0;
    for (const l of levels) totalByLevel[l.id] = 0;
    for (const sp of out) {
      const y = sp.years[i];
      if (!y) continue;
      for (const [l, v] of Object.entries(y.byLevel)) totalByLevel[l] = (totalByLevel[l] ?? 0) + v;
      if (y.flags.length) schoolsFlagged++;
      for (const f of new Set(y.flags.map((x) => x.split(':')[0]))) flagged[f] = (flagged[f] ?? 0) + 1;
    }
    return { year, totalByLevel, schoolsFlagged, flagged };
  });
  return { baseYear, years, schools: out, district: districtYears, transitionRate, transitionSource };
}

function yearFigures(schools: Schools, s: number, e: Record<string, number>, offset: number, year: number, settings: Settings, gradeLevel: Map<string, LevelDef>): ProjectionYear {
  const byLevel: Record<string, number> = {};
  const classesByGrade: Record<string, number> = {};
  let total = 0, classes = 0, weighted = 0;
  for (const [g, v] of Object.entries(e)) {
    const l = gradeLevel.get(g)!;
    byLevel[l.id] = (byLevel[l.id] ?? 0) + v;
    total += v;
    // a fraction of a pupil is a projection artefact, not a class
    const c = v >= 0.5 ? Math.ceil(v / l.classSize - 1e-9) : 0;
    classesByGrade[g] = c;
    classes += c;
    weighted += v * l.classSize;
  }
  const classrooms = schools.classrooms[s];
  const capped = Number.isFinite(classrooms) && classrooms > 0 && classes > classrooms;
  const avg = capped ? total / classrooms : classes > 0 ? total / classes : NaN;
  const flags: string[] = [];
  const capacity = Number.isFinite(schools.capacity[s]) ? schools.capacity[s] : Number.isFinite(classrooms) ? NaN : NaN;
  if (Number.isFinite(capacity) && capacity > 0 && total > capacity * settings.overcrowdedAbove) flags.push('overcrowded');
  if (capped) flags.push('classrooms_short');
  const standard = total > 0 ? weighted / total : NaN;
  if (Number.isFinite(avg)) {
    if (settings.superLargeClassFrom !== null && avg >= settings.superLargeClassFrom) flags.push('super_large_class');
    else if (settings.largeClassFrom !== null && avg >= settings.largeClassFrom) flags.push('large_class');
    else if (avg > standard + 1e-9) flags.push('over_standard');
  }
  for (const [level, v] of Object.entries(byLevel)) {
    const l = settings.levels.find((x) => x.id === level)!;
    const rural = /rural/i.test(String(schools.extra[s].urban_rural ?? ''));
    const min = rural && l.minPupilsRural !== undefined ? l.minPupilsRural : l.minPupils;
    if (v < min) flags.push(`undersized:${level}`);
  }
  return { offset, year, byGrade: e, byLevel, total, classesByGrade, classesNeeded: classes, classrooms, avgClassSize: avg, capped, flags };
}
