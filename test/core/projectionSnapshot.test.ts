import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { computeCatchments, projectEnrollment, resolveSettings, type ProjectionResult } from '../../src/core/index';
import { schoolsFrom, unitsFrom } from '../helpers';

// Totals and flags per school per projected year on the shipped data sets with their shipped settings,
// written by the projection code as it was before it was split into steps (src/core/project/*): the
// split must reproduce them. Each entry records a hash of the files it was computed from, so a change
// of the data (not of the code) is told apart from a change of the results.
const SNAPSHOT = 'test/fixtures/projection/shipped-totals.json';
const DIGITS = 6;
const SHIPPED = {
  // Edinburgh: 2023 rolls by stage with 2019-2022 history (ratios from school history)
  edinburgh: { schools: 'geodata/edinburgh/schools.geojson', settings: 'geodata/edinburgh/settings.json', population: 'geodata/edinburgh/population.geojson' },
  // Edinburgh as first shipped: 2012 rolls, no history (ratios 1.0)
  'edinburgh-2012': { schools: 'geodata/edinburgh/schools_2012.geojson', settings: 'geodata/edinburgh/settings_2012.json', population: 'geodata/edinburgh/population.geojson' },
  'northern-ireland': { schools: 'geodata/northern-ireland/schools.geojson', settings: 'geodata/northern-ireland/settings.json', population: 'geodata/northern-ireland/population.geojson' },
};
type Project = (...a: Parameters<typeof projectEnrollment>) => Pick<ProjectionResult, 'baseYear' | 'years' | 'schools'>;

interface DataSetSnapshot {
  /** sha256 (first 16 hex) of the schools, settings and population files */
  inputs: string;
  baseYear: number;
  years: number[];
  /** school id -> total per projected year (rounded to 6 decimals) */
  totals: Record<string, number[]>;
  /** school id -> flags per projected year, `;`-joined; only schools with a flag in some year */
  flags: Record<string, string[]>;
}

async function snapshotOf(files: (typeof SHIPPED)[keyof typeof SHIPPED], project: Project = projectEnrollment): Promise<DataSetSnapshot> {
  const text = { schools: readFileSync(files.schools, 'utf8'), settings: readFileSync(files.settings, 'utf8'), population: readFileSync(files.population, 'utf8') };
  // the method as it was before credibility weights and damped entry trends (both switched off)
  const raw = JSON.parse(text.settings);
  const settings = resolveSettings({ ...raw, projection: { ...(raw.projection ?? {}), credibilityPupils: 0, entryTrendDamping: 1, changeWeight: 1, cohortEntryYears: 1 } });
  const schools = schoolsFrom(text.schools, settings, 'schools.geojson');
  const units = await unitsFrom(text.population, settings, 'population.geojson');
  const r = computeCatchments(schools, units, settings);
  const p = project(schools, units, settings, r.assignments);
  const totals: Record<string, number[]> = {}, flags: Record<string, string[]> = {};
  for (const s of p.schools) {
    if (!s.years.length) continue;
    totals[s.id] = s.years.map((y) => Number(y.total.toFixed(DIGITS)));
    if (s.years.some((y) => y.flags.length)) flags[s.id] = s.years.map((y) => y.flags.join(';'));
  }
  const inputs = createHash('sha256').update(text.schools).update('\0').update(text.settings).update('\0').update(text.population).digest('hex').slice(0, 16);
  return { inputs, baseYear: p.baseYear, years: p.years, totals, flags };
}

function writeSnapshot(name: string, s: DataSetSnapshot) {
  const all = existsSync(SNAPSHOT) ? JSON.parse(readFileSync(SNAPSHOT, 'utf8')) : {};
  all[name] = s;
  writeFileSync(SNAPSHOT, JSON.stringify(all) + '\n');
}

describe('projection on the shipped data (snapshot taken before the split)', () => {
  for (const [name, files] of Object.entries(SHIPPED)) {
    it(`${name}: the same totals and flags per school and year`, async () => {
      const now = await snapshotOf(files);
      // only for a change of the shipped data, after checking the projection code is unchanged
      if (process.env.UPDATE_PROJECTION_SNAPSHOT === '1') writeSnapshot(name, now);
      const before: DataSetSnapshot = JSON.parse(readFileSync(SNAPSHOT, 'utf8'))[name];
      expect(now.inputs, `${files.schools}, ${files.settings} or ${files.population} changed since the snapshot: the data, not the projection`).toBe(before.inputs);
      expect(now.baseYear).toBe(before.baseYear);
      expect(now.years).toEqual(before.years);
      expect(Object.keys(now.totals).sort()).toEqual(Object.keys(before.totals).sort());
      for (const [id, t] of Object.entries(before.totals)) {
        now.totals[id].forEach((v, i) => expect(Math.abs(v - t[i]), `${name} ${id} ${before.years[i]}`).toBeLessThanOrEqual(10 ** -DIGITS));
      }
      expect(now.flags).toEqual(before.flags);
    }, 120_000);
  }
});
