import type { SchoolReport } from '../catchment/computeCatchments';
import type { Schools } from '../model';
import type { ScenarioAction } from '../scenario/actions';
import type { Move } from '../scenario/measureOutcomes';
import { balanceColumns, balanceSettingsOf, balanceStandardFor } from '../settings/balanceSettings';
import { levelsServed, type Settings } from '../settings/settings';
import { evaluateBalance, type BalanceEvaluation } from './evaluateBalance';

/** The county balance of a plan: before its layout actions (the baseline) and after them. */
export interface PlanBalance {
  before: BalanceEvaluation;
  after: BalanceEvaluation;
  /** how the actions moved pupils and staff for the evaluation, in words */
  notes: string[];
}

const num = (v: unknown) => (typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN);

export interface BalanceSide { schools: Schools; reports: SchoolReport[] }

/**
 * Evaluates the balance before and after a plan's layout actions under the settings' standard.
 * Mergers and teaching points already move pupils and pool resources in the schools after the
 * actions (applyActions); a school closed without a merger sends its pupils where its children go
 * (in proportion to the children moved to each school, level by level) and, when the settings say
 * staff follow (closedStaff), its staff the same way. Its buildings and goods leave the evaluation.
 * @example balanceOfPlan(settings, plan.actions, { schools: edited, reports: baseline.schools }, { schools, reports: result.schools }, moves).after
 */
export function balanceOfPlan(settings: Settings, actions: readonly ScenarioAction[], before: BalanceSide, after: BalanceSide, moves: readonly Move[], standardId?: string): PlanBalance {
  const b = balanceSettingsOf(settings);
  const standard = balanceStandardFor(settings, standardId);
  const levels = settings.levels.map((l) => l.id);
  const options = { levelWeights: b.levelWeights };
  const notes: string[] = [];
  const closed = new Set(actions.filter((a) => a.kind === 'close').map((a) => (a as { school: string }).school));
  let schools = after.schools, reports = after.reports;
  if (closed.size) {
    const staffColumns = [...balanceColumns(settings)].filter(([, k]) => k === 'staff').map(([c]) => c);
    const teachers = schools.teachers.slice();
    const extra = schools.extra.map((e) => ({ ...e }));
    const added = new Map<string, Record<string, number>>();
    const beforeById = new Map(before.reports.map((r) => [r.id, r]));
    for (const id of closed) {
      const s = schools.indexById.get(id), r0 = beforeById.get(id);
      if (s === undefined || !r0 || r0.status !== 'open' || schools.status[s] === 'open') continue;
      const pupilsTo = new Map<string, number>();
      let sent = 0;
      for (const l of levelsServed(settings, schools.types[s])) {
        const out = moves.filter((m) => m.level === l && m.from === id && m.to !== null && m.to !== id);
        const total = out.reduce((a, m) => a + m.children, 0);
        const pupils = r0.enrollmentByLevel[l];
        if (!(pupils > 0)) continue;
        if (!(total > 0)) { notes.push(`${r0.name}: its ${Math.round(pupils)} ${l} pupils have no school to go to in the plan; they leave the evaluation`); continue; }
        for (const m of out) {
          const share = (pupils * m.children) / total;
          const rec = added.get(m.to!) ?? {};
          rec[l] = (rec[l] ?? 0) + share;
          added.set(m.to!, rec);
          pupilsTo.set(m.to!, (pupilsTo.get(m.to!) ?? 0) + share);
          sent += share;
        }
      }
      notes.push(`${r0.name} closes: its pupils go where its children go${b.closedStaff === 'follow' ? ', its staff with them' : '; its staff leave'}`);
      if (b.closedStaff !== 'follow' || !(sent > 0)) continue;
      // staff follow the pupils, in proportion to the pupils each school receives
      for (const [to, p] of pupilsTo) {
        const t = schools.indexById.get(to);
        if (t === undefined) continue;
        const share = p / sent;
        if (Number.isFinite(teachers[s]) && Number.isFinite(teachers[t])) teachers[t] += teachers[s] * share;
        for (const [k, v] of Object.entries(schools.extra[s])) {
          if (!staffColumns.includes(k.toLowerCase().replace(/[\s-]+/g, '_'))) continue;
          const x = num(v), y = num(extra[t][k]);
          if (Number.isFinite(x) && Number.isFinite(y)) extra[t][k] = y + x * share;
        }
      }
    }
    schools = { ...schools, teachers, extra };
    reports = after.reports.map((r) => {
      const a = added.get(r.id);
      if (!a || r.status !== 'open') return r;
      const enrollmentByLevel = { ...r.enrollmentByLevel };
      for (const [l, v] of Object.entries(a)) if (Number.isFinite(enrollmentByLevel[l])) enrollmentByLevel[l] += v;
      return { ...r, enrollmentByLevel };
    });
  }
  return {
    before: evaluateBalance(before.schools, before.reports, standard, levels, options),
    after: evaluateBalance(schools, reports, standard, levels, options),
    notes,
  };
}
