import { createStore, type Mutate, type StoreApi } from 'zustand/vanilla';
import { subscribeWithSelector } from 'zustand/middleware';
import type { Problem, SchoolEdit, SchoolEdits, Settings } from '../core/index';
import type { ComputePayload, DatasetPayload, EngineApi, FileInput } from '../worker/protocol';

export type MapMode = 'catchments' | 'children';
export type Status = 'idle' | 'loading' | 'computing' | 'ready' | 'failed';

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

export interface PlannerState {
  sources: DatasetSource[];
  sourceId: string | null;
  dataset: DatasetPayload | null;
  /** the data set's own settings: the defaults the settings panel shows */
  defaultSettings: Settings | null;
  settings: Settings | null;
  edits: SchoolEdits;
  results: (Omit<ComputePayload, 'zones'> & { zones: NonNullable<ComputePayload['zones']> }) | null;
  status: Status;
  /** problems of the last load attempt (errors block it, warnings are informative) */
  problems: Problem[];
  problemsFor: string | null;
  level: string;
  mapMode: MapMode;
  selectedSchool: string | null;
  hoveredUnit: number | null;
  list: ListState;
  panel: 'summary' | 'schools' | 'settings' | 'import';
  millis: { open: number; compute: number };
}

export interface PlannerActions {
  actionOpenSource(id: string): Promise<boolean>;
  actionAddImported(source: DatasetSource): Promise<boolean>;
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
}

export type PlannerStore = Mutate<StoreApi<PlannerState & PlannerActions>, [['zustand/subscribeWithSelector', never]]>;

const EDITS_KEY = (fingerprint: string) => `planner.edits.${fingerprint}`;
const SETTINGS_KEY = (fingerprint: string) => `planner.settings.${fingerprint}`;

/** Persistence of the planner's own inputs (edits and standards) per data set; results are never stored. */
export interface PlanStorage {
  load(key: string): unknown;
  save(key: string, value: unknown): void;
}

export const browserStorage: PlanStorage = {
  load(key) {
    try { const v = localStorage.getItem(key); return v ? JSON.parse(v) : null; } catch { return null; }
  },
  save(key, value) {
    try { localStorage.setItem(key, JSON.stringify(value)); } catch { /* private mode or full: the session still works */ }
  },
};

/**
 * The single source of truth of the app. User intents go through `action*`; the store asks the
 * engine (in a worker) and keeps its answers. Only the latest request's answer is applied.
 */
export function createPlannerStore(engine: Pick<EngineApi, 'openDataset' | 'compute'>, sources: DatasetSource[], storage: PlanStorage = browserStorage): PlannerStore {
  let computeSeq = 0;
  let openSeq = 0;
  return createStore<PlannerState & PlannerActions>()(subscribeWithSelector((set, get) => {
    async function recompute() {
      const { dataset, settings, edits } = get();
      if (!dataset || !settings) return;
      const seq = ++computeSeq;
      set({ status: 'computing' });
      const payload = await engine.compute({ token: dataset.token, settings, edits });
      if (seq !== computeSeq || get().dataset?.token !== payload.token) return;
      const prevZones = get().results?.zones;
      const zones = payload.zones ?? prevZones ?? {};
      set({ results: { ...payload, zones }, status: 'ready', millis: { ...get().millis, compute: payload.millis } });
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
      const savedSettings = storage.load(SETTINGS_KEY(ds.fingerprint)) as Settings | null;
      const savedEdits = (storage.load(EDITS_KEY(ds.fingerprint)) as SchoolEdits | null) ?? {};
      set({
        dataset: ds, sourceId: source.id, defaultSettings: ds.settings,
        settings: savedSettings && savedSettings.profile === ds.settings.profile ? savedSettings : ds.settings,
        edits: savedEdits, results: null, problems: res.problems,
        level: ds.settings.levels[0].id, selectedSchool: null, hoveredUnit: null,
        millis: { open: ds.millis, compute: 0 },
      });
      await recompute();
      return true;
    }

    function persist() {
      const { dataset, settings, edits } = get();
      if (!dataset) return;
      storage.save(EDITS_KEY(dataset.fingerprint), edits);
      storage.save(SETTINGS_KEY(dataset.fingerprint), settings);
    }

    return {
      sources, sourceId: null, dataset: null, defaultSettings: null, settings: null, edits: {}, results: null,
      status: 'idle', problems: [], problemsFor: null, level: 'primary', mapMode: 'catchments', selectedSchool: null, hoveredUnit: null,
      list: { sortBy: 'name', descending: false, flag: '', type: '', use: '', minPupils: NaN, maxPupils: NaN, text: '' },
      panel: 'summary', millis: { open: 0, compute: 0 },

      actionOpenSource: async (id) => {
        const source = get().sources.find((s) => s.id === id);
        return source ? open(source) : false;
      },
      actionAddImported: async (source) => {
        const ok = await open(source);
        if (ok) set({ sources: [...get().sources.filter((s) => s.id !== source.id), source], sourceId: source.id });
        return ok;
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
      actionUpdateSettings: (settings) => { set({ settings }); persist(); void recompute(); },
      actionResetSettings: () => { set({ settings: get().defaultSettings }); persist(); void recompute(); },
      actionEditSchool: (id, edit) => {
        set({ edits: { ...get().edits, [id]: { ...get().edits[id], ...edit } } });
        persist();
        void recompute();
      },
      actionClearEdits: (id) => {
        const { [id]: _gone, ...rest } = get().edits;
        set({ edits: rest });
        persist();
        void recompute();
      },
      actionSetList: (patch) => set({ list: { ...get().list, ...patch } }),
      actionSetPanel: (panel) => set({ panel }),
    };
  }));
}
