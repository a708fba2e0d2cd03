import type { OpResult } from '@corates/shared';
import type { QueuedOp } from './db.ts';

/** Sends that got a non-result answer before an op is given up as failed (SPEC.md [Q5]). */
export const DEFAULT_MAX_ATTEMPTS = 8;

/** What to do with an op after the server answered for it. */
export type OpOutcome =
  { kind: 'done' } | { kind: 'failed'; error: { code: string; message: string } };

/**
 * [Q3] `applied` and `duplicate` of an applied op leave the queue; `conflict` and `rejected` fail
 * the op with the server's reason. A `duplicate` carries the first result's code, so the repeat of
 * an op the server once rejected is still a failure, not a success.
 */
export function outcomeOf(result: OpResult): OpOutcome {
  const failedFirstTime = result.status === 'duplicate' && result.code !== undefined;
  if (result.status === 'applied' || (result.status === 'duplicate' && !failedFirstTime)) {
    return { kind: 'done' };
  }
  return {
    kind: 'failed',
    error: {
      code: result.code ?? (result.status === 'conflict' ? 'CONFLICT' : 'INTERNAL'),
      message: result.message ?? `The server answered ${result.status}`,
    },
  };
}

/** [Q2] Taken into a batch. */
export function toSyncing(op: QueuedOp): QueuedOp {
  return { ...op, status: 'syncing' };
}

/**
 * [Q4] The batch got no results. With no answer at all (offline) the op just waits: being offline
 * must never use up attempts. With an answer that was not a result (5xx, 429, garbage) it counts
 * as an attempt, and after `maxAttempts` the op fails and shows in the sync panel instead of retrying forever.
 */
export function afterSendFailure(
  op: QueuedOp,
  error: { code: string; message: string },
  answered: boolean,
  maxAttempts: number = DEFAULT_MAX_ATTEMPTS,
): QueuedOp {
  if (!answered) return { ...op, status: 'pending' };
  const attempts = op.attempts + 1;
  return attempts >= maxAttempts
    ? { ...op, status: 'failed', attempts, error }
    : { ...op, status: 'pending', attempts, error };
}

/** [Q6] A paused loop (401, 426) or a restart puts in-flight ops back without an attempt. */
export function backToPending(op: QueuedOp): QueuedOp {
  return op.status === 'syncing' ? { ...op, status: 'pending' } : op;
}

/** [Q7] Manual retry: a failed op goes back in line with a fresh attempt budget. */
export function retried(op: QueuedOp): QueuedOp {
  if (op.status !== 'failed') return op;
  const { error: _error, ...rest } = op;
  return { ...rest, status: 'pending', attempts: 0 };
}
