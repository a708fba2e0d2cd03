import { describe, expect, it } from 'vitest';
import type { QueuedOp } from './db.ts';
import { afterSendFailure, backToPending, outcomeOf, retried, toSyncing } from './op-state.ts';

const ID = '00000000-0000-4000-8000-000000000001';
const op: QueuedOp = {
  seq: 1,
  id: ID,
  type: 'project.update',
  payload: { id: 'p1', name: 'x' },
  clientVersion: '0.1.0',
  createdAt: '2026-01-01T00:00:00.000Z',
  status: 'pending',
  attempts: 0,
  entityKey: 'project:p1',
};
const boom = { code: 'INTERNAL', message: 'boom' };

describe('op state machine', () => {
  it('[Q3] applied and a duplicate of an applied op are done', () => {
    expect(outcomeOf({ id: ID, status: 'applied' })).toEqual({ kind: 'done' });
    expect(outcomeOf({ id: ID, status: 'duplicate' })).toEqual({ kind: 'done' });
  });

  it('[Q3] a duplicate of a refused op is still a failure, with the first reason', () => {
    expect(
      outcomeOf({ id: ID, status: 'duplicate', code: 'LAST_OWNER', message: 'needs an owner' }),
    ).toEqual({ kind: 'failed', error: { code: 'LAST_OWNER', message: 'needs an owner' } });
  });

  it('[Q3] rejected and conflict fail with the server reason', () => {
    expect(outcomeOf({ id: ID, status: 'rejected', code: 'FORBIDDEN', message: 'no' })).toEqual({
      kind: 'failed',
      error: { code: 'FORBIDDEN', message: 'no' },
    });
    const conflict = outcomeOf({ id: ID, status: 'conflict' });
    expect(conflict.kind === 'failed' && conflict.error.code).toBe('CONFLICT');
  });

  it('[Q4] no answer (offline) never spends an attempt', () => {
    let current = toSyncing(op);
    for (let i = 0; i < 50; i++) current = afterSendFailure(toSyncing(current), boom, false, 3);
    expect(current).toMatchObject({ status: 'pending', attempts: 0 });
  });

  it('[Q4][Q5] an answered failure spends one; the cap fails the op with the last error', () => {
    const once = afterSendFailure(toSyncing(op), boom, true, 3);
    expect(once).toMatchObject({ status: 'pending', attempts: 1 });
    const twice = afterSendFailure(toSyncing(once), boom, true, 3);
    const thrice = afterSendFailure(toSyncing(twice), boom, true, 3);
    expect(thrice).toMatchObject({ status: 'failed', attempts: 3, error: boom });
  });

  it('[Q6] only in-flight ops go back to pending', () => {
    expect(backToPending(toSyncing(op)).status).toBe('pending');
    const failed: QueuedOp = { ...op, status: 'failed', error: boom };
    expect(backToPending(failed)).toBe(failed);
  });

  it('[Q7] retry resets the attempt budget and clears the error', () => {
    const failed: QueuedOp = { ...op, status: 'failed', attempts: 8, error: boom };
    const again = retried(failed);
    expect(again).toMatchObject({ status: 'pending', attempts: 0 });
    expect(again.error).toBeUndefined();
    expect(retried(op)).toBe(op);
  });
});
