import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import {
  assignmentCsvChunks, computeCatchments, csvCell, decodePopulation, decodeText, defaultSettings, formatProblem, loadSchools,
  mergersCsv, movesCsv, outcomesCsv, projectEnrollment, projectionsCsv, schoolsCsv,
  type MergerSuggestion, type Move, type Outcomes, type TravelStats,
} from '../../src/core/index';
import { DEFAULT_TABLE_LIMITS, parseTable, type Table } from '../../src/core/load/table';
import { errorsOf, schoolsFrom, unitsFrom } from '../helpers';

const settings = defaultSettings();
const load = (text: string, file = 'schools.csv') => loadSchools(file, text, settings);
const HEAD = 'id,name,level,lon,lat,capacity,classrooms,enrollment';
const ROWS = ['A,Alder,primary,113.000,28.000,300,6,250', 'B,Birch,primary,113.010,28.000,300,6,250', 'C,Cedar,primary,113.020,28.000,300,6,250'];

function table(text: string, options?: Parameters<typeof parseTable>[1]): Table {
  const r = parseTable(text, options);
  if ('error' in r) throw new Error(`line ${r.line}: ${r.error}`);
  return r.table;
}
const rowsOf = (t: Table) => Array.from({ length: t.rowCount }, (_, i) => t.header.map((_, k) => t.cell(k, i)));

describe('CSV line endings: read per line, no row merged or dropped', () => {
  it('a CRLF header with LF data rows loads every school', () => {
    const r = load(`${HEAD}\r\n${ROWS.join('\n')}\n`);
    expect(errorsOf(r)).toEqual([]);
    expect(r.ok && r.value.schools.ids).toEqual(['A', 'B', 'C']);
    expect(r.ok && Array.from(r.value.schools.lat)).toEqual([28, 28, 28]);
  });

  it('CR-only (classic Mac) files load every school', () => {
    const r = load(`${HEAD}\r${ROWS.join('\r')}\r`);
    expect(r.ok && r.value.schools.ids).toEqual(['A', 'B', 'C']);
  });

  it('mixed endings in one file keep rows apart and line numbers right', () => {
    const text = `${HEAD}\r\n${ROWS[0]}\n${ROWS[1]}\r${ROWS[2]}\r\nB,Beech,primary,113.03,28,300,6,250\n`;
    expect(errorsOf(load(text))).toEqual(['schools.csv:5: id: "B" is a duplicate of the school at line 3; expected unique ids']);
  });

  it('counts one row per data line; blank lines and line breaks inside quotes keep the line numbers', () => {
    const t = table('id,name\r\n\r\nA,"two\r\nlines"\rB,"lone\rCR"\n\n\r\nC,x\r\nD,y');
    expect(rowsOf(t)).toEqual([['A', 'two\r\nlines'], ['B', 'lone\rCR'], ['C', 'x'], ['D', 'y']]);
    expect(Array.from(t.lineByRow)).toEqual([3, 5, 9, 10]);
  });

  it('guesses the delimiter from the first non-blank line', () => {
    const t = table('\r\n\r\nid;name\r1;a\r');
    expect(t.delimiter).toBe(';');
    expect(rowsOf(t)).toEqual([[1, 'a']]);
    expect(Array.from(t.lineByRow)).toEqual([4]);
  });

  it('an error after CR-only lines names the right line', () => {
    expect(errorsOf(load(`${HEAD}\r${ROWS[0]}\r${ROWS[1]}\rD,Dale,primary,113,lots,300,6,250\r`)))
      .toEqual(['schools.csv:4: lat: "lots" is not a number; expected a latitude in degrees']);
  });

  it('reports an unclosed quote at the line it opened, whatever the line endings', () => {
    expect(errorsOf(load(`${HEAD}\r\n${ROWS[0]}\nX,"Broken,primary,1,2,3,4\n${ROWS[1]}\n`)))
      .toEqual(['schools.csv:3: quoted field unterminated; expected every opening quote to be closed']);
  });
});

