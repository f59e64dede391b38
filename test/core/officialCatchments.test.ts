import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { derivePlan, importZones, newPlan, planLevelFromZones, readSettings, resolveSettings, type Plan } from '../../src/core/index';
import { schoolsFrom, unitsFrom } from '../helpers';

/** Share of children at their nearest school and the extra distance of the others, plan vs its baseline. */
function compare(r: ReturnType<typeof derivePlan>, level: string, children: Float32Array) {
  const a = r.result.assignments.find((x) => x.level === level)!, n = r.nearest.find((x) => x.level === level)!;
  let total = 0, same = 0, extra = 0;
  for (let u = 0; u < children.length; u++) {
    if (!(children[u] > 0) || a.schoolByUnit[u] === a.noSchool) continue;
    total += children[u];
    if (a.schoolByUnit[u] === n.schoolByUnit[u]) same += children[u];
    else extra += children[u] * (a.distanceByUnit[u] - n.distanceByUnit[u]);
  }
  return { share: same / total, moved: total - same, meanExtra: extra / (total - same) };
}

describe("Edinburgh's official non-denominational catchments as a plan", () => {
  it('imports both levels, matches the zones to schools and compares them with nearest-school zones', async () => {
    const settings = resolveSettings({ profile: 'scotland' });
    const schools = schoolsFrom(readFileSync('geodata/edinburgh/schools.geojson', 'utf8'), settings, 'schools.geojson');
    const units = await unitsFrom(readFileSync('geodata/edinburgh/population.geojson', 'utf8'), settings, 'population.geojson');
    const ds: Plan['dataset'] = { name: 'Edinburgh', schoolsFingerprint: '', populationFingerprint: '', units: units.count, schools: schools.count };
    const lines: string[] = [];
    for (const onlyNonDenominational of [true, false]) {
      const plan = newPlan('Official 2010 catchments', ds, readSettings(settings));
      // the official layers cover non-denominational schools: compare like with like by closing RC schools
      if (onlyNonDenominational) schools.ids.forEach((id, i) => { if (schools.extra[i].denomination === 'RC') plan.schoolEdits[id] = { status: 'closed' }; });
      const base = derivePlan({ schools, units }, plan);
      for (const level of ['primary', 'secondary']) {
        const fc = JSON.parse(readFileSync(`geodata/edinburgh/official_catchments_${level}_nd.geojson`, 'utf8'));
        const imp = importZones(fc, `official_catchments_${level}_nd.geojson`, base.schools, units);
        const unmatched = imp.zones.filter((z) => !z.school).map((z) => z.label);
        if (level === 'primary') expect(unmatched).toEqual(['Kirknewton Primary School']); // in West Lothian: not in the school list
        else expect(unmatched).toEqual([]);
        plan.levels[level] = planLevelFromZones(imp, base.nearest.find((a) => a.level === level)!, base.schools, units);
        if (onlyNonDenominational && level === 'primary') expect(imp.unitsOutside).toBeLessThan(60);
      }
      const r = derivePlan({ schools, units }, plan);
      for (const level of ['primary', 'secondary']) {
        const c = compare(r, level, units.childrenByLevel[level]);
        expect(c.share).toBeGreaterThan(0.4);
        expect(c.share).toBeLessThan(1);
        lines.push(`${onlyNonDenominational ? 'ND schools only' : 'all schools incl. RC'}, ${level}: ${(c.share * 100).toFixed(1)}% of children at their nearest school; ${Math.round(c.moved)} others travel ${Math.round(c.meanExtra)} m farther on average`);
      }
    }
    console.log(['official catchments vs nearest-school zones (Edinburgh):', ...lines].join('\n  '));
  });
});
