import type { Plan, ScenarioAction } from '../core/index';
import type { StoreContext } from './context';
import type { Said } from './said';
import { replaceActive } from './planOps';
import { paintMeasure } from './paintDistances';
import { movePlanValue } from './tallies';

/*
 * Undo works on deltas: each entry says what one step changed, before and after, and each kind of
 * step has its own apply function. User edits are recorded; data loads and engine results never are.
 */

interface EntryBase {
  /** what the step was, for the undo button's title */
  label: Said;
  /** the step created the active plan (painting on, or changing, the baseline): its record then; undoing the step removes the plan */
  created?: Plan;
}

/** A stroke of the brush, lasso, fill or eraser: the plan's school per unit (-1 = nearest), before and after. */
export interface AssignEntry extends EntryBase {
  kind: 'assign';
  level: string;
  units: Uint32Array;
  before: Int32Array;
  after: Int32Array;
}

/** A stroke of the lock or unlock tool, or a whole-zone lock: the units' lock flags before and after. */
export interface LockEntry extends EntryBase {
  kind: 'lock';
  level: string;
  units: Uint32Array;
  before: Uint8Array;
  after: Uint8Array;
  /** a whole-zone lock: whether the school's zone was frozen before and after */
  zone?: { school: number; before: boolean; after: boolean };
}

/** A layout change added or removed: the scenario's action list before and after. */
export interface LayoutEntry extends EntryBase {
  kind: 'layout';
  before: ScenarioAction[];
  after: ScenarioAction[];
}

export type HistoryEntry = AssignEntry | LockEntry | LayoutEntry;
export type Side = 'before' | 'after';

type Apply<E> = (ctx: StoreContext, entry: E, side: Side) => void;

/** Marks units for the map to recolour. */
function repaint(ctx: StoreContext, level: string, units: Uint32Array): void {
  ctx.set({ paint: { version: ctx.get().paint.version + 1, level, units } });
}

const applyAssign: Apply<AssignEntry> = (ctx, entry, side) => {
  const { working, results, tallies, dataset } = ctx.get();
  const w = working?.levels[entry.level];
  if (!w || !results || !tallies || !dataset) return;
  const values = entry[side];
  const measure = paintMeasure(ctx, results, dataset);
  for (let i = 0; i < entry.units.length; i++) {
    w.overrideByUnit[entry.units[i]] = values[i];
    movePlanValue(entry.level, entry.units[i], values[i], results, tallies, dataset, measure);
  }
  repaint(ctx, entry.level, entry.units);
};

const applyLock: Apply<LockEntry> = (ctx, entry, side) => {
  const w = ctx.get().working?.levels[entry.level];
  if (!w) return;
  if (entry.zone) { if (entry.zone[side]) w.lockedSchools.add(entry.zone.school); else w.lockedSchools.delete(entry.zone.school); }
  const values = entry[side];
  for (let i = 0; i < entry.units.length; i++) w.lockedByUnit[entry.units[i]] = values[i];
  repaint(ctx, entry.level, entry.units);
};

const applyLayout: Apply<LayoutEntry> = (ctx, entry, side) => {
  const actions = entry[side];
  replaceActive(ctx, (p) => ({ ...p, actions }));
};

const APPLY: { [K in HistoryEntry['kind']]: Apply<Extract<HistoryEntry, { kind: K }>> } = { assign: applyAssign, lock: applyLock, layout: applyLayout };

/** Puts the plan as it was before or after a step. */
export function applyEntry(ctx: StoreContext, entry: HistoryEntry, side: Side): void {
  (APPLY[entry.kind] as Apply<HistoryEntry>)(ctx, entry, side);
}

/** Whether a step can change the engine's results (locks only keep areas where they are). */
export function changesResults(entry: HistoryEntry): boolean {
  return entry.kind !== 'lock';
}

/** Records a step; the redo stack is cleared, since the content really changed. */
export function pushEntry(ctx: StoreContext, entry: HistoryEntry): void {
  ctx.set({ history: { undo: [...ctx.get().history.undo, entry], redo: [] } });
}
