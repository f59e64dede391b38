import { describe, expect, it } from 'vitest';
import { defaultSettings, formatProblem, loadSchools } from '../../src/core/index';

describe('any grade names', () => {
  it('reads history columns of grades without a number (k_2021, r_2022) and warns about history-like columns of no grade', () => {
    const base = defaultSettings('england');
    const grades = base.levels[0].grades;
    expect(grades[0]).toBe('r');
    const csv = `id,name,level,lon,lat,r,y1,r_2022,y1_2022,r_2021,g1_2022\nA,A,primary,-2.3,53.4,30,28,29,27,31,5\n`;
    const r = loadSchools('schools.csv', csv, base);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const s = r.value.schools;
    expect(s.historyByYear![0]![2022]).toMatchObject({ r: 29, y1: 27 });
    expect(s.historyByYear![0]![2021]).toMatchObject({ r: 31 });
    // g1 is not a grade of the England profile: kept as another column, with a warning that says so
    const warn = r.problems.map(formatProblem).find((p) => p.includes('look like enrollment history'));
    expect(warn).toContain('g1_2022');
    expect(s.extra[0].g1_2022).toBe(5);
  });

  it('leaves ordinary columns with a year alone (no warning for name_2023)', () => {
    const csv = 'id,name,level,lon,lat,g1,name_2023\nA,A,primary,113,28,30,Old name\n';
    const r = loadSchools('schools.csv', csv, defaultSettings());
    expect(r.ok && r.problems.filter((p) => p.message.includes('enrollment history'))).toEqual([]);
  });
});
