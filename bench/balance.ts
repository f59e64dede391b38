/**
 * The teacher rotation ("what it takes" to pass the balance CV) for 200 schools, against a greedy
 * baseline measured in the same run: move one teacher at a time from the best-staffed school per
 * pupil to the worst until the CV passes. Run: npm run bench (with the others) or `npx tsx bench/balance.ts`.
 * The bar: under 2 s for 200 schools; printed, never asserted.
 */
import loadHighs from 'highs';
import { createHighsSolver, rotationPlan, weightedCvTerms, type IndicatorBalance } from '../src/core/index';
import { mulberry32 } from './synthetic';

export function syntheticTeachers(count: number, seed: number): { ind: IndicatorBalance; lonLat: (i: number) => [number, number] } {
  const rnd = mulberry32(seed);
  const pupils = Array.from({ length: count }, () => Math.round(40 + rnd() * 1500));
  // a county where small rural schools are overstaffed per pupil and large town schools understaffed
  const teachers = pupils.map((n) => Math.max(2, Math.round(n / (n < 200 ? 6 + rnd() * 4 : 18 + rnd() * 14))));
  const { cv, pooled, terms } = weightedCvTerms(teachers, pupils);
  const lon = pupils.map(() => 121 + rnd()), lat = pupils.map(() => 23 + rnd());
  const schools = pupils.map((n, i) => ({ index: i, id: `S${i}`, name: `School ${i}`, pupils: n, resource: teachers[i], value: (teachers[i] / n) * 100, contribution: terms[i] }));
  return { ind: { id: 'teachers', name: { en: 'teachers', zh: '教师', es: 'docentes' }, per: 100, unit: 'teachers', countyValue: pooled * 100, cv, threshold: 0.5, pass: cv <= 0.5, notAssessed: null, schools }, lonLat: (i) => [lon[i], lat[i]] };
}

/** One teacher at a time from the highest to the lowest per-pupil school until the CV passes. */
function greedyRotation(ind: IndicatorBalance, target: number): { moved: number; cv: number } {
  const n = ind.schools.map((s) => s.pupils), r = ind.schools.map((s) => s.resource);
  let moved = 0, cv = weightedCvTerms(r, n).cv;
  while (cv > target && moved < 100_000) {
    let hi = 0, lo = 0;
    for (let i = 1; i < r.length; i++) { if (r[i] / n[i] > r[hi] / n[hi] && r[i] >= 1) hi = i; if (r[i] / n[i] < r[lo] / n[lo]) lo = i; }
    r[hi] -= 1; r[lo] += 1; moved++;
    cv = weightedCvTerms(r, n).cv;
  }
  return { moved, cv };
}

export async function benchBalance(): Promise<void> {
  const solver = createHighsSolver(await loadHighs());
  for (const count of [200, 400]) {
    const { ind, lonLat } = syntheticTeachers(count, 17);
    const target = Math.min(0.5, ind.cv * 0.6);
    rotationPlan(ind, target, solver, lonLat); // warm-up: wasm compile and JIT
    const t0 = performance.now();
    const plan = rotationPlan(ind, target, solver, lonLat);
    const lpMs = performance.now() - t0;
    const t1 = performance.now();
    const greedy = greedyRotation(ind, target);
    const greedyMs = performance.now() - t1;
    console.log(`teacher rotation, ${count} schools: CV ${ind.cv.toFixed(3)} -> ${plan.cvAfter.toFixed(3)} (target ${target.toFixed(3)}), ${plan.moved.toFixed(1)} teachers in ${plan.transfers.length} transfers: ${(lpMs / 1000).toFixed(2)} s (bar: < 2 s for 200)`);
    console.log(`  greedy one-at-a-time baseline: ${greedy.moved} teachers moved (CV ${greedy.cv.toFixed(3)}) in ${greedyMs.toFixed(1)} ms; LP time = ${(lpMs / Math.max(greedyMs, 0.01)).toFixed(1)}x greedy, teachers moved = ${(plan.moved / Math.max(greedy.moved, 1)).toFixed(2)}x greedy`);
  }
}

if (process.argv[1]?.endsWith('balance.ts')) await benchBalance();
