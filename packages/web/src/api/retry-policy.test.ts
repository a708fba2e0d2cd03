import { describe, expect, it } from 'vitest';
import { ApiError } from './api-error.ts';
import { MAX_RETRIES, shouldRetry } from './retry-policy.ts';

const err = (status: number) => new ApiError({ code: 'X', status, message: 'x' });

describe('shouldRetry', () => {
  it('retries network failures and 5xx up to the cap', () => {
    expect(shouldRetry(0, err(0))).toBe(true);
    expect(shouldRetry(1, err(503))).toBe(true);
    expect(shouldRetry(MAX_RETRIES, err(503))).toBe(false);
  });

  it('never retries a 4xx answer', () => {
    for (const status of [400, 401, 404, 409, 426, 429])
      expect(shouldRetry(0, err(status))).toBe(false);
  });

  it('never retries non-API errors (bugs, not glitches)', () => {
    expect(shouldRetry(0, new TypeError('x is undefined'))).toBe(false);
  });
});
