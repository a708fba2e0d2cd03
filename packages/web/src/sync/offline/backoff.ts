/** How the replay loop waits between failed sends. */
export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1_000, maxMs: 60_000 };

/**
 * "Full jitter" exponential backoff: a uniform delay in [0, min(max, base·2^(failures-1))].
 * Jitter spreads out the clients that all come back when the network (or the server) does;
 * `random` is injected so tests can pin it. `failures` counts from 1.
 */
export function backoffDelay(
  failures: number,
  random: () => number,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
): number {
  const exponent = Math.max(0, failures - 1);
  // 2^exponent overflows to Infinity long after the cap has taken over; min() handles that.
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** exponent);
  return Math.floor(random() * ceiling);
}
