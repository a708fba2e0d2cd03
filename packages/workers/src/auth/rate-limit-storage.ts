import type { BetterAuthOptions } from 'better-auth';

type RateLimitStorage = NonNullable<NonNullable<BetterAuthOptions['rateLimit']>['customStorage']>;

/**
 * better-auth rate-limit storage on D1. One UPSERT both counts and decides, so concurrent requests
 * from many isolates cannot all slip past a stale read.
 */
export function d1RateLimitStorage(d1: D1Database, now: () => number = Date.now): RateLimitStorage {
  return {
    async consume(key, rule) {
      const t = now();
      const windowMs = rule.window * 1000;
      const row = await d1
        .prepare(
          `INSERT INTO rate_limit (id, key, count, last_request) VALUES (?1, ?1, 1, ?2)
           ON CONFLICT(key) DO UPDATE SET
             count = CASE WHEN ?2 - last_request >= ?3 THEN 1 ELSE count + 1 END,
             last_request = CASE WHEN ?2 - last_request >= ?3 THEN ?2 ELSE last_request END
           RETURNING count, last_request`,
        )
        .bind(key, t, windowMs)
        .first<{ count: number; last_request: number }>();
      if (!row) return { allowed: true, retryAfter: null };
      if (row.count <= rule.max) return { allowed: true, retryAfter: null };
      return {
        allowed: false,
        retryAfter: Math.max(1, Math.ceil((row.last_request + windowMs - t) / 1000)),
      };
    },
  };
}
