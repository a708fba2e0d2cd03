/**
 * Decides which instance drains the queue and pulls (SPEC.md [L1]). `acquire` calls `onLeader`
 * once this instance leads; the returned function gives leadership up (or stops waiting for it).
 */
export interface LeaderLock {
  acquire(onLeader: () => void): () => void;
}

interface LockManagerLike {
  request(name: string, callback: () => Promise<void>): Promise<void>;
}

/**
 * Web Locks: one tab per user holds the lock while it is open; the others queue behind it and
 * take over when it closes, so exactly one tab talks to the server for the queue at a time.
 */
export function webLocksLeader(locks: LockManagerLike, name: string): LeaderLock {
  return {
    acquire(onLeader) {
      let release: (() => void) | undefined;
      let released = false;
      void locks
        .request(name, () => {
          if (released) return Promise.resolve();
          onLeader();
          return new Promise<void>((resolve) => (release = resolve));
        })
        .catch(() => undefined);
      return () => {
        released = true;
        release?.();
      };
    },
  };
}

/**
 * Where Web Locks do not exist (Node, old browsers): this instance leads. Right for one engine per
 * database, which is how Node callers (tests, the chaos harness) use it; two tabs of a browser
 * without Web Locks would both drain, which the server's per-op idempotency keeps harmless.
 */
export const singleInstanceLeader: LeaderLock = {
  acquire(onLeader) {
    onLeader();
    return () => undefined;
  },
};

/** Web Locks when the runtime has them, else single-instance. */
export function defaultLeader(name: string): LeaderLock {
  const locks = (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator?.locks;
  return locks ? webLocksLeader(locks, name) : singleInstanceLeader;
}