describe('CSV shapes no planner makes: refused early, memory follows the rows present', () => {
  it('a header wider than maxColumns is refused with the count', () => {
    const wide = Array.from({ length: 10_000 }, (_, i) => `c${i}`).join(',');
    const r = parseTable(`${wide}\n${'\n'.repeat(50_000)}`);
    expect(r).toMatchObject({ error: 'the header has 10,000 columns, more than the 2,000 allowed; expected a table with one column per field (is the delimiter "," right?)', line: 1 });
    expect(errorsOf(load(`${wide}\n1,2\n`))[0]).toMatch(/^schools\.csv:1: the header has 10,000 columns, more than the 2,000 allowed/);
  });

  it('blank lines under a wide header cost no memory (limit raised by option)', () => {
    const wide = Array.from({ length: 3_000 }, (_, i) => `c${i}`).join(',');
    const text = `${wide}\n${'\n'.repeat(20_000)}1,x\n`;
    const before = process.memoryUsage().arrayBuffers;
    const t = table(text, { limits: { maxColumns: 5_000 } });
    const grown = process.memoryUsage().arrayBuffers - before;
    expect(t.rowCount).toBe(1);
    expect(t.lineByRow[0]).toBe(20_002);
    expect(t.cell(0, 0)).toBe(1);
    expect(t.cell(2, 0)).toBeUndefined();
    // 3,000 columns x 20,000 lines of Float64 would be 480 MB
    expect(grown).toBeLessThan(32e6);
  });

  it('a line longer than maxLineChars is refused; the limit is an option', () => {
    const long = `id,name\nA,${'x'.repeat(DEFAULT_TABLE_LIMITS.maxLineChars)}\nB,y\n`;
    expect(parseTable(long)).toMatchObject({ error: 'line longer than 1,000,000 characters (1 MB); expected a delimited table with one record per line (is this a CSV file?)', line: 2 });
    expect(table(long, { limits: { maxLineChars: 2_000_000 } }).rowCount).toBe(2);
    // a line of delimiters only is as long
    expect(parseTable(`id,name\n${','.repeat(1_200_000)}\n`)).toMatchObject({ line: 2, error: expect.stringMatching(/^line longer than/) });
    // a quoted field that never closes is named as such
    expect(parseTable(`id,name\nA,"${'x\n'.repeat(600_000)}`, { limits: { maxLineChars: 1_000 } })).toMatchObject({ error: 'quoted field unterminated; expected every opening quote to be closed', line: 2 });
  });

  it('a 210 MB single-line file is refused by its first line', () => {
    const bytes = new Uint8Array(210_000_000).fill(0x61);
    const text = decodeText(bytes, 'huge.csv');
    expect(text.ok).toBe(true);
    if (!text.ok) return;
    expect(errorsOf(loadSchools('huge.csv', text.value, settings))).toEqual(['huge.csv:1: line longer than 1,000,000 characters (1 MB); expected a delimited table with one record per line (is this a CSV file?)']);
  });
});

