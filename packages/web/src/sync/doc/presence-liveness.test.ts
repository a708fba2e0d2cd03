import { describe, expect, it } from 'vitest';
import { PRESENCE_RENEW_MS, PRESENCE_TIMEOUT_MS, presenceUpkeep } from './presence-liveness.ts';

const at = (lastUpdated: number) => ({ lastUpdated });

describe('presenceUpkeep', () => {
  it('renews our own state once PRESENCE_RENEW_MS passed since the last renewal, not before', () => {
    const states = new Map([[1, { user: 'me' }]]);
    const meta = new Map([[1, at(1_000)]]);
    expect(presenceUpkeep(states, meta, 1, 1_000 + PRESENCE_RENEW_MS - 1).renew).toBe(false);
    expect(presenceUpkeep(states, meta, 1, 1_000 + PRESENCE_RENEW_MS).renew).toBe(true);
  });

  it('does not renew a state we removed (left the page)', () => {
    const meta = new Map([[1, at(0)]]);
    expect(presenceUpkeep(new Map(), meta, 1, 60_000).renew).toBe(false);
    expect(presenceUpkeep(new Map([[1, null]]), meta, 1, 60_000).renew).toBe(false);
  });

  it('drops peers not renewed for PRESENCE_TIMEOUT_MS, never ourselves or one already gone', () => {
    const now = 100_000;
    const states = new Map<number, unknown>([
      [1, { user: 'me' }],
      [2, { user: 'fresh' }],
      [3, { user: 'silent' }],
      [4, { user: 'just in time' }],
    ]);
    const meta = new Map([
      [1, at(0)],
      [2, at(now - 1_000)],
      [3, at(now - PRESENCE_TIMEOUT_MS)],
      [4, at(now - PRESENCE_TIMEOUT_MS + 1)],
      [5, at(0)], // removed earlier: its meta stays, its state does not
    ]);
    expect(presenceUpkeep(states, meta, 1, now).outdated).toEqual([3]);
  });

  it('renews well within the timeout, so a live peer is never dropped between two renewals', () => {
    expect(PRESENCE_TIMEOUT_MS).toBeGreaterThanOrEqual(2 * PRESENCE_RENEW_MS);
    expect(PRESENCE_TIMEOUT_MS).toBeLessThanOrEqual(15_000);
  });
});
