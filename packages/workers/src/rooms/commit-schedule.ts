/**
 * [R13] When a Durable Object commits a room's pending group. A timer (`setTimeout(0)`) fires
 * after the frames the runtime already holds, so a burst is stored in a few transactions instead
 * of one disk sync per update; but the timer itself costs more than the edit it commits, and in a
 * room where edits come one at a time (people typing, a few per second) no frame is waiting to
 * join. So the first update after a quiet spell is committed at the end of its own handler (a
 * microtask: before the runtime's turn ends, and with it the storage transaction), and only
 * updates that follow another within `quietMs` wait for the timer and are grouped.
 */
export const COMMIT_QUIET_MS = 10;

export interface CommitTimers {
  /** Runs after the current handler, in the same turn (a microtask). */
  soon(run: () => void): void;
  /** Runs after the frames the runtime has already received (a timer). */
  later(run: () => void): void;
}

export function commitScheduler(
  now: () => number,
  timers: CommitTimers,
  quietMs: number = COMMIT_QUIET_MS,
): (commit: () => void) => void {
  let last = Number.NEGATIVE_INFINITY;
  return (commit) => {
    const at = now();
    const quiet = at - last >= quietMs;
    last = at;
    if (quiet) timers.soon(commit);
    else timers.later(commit);
  };
}