describe('decodeText: encodings are detected, never silently mangled', () => {
  const utf16 = (s: string, bom: number[]) => new Uint8Array([...bom, ...Buffer.from(s, 'utf16le')]);
  it('refuses UTF-16 with a byte-order mark (LE and BE) or without one', () => {
    const text = `${HEAD}\n${ROWS[0]}\n`;
    const be = Buffer.from(text, 'utf16le').swap16();
    for (const bytes of [utf16(text, [0xff, 0xfe]), new Uint8Array([0xfe, 0xff, ...be]), utf16(text, [])]) {
      const r = decodeText(bytes, 'schools.csv');
      expect(r.ok).toBe(false);
      expect(r.problems.map(formatProblem)[0]).toMatch(/^schools\.csv: UTF-16 is not supported; save as UTF-8/);
    }
  });

  it('reads Latin-1 / Windows-1252 with a warning naming the file and line', () => {
    const bytes = new Uint8Array([...Buffer.from(`${HEAD}\nP,Pe`), 0xf1, 0xf3, ...Buffer.from('n '), 0x80, ...Buffer.from(',primary,113,28,300,6,250\n')]);
    const r = decodeText(bytes, 'old.csv');
    expect(r.ok && r.value).toBe(`${HEAD}\nP,Peñón €,primary,113,28,300,6,250\n`);
    expect(r.problems.map(formatProblem)).toEqual(['old.csv:2: warning: not valid UTF-8 (byte 0xF1 on line 2); read as Windows-1252 (Western European, Latin-1): check accented names, and save the file as UTF-8 to be sure of them']);
  });

  it('reads UTF-8 (BOM or not) as it is, with no problem', () => {
    for (const bom of [[], [0xef, 0xbb, 0xbf]]) {
      const r = decodeText(new Uint8Array([...bom, ...Buffer.from('id,name\n1,第一小学 Peñón\n')]), 's.csv');
      expect(r).toEqual({ ok: true, value: 'id,name\n1,第一小学 Peñón\n', problems: [] });
    }
  });

  it('refuses binary content; a stray NUL is named by row and field', () => {
    const zip = new Uint8Array([0x50, 0x4b, 3, 4, 20, 0, 0, 0, 8, 0, 0x21, 0, 0, 0, 0, 0]);
    expect(decodeText(zip, 's.zip').problems.map(formatProblem)[0]).toMatch(/^s\.zip: binary content \(\d+ NUL bytes in the first 16 bytes\), not text/);
    const r = decodeText(new Uint8Array(Buffer.from(`${HEAD}\n${ROWS[0]}\nB,Bir\0ch,primary,113,28,1,1,1\n`)), 's.csv');
    expect(r.ok).toBe(true);
    expect(r.ok && errorsOf(load(r.value))).toEqual(['schools.csv:3: field "name": contains a NUL byte (\\x00); expected text (is the file damaged, or saved as UTF-16?)']);
  });

  it('decodePopulation keeps a GeoTIFF (and other binary) as bytes and decodes text formats', () => {
    const tiff = new Uint8Array([0x49, 0x49, 42, 0, 8, 0, 0, 0]);
    expect(decodePopulation(tiff, 'pop.tif')).toEqual({ ok: true, value: tiff, problems: [] });
    expect(decodePopulation(new Uint8Array([0xff, 0xfe, 0x69, 0]), 'pop.csv').problems[0].message).toMatch(/^UTF-16 is not supported; save as UTF-8/);
    const latin = decodePopulation(new Uint8Array([...Buffer.from('id,lon,lat,primary\nC'), 0xe9, ...Buffer.from(',1,2,3\n')]), 'pop.csv');
    expect(latin.ok && latin.value).toBe('id,lon,lat,primary\nCé,1,2,3\n');
    expect(latin.problems[0]).toMatchObject({ severity: 'warning', file: 'pop.csv', row: 2 });
  });
});

describe('formatProblem escapes control characters', () => {
  it('writes C0, DEL, C1 and bidi overrides as escapes', () => {
    const p = { severity: 'error' as const, file: 'a\x1b[2J.csv', row: 2, field: 'na\tme', message: '"\x1b[H\x07x\ry\n\x7f\x9b\u202e" is bad' };
    const s = formatProblem(p);
    expect(s).toBe('a\\x1b[2J.csv:2: na\\x09me: "\\x1b[H\\x07x\\x0dy\\x0a\\x7f\\x9b\\u{202E}" is bad');
    expect(s).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
  });
});

/** The OWASP first characters, as school names and ids. */
const HOSTILE = ['=HYPERLINK("http://example.invalid/","x")', '+1', '-2+3', '@SUM(A1)', '\tx', '\rx'];

/**
 * Parses a written CSV back with PapaParse and checks: the expected number of data rows, every row
 * as wide as the header, no cell a spreadsheet would run (a leading = + - @ tab CR is allowed only
 * on a plain number), and each hostile value back as text behind a single quote.
 */
function expectSafe(csv: string, dataRows: number, hostile: string[] = HOSTILE): string[][] {
  const parsed = Papa.parse<string[]>(csv.replace(/\n$/, ''));
  expect(parsed.errors).toEqual([]);
  expect(parsed.data).toHaveLength(1 + dataRows);
  for (const r of parsed.data) expect(r).toHaveLength(parsed.data[0].length);
  const cells = parsed.data.flat();
  expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c) && !/^-\d+(\.\d+)?$/.test(c))).toEqual([]);
  for (const h of hostile) expect(cells).toContain(`'${h}`);
  return parsed.data;
}

