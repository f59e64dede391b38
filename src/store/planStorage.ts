import { openDB, type IDBPDatabase } from 'idb';
import type { Plan } from '../core/index';
import type { SourceFile } from './results';

/** Files a planner imported, kept so that the data set (and its plans) survive a reload. */
export interface StoredDataset {
  /** `import:` + the data's fingerprint */
  id: string;
  name: string;
  /** network: the road lines chosen with them, when there were any */
  files: { schools: SourceFile; population: SourceFile; network?: SourceFile; births?: SourceFile; settings?: unknown };
  /** total bytes of the files */
  size: number;
  savedAt: string;
}

/** A stored plan with its revision: a counter that every save through `putPlanIf` moves on by one (0 = never counted). */
export interface PlanRecord { plan: Plan; rev: number }

/** What `putPlanIf` did: saved as revision `rev`, or refused because the stored plan moved past the base revision. */
export type PutOutcome = { ok: true; rev: number } | { ok: false; stored: PlanRecord };

/**
 * Where plans live between sessions. Plans are keyed by id and listed per data set fingerprint. Several
 * tabs share it: a tab saves with `putPlanIf` from the revision it started editing from, so that a newer
 * version written by another tab is never overwritten.
 */
export interface PlanStorage {
  listPlans(datasetKey: string): Promise<Plan[]>;
  /** the plans with their revisions, read together */
  listPlanRecords(datasetKey: string): Promise<PlanRecord[]>;
  getPlan(id: string): Promise<PlanRecord | null>;
  putPlan(datasetKey: string, plan: Plan, rev?: number): Promise<void>;
  /** saves the plan as revision baseRev + 1 if the stored one is still at `baseRev` (or is gone); else returns the stored one */
  putPlanIf(datasetKey: string, plan: Plan, baseRev: number): Promise<PutOutcome>;
  deletePlan(id: string): Promise<void>;
  /** small settings per data set: the active plan, the baseline's corrections and standards */
  getMeta(key: string): Promise<unknown>;
  putMeta(key: string, value: unknown): Promise<void>;
  listDatasets(): Promise<StoredDataset[]>;
  putDataset(dataset: StoredDataset): Promise<void>;
  deleteDataset(id: string): Promise<void>;
  /** bytes used and available to this site, where the browser says (null where it does not) */
  usage(): Promise<{ used: number; quota: number } | null>;
}

interface StoredPlan { id: string; datasetKey: string; plan: Plan; rev?: number }

const revOf = (r: StoredPlan | undefined) => (typeof r?.rev === 'number' && Number.isInteger(r.rev) && r.rev >= 0 ? r.rev : 0);

/** IndexedDB storage: survives reloads and crashes; each write is its own transaction. */
export function indexedDbStorage(name = 'school-zoning-planner'): PlanStorage {
  let db: Promise<IDBPDatabase> | null = null;
  const open = () => (db ??= openDB(name, 2, {
    upgrade(d, oldVersion) {
      if (oldVersion < 1) {
        const plans = d.createObjectStore('plans', { keyPath: 'id' });
        plans.createIndex('byDataset', 'datasetKey');
        d.createObjectStore('meta');
      }
      if (oldVersion < 2) d.createObjectStore('datasets', { keyPath: 'id' });
    },
  }));
  async function listPlanRecords(datasetKey: string): Promise<PlanRecord[]> {
    const rows = (await (await open()).getAllFromIndex('plans', 'byDataset', datasetKey)) as StoredPlan[];
    return rows.map((r) => ({ plan: r.plan, rev: revOf(r) })).sort((a, b) => a.plan.createdAt.localeCompare(b.plan.createdAt));
  }
  return {
    async listPlans(datasetKey) { return (await listPlanRecords(datasetKey)).map((r) => r.plan); },
    listPlanRecords,
    async getPlan(id) {
      const r = (await (await open()).get('plans', id)) as StoredPlan | undefined;
      return r ? { plan: r.plan, rev: revOf(r) } : null;
    },
    async putPlan(datasetKey, plan, rev = 0) { await (await open()).put('plans', { id: plan.id, datasetKey, plan, rev } satisfies StoredPlan); },
    async putPlanIf(datasetKey, plan, baseRev) {
      // one read-write transaction: IndexedDB runs it alone among the tabs, so the check and the write are one step
      const tx = (await open()).transaction('plans', 'readwrite');
      const stored = (await tx.store.get(plan.id)) as StoredPlan | undefined;
      if (stored && revOf(stored) !== baseRev) { await tx.done; return { ok: false, stored: { plan: stored.plan, rev: revOf(stored) } }; }
      const rev = Math.max(baseRev, revOf(stored)) + 1;
      await tx.store.put({ id: plan.id, datasetKey, plan, rev } satisfies StoredPlan);
      await tx.done;
      return { ok: true, rev };
    },
    async deletePlan(id) { await (await open()).delete('plans', id); },
    async getMeta(key) { return (await open()).get('meta', key); },
    async putMeta(key, value) { await (await open()).put('meta', value, key); },
    async listDatasets() { return ((await (await open()).getAll('datasets')) as StoredDataset[]).sort((a, b) => a.savedAt.localeCompare(b.savedAt)); },
    async putDataset(dataset) { await (await open()).put('datasets', dataset); },
    async deleteDataset(id) { await (await open()).delete('datasets', id); },
    usage: browserUsage,
  };
}

