import { said } from '../said';
import { levelsServed, type ClosureSuggestion, type SiteScore } from '../../core/index';
import type { ProposeZonesResponse } from '../../worker/protocol';
import { tracked, type StoreContext } from '../context';
import { pushEntry } from '../historyEntries';
import { saveActive } from '../persistence';
import { addPlan } from '../planOps';
import { currentPlan } from '../planRecord';
import type { SliceCreator } from '../types';

export interface ProposeSettings {
  level: string;
  band: [number, number];
  k: number;
  maxDistanceM: number | null;
  movedWeightM: number;
}

/** What the optimisers are doing and what they last answered, for the data set `token`. */
export interface ProposeState {
  status: 'idle' | 'running';
  /** the request running (or last run) */
  kind: 'zones' | 'closures' | 'sites' | null;
  /** the stage the worker reported last */
  stage: string | null;
  error: string | null;
  zones: (ProposeZonesResponse & { token: number; level: string; adopted: string[] }) | null;
  closures: (ClosureSuggestion & { token: number; level: string }) | null;
  sites: { token: number; level: string; capacity: number; scores: SiteScore[] } | null;
  /** points the planner clicked on the map as candidate sites */
  sitePoints: { lon: number; lat: number }[];
  /** map clicks add candidate sites */
  pickingSites: boolean;
}

/** Propose zones, which schools to close, where to open one: requests to the engine's optimisers, cancellable. */
export interface ProposeSlice {
  propose: ProposeState;
  actionProposeZones(settings: ProposeSettings): Promise<void>;
  actionSuggestClosures(level: string, count: number, closableBelow: number | null): Promise<void>;
  actionScoreSites(level: string, capacity: number, useClickedPoints: boolean): Promise<void>;
  /** stops the running request: the panel returns to idle, nothing is changed */
  actionCancelPropose(): void;
  /** the alternative becomes a new named plan, shown at once; one undo removes it */
  actionAdoptAlternative(index: number, name?: string): Promise<void>;
  /** the suggested closures as layout changes of the active plan (close, with the receiving school) */
  actionApplyClosures(): Promise<void>;
  /** opens a school of the given places at a scored site */
  actionOpenAtSite(index: number, name: string): Promise<void>;
  actionSetPickingSites(on: boolean): void;
  actionAddSitePoint(p: { lon: number; lat: number }): void;
  actionClearSitePoints(): void;
}

const IDLE: ProposeState = { status: 'idle', kind: null, stage: null, error: null, zones: null, closures: null, sites: null, sitePoints: [], pickingSites: false };

