import { d1RateLimitStorage } from './rate-limit-storage.ts';

/**
 * Sign-in attempts to one account, whatever address they come from: the per-IP limit alone lets
 * an attacker with many addresses guess at one account all day. A successful sign-in clears the
 * count, so it counts failures in practice; counting every attempt up front means concurrent
 * guesses cannot all slip in before their failures are recorded.
 */
export const ACCOUNT_SIGN_IN_RULE = { window: 15 * 60, max: 10 } as const;

function keyOf(email: string): string {
  return `account:sign-in:${email.trim().toLowerCase()}`;
}

export function accountThrottle(d1: D1Database, now: () => number = Date.now) {
  const storage = d1RateLimitStorage(d1, now);
  return {
    /** Counts an attempt; `allowed: false` with the seconds until the window ends past the limit. */
    attempt(email: string) {
      return storage.consume(keyOf(email), { ...ACCOUNT_SIGN_IN_RULE });
    },
    /** After a successful sign-in: the account's window starts over. */
    async succeeded(email: string): Promise<void> {
      await d1.prepare('DELETE FROM rate_limit WHERE key = ?').bind(keyOf(email)).run();
    },
  };
}
