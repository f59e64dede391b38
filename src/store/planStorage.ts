import { openDB, type IDBPDatabase } from 'idb';
import type { Plan } from '../core/index';
import type { SourceFile } from './results';

/** Files a planner imported, kept so that the data set (and its plans) survive a reload. */
export interface StoredDataset {
  /** `import:` + the data's fingerprint */
  id: string;
  name: string;
  files: { schools: SourceFile; population: SourceFile; settings?: unknown };
  /** total bytes of the files */
  size: number;
  savedAt: string;
}

/** Where plans live between sessions. Plans are keyed by id and listed per data set fingerprint. */
export interface PlanStorage {
  listPlans(datasetKey: string): Promise<Plan[]>;
  putPlan(datasetKey: string, plan: Plan): Promise<void>;
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

interface StoredPlan { id: string; datasetKey: string; plan: Plan }

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
  return {
    async listPlans(datasetKey) {
      const rows = (await (await open()).getAllFromIndex('plans', 'byDataset', datasetKey)) as StoredPlan[];
      return rows.map((r) => r.plan).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    },
    async putPlan(datasetKey, plan) { await (await open()).put('plans', { id: plan.id, datasetKey, plan } satisfies StoredPlan); },
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
  return {
    plans, meta, datasets,
    async listPlans(datasetKey) { return [...plans.values()].filter((p) => p.datasetKey === datasetKey).map((p) => clone(p.plan)).sort((a, b) => a.createdAt.localeCompare(b.createdAt)); },
    async putPlan(datasetKey, plan) { plans.set(plan.id, { id: plan.id, datasetKey, plan: clone(plan) }); },
    async deletePlan(id) { plans.delete(id); },
    async getMeta(key) { return clone(meta.get(key) ?? null); },
    async putMeta(key, value) { meta.set(key, clone(value)); },
    async listDatasets() { return [...datasets.values()].map(clone); },
    async putDataset(d) { datasets.set(d.id, clone(d)); },
    async deleteDataset(id) { datasets.delete(id); },
    async usage() { let used = 0; for (const d of datasets.values()) used += d.size; return { used, quota: Infinity }; },
  };
}
