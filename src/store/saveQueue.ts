import type { IdleTracker } from './idle';

/** Writes to storage, one at a time in the order asked for. */
export interface SaveQueue {
  /**
   * Queues a write. A write still waiting under the same key is replaced by this one (the latest
   * state wins; a delete replaces a pending save of the same plan), keeping its place in the queue.
   * Resolves when the write that covers this request has run; never rejects (writes report their
   * own failures).
   */
  enqueue(key: string, write: () => Promise<void>): Promise<void>;
  /** resolves when every write queued so far has run */
  flush(): Promise<void>;
  /** a write under this key is waiting or running */
  pending(key: string): boolean;
}

interface Waiting { write: () => Promise<void>; done: (() => void)[] }

export function createSaveQueue(idle: IdleTracker): SaveQueue {
  const waiting = new Map<string, Waiting>();
  let draining: Promise<void> | null = null;
  let running: string | null = null;

  async function drain(): Promise<void> {
    for (let next = waiting.entries().next(); !next.done; next = waiting.entries().next()) {
      const [key, job] = next.value;
      waiting.delete(key);
      running = key;
      // one failed write must not stop the ones behind it
      try { await job.write(); } catch { /* reported by the write itself */ }
      running = null;
      for (const resolve of job.done) resolve();
    }
    draining = null;
  }

  return {
    enqueue(key, write) {
      const done = new Promise<void>((resolve) => {
        const job = waiting.get(key);
        if (job) { job.write = write; job.done.push(resolve); } else waiting.set(key, { write, done: [resolve] });
      });
      draining ??= drain();
      return idle.track(done);
    },
    flush() {
      return draining ?? Promise.resolve();
    },
    pending(key) {
      return running === key || waiting.has(key);
    },
  };
}
