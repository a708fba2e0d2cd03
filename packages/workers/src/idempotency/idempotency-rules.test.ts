import { describe, expect, it } from 'vitest';
import {
  ABANDONED_AFTER_MS,
  decide,
  isReplayable,
  KEY_TTL_MS,
  takesIdempotencyKey,
} from './idempotency-rules.ts';

const now = new Date('2026-12-02T12:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms);

describe('idempotency decision', () => {
  it('replays a stored answer to the same request', () => {
    expect(decide({ fingerprint: 'a', responseStatus: 201, createdAt: ago(1) }, 'a', now)).toEqual({
      action: 'replay',
    });
  });
  it('refuses the key for a different request, answered or not', () => {
    for (const responseStatus of [201, null]) {
      expect(decide({ fingerprint: 'a', responseStatus, createdAt: ago(1) }, 'b', now)).toEqual({
        action: 'mismatch',
      });
    }
  });
  it('a first attempt still running is in progress until it is abandoned', () => {
    const running = { fingerprint: 'a', responseStatus: null };
    expect(decide({ ...running, createdAt: ago(ABANDONED_AFTER_MS) }, 'a', now).action).toBe(
      'in-progress',
    );
    expect(decide({ ...running, createdAt: ago(ABANDONED_AFTER_MS + 1) }, 'a', now).action).toBe(
      'take-over',
    );
  });
  it('an expired key starts over, whatever it was used for', () => {
    const old = ago(KEY_TTL_MS + 1);
    expect(decide({ fingerprint: 'a', responseStatus: 201, createdAt: old }, 'b', now).action).toBe(
      'take-over',
    );
    expect(decide({ fingerprint: 'a', responseStatus: 201, createdAt: old }, 'a', now).action).toBe(
      'take-over',
    );
  });
  it('stores results and refusals, not server failures or rate limits', () => {
    expect([200, 201, 204, 400, 403, 404, 409, 422].every(isReplayable)).toBe(true);
    expect([429, 500, 503].some(isReplayable)).toBe(false);
  });
  it('covers REST mutations, not reads, auth, ops (op ids) or the document fallback (CRDT)', () => {
    expect(takesIdempotencyKey('POST', '/api/projects')).toBe(true);
    expect(takesIdempotencyKey('delete', '/api/projects/{projectId}')).toBe(true);
    expect(
      ['/api/auth/sign-out', '/api/sync/ops', '/api/reconcile/doc/p1'].some((p) =>
        takesIdempotencyKey('POST', p),
      ),
    ).toBe(false);
    expect(takesIdempotencyKey('GET', '/api/projects')).toBe(false);
  });
});
