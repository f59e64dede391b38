import type { Plan } from '../core/index';
import type { EngineApi } from '../worker/protocol';
import { createEngineScheduler, type EngineScheduler } from './engineScheduler';
import type { LockEntry } from './historyEntries';
import { createIdleTracker, type IdleTracker } from './idle';
import type { PlanStorage } from './planStorage';
import { createSaveQueue, type SaveQueue } from './saveQueue';
import type { Planner, PlannerState } from './types';

/** The engine as the store uses it: opening and computing, with zone import and comparison where offered. */
export type StoreEngine = Pick<EngineApi, 'openDataset' | 'compute'> & Partial<Pick<EngineApi, 'importZones' | 'compareScenarios'>>;

/** The stroke being painted: the plan's values before it, per unit, until it lands as one undo step. */
export interface Stroke {
  level: string;
  kind: 'assign' | 'lock';
  before: Map<number, number>;
  label: string;
  /** a whole-zone lock */
  zone?: LockEntry['zone'];
  /** the plan this stroke created (painting on the baseline), as it was then */
  created?: Plan;
}

/**
 * What the slices share besides the state: the engine and storage, the scheduler of recomputations,
 * the save queue, the count of work in progress, and the stroke in progress (not state: it changes on
 * every pointer event and nothing draws it).
 */
export interface StoreContext {
  get(): Planner;
  set(patch: Partial<PlannerState>): void;
  engine: StoreEngine;
  storage: PlanStorage;
  idle: IdleTracker;
  saves: SaveQueue;
  scheduler: EngineScheduler;
  stroke: Stroke | null;
  /** data sets being opened (a computation the engine stops meanwhile is not a failure) */
  opening: number;
  /** counts opens: only the latest one's data set is kept */
  openSeq: number;
}

export function createStoreContext(get: () => Planner, set: (patch: Partial<PlannerState>) => void, engine: StoreEngine, storage: PlanStorage): StoreContext {
  const idle = createIdleTracker();
  return {
    get, set, engine, storage, idle,
    saves: createSaveQueue(idle),
    scheduler: createEngineScheduler((request, options) => engine.compute(request, options), idle),
    stroke: null,
    opening: 0,
    openSeq: 0,
  };
}

/** Runs an intent's async work counted as pending, so that whenIdle waits for all of it. */
export function tracked<A extends unknown[], R>(ctx: StoreContext, run: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  return (...args) => ctx.idle.track(run(...args));
}
