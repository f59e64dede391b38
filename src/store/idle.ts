/** Counts the store's work in progress (computations, saves, loads) and tells waiters when none is left. */
export interface IdleTracker {
  /** counts `work` as in progress until it settles; returns it unchanged */
  track<T>(work: Promise<T>): Promise<T>;
  /** resolves as soon as nothing counted is in progress (at once when nothing is) */
  whenIdle(): Promise<void>;
  /** pieces of work in progress */
  readonly pending: number;
}

/**
 * Work that starts more work must count the follow-up before its own end (await it inside the tracked
 * promise): the count then never passes through zero in between, and waiters are told only once.
 */
export function createIdleTracker(): IdleTracker {
  let pending = 0;
  let waiters: (() => void)[] = [];
  const settled = () => {
    pending--;
    if (pending > 0) return;
    const wake = waiters;
    waiters = [];
    for (const resolve of wake) resolve();
  };
  return {
    track(work) {
      pending++;
      work.then(settled, settled);
      return work;
    },
    whenIdle() {
      return pending === 0 ? Promise.resolve() : new Promise<void>((resolve) => { waiters.push(resolve); });
    },
    get pending() { return pending; },
  };
}
