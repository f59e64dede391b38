import { describe, expect, it } from 'vitest';
import { computeCatchments, formatProblem, loadSchools, projectEnrollment, resolveSettings, type Schools, type Settings } from '../../src/core/index';
import { errorsOf, schoolsFrom, unitsFrom } from '../helpers';

const unitsCsv = 'id,lon,lat,' + Array.from({ length: 15 }, (_, a) => `age_${a}`).join(',') + '\nA,0,0,' + Array(15).fill(50).join(',') + '\n';
const grades = 'g1,g2,g3,g4,g5,g6';
const auto = resolveSettings({ projection: { baseYear: null, horizonYears: 2 } });

async function project(schools: Schools, settings: Settings) {
  const units = await unitsFrom(unitsCsv, settings);
  return projectEnrollment(schools, units, settings, computeCatchments(schools, units, settings).assignments);
}

describe('base year: never guessed silently', () => {
  it('with baseYear null, takes the year after the latest history year and says why', async () => {
    const s = schoolsFrom(`id,name,level,lon,lat,${grades},g1_2021,g1_2022,g2_2022\nP,P,primary,0,0,40,40,40,40,40,40,38,39,41\n`, auto);
    const p = await project(s, auto);
    expect(p.baseYear).toBe(2023);
    expect(p.years).toEqual([2024, 2025]);
    expect(p.baseYearNote).toBe('base year 2023: the latest year with enrollment in every grade (the current enrollment, taken as the year after the latest history column (2022) because the schools file does not say which year it is)');
    expect(p.problems).toEqual([]);
  });

  it('takes the year the schools file gives for its enrollment (enrollment_year 2023/24)', async () => {
    const s = schoolsFrom(`id,name,level,lon,lat,${grades},enrollment_year\nP,P,primary,0,0,40,40,40,40,40,40,2023/24\nQ,Q,primary,0.01,0,40,40,40,40,40,40,\n`, auto);
    const p = await project(s, auto);
    expect(p.baseYear).toBe(2023);
    expect(p.baseYearNote).toBe('base year 2023: the latest year with enrollment in every grade (the year the schools file gives for its enrollment, column enrollment_year)');
  });

  it('says when the settings set it, and when neither settings nor data give one', async () => {
    const set = resolveSettings({ projection: { baseYear: 2020, horizonYears: 1 } });
    const s = schoolsFrom(`id,name,level,lon,lat,${grades}\nP,P,primary,0,0,40,40,40,40,40,40\n`, set);
    expect((await project(s, set)).baseYearNote).toBe('base year 2020: set in the settings (projection.baseYear)');
    const none = await project(s, auto);
    expect(none.baseYear).toBe(0);
    expect(none.baseYearNote).toMatch(/^no base year: the schools file does not say which year its enrollment is and has no history columns/);
  });

  it('takes the latest complete year: an incomplete current enrollment after a complete history year is an error', async () => {
    // current enrollment (2023) has no g6 anywhere; 2022 is complete
    const s = schoolsFrom(`id,name,level,lon,lat,g1,g2,g3,g4,g5,${grades.split(',').map((g) => `${g}_2022`).join(',')}\nP,P,primary,0,0,40,40,40,40,40,39,39,39,39,39,39\n`, auto);
    const p = await project(s, auto);
    expect(p.baseYear).toBe(2022);
    expect(p.baseYearNote).toBe('base year 2022: the latest year with enrollment in every grade; the 2023 enrollment lacks g6');
    expect(p.problems.map(formatProblem)).toEqual(['schools: g6: the current enrollment (2023) has no pupils in g6 at any school, so the base year is 2022, the latest year with enrollment in every grade, and 2023 comes after it: give every grade, or set projection.baseYear']);
    expect(p.schools[0].years).toEqual([]);
  });
});

describe('a history column for a year after the base year is an error', () => {
  const csv = `id,name,level,lon,lat,${grades},g1_2022,g2_2023,g1_2024\nP,P,primary,0,0,40,40,40,40,40,40,38,39,45\n`;

  it('from the loader when the settings give the base year', () => {
    const r = loadSchools('schools.csv', csv, resolveSettings({ projection: { baseYear: 2023 } }));
    expect(r.ok).toBe(false);
    expect(errorsOf(r)).toEqual(['schools.csv:1: g1_2024: a history column for 2024, after the base year 2023 (projection.baseYear in the settings); history columns hold the base year or earlier years: remove the column or change the base year']);
  });

  it('from the loader when the file gives the year of its enrollment', () => {
    const r = loadSchools('schools.csv', `id,name,level,lon,lat,g1,school_year,g1_2023,g1_2024\nP,P,primary,0,0,40,2023-24,38,45\n`, auto);
    expect(errorsOf(r)).toEqual(['schools.csv:1: g1_2024: a history column for 2024, after the base year 2023 (the year of the enrollment, column school_year); history columns hold the base year or earlier years: remove the column or change the base year']);
  });

  it('from the loader for a year column that is not a year or differs between rows', () => {
    const r = loadSchools('schools.csv', `id,name,level,lon,lat,g1,enrolment_year\nP,P,primary,0.01,0.01,40,2023\nQ,Q,primary,0.02,0.01,40,2022\nR,R,primary,0.03,0.01,40,last year\n`, auto);
    expect(errorsOf(r)).toEqual([
      'schools.csv:3: enrolment_year: 2022 differs from 2023 (line 2); expected one school year for the whole file',
      'schools.csv:4: enrolment_year: "last year" is not a school year; expected a year such as 2023 or 2023/24 (the year of the enrollment)',
    ]);
  });

  it('from the projection when the base year is set after loading: no school is projected, no pair averaged in', async () => {
    const s = schoolsFrom(csv, auto); // loads: without a base year the current enrollment is 2025
    const set = resolveSettings({ projection: { baseYear: 2023, horizonYears: 2 } });
    const p = await project(s, set);
    expect(p.baseYear).toBe(2023);
    expect(p.problems.map(formatProblem)).toEqual(['schools: g1_2024: a history column for 2024, after the base year 2023 (projection.baseYear in the settings); history columns hold the base year or earlier years: remove the column or change the base year']);
    expect(p.schools[0].years).toEqual([]);
    expect(p.schools[0].notes[0]).toMatch(/^not projected: 1 error in the data for the base year 2023 \(g1_2024: a history column for 2024/);
    expect(p.district.every((d) => d.totalByLevel.primary === 0)).toBe(true);
    // the file's own name in the problems when the caller gives it
    expect(formatProblem(projectEnrollment(s, await unitsFrom(unitsCsv, set), set, computeCatchments(s, await unitsFrom(unitsCsv, set), set).assignments, { schoolsFile: 'rolls.csv' }).problems[0])).toMatch(/^rolls\.csv: g1_2024: /);
  });
});
