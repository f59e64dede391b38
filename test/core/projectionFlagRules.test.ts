import { describe, expect, it } from 'vitest';
import {
  CLASS_BAND_FLAG, classBand, classroomsShort, computeCatchments, defaultSettings, isOvercrowded, isRural, isUndersized, minimumPupils,
  projectEnrollment, PROJECTION_FLAG_NAMES, resolveSettings, standardClassSize,
} from '../../src/core/index';
import { schoolsFrom, unitsFrom } from '../helpers';

describe('flag rules shared by the current-year and the projection flags', () => {
  const china = defaultSettings('china');

  it('decide with one vocabulary', () => {
    expect(classBand(66, 45, china)).toBe('super_large');
    expect(classBand(56, 45, china)).toBe('large');
    expect(classBand(45.5, 45, china)).toBe('over_standard');
    expect(classBand(45 + 1e-12, 45, china)).toBeNull(); // a rounding artefact is not a flag
    expect(classBand(NaN, 45, china)).toBeNull();
    expect(CLASS_BAND_FLAG).toEqual({ super_large: 'super_large_class', large: 'large_class', over_standard: 'over_standard' });
    expect(PROJECTION_FLAG_NAMES).toEqual(['overcrowded', 'classrooms_short', 'over_standard', 'large_class', 'super_large_class', 'undersized']);
    expect(isOvercrowded(341, 320, china)).toBe(true);
    expect(isOvercrowded(320, 320, china)).toBe(false);
    expect(isOvercrowded(500, NaN, china)).toBe(false);
    expect(classroomsShort(12, 10)).toBe(true);
    expect(classroomsShort(12, NaN)).toBe(false);
    expect(standardClassSize([[90, 45], [0, 50], [NaN, 50]])).toBe(45);
    expect(standardClassSize([])).toBeNaN();
    const ni = defaultSettings('northern_ireland').levels[0];
    expect(minimumPupils(ni, isRural({ urban_rural: 'RURAL' }))).toBe(105);
    expect(minimumPupils(ni, isRural({ urban_rural: 'URBAN' }))).toBe(140);
    expect(isUndersized(104, 105)).toBe(true);
  });

  it('give the same overcrowded and class-size verdicts now and in a flat projection', async () => {
    const settings = resolveSettings({ projection: { baseYear: 2024, horizonYears: 1 } });
    // six grades of v pupils, 6 classrooms, 300 places; one child of every age, so demand stays small and entry flat
    const vs = [40, 45, 46, 50, 51, 56, 60, 66, 70];
    const rows = vs.map((v, i) => `S${v},S${v},primary,${(i * 0.05).toFixed(2)},0,300,6,${Array(6).fill(v).join(',')}`);
    const schools = schoolsFrom(['id,name,level,lon,lat,capacity,classrooms,g1,g2,g3,g4,g5,g6', ...rows].join('\n'), settings);
    const units = await unitsFrom(['id,lon,lat,' + Array.from({ length: 15 }, (_, a) => `age_${a}`).join(','), ...vs.map((_, i) => `U${i},${(i * 0.05).toFixed(2)},0.001,${Array(15).fill(1).join(',')}`)].join('\n'), settings);
    const current = computeCatchments(schools, units, settings);
    const projected = projectEnrollment(schools, units, settings, current.assignments);
    for (const r of current.schools) {
      const y = projected.schools[r.index].years[0];
      expect(y.total).toBeCloseTo(r.enrollment, 9);
      expect(y.avgClassSize).toBeCloseTo(r.avgClassSize, 9);
      const over = r.flags.find((f) => f.flag === 'overcrowded')!.status === 'flagged';
      expect(y.flags.includes('overcrowded'), r.id).toBe(over);
      const band = r.flags.find((f) => f.flag === 'large_classes')!.severity as keyof typeof CLASS_BAND_FLAG | undefined;
      expect(y.flags.filter((f) => (Object.values(CLASS_BAND_FLAG) as string[]).includes(f)), r.id).toEqual(band ? [CLASS_BAND_FLAG[band]] : []);
    }
    // the cases cover every band and both overcrowded verdicts
    const severities = new Set(current.schools.map((r) => r.flags.find((f) => f.flag === 'large_classes')!.severity));
    expect(severities).toEqual(new Set([undefined, 'over_standard', 'large', 'super_large']));
  });
});
