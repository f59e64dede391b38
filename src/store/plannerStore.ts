import { createStore, type Mutate, type StoreApi } from 'zustand/vanilla';
import { subscribeWithSelector } from 'zustand/middleware';
import {
  addAction, formatProblem, unitId, validatePlan, withActionIds, greatCircleMeters, moveUnit, planLevelFromZones, newPlan, parsePlanFile, planFileText, readSettings, removeAction, schoolIdsAfterActions, tallyAssignment,
  type Plan, type Problem, type ScenarioActionDraft, type SchoolEdit, type SchoolEdits, type Settings, type ZoneTally,
} from '../core/index';
import type { AssignmentView, ComputePayload, DatasetPayload, EngineApi, FileInput } from '../worker/protocol';
import { memoryStorage, type PlanStorage, type StoredDataset } from './planStorage';
import { planFromWorking, workingFromPlan, type Working } from './working';

export type MapMode = 'catchments' | 'children' | 'difference';
export type Status = 'idle' | 'loading' | 'computing' | 'ready' | 'failed';
export type Tool = 'select' | 'brush' | 'lasso' | 'fill' | 'eraser' | 'lock' | 'unlock' | 'place';

export interface DatasetSource {
  id: string;
  name: string;
  /** how to get the files: shipped URLs or files the user imported in this session */
  files: () => Promise<{ schools: FileInput; population: FileInput; context?: FileInput; settings?: unknown }>;
  countsNote?: string;
  imported?: boolean;
}

export interface ListState {
  sortBy: 'name' | 'type' | 'enrollment' | 'utilization' | 'children' | 'flags';
  descending: boolean;
  flag: string; // '' = any; 'any_flag' = flagged by something; else a flag name
  type: string; // '' = any
  /** '' = any; 'under' / 'target' / 'over' by the settings' utilization bands; 'unknown' = no capacity */
  use: '' | 'under' | 'target' | 'over' | 'unknown';
  /** pupils at least / at most (NaN = no bound) */
  minPupils: number;
  maxPupils: number;
  text: string;
}

/** One undoable step: a stroke (or lock) as the plan's values before and after, per unit. */
export interface HistoryEntry {
  level: string;
  kind: 'assign' | 'lock' | 'layout';
  units: Uint32Array;
  before: Int32Array;
  after: Int32Array;
  label: string;
  /** a whole-zone lock: the school's zone is frozen after, and as it was before */
  zone?: { school: number; before: boolean; after: boolean };
  /** a layout step (kind 'layout'): the scenario's action list before and after */
  actionsBefore?: import('../core/index').ScenarioAction[];
  actionsAfter?: import('../core/index').ScenarioAction[];
  /** the step that created the active plan (painting on, or changing, the baseline): undoing it removes the plan */
  createdPlanId?: string;
  /** the plan's record when it was created, for redo to bring it back */
  createdPlan?: Plan;
}

/** The last change the painter made, for the map to recolour just those units. */
export interface PaintDelta { version: number; level: string; units: Uint32Array | null }

export type Results = Omit<ComputePayload, 'zones'> & { zones: NonNullable<ComputePayload['zones']> };

export interface PlannerState {
  sources: DatasetSource[];
  sourceId: string | null;
  dataset: DatasetPayload | null;
  /** the data set's own settings: the defaults the settings panel shows */
  defaultSettings: Settings | null;
  settings: Settings | null;
  edits: SchoolEdits;
  results: Results | null;
  /** running totals per school and level, kept current while painting */
  tallies: Record<string, ZoneTally> | null;
  status: Status;
  /** problems of the last load attempt (errors block it, warnings are informative) */
  problems: Problem[];
  problemsFor: string | null;
  level: string;
  mapMode: MapMode;
  selectedSchool: string | null;
  hoveredUnit: number | null;
  list: ListState;
  panel: 'summary' | 'schools' | 'plans' | 'layout' | 'settings' | 'import';
  millis: { open: number; compute: number };
  /** saved plans of this data set; the nearest-school baseline is not among them (activePlanId null) */
  plans: Plan[];
  activePlanId: string | null;
  working: Working | null;
  tool: Tool;
  brushRadiusPx: number;
  history: { undo: HistoryEntry[]; redo: HistoryEntry[] };
  paint: PaintDelta;
  /** a short message about the last edit (refused strokes, locks) */
  notice: string | null;
  saveState: 'saved' | 'saving' | 'failed';
  /** the last stroke's change of children per school (school index -> children gained, negative = lost) */
  strokeChanges: Map<number, number> | null;
  /** a place the map should show (a check's location); seq makes repeated requests distinct */
  focus: { lon: number; lat: number; seq: number } | null;
  /** a point clicked with the place tool, waiting for the planner to open a school or add housing there */
  pendingPoint: { lon: number; lat: number } | null;
  /** stored plans of this data set that fail validation or derivation: kept aside to export or delete, never applied */
  badPlans: { plan: unknown; id: string; name: string; problems: string[] }[];
  /** why the last save failed (storage unavailable or full): shown prominently; work goes on in memory */
  saveError: string | null;
  /** the last failure of the engine (worker): the previous results stay on screen */
  engineError: string | null;
  /** files chosen in the Data tab but not loaded yet: kept when the tab changes */
  importDraft: Partial<Record<'schools' | 'population' | 'settings', File>>;
  /** imported data sets kept in this browser, and the bytes the site uses */
  storedDatasets: { id: string; name: string; size: number; savedAt: string }[];
  storageUsage: { used: number; quota: number } | null;
}

