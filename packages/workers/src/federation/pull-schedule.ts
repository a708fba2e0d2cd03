/**
 * When a subscription pulls next (docs/federation.md "Scheduling"). Pure: the subscription's
 * Durable Object (durable/subscription-puller.ts) feeds it what a pull did and sets its alarm.
 */

/** The delays, in milliseconds. */
export const PULL_SCHEDULE = {
  /** After a pull that applied changes or left more to read: the publisher is busy, ask again soon. */
  busyMs: 2_000,
  /**
   * After a pull that found nothing new: a poll, so an edit at the publisher reaches us within this
   * (plus its 2 s export delay) — "within seconds" (issue 17) at one small request per 10 s.
   */
  idleMs: 10_000,
  /** The first retry after a failure is between half this and this; each failure doubles it... */
  retryBaseMs: 5_000,
  /**
   * ...up to this (reached at the 7th failure in a row): a publisher down for days costs one call
   * every 2.5–5 minutes, and its subscribers catch up within 5 minutes of it coming back.
   */
  retryCapMs: 5 * 60_000,
} as const;

/** What a pull did, as far as scheduling goes. */
export type PullOutcome =
  /** It reached the publisher; `busy` when it applied changes or stopped with more to read. */
  | { kind: 'pulled'; busy: boolean }
  /** It stopped short: no answer (`status` absent), or the publisher's refusal. */
  | { kind: 'failed'; status?: number; code?: string };

/**
 * Refusals that asking again cannot cure, so they are never retried automatically: the publisher
 * refused our signature or token (401: SIGNATURE_*, FEDERATION_TOKEN_INVALID) or this share to us
 * (403 FORBIDDEN), revoked the share (SHARE_REVOKED) or no longer speaks our schema versions
 * (SCHEMA_MISMATCH). The subscription pauses until an admin acts (a new invite, "pull now").
 */
export function stopsPulling(failure: { status?: number; code?: string }): boolean {
  return (
    failure.status === 401 ||
    failure.status === 403 ||
    failure.code === 'SHARE_REVOKED' ||
    failure.code === 'SCHEMA_MISMATCH'
  );
}

export type NextPull =
  /** Pull again in `delayMs`; `failures` is the count of failed pulls in a row to keep. */
  | { stop: false; delayMs: number; failures: number }
  /** Do not pull again by itself. */
  | { stop: true };

/**
 * The next pull after `outcome`, given `failures` failed pulls in a row before it. A retry waits a
 * random time between half the backoff and the backoff ("equal jitter"): never so short that many
 * subscribers of a publisher that comes back call it at once, never longer than the cap.
 * `random` returns a number in [0, 1) (Math.random in the object; a fixed one in tests).
 */
export function nextPull(outcome: PullOutcome, failures: number, random: () => number): NextPull {
  if (outcome.kind === 'pulled')
    return {
      stop: false,
      delayMs: outcome.busy ? PULL_SCHEDULE.busyMs : PULL_SCHEDULE.idleMs,
      failures: 0,
    };
  if (stopsPulling(outcome)) return { stop: true };
  const n = failures + 1;
  // 2 ** 30 × 5 s is far past the cap already; bounding the exponent keeps the number finite.
  const ceiling = Math.min(
    PULL_SCHEDULE.retryCapMs,
    PULL_SCHEDULE.retryBaseMs * 2 ** Math.min(n - 1, 30),
  );
  return { stop: false, delayMs: Math.round(ceiling / 2 + random() * (ceiling / 2)), failures: n };
}
