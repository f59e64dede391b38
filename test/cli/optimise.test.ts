import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { parsePlanFile } from '../../src/core/index';

const cli = (args: string[]) => spawnSync(join('node_modules', '.bin', 'tsx'), ['src/cli/main.ts', ...args], { encoding: 'utf8' });

describe('optimising commands', () => {
  it('optimise proposes Trafford primary zones: fewer schools over capacity, a plan file the other commands apply', () => {
    const dir = mkdtempSync(join(tmpdir(), 'optimise-'));
    const r = cli(['optimise', '--dataset', 'geodata/trafford', '--level', 'primary', '--band', '0.5,1', '--out', dir]);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));
    console.log(`Trafford primary, proposed zones: schools over capacity ${summary.before.schoolsOverCapacity} -> ${summary.after.schoolsOverCapacity}; mean distance ${Math.round(summary.before.meanDistanceM)} -> ${Math.round(summary.after.meanDistanceM)} m; ${Math.round(summary.childrenMoved)} children moved; travel gap ${(summary.travelGap * 100).toFixed(2)}%, gap with band terms ${(summary.gap * 100).toFixed(2)}%; ${summary.outsideBand.length} outside their band; ${summary.seconds.toFixed(1)} s`);
    expect(summary.after.schoolsOverCapacity).toBeLessThan(summary.before.schoolsOverCapacity);
    expect(summary.lowerBound).toBeLessThanOrEqual(summary.objective);
    expect(summary.checks.filter((c: { kind: string }) => c.kind === 'fragmented')).toEqual([]);
    const plan = parsePlanFile(readFileSync(join(dir, 'plan.json'), 'utf8'), 'plan.json');
    expect(plan.ok).toBe(true);
    // the plan file gives the same schools.csv through assign --plan
    const a = cli(['assign', '--dataset', 'geodata/trafford', '--plan', join(dir, 'plan.json'), '--out', join(dir, 'assign')]);
    expect(a.status, a.stdout).toBe(0);
    expect(readFileSync(join(dir, 'assign', 'schools.csv'), 'utf8')).toBe(readFileSync(join(dir, 'schools.csv'), 'utf8'));
    expect(cli(['optimise', '--dataset', 'geodata/trafford', '--out', dir]).status).toBe(2); // no --level
  });

  it('closures suggests Hualien closures as a scenario file; balance reports the teacher CV and a rotation plan', () => {
    const dir = mkdtempSync(join(tmpdir(), 'closures-'));
    const c = cli(['closures', '--dataset', 'geodata/hualien', '--level', 'primary', '--count', '3', '--below', '50', '--out', dir]);
    expect(c.status, c.stdout + c.stderr).toBe(0);
    const rows = Papa.parse<Record<string, string>>(readFileSync(join(dir, 'closures.csv'), 'utf8'), { header: true, skipEmptyLines: true }).data;
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => Number(r.pupils) < 50)).toBe(true);
    const s = cli(['scenario', '--dataset', 'geodata/hualien', '--scenario', join(dir, 'scenario.json'), '--out', join(dir, 'scenario')]);
    expect(s.status, s.stdout).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'scenario', 'outcomes.json'), 'utf8')).schoolsByLevel[0].after).toBe(JSON.parse(readFileSync(join(dir, 'scenario', 'outcomes.json'), 'utf8')).schoolsByLevel[0].before - 3);

    const b = cli(['balance', '--dataset', 'geodata/hualien', '--out', join(dir, 'balance')]);
    expect(b.status, b.stdout + b.stderr).toBe(0);
    const table = Papa.parse<Record<string, string>>(readFileSync(join(dir, 'balance', 'balance.csv'), 'utf8'), { header: true, skipEmptyLines: true }).data;
    const teachers = table.find((r) => r.indicator === 'teachers')!;
    expect(Number(teachers.cv)).toBeGreaterThan(0.5);
    expect(teachers.pass).toBe('0');
    expect(table.find((r) => r.indicator === 'places')!.not_assessed).toMatch(/not assessed/);
    const json = JSON.parse(readFileSync(join(dir, 'balance', 'balance.json'), 'utf8'));
    expect(json.rotations[0].cvAfter).toBeLessThanOrEqual(0.5 + 1e-9);
    console.log(`Hualien teachers per 100 pupils: CV ${Number(teachers.cv).toFixed(3)}; rotation to 0.5: ${json.rotations[0].moved.toFixed(1)} teachers in ${json.rotations[0].transfers.length} transfers`);
  });
});
