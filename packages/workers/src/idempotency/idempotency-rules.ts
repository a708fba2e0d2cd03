/**
 * What to do with a REST mutation that carries an `Idempotency-Key`, given what is stored under
 * that key. Pure, so every branch is unit-tested; `idempotent-requests.ts` does the I/O.
 */

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/**
 * Auth is better-auth's own; ops carry their own keys (op ids); the doc fallback is a CRDT merge;
 * server-to-server federation requests have no session and each signature is accepted once.
 */
const NOT_COVERED = [
  /^\/api\/auth\//,
  /^\/api\/sync\//,
  /^\/api\/reconcile\//,
  /^\/api\/federation\/v1\//,
];

/**
 * Whether an `Idempotency-Key` on this request is honoured (docs/endpoints.md reads it too, so
 * the inventory says what the middleware does).
 */
export function takesIdempotencyKey(method: string, path: string): boolean {
  return MUTATING.has(method.toUpperCase()) && !NOT_COVERED.some((pattern) => pattern.test(path));
}

/** A first attempt still unanswered after this long died with its Worker: another may run. */
export const ABANDONED_AFTER_MS = 60_000;
/** Keys are remembered this long; after it the same key starts a new request. */
export const KEY_TTL_MS = 24 * 60 * 60 * 1000;

export interface StoredRequest {
  fingerprint: string;
  responseStatus: number | null;
  createdAt: Date;
}

export type IdempotencyDecision =
  | { action: 'replay' }
  | { action: 'mismatch' }
  | { action: 'in-progress' }
  /** The stored claim is abandoned or expired: take it over (if no one else did) and run. */
  | { action: 'take-over' };

export function decide(stored: StoredRequest, fingerprint: string, now: Date): IdempotencyDecision {
  const age = now.getTime() - stored.createdAt.getTime();
  if (age > KEY_TTL_MS) return { action: 'take-over' };
  if (stored.fingerprint !== fingerprint) return { action: 'mismatch' };
  if (stored.responseStatus !== null) return { action: 'replay' };
  return age > ABANDONED_AFTER_MS ? { action: 'take-over' } : { action: 'in-progress' };
}

/**
 * Answers worth replaying: every result, including refusals, but not a server failure or a rate
 * limit, which say "not now" rather than "this is the outcome": a retry of those runs again.
 */
export function isReplayable(status: number): boolean {
  return status < 500 && status !== 429;
}