export interface PlannerActions {
  actionOpenSource(id: string): Promise<boolean>;
  actionAddImported(source: DatasetSource): Promise<boolean>;
  /** lists imported data sets kept in this browser and opens the last one used (else the first source) */
  actionRestore(): Promise<boolean>;
  /** forgets an imported data set and its plans */
  actionRemoveDataset(id: string): Promise<void>;
  actionSetImportDraft(draft: PlannerState['importDraft']): void;
  /** a stored plan that could not be used: its text for export, or deleted */
  exportBadPlan(id: string): string | null;
  actionDeleteBadPlan(id: string): Promise<void>;
  actionSetLevel(level: string): void;
  actionSetMapMode(mode: MapMode): void;
  actionSelectSchool(id: string | null): void;
  actionHoverUnit(unit: number | null): void;
  actionUpdateSettings(next: Settings): void;
  actionResetSettings(): void;
  actionEditSchool(id: string, edit: SchoolEdit): void;
  actionClearEdits(id: string): void;
  actionSetList(patch: Partial<ListState>): void;
  actionSetPanel(panel: PlannerState['panel']): void;
  actionSetTool(tool: Tool): void;
  actionSetBrushRadius(px: number): void;
  actionBeginStroke(): boolean;
  actionPaintUnits(units: ArrayLike<number>): void;
  actionEndStroke(): void;
  actionCancelStroke(): void;
  actionUndo(): void;
  actionRedo(): void;
  actionLockZone(schoolId: string, lock: boolean): void;
  actionNewPlan(name?: string): Promise<void>;
  actionDuplicatePlan(id: string): Promise<void>;
  actionRenamePlan(id: string, name: string): Promise<void>;
  actionSetPlanNote(id: string, note: string): Promise<void>;
  actionDeletePlan(id: string): Promise<void>;
  actionActivatePlan(id: string | null): Promise<void>;
  actionImportPlan(text: string, fileName: string): Promise<Problem[]>;
  exportActivePlan(): string | null;
  whenIdle(): Promise<void>;
  actionFocus(lon: number, lat: number): void;
  /** adds a layout change to the active scenario (starting one from the baseline if needed) */
  actionAddLayoutAction(action: ScenarioActionDraft): Promise<void>;
  actionRemoveLayoutAction(index: number): Promise<void>;
  actionSetPendingPoint(p: { lon: number; lat: number } | null): void;
  compareScenarios(ids: string[]): Promise<{ id: string; name: string; outcomes: import('../core/index').Outcomes; problems: string[] }[]>;
  /** reads an existing zones file: returns the zones to review (matches, suggestions) */
  readZones(file: FileInput): Promise<import('../worker/protocol').ImportZonesResponse>;
  /** a new plan whose level follows imported zones; `schoolByZone` is the reviewed matching */
  actionPlanFromZones(name: string, level: string, schoolByZone: (string | null)[], zoneByUnit: Int32Array): Promise<void>;
}

export type PlannerStore = Mutate<StoreApi<PlannerState & PlannerActions>, [['zustand/subscribeWithSelector', never]]>;

const META_ACTIVE = (fp: string) => `active:${fp}`;
const META_LAST_SOURCE = 'lastSource';
const META_BASELINE = (fp: string) => `baseline:${fp}`;

/**
 * The single source of truth of the app. User intents go through `action*`; the store asks the
 * engine (in a worker) for derived results and keeps its answers. Painting changes the working
 * plan and its running totals at once; the engine's full recompute follows each stroke.
 */
