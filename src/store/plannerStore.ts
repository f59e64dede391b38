import { subscribeWithSelector } from 'zustand/middleware';
import { createStore } from 'zustand/vanilla';
import { createStoreContext, type StoreContext, type StoreEngine } from './context';
import { browserChannels, type ChannelFactory } from './crossTab';
import { prefetchField } from './paintDistances';
import { schoolIndexOf } from './planRecord';
import { memoryStorage, type PlanStorage } from './planStorage';
import { createDatasetSlice } from './slices/datasetSlice';
import { createHistorySlice } from './slices/historySlice';
import { createLayoutSlice } from './slices/layoutSlice';
import { createPaintSlice } from './slices/paintSlice';
import { createPlansSlice } from './slices/plansSlice';
import { createProposeSlice } from './slices/proposeSlice';
import { createUiSlice } from './slices/uiSlice';
import type { DatasetSource, Planner, PlannerStore } from './types';

export type {
  BadPlan, DatasetSource, ListState, MapMode, PaintDelta, Panel, Planner, PlannerActions, PlannerState, PlannerStore, ReportMap, ReportPictures, Status, Tool,
} from './types';
export type { AssignEntry, HistoryEntry, LayoutEntry, LockEntry } from './historyEntries';
export type { Assignment, Dataset, Results, SchoolTable, SourceFile, UnitShapes, UnitTable, ZoneReview } from './results';
export type { StoreEngine } from './context';
export type { ProposeSettings, ProposeState } from './slices/proposeSlice';
export { memoryChannels, type ChannelFactory, type ChannelLike } from './crossTab';

/**
 * The single source of truth of the app: one vanilla zustand store made of slices (data set and
 * settings, plans and autosave, painting, history, layout, UI). User intents go through `action*`;
 * the store asks the engine (in a worker) for derived results and keeps its answers, the newest only.
 * Painting changes the working plan and its running totals at once; the engine's full recompute
 * follows each stroke.
 */
export function createPlannerStore(engine: StoreEngine, sources: DatasetSource[], storage: PlanStorage = memoryStorage(), channels: ChannelFactory = browserChannels): PlannerStore {
  let ctx: StoreContext | null = null;
  const store = createStore<Planner>()(subscribeWithSelector((set, get, api) => {
    ctx = createStoreContext(get, (patch) => set(patch), engine, storage, channels);
    return {
      ...createDatasetSlice(ctx, sources)(set, get, api),
      ...createPlansSlice(ctx)(set, get, api),
      ...createPaintSlice(ctx)(set, get, api),
      ...createHistorySlice(ctx)(set, get, api),
      ...createLayoutSlice(ctx)(set, get, api),
      ...createUiSlice()(set, get, api),
      ...createProposeSlice(ctx)(set, get, api),
      whenIdle: () => ctx!.idle.whenIdle(),
    };
  }));
  // by route, the painter's distances to the chosen school are asked for before the first stroke
  store.subscribe((s) => `${s.selectedSchool}|${s.settings?.network.distance}|${s.dataset?.token}`, () => prefetchField(ctx!, schoolIndexOf(store.getState(), store.getState().selectedSchool)));
  return store;
}
