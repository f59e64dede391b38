import { BALANCE_STANDARDS, type BalanceIndicator, type BalanceStandard } from '../balance/balanceStandards';
import { fieldPath, type Checker } from '../util/checker';
import { coded } from '../util/problems';
import type { Settings } from './settings';

/** A district's mapping of a school-file column to an indicator: replaces the indicator of the same id, or adds one. */
export interface BalanceIndicatorSetting {
  id: string;
  name: string;
  /** school-file columns holding the resource, first found wins */
  columns: string[];
  /** 1 = per pupil, 100 = per 100 pupils */
  per: 1 | 100;
  unit: string;
  /** what a merger does with it (staff follow the staff setting, buildings the campus, goods always move) */
  kind: 'staff' | 'building' | 'goods';
  /** per-school standard per level (the 2017 rule), if any */
  standard?: Record<string, number>;
  /** the evaluations that use it (ids of BALANCE_STANDARDS) */
  usedBy: string[];
}

/** How the county balance is evaluated: stored with the plan's settings like every other standard. */
export interface BalanceSettings {
  /** the evaluation the Balance tab, the scenario outcomes and `balance` use by default */
  standard: string;
  /** pupil weights for sharing a school's resources between its levels (nine-year schools: primary 1, junior 1.1) */
  levelWeights: Record<string, number>;
  /** a school closed without a merger: its staff follow its pupils to the schools they go to, or leave the county */
  closedStaff: 'follow' | 'leave';
  indicators: BalanceIndicatorSetting[];
  /** CV limits replacing a standard's, by standard id then level */
  cvMax: Record<string, Record<string, number>>;
}

export function defaultBalanceSettings(): BalanceSettings {
  return { standard: 'resources', levelWeights: { primary: 1, junior: 1.1 }, closedStaff: 'follow', indicators: [], cvMax: {} };
}

/** The balance settings of these settings (older plans have none: the defaults). */
export function balanceSettingsOf(s: Settings): BalanceSettings {
  return s.balance ?? defaultBalanceSettings();
}

/**
 * The evaluation as these settings define it: the national (or district) set with the district's
 * column mappings and CV limits applied.
 * @example balanceStandardFor(settings).indicators.map((i) => i.columns[0])
 */
export function balanceStandardFor(s: Settings, id?: string): BalanceStandard {
  const b = balanceSettingsOf(s);
  const sid = id ?? b.standard;
  const base = Object.hasOwn(BALANCE_STANDARDS, sid) ? BALANCE_STANDARDS[sid] : BALANCE_STANDARDS.resources;
  const indicators: BalanceIndicator[] = base.indicators.map((i) => ({ ...i }));
  for (const m of b.indicators) {
    if (!m.usedBy.includes(base.id)) continue;
    const own: BalanceIndicator = { id: m.id, name: { en: m.name, zh: m.name, es: m.name }, columns: m.columns, per: m.per, unit: m.unit, kind: m.kind, movable: m.kind === 'staff', ...(m.standard ? { standard: m.standard } : {}) };
    const at = indicators.findIndex((i) => i.id === m.id);
    if (at >= 0) indicators[at] = { ...own, name: m.name ? own.name : indicators[at].name };
    else indicators.push(own);
  }
  return { ...base, indicators, cvMax: { ...base.cvMax, ...(b.cvMax[base.id] ?? {}) } };
}

/** Every column some indicator reads, with what a merger does with it (applyActions pools them). */
export function balanceColumns(s: Settings): Map<string, 'staff' | 'building' | 'goods'> {
  const out = new Map<string, 'staff' | 'building' | 'goods'>();
  for (const id of Object.keys(BALANCE_STANDARDS)) for (const i of balanceStandardFor(s, id).indicators) for (const c of i.columns) if (!out.has(c)) out.set(c, i.kind ?? 'goods');
  return out;
}

const WEIGHT = { min: 0.01, max: 100, what: 'a pupil weight' };
const LIMIT = { min: 0, max: 10, what: 'a coefficient of variation' };
const STANDARD_VALUE = { min: 0, max: 1e9, what: 'a per-school standard' };