async function browserUsage(): Promise<{ used: number; quota: number } | null> {
  const nav = (globalThis as { navigator?: { storage?: { estimate?: () => Promise<{ usage?: number; quota?: number }> } } }).navigator;
  if (!nav?.storage?.estimate) return null;
  const e = await nav.storage.estimate();
  return { used: e.usage ?? 0, quota: e.quota ?? 0 };
}

/** In-memory storage for tests and for browsers without IndexedDB (nothing survives a reload). */
export function memoryStorage(): PlanStorage & { plans: Map<string, StoredPlan>; meta: Map<string, unknown>; datasets: Map<string, StoredDataset> } {
  const plans = new Map<string, StoredPlan>();
  const meta = new Map<string, unknown>();
  const datasets = new Map<string, StoredDataset>();
  const clone = <T>(x: T): T => structuredClone(x);
  const records = (datasetKey: string) => [...plans.values()].filter((p) => p.datasetKey === datasetKey).map((p) => ({ plan: clone(p.plan), rev: revOf(p) })).sort((a, b) => a.plan.createdAt.localeCompare(b.plan.createdAt));
  return {
    plans, meta, datasets,
    async listPlans(datasetKey) { return records(datasetKey).map((r) => r.plan); },
    async listPlanRecords(datasetKey) { return records(datasetKey); },
    async getPlan(id) { const r = plans.get(id); return r ? { plan: clone(r.plan), rev: revOf(r) } : null; },
    async putPlan(datasetKey, plan, rev = 0) { plans.set(plan.id, { id: plan.id, datasetKey, plan: clone(plan), rev }); },
    async putPlanIf(datasetKey, plan, baseRev) {
      const stored = plans.get(plan.id);
      if (stored && revOf(stored) !== baseRev) return { ok: false, stored: { plan: clone(stored.plan), rev: revOf(stored) } };
      const rev = Math.max(baseRev, revOf(stored)) + 1;
      // through putPlan, so that a storage whose writes fail (tests replace putPlan) fails here too
      await this.putPlan(datasetKey, plan, rev);
      return { ok: true, rev };
    },
    async deletePlan(id) { plans.delete(id); },
    async getMeta(key) { return clone(meta.get(key) ?? null); },
    async putMeta(key, value) { meta.set(key, clone(value)); },
    async listDatasets() { return [...datasets.values()].map(clone); },
    async putDataset(d) { datasets.set(d.id, clone(d)); },
    async deleteDataset(id) { datasets.delete(id); },
    async usage() { let used = 0; for (const d of datasets.values()) used += d.size; return { used, quota: Infinity }; },
  };
}

/**
 * Storage for a browser that cannot keep anything (no IndexedDB, e.g. some private modes): every write
 * fails with the reason, so the planner says so in its banner and goes on working in memory.
 */
export function unavailableStorage(reason: string): PlanStorage {
  const fail = async () => { throw new Error(reason); };
  return { ...memoryStorage(), putPlan: fail, putPlanIf: fail, putMeta: fail, putDataset: fail };
}
