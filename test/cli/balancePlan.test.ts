import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addAction, newPlan, planFileText } from '../../src/core/index';
import { createEngine } from '../../src/worker/engine';

const cli = (args: string[]) => spawnSync(join('node_modules', '.bin', 'tsx'), ['src/cli/main.ts', ...args], { encoding: 'utf8' });
const file = (p: string) => ({ name: p.split('/').pop()!, bytes: new Uint8Array(readFileSync(p)) });
const cvs = (e: { levels: { level: string; indicators: { id: string; cv: number | null }[] }[] }) => e.levels.flatMap((l) => l.indicators.map((i) => [l.level, i.id, i.cv === null || !Number.isFinite(i.cv) ? null : Math.round(i.cv * 1e9) / 1e9]));

describe('balance --plan gives what the app shows', () => {
  it('Hualien with a closure: the worker\'s CVs before and after, and its rotation plan, equal the CLI\'s', async () => {
    const engine = createEngine();
    const opened = await engine.openDataset({ name: 'hualien', schools: file('geodata/hualien/schools.geojson'), population: file('geodata/hualien/population.geojson'), settings: JSON.parse(readFileSync('geodata/hualien/settings.json', 'utf8')) });
    if (!opened.ok) throw new Error(JSON.stringify(opened.problems));
    const ds = opened.dataset;
    // close the smallest school with pupils into its nearest neighbour's care (children go to their nearest)
    const smallest = ds.schools.ids.map((id, i) => ({ id, n: ds.schools.enrollment[i] })).filter((x) => x.n > 0).sort((a, b) => a.n - b.n)[0].id;
    const plan = addAction(newPlan('Close one', { name: 'hualien', schoolsFingerprint: ds.schoolsFingerprint, populationFingerprint: ds.populationFingerprint, units: ds.units.count, schools: ds.schools.ids.length }, ds.settings), { kind: 'close', school: smallest });
    const app = await engine.compute({ token: ds.token, plan: structuredClone(plan) });
    const takes = await engine.balancePlans({ token: ds.token, plan: structuredClone(plan) });
    const dir = mkdtempSync(join(tmpdir(), 'balance-plan-'));
    writeFileSync(join(dir, 'plan.json'), planFileText(plan));
    const r = cli(['balance', '--dataset', 'geodata/hualien', '--plan', join(dir, 'plan.json'), '--out', join(dir, 'out')]);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    const json = JSON.parse(readFileSync(join(dir, 'out', 'balance.json'), 'utf8'));
    expect(cvs(json)).toEqual(cvs(app.balance.after));
    expect(cvs(json.before)).toEqual(cvs(app.balance.before));
    const teachersBefore = app.balance.before.levels[0].indicators.find((i) => i.id === 'teachers')!, teachersAfter = app.balance.after.levels[0].indicators.find((i) => i.id === 'teachers')!;
    expect(teachersAfter.cv).not.toBe(teachersBefore.cv); // the closure changes the CV
    expect(app.outcomes.balance.find((b) => b.level === app.balance.after.levels[0].level && b.indicator === 'teachers')!.after).toBe(teachersAfter.cv);
    expect(json.rotations.map((x: { moved: number }) => Math.round(x.moved * 1e6))).toEqual(takes.rotations.map((x) => Math.round(x.moved * 1e6)));
    expect(takes.rotations[0].cvAfter).toBeLessThanOrEqual(teachersAfter.threshold + 1e-6);
    console.log(`Hualien ${app.balance.after.levels[0].level} teachers per 100 pupils: CV ${teachersBefore.cv.toFixed(3)} -> ${teachersAfter.cv.toFixed(3)} after closing ${smallest}; rotation to ${teachersAfter.threshold}: ${takes.rotations[0].moved.toFixed(1)} teachers in ${takes.rotations[0].transfers.length} transfers`);
  });

  it('Edinburgh: the teacher CV per level (FTE teachers)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'balance-edi-'));
    const r = cli(['balance', '--dataset', 'geodata/edinburgh', '--out', dir]);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    const json = JSON.parse(readFileSync(join(dir, 'balance.json'), 'utf8'));
    const rows = json.levels.map((l: { level: string; indicators: { id: string; cv: number; notAssessed: string | null }[] }) => [l.level, l.indicators.find((i) => i.id === 'teachers')!]);
    const assessed = rows.filter(([, i]: [string, { cv: number | null }]) => i.cv !== null);
    expect(assessed.length).toBeGreaterThan(0);
    for (const [, i] of assessed) expect(i.cv).toBeGreaterThan(0);
    console.log(`Edinburgh teachers per 100 pupils: ${rows.map(([l, i]: [string, { cv: number | null; notAssessed: string | null }]) => `${l} ${i.cv === null ? i.notAssessed : `CV ${i.cv.toFixed(3)}`}`).join('; ')}`);
  });
});
