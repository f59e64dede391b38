import type { Said } from './said';
import type { Plan } from '../core/index';
import type { EngineApi } from '../worker/protocol';
import { createEngineScheduler, type EngineScheduler } from './engineScheduler';
import type { ChannelFactory, ChannelLike } from './crossTab';
import type { LockEntry } from './historyEntries';
import type { PaintFields } from './paintDistances';
import { createIdleTracker, type IdleTracker } from './idle';
import type { PlanStorage } from './planStorage';
import { createSaveQueue, type SaveQueue } from './saveQueue';
import type { Planner, PlannerState } from './types';

/** The engine as the store uses it: opening and computing, with zone import and comparison where offered. */
export type StoreEngine = Pick<EngineApi, 'openDataset' | 'compute'> & Partial<Pick<EngineApi, 'importZones' | 'compareScenarios' | 'balancePlans' | 'proposeZones' | 'suggestClosures' | 'scoreSites' | 'unitDistances'>>;

/** The stroke being painted: the plan's values before it, per unit, until it lands as one undo step. */
export interface Stroke {
  level: string;
  kind: 'assign' | 'lock';
  before: Map<number, number>;
  label: Said;
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
  /** this tab, in the messages it sends to the others */
  tabId: string;
  /** per plan id, the stored revision this tab's version is based on (read, saved or reloaded last) */
  revs: Map<string, number>;
  /** plans whose version in this tab was saved as a copy (another tab's was newer): writes queued before that go to the copy */
  forks: Map<string, { epoch: number; id: string; name: string }>;
  /** opens the channel of a data set (null where there is none) */
  channels: ChannelFactory;
  /** the open data set's channel to the other tabs */
  channel: ChannelLike | null;
  /** distances the painter measures by route (see paintDistances.ts); null while straight-line */
  paintFields: PaintFields | null;
}

export function createStoreContext(get: () => Planner, set: (patch: Partial<PlannerState>) => void, engine: StoreEngine, storage: PlanStorage, channels: ChannelFactory): StoreContext {
  const idle = createIdleTracker();
  return {
    get, set, engine, storage, idle,
    saves: createSaveQueue(idle),
    scheduler: createEngineScheduler((request, options) => engine.compute(request, options), idle),
    stroke: null,
    opening: 0,
    openSeq: 0,
    tabId: `tab-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e9).toString(36)}`,
    revs: new Map(),
    forks: new Map(),
    channels,
    channel: null,
    paintFields: null,
  };
}

/** Runs an intent's async work counted as pending, so that whenIdle waits for all of it. */
export function tracked<A extends unknown[], R>(ctx: StoreContext, run: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  return (...args) => ctx.idle.track(run(...args));
}
