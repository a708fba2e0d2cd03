import { describe, expect, it } from 'vitest';
import { UpgradeSessions } from './upgrade-sessions.ts';

const session = (expiresAt: number, id = 'u1') => ({ id, sessionExpiresAt: new Date(expiresAt) });

describe('UpgradeSessions', () => {
  it('answers a cached session only within its time limit', () => {
    const cache = new UpgradeSessions<ReturnType<typeof session>>(1_000, 10);
    const user = session(1_000_000);
    cache.set('cookie', user, 0);
    expect(cache.get('cookie', 999)).toBe(user);
    expect(cache.get('cookie', 1_000)).toBeUndefined();
    expect(cache.size).toBe(0);
    expect(cache.get('other', 0)).toBeUndefined();
  });

  it('never past the session’s own expiry, and not at all for an expired one', () => {
    const cache = new UpgradeSessions<ReturnType<typeof session>>(1_000, 10);
    cache.set('ending', session(500), 0);
    expect(cache.get('ending', 499)).toBeDefined();
    expect(cache.get('ending', 500)).toBeUndefined();
    cache.set('expired', session(100), 100);
    expect(cache.get('expired', 100)).toBeUndefined();
  });

  it('forgets everything at once', () => {
    const cache = new UpgradeSessions<ReturnType<typeof session>>(1_000, 10);
    cache.set('a', session(10_000, 'a'), 0);
    cache.set('b', session(10_000, 'b'), 0);
    cache.forget();
    expect(cache.get('a', 1)).toBeUndefined();
    expect(cache.get('b', 1)).toBeUndefined();
  });

  it('holds at most its bound, dropping the entry set longest ago', () => {
    const cache = new UpgradeSessions<ReturnType<typeof session>>(1_000, 2);
    cache.set('a', session(10_000, 'a'), 0);
    cache.set('b', session(10_000, 'b'), 0);
    cache.set('a', session(10_000, 'a'), 1); // renewed: now the newest
    cache.set('c', session(10_000, 'c'), 2);
    expect(cache.size).toBe(2);
    expect(cache.get('b', 3)).toBeUndefined();
    expect(cache.get('a', 3)?.id).toBe('a');
    expect(cache.get('c', 3)?.id).toBe('c');
  });
});
