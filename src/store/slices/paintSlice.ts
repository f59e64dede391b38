import { changed } from '../activePlan';
import { said } from '../said';
import type { StoreContext } from '../context';
import { applyEntry, pushEntry, type AssignEntry, type HistoryEntry, type LockEntry } from '../historyEntries';
import { dropPlan, startPlanNow } from '../planOps';
import { schoolIndexOf } from '../planRecord';
import { paintMeasure, prefetchField } from '../paintDistances';
import { movePlanValue } from '../tallies';
import type { PaintSlice, SliceCreator } from '../types';

const paintingTools = new Set(['brush', 'lasso', 'fill']);

/**
 * Painting: a stroke changes the working plan and the running totals at once, in place, and lands as
 * one undo step when it ends; the engine's full recompute follows each stroke.
 */
export const createPaintSlice = (ctx: StoreContext): SliceCreator<PaintSlice> => (set, get) => {
  /** The entry a stroke's changes make (values after read from the working arrays). */
  function entryOf(stroke: NonNullable<StoreContext['stroke']>, after: 'working' | 'before'): HistoryEntry {
    const w = get().working!.levels[stroke.level];
    const units = Uint32Array.from(stroke.before.keys());
    const base = { level: stroke.level, units, label: stroke.label, created: stroke.created };
    if (stroke.kind === 'lock') {
      const before = Uint8Array.from(stroke.before.values());
      return { ...base, kind: 'lock', before, after: after === 'before' ? before : Uint8Array.from(units, (u) => w.lockedByUnit[u]), zone: stroke.zone } satisfies LockEntry;
    }
    const before = Int32Array.from(stroke.before.values());
    return { ...base, kind: 'assign', before, after: after === 'before' ? before : Int32Array.from(units, (u) => w.overrideByUnit[u]) } satisfies AssignEntry;
  }

  return {
    tool: 'select', brushRadiusPx: 18, paint: { version: 0, level: 'primary', units: null }, strokeChanges: null, notice: null,

    actionSetTool: (tool) => { if (ctx.stroke) get().actionCancelStroke(); set({ tool, notice: null }); },
    actionSetBrushRadius: (px) => set({ brushRadiusPx: Math.max(2, Math.min(200, Math.round(px))) }),

    actionBeginStroke: () => {
      const s = get();
      if (!s.dataset || !s.results) return false;
      if (paintingTools.has(s.tool)) {
        const school = schoolIndexOf(s, s.selectedSchool);
        if (school < 0) { set({ notice: said('store:chooseSchool') }); return false; }
        if (s.working?.levels[s.level]?.lockedSchools.has(school)) { set({ notice: said('store:zoneLocked', { name: s.results.schools.names[school] ?? s.selectedSchool }) }); return false; }
        prefetchField(ctx, school);
      }
      // painting on the baseline starts a new plan from it; the baseline itself never changes
      const created = s.working ? undefined : startPlanNow(ctx);
      const kind = s.tool === 'lock' || s.tool === 'unlock' ? 'lock' : 'assign';
      ctx.stroke = { level: s.level, before: new Map(), kind, label: said(`plans:tool.${s.tool}`), created };
      // creating a plan is said out loud; undoing the stroke that created it removes it again
      set({ strokeChanges: kind === 'assign' ? new Map() : get().strokeChanges, notice: created ? said('store:startedUndo', { name: created.name }) : null });
      return true;
    },

    actionPaintUnits: (unitList) => {
      const stroke = ctx.stroke;
      const { working, results, tallies, dataset, selectedSchool, tool } = get();
      if (!stroke || !working || !results || !tallies || !dataset) return;
      const level = stroke.level;
      const w = working.levels[level];
      const a = results.assignments.find((x) => x.level === level)!;
      const n = results.nearest.find((x) => x.level === level)!;
      const changedUnits: number[] = [];
      const perSchool = get().strokeChanges ?? new Map<number, number>();
      const ch = dataset.units.childrenByLevel[level];
      if (stroke.kind === 'lock') {
        const lock = tool === 'lock' ? 1 : 0;
        for (let i = 0; i < unitList.length; i++) {
          const u = unitList[i];
          if (w.lockedByUnit[u] === lock) continue;
          if (!stroke.before.has(u)) stroke.before.set(u, w.lockedByUnit[u]);
          w.lockedByUnit[u] = lock;
          // a lock pins the unit's current school, so that later changes to the nearest plan leave it
          if (lock && w.overrideByUnit[u] < 0 && a.schoolByUnit[u] !== a.noSchool) w.overrideByUnit[u] = a.schoolByUnit[u];
          changedUnits.push(u);
        }
      } else {
        const target = tool === 'eraser' ? -2 : schoolIndexOf(get(), selectedSchool);
        if (target === -1) return;
        const measure = paintMeasure(ctx, results, dataset);
        for (let i = 0; i < unitList.length; i++) {
          const u = unitList[i];
          if (w.lockedByUnit[u]) continue;
          const from = a.schoolByUnit[u];
          if (from !== a.noSchool && w.lockedSchools.has(from)) continue;
          const value = target === -2 || target === n.schoolByUnit[u] ? -1 : target;
          if (w.overrideByUnit[u] === value) continue;
          if (!stroke.before.has(u)) stroke.before.set(u, w.overrideByUnit[u]);
          w.overrideByUnit[u] = value;
          movePlanValue(level, u, value, results, tallies, dataset, measure);
          const to = a.schoolByUnit[u];
          if (from !== to) {
            if (from !== a.noSchool) perSchool.set(from, (perSchool.get(from) ?? 0) - ch[u]);
            if (to !== a.noSchool) perSchool.set(to, (perSchool.get(to) ?? 0) + ch[u]);
          }
          changedUnits.push(u);
        }
      }
      if (changedUnits.length) set({ paint: { version: get().paint.version + 1, level, units: Uint32Array.from(changedUnits) }, strokeChanges: new Map(perSchool) });
    },

    actionEndStroke: () => {
      const stroke = ctx.stroke;
      ctx.stroke = null;
      if (!stroke) return;
      if (stroke.before.size === 0 && !stroke.zone) {
        // a stroke that changed nothing leaves no plan behind
        if (stroke.created) void ctx.idle.track(dropPlan(ctx, stroke.created.id));
        return;
      }
      const entry = entryOf(stroke, 'working');
      pushEntry(ctx, entry);
      // the change list keeps showing what the stroke did until the next one
      changed(ctx, entry.kind === 'assign');
    },

    actionCancelStroke: () => {
      const stroke = ctx.stroke;
      ctx.stroke = null;
      set({ strokeChanges: null });
      if (stroke && stroke.before.size > 0) applyEntry(ctx, entryOf(stroke, 'before'), 'before');
    },

    actionLockZone: (schoolId, lock) => {
      const { dataset, results, level, tool: prevTool } = get();
      if (!dataset || !results) return;
      const school = schoolIndexOf(get(), schoolId);
      if (school < 0) return;
      const name = results.schools.names[school];
      set({ tool: lock ? 'lock' : 'unlock' });
      if (!get().actionBeginStroke()) { set({ tool: prevTool }); return; }
      const w = get().working!.levels[level];
      ctx.stroke!.zone = { school, before: w.lockedSchools.has(school), after: lock };
      ctx.stroke!.label = said(lock ? 'store:undo.lockZone' : 'store:undo.unlockZone', { name });
      if (lock) w.lockedSchools.add(school); else w.lockedSchools.delete(school);
      const a = results.assignments.find((x) => x.level === level)!;
      const units: number[] = [];
      for (let u = 0; u < a.schoolByUnit.length; u++) if (a.schoolByUnit[u] === school) units.push(u);
      get().actionPaintUnits(units);
      get().actionEndStroke();
      set({ tool: prevTool, notice: lock ? said('store:lockedZone', { level, name, count: units.length }) : said('store:unlockedZone', { level, name }) });
    },
  };
};
