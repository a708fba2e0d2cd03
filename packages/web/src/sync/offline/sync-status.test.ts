import { describe, expect, it } from 'vitest';
import type { QueuedOp } from './db.ts';
import { summarizeStatus } from './sync-status.ts';

const op = (status: QueuedOp['status'], seq: number): QueuedOp => ({
  seq,
  id: `id-${seq}`,
  type: 'settings.update',
  payload: {},
  clientVersion: '0.1.0',
  createdAt: '2026-01-01T00:00:00.000Z',
  status,
  attempts: 0,
  entityKey: 'settings:user',
});

describe('summarizeStatus', () => {
  const now = Date.parse('2026-01-01T01:00:00.000Z');

  it('counts ops by status and lists the failed ones', () => {
    const s = summarizeStatus({
      ops: [op('pending', 1), op('syncing', 2), op('failed', 3), op('pending', 4)],
      lastSyncedAt: undefined,
      loop: undefined,
      now,
      staleAfterMs: 60_000,
    });
    expect(s).toMatchObject({ pending: 2, syncing: 1, failed: 1 });
    expect(s.failedOps.map((o) => o.seq)).toEqual([3]);
  });

  it('[P3] a table never synced, or synced before the threshold, may be stale', () => {
    const s = summarizeStatus({
      ops: [],
      lastSyncedAt: {
        projects: '2026-01-01T00:59:30.000Z',
        memberships: '2026-01-01T00:30:00.000Z',
      },
      loop: undefined,
      now,
      staleAfterMs: 60_000,
    });
    expect(s.stale).toEqual(['memberships', 'settings']);
  });
});