export function createPlannerStore(engine: Pick<EngineApi, 'openDataset' | 'compute'> & Partial<Pick<EngineApi, 'importZones' | 'compareScenarios'>>, sources: DatasetSource[], storage: PlanStorage = memoryStorage()): PlannerStore {
  let computeSeq = 0;
  let openSeq = 0;
  let revision = 0; // bumped by every change of the plan: results of older revisions are not applied
  let pending: Promise<unknown> = Promise.resolve();
  let layoutQueue: Promise<void> = Promise.resolve();
  let stroke: { level: string; before: Map<number, number>; kind: HistoryEntry['kind']; label: string; zone?: HistoryEntry['zone']; createdPlanId?: string; createdPlan?: Plan } | null = null;

  return createStore<PlannerState & PlannerActions>()(subscribeWithSelector((set, get) => {
    const track = <T>(p: Promise<T>): Promise<T> => { pending = pending.then(() => p, () => p); return p; };

    function rebuildTallies(results: Results, settings: Settings): Record<string, ZoneTally> {
      const ds = get().dataset!;
      const out: Record<string, ZoneTally> = {};
      for (const a of results.assignments) {
        const l = settings.levels.find((x) => x.id === a.level);
        out[a.level] = tallyAssignment(a, ds.units.childrenByLevel[a.level], results.schools.ids.length, l?.distanceStandardM ?? Infinity);
      }
      return out;
    }

    async function recompute() {
      const { dataset, settings } = get();
      if (!dataset || !settings) return;
      const seq = ++computeSeq;
      const rev = revision;
      set({ status: 'computing' });
      // the engine derives everything from the plan record, as the CLI does from a plan file
      let payload: ComputePayload;
      try {
        payload = await engine.compute({ token: dataset.token, plan: currentPlan() });
      } catch (e) {
        if (seq !== computeSeq) return;
        await engineFailed(e);
        return;
      }
      if (seq !== computeSeq || rev !== revision || get().dataset?.token !== payload.token) return;
      const prevZones = get().results?.zones;
      const results: Results = { ...payload, zones: payload.zones ?? prevZones ?? {} };
      set({ results, tallies: rebuildTallies(results, settings), status: 'ready', millis: { ...get().millis, compute: payload.millis }, paint: { version: get().paint.version + 1, level: get().level, units: null } });
    }

    /**
     * The engine failed (an exception, an unserialisable result, out of memory): the controls come
     * back with a message and the previous results. A plan that cannot be derived is set aside and
     * the baseline opens, so that a bad record never locks the data set.
     */
    async function engineFailed(e: unknown) {
      const message = e instanceof Error ? e.message : String(e);
      const { activePlanId, plans, results } = get();
      const plan = plans.find((p) => p.id === activePlanId);
      if (plan) {
        set({ badPlans: [...get().badPlans.filter((b) => b.id !== plan.id), { plan, id: plan.id, name: plan.name, problems: [message] }], plans: plans.filter((p) => p.id !== plan.id) });
        await activate_(null);
        set({ engineError: `The plan "${plan.name}" could not be computed (${message}). The nearest-school zones are shown; export or delete the plan in the Plans tab.` });
        return;
      }
      set({ status: results ? 'ready' : 'failed', engineError: `The engine failed: ${message}. The previous results are kept.` });
    }

    /** Validates a plan against the open data; the checked copy, or the reasons it cannot be used. */
    function checkedPlan(raw: unknown, file: string, ds: DatasetPayload): { ok: true; plan: Plan } | { ok: false; problems: string[] } {
      const unitIds = new Set<string>();
      for (let u = 0; u < ds.units.count; u++) unitIds.add(unitId(ds.units, u));
      const r = validatePlan(raw, file, { schoolIds: new Set(ds.schools.ids), unitIds });
      return r.ok ? { ok: true, plan: r.plan } : { ok: false, problems: r.problems.map(formatProblem) };
    }

    /** Persists a plan only when it is valid; a failed write is said out loud, the work stays in memory. */
    async function persist(plan: Plan) {
      const ds = get().dataset!;
      const v = validatePlan(plan, plan.name);
      if (!v.ok) throw new Error(`the plan is not valid and was not saved: ${v.problems.slice(0, 3).map(formatProblem).join('; ')}`);
      await storage.putPlan(ds.fingerprint, plan);
    }

    /** The record of what is on screen: the active plan with the painter's arrays, or the baseline. */
    function currentPlan(): Plan {
      const { dataset, settings, edits, working, activePlanId, plans } = get();
      const old = plans.find((p) => p.id === activePlanId);
      if (old && working) return planFromWorking(old, working, dataset!, settings!, edits);
      const base = newPlan('Nearest school (baseline)', datasetRef(dataset!), settings!, new Date(0));
      return { ...base, id: 'baseline', schoolEdits: edits };
    }

    function datasetRef(ds: DatasetPayload): Plan['dataset'] {
      return { name: ds.name, schoolsFingerprint: ds.schoolsFingerprint, populationFingerprint: ds.populationFingerprint, units: ds.units.count, schools: ds.schools.ids.length };
    }

    /** Working arrays for a plan, in the index space of its schools after its actions. */
    function workingOf(plan: Plan, ds: DatasetPayload): Working {
      return workingFromPlan(plan, ds, schoolIdsAfterActions(ds.schools.ids, plan.actions ?? []));
    }

    /** Index of a school in the painter's index space (the data's schools, then opened ones). */
    function schoolIndexOf(id: string | null): number {
      const { working, results, dataset, plans, activePlanId } = get();
      if (!id || !dataset) return -1;
      const ids = working?.schoolIds ?? results?.schools.ids ?? schoolIdsAfterActions(dataset.schools.ids, plans.find((p) => p.id === activePlanId)?.actions ?? []);
      return ids.indexOf(id);
    }

    /**
     * Replaces the active plan's actions. The painter's arrays go through the plan record (ids), so
     * that an opened school leaving or arriving never shifts what an index means.
     */
    function replaceActive(next: (plan: Plan) => Plan) {
      const { dataset, plans, activePlanId } = get();
      const old = plans.find((p) => p.id === activePlanId);
      if (!old || !dataset) return;
      const plan = { ...next(currentPlan()), updatedAt: new Date().toISOString() };
      set({ plans: plans.map((p) => (p.id === plan.id ? plan : p)), working: workingOf(plan, dataset) });
    }

    async function saveActive() {
      const { dataset, settings, edits, working, activePlanId, plans } = get();
      if (!dataset) return;
      set({ saveState: 'saving' });
      try {
        if (working && activePlanId) {
          const old = plans.find((p) => p.id === activePlanId)!;
          const plan = planFromWorking(old, working, dataset, settings!, edits);
          set({ plans: plans.map((p) => (p.id === plan.id ? plan : p)) });
          await persist(plan);
        } else {
          await storage.putMeta(META_BASELINE(dataset.fingerprint), { settings, edits });
        }
        set({ saveState: 'saved', saveError: null });
      } catch (e) {
        set({ saveState: 'failed', saveError: `Not saved: ${(e as Error)?.message ?? String(e)}. Your work is kept while this page is open; export the plan to keep it.` });
      }
    }

    function changed(recomputeToo = true) {
      revision++;
      void track(saveActive());
      if (recomputeToo) void track(recompute());
    }

    async function open(source: DatasetSource): Promise<boolean> {
      const seq = ++openSeq;
      set({ status: get().dataset ? 'computing' : 'loading', problems: [], problemsFor: source.name });
      let files;
      try {
        files = await source.files();
      } catch (e) {
        set({ status: get().dataset ? 'ready' : 'failed', problems: [{ severity: 'error', file: source.name, message: (e as Error).message }] });
        return false;
      }
      const res = await engine.openDataset({ name: source.name, ...files });
      if (seq !== openSeq) return false;
      if (!res.ok) {
        // the data the planner was working on stays as it was
        set({ status: get().dataset ? 'ready' : 'failed', problems: res.problems });
        return false;
      }
      const ds = res.dataset;
      const [plans, activeId, baseline] = await Promise.all([
        storage.listPlans(ds.fingerprint).catch(() => [] as Plan[]),
        storage.getMeta(META_ACTIVE(ds.fingerprint)).catch(() => null) as Promise<string | null>,
        storage.getMeta(META_BASELINE(ds.fingerprint)).catch(() => null) as Promise<{ settings: Settings; edits: SchoolEdits } | null>,
      ]);
      revision++;
      stroke = null;
      // stored settings may predate fields added since: read them through the validator (defaults filled in)
      const sane = (x: unknown): Settings | null => { try { return readSettings(x); } catch { return null; } };
      for (const p of plans) if (p && typeof p === 'object') p.settings = sane(p.settings) ?? ds.settings;
      // a stored plan is input like any other: one that fails validation is set aside, never applied
      const good: Plan[] = [], bad: PlannerState['badPlans'] = [];
      for (const p of plans) {
        const c = checkedPlan(p, `stored plan "${(p as Plan)?.name ?? '?'}"`, ds);
        if (c.ok) good.push(withActionIds(c.plan));
        else bad.push({ plan: p, id: String((p as Plan)?.id ?? Math.random()), name: String((p as Plan)?.name ?? 'unnamed'), problems: c.problems });
      }
      const active = good.find((p) => p.id === activeId) ?? null;
      const stored = baseline?.settings ? sane(baseline.settings) : null;
      const baseSettings = stored?.profile === ds.settings.profile ? stored : ds.settings;
      set({
        dataset: ds, sourceId: source.id, defaultSettings: ds.settings,
        settings: active ? active.settings : baseSettings,
        edits: active ? active.schoolEdits : (baseline?.edits ?? {}),
        results: null, tallies: null, problems: res.problems, plans: good, badPlans: bad, activePlanId: active?.id ?? null, engineError: null,
        working: active ? workingOf(active, ds) : null,
        history: { undo: [], redo: [] }, strokeChanges: null, notice: null,
        level: ds.settings.levels[0].id, selectedSchool: null, hoveredUnit: null,
        millis: { open: ds.millis, compute: 0 },
      });
      void storage.putMeta(META_LAST_SOURCE, source.id).catch(() => undefined);
      await track(recompute());
      return true;
    }

    /** Moves unit u of a level to the school its plan value implies, updating totals and assignment. */
    function applyValue(level: string, u: number, value: number, results: Results, tallies: Record<string, ZoneTally>, ds: DatasetPayload) {
      const a = results.assignments.find((x) => x.level === level)!;
      const n = results.nearest.find((x) => x.level === level)!;
      const school = value >= 0 ? value : n.schoolByUnit[u];
      const sv = results.schools;
      const d = school === a.noSchool ? NaN : value >= 0 ? greatCircleMeters(ds.units.lon[u], ds.units.lat[u], sv.lon[school], sv.lat[school]) : n.distanceByUnit[u];
      moveUnit(tallies[level], a as AssignmentView & { level: string }, u, school, ds.units.childrenByLevel[level][u], d);
    }

    async function addLayoutAction(draft: ScenarioActionDraft) {
      const ds = get().dataset;
      if (!ds) return;
      let created: string | undefined, createdPlan: Plan | undefined;
      if (!get().activePlanId) {
        const plan = freshPlan(nextPlanName());
        createdPlan = structuredClone(plan);
        await addPlan(plan);
        created = plan.id;
        set({ notice: `Started "${plan.name}" from the nearest-school zones.` });
      }
      const before = get().plans.find((p) => p.id === get().activePlanId)!.actions ?? [];
      replaceActive((p) => addAction(p, draft, new Set(ds.schools.ids)));
      const after = get().plans.find((p) => p.id === get().activePlanId)!.actions ?? [];
      set({ history: { undo: [...get().history.undo, { level: get().level, kind: 'layout', units: new Uint32Array(0), before: new Int32Array(0), after: new Int32Array(0), label: `${draft.kind.replace('_', ' ')}`, actionsBefore: before, actionsAfter: after, createdPlanId: created, createdPlan }], redo: [] } });
      changed();
    }

    function applyEntry(entry: HistoryEntry, direction: 'before' | 'after') {
      if (entry.kind === 'layout') {
        const actions = (direction === 'before' ? entry.actionsBefore : entry.actionsAfter) ?? [];
        replaceActive((p) => ({ ...p, actions }));
        return;
      }
      const { working, results, tallies, dataset } = get();
      if (!working || !results || !tallies || !dataset) return;
      const w = working.levels[entry.level];
      const values = entry[direction];
      if (entry.zone) { if (entry.zone[direction]) w.lockedSchools.add(entry.zone.school); else w.lockedSchools.delete(entry.zone.school); }
      for (let i = 0; i < entry.units.length; i++) {
        const u = entry.units[i];
        if (entry.kind === 'lock') w.lockedByUnit[u] = values[i];
        else { w.overrideByUnit[u] = values[i]; applyValue(entry.level, u, values[i], results, tallies, dataset); }
      }
      set({ paint: { version: get().paint.version + 1, level: entry.level, units: entry.units } });
    }

    function storedSource(d: StoredDataset): DatasetSource {
      return { id: d.id, name: d.name, imported: true, countsNote: 'Imported data kept in this browser: see the counts line below for how children were counted.', files: async () => d.files };
    }

    async function refreshStored() {
      const list = await storage.listDatasets().catch(() => [] as StoredDataset[]);
      set({ storedDatasets: list.map((d) => ({ id: d.id, name: d.name, size: d.size, savedAt: d.savedAt })), storageUsage: await storage.usage().catch(() => null) });
    }

    async function dropPlan(id: string) {
      const name = get().plans.find((p) => p.id === id)?.name;
      await storage.deletePlan(id).catch(() => undefined);
      set({ plans: get().plans.filter((p) => p.id !== id) });
      if (get().activePlanId === id) await activate_(null);
      set({ notice: name ? `Removed "${name}": back to the nearest-school zones.` : null });
    }

    async function addPlan(plan: Plan, activate = true) {
      try {
        await persist(plan);
        set({ saveError: null });
      } catch (e) {
        set({ saveState: 'failed', saveError: `Not saved: ${(e as Error).message}. Your work is kept while this page is open; export the plan to keep it.` });
      }
      set({ plans: [...get().plans.filter((p) => p.id !== plan.id), plan] });
      if (activate) await activate_(plan.id);
    }

    async function activate_(id: string | null) {
      const { dataset, plans } = get();
      if (!dataset) return;
      const plan = id ? plans.find((p) => p.id === id) ?? null : null;
      revision++;
      stroke = null;
      type Baseline = { settings: Settings; edits: SchoolEdits };
      const baseline: Baseline | null = plan ? null : ((await storage.getMeta(META_BASELINE(dataset.fingerprint)).catch(() => null)) as Baseline | null);
      set({
        activePlanId: plan?.id ?? null, working: plan ? workingOf(plan, dataset) : null,
        settings: plan ? plan.settings : (baseline?.settings ? (() => { try { return readSettings(baseline.settings); } catch { return dataset.settings; } })() : dataset.settings),
        edits: plan ? plan.schoolEdits : baseline?.edits ?? {},
        history: { undo: [], redo: [] }, strokeChanges: null, notice: null,
      });
      await storage.putMeta(META_ACTIVE(dataset.fingerprint), plan?.id ?? null).catch(() => undefined);
      await track(recompute());
    }

    function nextPlanName(): string {
      const names = new Set(get().plans.map((p) => p.name));
      for (let i = 1; ; i++) if (!names.has(`Plan ${i}`)) return `Plan ${i}`;
    }

    function freshPlan(name: string): Plan {
      const { dataset, settings, edits } = get();
      const ds = dataset!;
      const plan = newPlan(name, datasetRef(ds), settings!);
      plan.schoolEdits = structuredClone(edits);
      return plan;
    }

    return {
      sources, sourceId: null, dataset: null, defaultSettings: null, settings: null, edits: {}, results: null, tallies: null,
      status: 'idle', problems: [], problemsFor: null, level: 'primary', mapMode: 'catchments', selectedSchool: null, hoveredUnit: null,
      list: { sortBy: 'name', descending: false, flag: '', type: '', use: '', minPupils: NaN, maxPupils: NaN, text: '' },
      panel: 'summary', millis: { open: 0, compute: 0 },
      plans: [], activePlanId: null, working: null, tool: 'select', brushRadiusPx: 18,
      history: { undo: [], redo: [] }, paint: { version: 0, level: 'primary', units: null }, notice: null, saveState: 'saved', strokeChanges: null, focus: null, pendingPoint: null,
      badPlans: [], saveError: null, engineError: null, importDraft: {}, storedDatasets: [], storageUsage: null,
      actionSetImportDraft: (importDraft) => set({ importDraft }),
      exportBadPlan: (id) => { const b = get().badPlans.find((x) => x.id === id); return b ? JSON.stringify(b.plan, null, 2) : null; },
      actionDeleteBadPlan: async (id) => {
        await storage.deletePlan(id).catch(() => undefined);
        set({ badPlans: get().badPlans.filter((b) => b.id !== id) });
      },
      actionRestore: async () => {
        const stored = await storage.listDatasets().catch(() => []);
        const restored = stored.map(storedSource);
        set({ sources: [...get().sources.filter((s) => !restored.some((r) => r.id === s.id)), ...restored] });
        await refreshStored();
        const last = (await storage.getMeta(META_LAST_SOURCE).catch(() => null)) as string | null;
        const first = get().sources.find((s) => s.id === last) ?? get().sources[0];
        if (!first) return false;
        if (await open(first)) return true;
        // a kept data set that no longer loads must not keep the planner from opening
        return first === get().sources[0] ? false : open(get().sources[0]);
      },
      actionRemoveDataset: async (id) => {
        const source = get().sources.find((s) => s.id === id);
        if (!source?.imported) return;
        const fp = id.replace(/^import:/, '');
        for (const p of await storage.listPlans(fp).catch(() => [] as Plan[])) await storage.deletePlan(p.id).catch(() => undefined);
        await storage.deleteDataset(id).catch(() => undefined);
        set({ sources: get().sources.filter((s) => s.id !== id) });
        await refreshStored();
        if (get().sourceId === id && get().sources[0]) await open(get().sources[0]);
      },
      compareScenarios: async (ids) => {
        const ds = get().dataset;
        if (!ds || !engine.compareScenarios) return [];
        await track(saveActive());
        return engine.compareScenarios({ token: ds.token, plans: ids.map((id) => get().plans.find((p) => p.id === id)!).filter(Boolean) });
      },
      actionSetPendingPoint: (pendingPoint) => set({ pendingPoint, tool: pendingPoint ? 'select' : get().tool, panel: pendingPoint ? 'layout' : get().panel }),
      actionFocus: (lon, lat) => set({ focus: { lon, lat, seq: (get().focus?.seq ?? 0) + 1 } }),
      // layout edits run one after another (the first may create the plan) and count as pending work
      actionAddLayoutAction: (action) => track(layoutQueue = layoutQueue.then(() => addLayoutAction(action), () => addLayoutAction(action))),
      actionRemoveLayoutAction: async (index) => {
        const id = get().activePlanId;
        const plan = get().plans.find((p) => p.id === id);
        if (!plan?.actions?.[index]) return;
        const before = plan.actions;
        replaceActive((p) => removeAction(p, before[index].id));
        const after = get().plans.find((p) => p.id === id)!.actions ?? [];
        set({ history: { undo: [...get().history.undo, { level: get().level, kind: 'layout', units: new Uint32Array(0), before: new Int32Array(0), after: new Int32Array(0), label: `remove ${before[index].kind.replace('_', ' ')}`, actionsBefore: before, actionsAfter: after }], redo: [] } });
        changed();
      },
      readZones: async (file) => {
        const ds = get().dataset;
        if (!ds || !engine.importZones) return { ok: false, problems: [{ severity: 'error', file: file.name, message: 'open a data set first' }] };
        return engine.importZones({ token: ds.token, file });
      },
      actionPlanFromZones: async (name, level, schoolByZone, zoneByUnit) => {
        const { dataset, results } = get();
        const n = results?.nearest.find((x) => x.level === level);
        if (!dataset || !n) return;
        const plan = freshPlan(name);
        plan.levels[level] = planLevelFromZones({ zones: schoolByZone.map((school) => ({ school })), zoneByUnit }, n, dataset.schools, dataset.units);
        await addPlan(plan);
      },

      actionOpenSource: async (id) => {
        const source = get().sources.find((s) => s.id === id);
        return source ? open(source) : false;
      },
      actionAddImported: async (source) => {
        const ok = await open(source);
        if (!ok) return false;
        // kept in this browser by the data's fingerprint, so that it and its plans survive a reload
        const ds = get().dataset!;
        const id = `import:${ds.fingerprint}`;
        let kept: DatasetSource = { ...source, id, imported: true };
        try {
          const files = await source.files();
          const size = files.schools.bytes.length + files.population.bytes.length + (files.settings ? JSON.stringify(files.settings).length : 0);
          const record: StoredDataset = { id, name: source.name, files: { schools: files.schools, population: files.population, settings: files.settings }, size, savedAt: new Date().toISOString() };
          await storage.putDataset(record);
          kept = storedSource(record);
          set({ notice: null });
        } catch (e) {
          set({ saveError: `The imported files could not be kept in this browser (${(e as Error).message}); they will have to be opened again after a reload.` });
        }
        set({ sources: [...get().sources.filter((s) => s.id !== source.id && s.id !== id), kept], sourceId: id });
        void storage.putMeta(META_LAST_SOURCE, id).catch(() => undefined);
        await refreshStored();
        return true;
      },
      actionSetLevel: (level) => set({ level }),
      actionSetMapMode: (mapMode) => set({ mapMode }),
      actionSelectSchool: (selectedSchool) => {
        // show the school on a level it serves, so that its catchment is the one drawn
        const { dataset, settings, level } = get();
        const i = selectedSchool && dataset ? dataset.schools.ids.indexOf(selectedSchool) : -1;
        const served = i >= 0 && settings ? settings.schoolTypes[dataset!.schools.types[i]]?.levels ?? [] : [];
        set({ selectedSchool, level: served.length && !served.includes(level) ? served[0] : level });
      },
      actionHoverUnit: (hoveredUnit) => { if (get().hoveredUnit !== hoveredUnit) set({ hoveredUnit }); },
      actionUpdateSettings: (settings) => { set({ settings }); changed(); },
      actionResetSettings: () => { set({ settings: get().defaultSettings }); changed(); },
      actionEditSchool: (id, edit) => {
        set({ edits: { ...get().edits, [id]: { ...get().edits[id], ...edit } } });
        changed();
      },
      actionClearEdits: (id) => {
        const { [id]: _gone, ...rest } = get().edits;
        set({ edits: rest });
        changed();
      },
      actionSetList: (patch) => set({ list: { ...get().list, ...patch } }),
      actionSetPanel: (panel) => set({ panel }),
      actionSetTool: (tool) => { if (stroke) get().actionCancelStroke(); set({ tool, notice: null }); },
      actionSetBrushRadius: (px) => set({ brushRadiusPx: Math.max(2, Math.min(200, Math.round(px))) }),

      actionBeginStroke: () => {
        const { dataset, results, tool, level, selectedSchool, working } = get();
        if (!dataset || !results) return false;
        const painting = tool === 'brush' || tool === 'lasso' || tool === 'fill';
        if (painting) {
          const s = schoolIndexOf(selectedSchool);
          if (s < 0) { set({ notice: 'Choose the school to paint with first: click it on the map or in the list (or alt-click an area).' }); return false; }
          const w = working?.levels[level];
          if (w?.lockedSchools.has(s)) { set({ notice: `The zone of ${results.schools.names[s] ?? selectedSchool} is locked: unlock it to add areas.` }); return false; }
        }
        let createdPlanId: string | undefined;
        if (!working) {
          // painting on the baseline starts a new plan from it; the baseline itself never changes
          const plan = freshPlan(nextPlanName());
          set({ plans: [...get().plans, plan], activePlanId: plan.id, working: workingOf(plan, dataset) });
          void track(persist(plan).then(() => storage.putMeta(META_ACTIVE(dataset.fingerprint), plan.id)).catch((e) => set({ saveState: 'failed', saveError: `Not saved: ${(e as Error).message}` })));
          createdPlanId = plan.id;
        }
        stroke = { level, before: new Map(), kind: tool === 'lock' || tool === 'unlock' ? 'lock' : 'assign', label: tool, createdPlanId, createdPlan: createdPlanId ? structuredClone(get().plans.find((p) => p.id === createdPlanId)) : undefined };
        // creating a plan is said out loud; undoing the stroke that created it removes it again
        set({ strokeChanges: stroke.kind === 'assign' ? new Map() : get().strokeChanges, notice: createdPlanId ? `Started "${get().plans.find((p) => p.id === createdPlanId)!.name}" from the nearest-school zones; undo removes it.` : null });
        return true;
      },

      actionPaintUnits: (unitList) => {
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
          const target = tool === 'eraser' ? -2 : schoolIndexOf(selectedSchool);
          if (target === -1) return;
          for (let i = 0; i < unitList.length; i++) {
            const u = unitList[i];
            if (w.lockedByUnit[u]) continue;
            const current = a.schoolByUnit[u];
            if (current !== a.noSchool && w.lockedSchools.has(current)) continue;
            const value = target === -2 || target === n.schoolByUnit[u] ? -1 : target;
            if (w.overrideByUnit[u] === value) continue;
            if (!stroke.before.has(u)) stroke.before.set(u, w.overrideByUnit[u]);
            w.overrideByUnit[u] = value;
            const from = a.schoolByUnit[u];
            applyValue(level, u, value, results, tallies, dataset);
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
        const s = stroke;
        stroke = null;
        if (!s || (s.before.size === 0 && !s.zone)) {
          // a stroke that changed nothing leaves no plan behind
          if (s?.createdPlanId) void track(dropPlan(s.createdPlanId));
          return;
        }
        const w = get().working!.levels[s.level];
        const units = Uint32Array.from(s.before.keys());
        const before = Int32Array.from(s.before.values());
        const after = Int32Array.from(units, (u) => (s.kind === 'lock' ? w.lockedByUnit[u] : w.overrideByUnit[u]));
        const entry: HistoryEntry = { level: s.level, kind: s.kind, units, before, after, label: s.label, zone: s.zone, createdPlanId: s.createdPlanId, createdPlan: s.createdPlan };
        set({ history: { undo: [...get().history.undo, entry], redo: [] } });
        // the change list keeps showing what the stroke did until the next one
        changed(s.kind === 'assign');
      },

      actionCancelStroke: () => {
        const s = stroke;
        stroke = null;
        set({ strokeChanges: null });
        if (!s || s.before.size === 0) return;
        const units = Uint32Array.from(s.before.keys());
        applyEntry({ level: s.level, kind: s.kind, units, before: Int32Array.from(s.before.values()), after: new Int32Array(units.length), label: s.label }, 'before');
      },

      actionUndo: () => {
        const { undo, redo } = get().history;
        const entry = undo[undo.length - 1];
        if (!entry || stroke) return;
        if (entry.createdPlanId && undo.length === 1) {
          // undoing the step that created the plan removes the plan: back to the baseline; redo brings both back
          void track(dropPlan(entry.createdPlanId).then(() => set({ history: { undo: [], redo: [...redo, entry] } })));
          return;
        }
        applyEntry(entry, 'before');
        set({ history: { undo: undo.slice(0, -1), redo: [...redo, entry] }, strokeChanges: null });
        changed(entry.kind !== 'lock');
      },

      actionRedo: () => {
        const { undo, redo } = get().history;
        const entry = redo[redo.length - 1];
        if (!entry || stroke) return;
        if (entry.createdPlan && !get().plans.some((p) => p.id === entry.createdPlanId)) {
          void track((async () => {
            await addPlan(entry.createdPlan!); // activates it and waits for its results
            applyEntry(entry, 'after');
            set({ history: { undo: [entry], redo: redo.slice(0, -1) }, strokeChanges: null, notice: `Restored "${entry.createdPlan!.name}".` });
            changed(entry.kind !== 'lock');
          })());
          return;
        }
        applyEntry(entry, 'after');
        set({ history: { undo: [...undo, entry], redo: redo.slice(0, -1) }, strokeChanges: null });
        changed(entry.kind !== 'lock');
      },

      actionLockZone: (schoolId, lock) => {
        const { dataset, results, level } = get();
        if (!dataset || !results) return;
        const s = schoolIndexOf(schoolId);
        if (s < 0) return;
        const names = results.schools.names;
        const prevTool = get().tool;
        set({ tool: lock ? 'lock' : 'unlock' });
        if (!get().actionBeginStroke()) { set({ tool: prevTool }); return; }
        const w = get().working!.levels[level];
        if (stroke) stroke.zone = { school: s, before: w.lockedSchools.has(s), after: lock };
        if (lock) w.lockedSchools.add(s); else w.lockedSchools.delete(s);
        const a = results.assignments.find((x) => x.level === level)!;
        const units: number[] = [];
        for (let u = 0; u < a.schoolByUnit.length; u++) if (a.schoolByUnit[u] === s) units.push(u);
        get().actionPaintUnits(units);
        if (stroke) stroke.label = lock ? `lock zone of ${names[s]}` : `unlock zone of ${names[s]}`;
        get().actionEndStroke();
        set({ tool: prevTool, notice: lock ? `Locked the ${level} zone of ${names[s]} (${units.length} areas).` : `Unlocked the ${level} zone of ${names[s]}.` });
      },

      actionNewPlan: async (name) => { await addPlan(freshPlan(name ?? nextPlanName())); },
      actionDuplicatePlan: async (id) => {
        const src = get().plans.find((p) => p.id === id);
        if (!src) return;
        if (id === get().activePlanId) await track(saveActive());
        const copy = structuredClone(get().plans.find((p) => p.id === id)!);
        const fresh = freshPlan(`${src.name} (copy)`);
        await addPlan({ ...copy, id: fresh.id, name: fresh.name, createdAt: fresh.createdAt, updatedAt: fresh.updatedAt });
      },
      actionRenamePlan: async (id, name) => {
        const plan = get().plans.find((p) => p.id === id);
        if (!plan || !name.trim()) return;
        const next = { ...plan, name: name.trim(), updatedAt: new Date().toISOString() };
        set({ plans: get().plans.map((p) => (p.id === id ? next : p)) });
        await persist(next).catch((e) => set({ saveState: 'failed', saveError: `Not saved: ${(e as Error).message}` }));
      },
      actionSetPlanNote: async (id, note) => {
        const plan = get().plans.find((p) => p.id === id);
        if (!plan) return;
        const next = { ...plan, note, updatedAt: new Date().toISOString() };
        set({ plans: get().plans.map((p) => (p.id === id ? next : p)) });
        await persist(next).catch((e) => set({ saveState: 'failed', saveError: `Not saved: ${(e as Error).message}` }));
      },
      actionDeletePlan: async (id) => {
        await storage.deletePlan(id);
        set({ plans: get().plans.filter((p) => p.id !== id) });
        if (get().activePlanId === id) await activate_(null);
      },
      actionActivatePlan: async (id) => {
        if (stroke) get().actionCancelStroke();
        await track(saveActive());
        await activate_(id);
      },
      actionImportPlan: async (text, fileName) => {
        const ds = get().dataset;
        if (!ds) return [{ severity: 'error', file: fileName, message: 'open a data set first' }];
        const unitIds = new Set<string>();
        for (let u = 0; u < ds.units.count; u++) unitIds.add(unitId(ds.units, u));
        const r = parsePlanFile(text, fileName, { schoolsFingerprint: ds.schoolsFingerprint, populationFingerprint: ds.populationFingerprint }, { schoolIds: new Set(ds.schools.ids), unitIds });
        if (!r.ok) return r.problems;
        const plan = withActionIds(r.plan);
        // importing the same plan twice keeps both: the copy gets a new id
        if (get().plans.some((p) => p.id === plan.id)) plan.id = freshPlan(plan.name).id;
        // and a name of its own, so that two plans are never told apart by date alone
        const names = new Set(get().plans.map((p) => p.name));
        if (names.has(plan.name)) { let k = 2; while (names.has(`${plan.name} (${k})`)) k++; plan.name = `${plan.name} (${k})`; }
        await addPlan(plan);
        // unknown ids are kept in the plan (listed here), never dropped by a later save
        return r.problems;
      },
      exportActivePlan: () => {
        const { working, activePlanId, plans, dataset, settings, edits } = get();
        const old = plans.find((p) => p.id === activePlanId);
        if (!dataset) return null;
        return planFileText(old && working ? currentPlan() : freshPlan('Nearest school (baseline)'));
      },
      whenIdle: async () => {
        for (let i = 0; i < 50; i++) {
          const p = pending;
          await p.catch(() => undefined);
          if (p === pending && get().status !== 'computing' && get().status !== 'loading') return;
          await new Promise((r) => setTimeout(r, 5));
        }
      },
    };
  }));
}