export const createProposeSlice = (ctx: StoreContext): SliceCreator<ProposeSlice> => (set, get) => {
  let running: AbortController | null = null;
  const patch = (p: Partial<ProposeState>) => set({ propose: { ...get().propose, ...p } });

  /** Runs one optimiser request; a cancel or a newer request ends it without an error. */
  async function run<T>(kind: ProposeState['kind'], call: (signal: AbortSignal, onProgress: (stage: string) => void) => Promise<T>, land: (value: T) => void): Promise<void> {
    running?.abort();
    const mine = new AbortController();
    running = mine;
    patch({ status: 'running', kind, stage: null, error: null });
    try {
      const value = await call(mine.signal, (stage) => { if (running === mine) patch({ stage }); });
      if (running !== mine) return;
      land(value);
      patch({ status: 'idle', stage: null });
    } catch (e) {
      if (running !== mine) return;
      const cancelled = mine.signal.aborted || (e as Error)?.name === 'AbortError';
      patch({ status: 'idle', stage: null, error: cancelled ? null : (e as Error).message ?? String(e) });
    } finally {
      if (running === mine) running = null;
    }
  }

  /** The active plan's record as the engine should see it (the painter's arrays written back first). */
  function planNow() {
    void saveActive(ctx);
    return currentPlan(get());
  }

  function uniqueName(name: string): string {
    const names = new Set(get().plans.map((p) => p.name));
    if (!names.has(name)) return name;
    let k = 2;
    while (names.has(`${name} (${k})`)) k++;
    return `${name} (${k})`;
  }

  return {
    propose: IDLE,

    actionProposeZones: tracked(ctx, async (o) => {
      const ds = get().dataset;
      if (!ds || !ctx.engine.proposeZones) return;
      const engine = ctx.engine.proposeZones;
      const plan = planNow();
      await run('zones', (signal, onProgress) => engine({ token: ds.token, plan, ...o }, { signal, onProgress }),
        (r) => patch({ zones: { ...r, token: ds.token, level: o.level, adopted: [] } }));
    }),

    actionSuggestClosures: tracked(ctx, async (level, count, closableBelow) => {
      const ds = get().dataset;
      if (!ds || !ctx.engine.suggestClosures) return;
      const engine = ctx.engine.suggestClosures;
      const plan = planNow();
      await run('closures', (signal, onProgress) => engine({ token: ds.token, plan, level, count, closableBelow }, { signal, onProgress }),
        (r) => patch({ closures: { ...r, token: ds.token, level } }));
    }),

    actionScoreSites: tracked(ctx, async (level, capacity, useClickedPoints) => {
      const ds = get().dataset;
      if (!ds || !ctx.engine.scoreSites) return;
      const engine = ctx.engine.scoreSites;
      const plan = planNow();
      const sites = useClickedPoints && get().propose.sitePoints.length ? get().propose.sitePoints : null;
      await run('sites', (signal, onProgress) => engine({ token: ds.token, plan, level, capacity, sites, best: 5 }, { signal, onProgress }),
        (scores) => patch({ sites: { token: ds.token, level, capacity, scores } }));
    }),

    actionCancelPropose: () => {
      const r = running;
      running = null;
      r?.abort();
      patch({ status: 'idle', stage: null, error: null });
    },

    actionAdoptAlternative: tracked(ctx, async (index, name) => {
      const z = get().propose.zones;
      const alt = z?.alternatives[index];
      if (!z || !alt || z.token !== get().dataset?.token) return;
      const plan = { ...structuredClone(alt.plan), name: uniqueName(name ?? alt.plan.name) };
      await addPlan(ctx, plan);
      // one step: undoing it removes the plan (as undoing the first stroke on the baseline does)
      pushEntry(ctx, { kind: 'layout', label: said('store:undo.proposeZones'), before: plan.actions ?? [], after: plan.actions ?? [], created: structuredClone(plan) });
      patch({ zones: { ...z, adopted: [...z.adopted, alt.weights.id] } });
    }),

    actionApplyClosures: tracked(ctx, async () => {
      const c = get().propose.closures;
      if (!c || c.token !== get().dataset?.token) return;
      for (const s of c.close) await get().actionAddLayoutAction({ kind: 'close', school: s.id, ...(s.receiver ? { receiver: s.receiver } : {}) });
    }),

    actionOpenAtSite: tracked(ctx, async (index, name) => {
      const sites = get().propose.sites;
      const site = sites?.scores[index];
      const ds = get().dataset, settings = get().settings;
      if (!sites || !site || !ds || !settings || sites.token !== ds.token) return;
      // the commonest type among the schools that teach the level
      const counts = new Map<string, number>();
      for (const t of ds.schools.types) if (levelsServed(settings, t).includes(sites.level)) counts.set(t, (counts.get(t) ?? 0) + 1);
      const type = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? sites.level;
      await get().actionAddLayoutAction({ kind: 'open', name, type, lon: site.lon, lat: site.lat, capacity: sites.capacity, classrooms: null });
    }),

    actionSetPickingSites: (on) => patch({ pickingSites: on }),
    actionAddSitePoint: (p) => patch({ sitePoints: [...get().propose.sitePoints, p] }),
    actionClearSitePoints: () => patch({ sitePoints: [] }),
  };
};