describe('every CSV writer neutralises formulas and keeps one row per record', () => {
  const schoolsText = `${HEAD},g1,g2,g3,g4,g5,g6\n` + HOSTILE.map((_, i) => `S${i},N${i},primary,${(113 + i * 0.01).toFixed(2)},28,300,6,60,10,10,10,10,10,10`).join('\n') + '\n';
  const popText = 'id,lon,lat,age_5,age_6,age_7,age_8,age_9,age_10,age_11\n' + HOSTILE.map((_, i) => `u${i},${(113 + i * 0.01).toFixed(2)},28.001,9,9,9,9,9,9,9`).join('\n') + '\n';

  it('csvCell: text with a formula start is quoted behind a quote, numbers stay numbers, CR is quoted', () => {
    expect(csvCell('=1+1')).toBe(`"'=1+1"`);
    expect(csvCell('-3.2')).toBe(`"'-3.2"`);
    expect(csvCell(-3.2)).toBe('-3.2');
    expect(csvCell('a\rb')).toBe('"a\rb"');
    expect(csvCell('\rx')).toBe(`"'\rx"`);
  });

  it('assignment (unit and school ids)', async () => {
    const schools = schoolsFrom(schoolsText), units = await unitsFrom(popText);
    const result = computeCatchments(schools, units, settings);
    const csv = [...assignmentCsvChunks({ ...units, ids: HOSTILE }, { ids: HOSTILE }, result)].join('');
    expectSafe(csv, units.count * result.assignments.length);
  });

  it('schools (ids and names)', async () => {
    const schools = schoolsFrom(schoolsText), units = await unitsFrom(popText);
    const result = computeCatchments(schools, units, settings);
    const hostile = { ...result, schools: result.schools.map((r, i) => ({ ...r, id: HOSTILE[i], name: HOSTILE[(i + 1) % HOSTILE.length] })) };
    const rows = expectSafe(schoolsCsv(hostile, settings), HOSTILE.length);
    expect(rows[1][0]).toBe(`'${HOSTILE[0]}`);
  });

  it('projections (school ids)', async () => {
    const schools = schoolsFrom(schoolsText), units = await unitsFrom(popText);
    const p = projectEnrollment(schools, units, settings, computeCatchments(schools, units, settings).assignments);
    const rowCount = p.schools.reduce((n, s) => n + s.years.reduce((m, y) => m + Object.keys(y.byGrade).length, 0), 0);
    expect(rowCount).toBeGreaterThan(0);
    expectSafe(projectionsCsv({ ...p, schools: p.schools.map((s, i) => ({ ...s, id: HOSTILE[i] })) }), rowCount);
  });

  it('moves (unit and school ids; negative numbers stay numbers)', () => {
    const moves: Move[] = HOSTILE.map((h, i) => ({ unitId: h, level: 'primary', from: HOSTILE[(i + 1) % 6], to: i === 0 ? null : HOSTILE[(i + 2) % 6], children: -3.2, distanceBeforeM: 10, distanceAfterM: 20 }));
    const rows = expectSafe(movesCsv(moves), HOSTILE.length);
    expect(rows[1][4]).toBe('-3.2');
    expect(movesCsv(moves).split('\n')[1]).toContain(',-3.2,');
  });

  it('outcomes (school ids, indicator names)', () => {
    const ts: TravelStats = { children: 1, meanM: -3.2, p90M: 1, maxM: 1, beyondStandard: 0 };
    const o: Outcomes = {
      schoolsByLevel: [{ level: 'primary', before: 2, after: 1 }],
      childrenMoved: { primary: 5 },
      travel: { primary: { allBefore: ts, allAfter: ts, moversBefore: ts, moversAfter: ts } },
      largestIncreases: [],
      receiving: HOSTILE.slice(0, 2).map((id) => ({ id, name: id, gained: 1, utilizationBefore: 0.5, utilizationAfter: 0.6, avgClassBefore: 30, avgClassAfter: 31, classesNeeded: 1, classrooms: 1, projectedAvgClass: [] })),
      flagsResolved: [{ id: HOSTILE[2], name: 'n', flag: 'overcrowded' }],
      flagsCreated: [{ id: HOSTILE[3], name: 'n', flag: 'undersized' }],
      capacityFreed: 0,
      balance: HOSTILE.slice(4).map((indicator) => ({ level: 'primary', indicator, name: indicator, before: -1.5, after: 0.2, threshold: 0.5, notAssessed: null })),
    };
    const rows = expectSafe(outcomesCsv(o), 1 + 1 + 8 + 2 * 3 + 1 + 1 + 1 + 2);
    expect(rows.some((r) => r[4] === '-3.2')).toBe(true);
  });

  it('mergers (school ids, names, receivers and note)', () => {
    const m: MergerSuggestion[] = HOSTILE.map((h, i) => ({
      school: h, name: HOSTILE[(i + 1) % 6], enrollment: 50, minimum: 100, receiver: i === 5 ? null : HOSTILE[(i + 2) % 6], receiverName: i === 5 ? null : 'R',
      distanceBetweenM: 500, movedChildren: 50, addedTravelPerPupilM: -3.2, shareBeyondAfter: 0, respectsStandard: i % 2 === 0,
      receiverEnrollmentAfter: 550, receiverUtilizationAfter: NaN, spareKnown: true, note: HOSTILE[(i + 3) % 6], noteCoded: null,
    }));
    const rows = expectSafe(mergersCsv(m), HOSTILE.length);
    expect(rows[0]).toEqual(['school', 'name', 'enrollment', 'minimum', 'receiver', 'receiverName', 'distanceBetweenM', 'movedChildren', 'addedTravelPerPupilM', 'shareBeyondAfter', 'respectsStandard', 'receiverEnrollmentAfter', 'receiverUtilizationAfter', 'note']);
    expect(rows[1].slice(6, 13)).toEqual(['500', '50', '-3.2', '0', 'true', '550', '']);
    expect(rows[6][4]).toBe('');
  });
});