/** Checks the `balance` setting (either form: it is the same in both); undefined when any field is invalid. */
export function readBalanceSettings(raw: unknown, c: Checker, where: string): BalanceSettings | undefined {
  const o = c.object(raw, where, 'an object of standard, levelWeights, closedStaff, indicators, cvMax');
  if (!o) return undefined;
  const before = c.errorCount;
  const keys = c.keys(o, where, ['standard', 'levelWeights', 'closedStaff', 'indicators', 'cvMax'], 'error', 'balance setting');
  const out = defaultBalanceSettings();
  const ids = Object.keys(BALANCE_STANDARDS);
  if (keys.includes('standard') && o.standard !== undefined) out.standard = c.oneOf(o.standard, fieldPath(where, 'standard'), ids, 'a balance standard') ?? out.standard;
  if (keys.includes('closedStaff') && o.closedStaff !== undefined) out.closedStaff = c.oneOf(o.closedStaff, fieldPath(where, 'closedStaff'), ['follow', 'leave'] as const, 'what staff of a closed school do') ?? out.closedStaff;
  if (keys.includes('levelWeights') && o.levelWeights !== undefined) {
    const w = fieldPath(where, 'levelWeights');
    const lw = c.object(o.levelWeights, w, 'an object of level id -> pupil weight');
    if (lw) { out.levelWeights = {}; for (const k of c.keys(lw, w, null)) { const v = c.number(lw[k], fieldPath(w, k), WEIGHT); if (v !== undefined) out.levelWeights[k] = v; } }
  }
  if (keys.includes('cvMax') && o.cvMax !== undefined) {
    const w = fieldPath(where, 'cvMax');
    const cm = c.object(o.cvMax, w, 'an object of standard id -> { level id -> CV limit }');
    if (cm) for (const sid of c.keys(cm, w, ids, 'error', 'balance standard')) {
      const lv = c.object(cm[sid], fieldPath(w, sid), 'an object of level id -> CV limit');
      if (!lv) continue;
      out.cvMax[sid] = {};
      for (const k of c.keys(lv, fieldPath(w, sid), null)) { const v = c.number(lv[k], fieldPath(fieldPath(w, sid), k), LIMIT); if (v !== undefined) out.cvMax[sid][k] = v; }
    }
  }
  if (keys.includes('indicators') && o.indicators !== undefined) {
    const w = fieldPath(where, 'indicators');
    const list = c.array(o.indicators, w, 'an array of indicator mappings', 100);
    list?.forEach((raw, k) => {
      const f = fieldPath(w, k);
      const m = c.object(raw, f, 'an indicator mapping (id, name, columns, per, unit, kind, standard, usedBy)');
      if (!m) return;
      c.keys(m, f, ['id', 'name', 'columns', 'per', 'unit', 'kind', 'standard', 'usedBy'], 'error', 'indicator field');
      const id = c.id(m.id, fieldPath(f, 'id'), 'an indicator id', 64);
      const name = m.name === undefined ? '' : c.string(m.name, fieldPath(f, 'name'), 200);
      const cols = c.array(m.columns, fieldPath(f, 'columns'), 'an array of column names', 20);
      const columns = cols?.map((x, i) => c.string(x, fieldPath(fieldPath(f, 'columns'), i), 200)?.toLowerCase().replace(/[\s-]+/g, '_'));
      if (cols && !cols.length) c.error(fieldPath(f, 'columns'), coded('noColumnNames', {}, 'empty; expected at least one column name'));
      const per = m.per === undefined ? 1 : c.oneOf(String(m.per), fieldPath(f, 'per'), ['1', '100'] as const, 'a scale (per pupil or per 100 pupils)');
      const unit = m.unit === undefined ? '' : c.string(m.unit, fieldPath(f, 'unit'), 50);
      const kind = m.kind === undefined ? 'goods' : c.oneOf(m.kind, fieldPath(f, 'kind'), ['staff', 'building', 'goods'] as const, 'a kind of resource');
      const used = c.array(m.usedBy, fieldPath(f, 'usedBy'), 'an array of balance standard ids', 10);
      const usedBy = used?.map((x, i) => c.oneOf(x, fieldPath(fieldPath(f, 'usedBy'), i), ids, 'a balance standard'));
      let standard: Record<string, number> | undefined;
      if (m.standard !== undefined && m.standard !== null) {
        const so = c.object(m.standard, fieldPath(f, 'standard'), 'an object of level id -> per-school standard');
        if (so) { standard = {}; for (const l of c.keys(so, fieldPath(f, 'standard'), null)) { const v = c.number(so[l], fieldPath(fieldPath(f, 'standard'), l), STANDARD_VALUE); if (v !== undefined) standard[l] = v; } }
      }
      if (id === undefined || name === undefined || !columns || columns.some((x) => x === undefined) || !per || unit === undefined || !kind || !usedBy || usedBy.some((x) => x === undefined)) return;
      out.indicators.push({ id, name, columns: columns as string[], per: per === '100' ? 100 : 1, unit, kind, usedBy: usedBy as string[], ...(standard ? { standard } : {}) });
    });
  }
  return c.errorCount > before ? undefined : out;
}
