import { describe, expect, it } from 'vitest';
import type { SyncStatus } from './offline/index.ts';
import { headline } from './sync-headline.ts';

const status = (over: Partial<SyncStatus>): SyncStatus => ({
  pending: 0,
  syncing: 0,
  failed: 0,
  failedOps: [],
  lastSyncedAt: {},
  stale: [],
  loop: { phase: 'idle' },
  awaitingServerCopy: false,
  ...over,
});

describe('sync headline', () => {
  it('says all synced only when nothing waits, nothing failed and the cache is the server’s', () => {
    expect(headline(status({}))).toBe('All changes synced');
  });

  it('[O4] never claims all synced while a failed or discarded change waits for the server’s copy', () => {
    for (const phase of ['idle', 'retrying', 'syncing'] as const) {
      const line = headline(status({ awaitingServerCopy: true, loop: { phase } }));
      expect(line).not.toBe('All changes synced');
      expect(line).toMatch(/server’s copy/);
    }
  });

  it('a failed change outranks everything else', () => {
    expect(headline(status({ failed: 2, awaitingServerCopy: true }))).toBe(
      '2 changes could not be synced',
    );
  });
});