describe('hostile files through the CLI', () => {
  const TSX = join('node_modules', '.bin', 'tsx');
  const cli = (...args: string[]) => {
    const r = spawnSync(TSX, ['src/cli/main.ts', ...args], { encoding: 'utf8' });
    return { code: r.status, out: r.stdout };
  };
  const fx = (f: string) => join('test/fixtures/hostile/csv', f);
  const validate = (f: string) => cli('validate', '--schools', fx(f));

  it('CRLF header with LF rows, CR-only: every school, exit 0', () => {
    for (const f of ['crlf-header-lf-rows.csv', 'cr-only.csv']) {
      const r = validate(f);
      expect(r.code).toBe(0);
      expect(r.out).toContain(`${fx(f)}: 3 schools;`);
      expect(r.out).toContain('OK: loadable with 0 warning(s)');
    }
  });

  it('mixed endings: the duplicate is named at its own line, exit 1', () => {
    const r = validate('mixed-endings.csv');
    expect(r.code).toBe(1);
    expect(r.out.split('\n')).toContain(`${fx('mixed-endings.csv')}:5: id: "B" is a duplicate of the school at line 3; expected unique ids`);
  });

  it('UTF-16 with and without a BOM: refused, exit 1', () => {
    for (const f of ['utf16le.csv', 'utf16le-nobom.csv']) {
      const r = validate(f);
      expect(r.code).toBe(1);
      expect(r.out).toContain(`${fx(f)}: UTF-16 is not supported; save as UTF-8`);
    }
  });

  it('Latin-1: loaded with a warning naming file and line, exit 0', () => {
    const r = validate('latin1.csv');
    expect(r.code).toBe(0);
    expect(r.out).toContain(`${fx('latin1.csv')}:3: warning: not valid UTF-8 (byte 0xF1 on line 3); read as Windows-1252`);
    expect(r.out).toContain('OK: loadable with 1 warning(s)');
  });

  it('NUL in a field: error naming file, row and field, exit 1', () => {
    const r = validate('nul-in-field.csv');
    expect(r.code).toBe(1);
    expect(r.out).toContain(`${fx('nul-in-field.csv')}:3: field "name": contains a NUL byte (\\x00)`);
  });

  it('control characters in a value are printed escaped, never raw', () => {
    const r = validate('control-chars.csv');
    expect(r.code).toBe(1);
    expect(r.out).toContain(`${fx('control-chars.csv')}:2: level: "\\x1b[2J\\x1b[Hprimary\\x07" is not a school type`);
    expect(r.out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  });

  it('formula names: validate exit 0; mergers writes them neutralised, one row per suggestion', () => {
    expect(validate('formula-names.csv').code).toBe(0);
    const out = mkdtempSync(join(tmpdir(), 'mergers-'));
    const r = cli('mergers', '--schools', fx('formula-names.csv'), '--population', fx('formula-population.csv'), '--out', out);
    expect(r.code).toBe(0);
    const n = Number(/(\d+) undersized schools/.exec(r.out)?.[1]);
    expect(n).toBe(6);
    const rows = expectSafe(readFileSync(join(out, 'mergers.csv'), 'utf8'), n, ['=HYPERLINK("http://example.invalid/","click")', '+1', '-2+3', '@SUM(A1)', '@R1', '-R2', '=Receiver One']);
    // the CR inside a quoted name stays inside its cell
    expect(rows.flat()).toContain('x\ry');
  });
});
