import { openDB, type IDBPDatabase } from 'idb';
import type { Plan } from '../core/index';

/** Where plans live between sessions. Plans are keyed by id and listed per data set fingerprint. */
export interface PlanStorage {
  listPlans(datasetKey: string): Promise<Plan[]>;
  putPlan(datasetKey: string, plan: Plan): Promise<void>;
  deletePlan(id: string): Promise<void>;
  /** small settings per data set: the active plan, the baseline's corrections and standards */
  getMeta(key: string): Promise<unknown>;
  putMeta(key: string, value: unknown): Promise<void>;
}

interface StoredPlan { id: string; datasetKey: string; plan: Plan }

/** IndexedDB storage: survives reloads and crashes; each write is its own transaction. */
export function indexedDbStorage(name = 'school-zoning-planner'): PlanStorage {
  let db: Promise<IDBPDatabase> | null = null;
  const open = () => (db ??= openDB(name, 1, {
    upgrade(d) {
      const plans = d.createObjectStore('plans', { keyPath: 'id' });
      plans.createIndex('byDataset', 'datasetKey');
      d.createObjectStore('meta');
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
  };
}

/** In-memory storage for tests and for browsers without IndexedDB (nothing survives a reload). */
export function memoryStorage(): PlanStorage & { plans: Map<string, StoredPlan>; meta: Map<string, unknown> } {
  const plans = new Map<string, StoredPlan>();
  const meta = new Map<string, unknown>();
  const clone = <T>(x: T): T => structuredClone(x);
  return {
    plans, meta,
    async listPlans(datasetKey) { return [...plans.values()].filter((p) => p.datasetKey === datasetKey).map((p) => clone(p.plan)).sort((a, b) => a.createdAt.localeCompare(b.createdAt)); },
    async putPlan(datasetKey, plan) { plans.set(plan.id, { id: plan.id, datasetKey, plan: clone(plan) }); },
    async deletePlan(id) { plans.delete(id); },
    async getMeta(key) { return clone(meta.get(key) ?? null); },
    async putMeta(key, value) { meta.set(key, clone(value)); },
  };
}
