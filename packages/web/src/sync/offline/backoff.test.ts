import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff.ts';

const policy = { baseMs: 100, maxMs: 5_000 };

describe('backoffDelay', () => {
  it('doubles the ceiling per failure up to the cap', () => {
    const top = () => 0.999999;
    expect(backoffDelay(1, top, policy)).toBe(99);
    expect(backoffDelay(2, top, policy)).toBe(199);
    expect(backoffDelay(4, top, policy)).toBe(799);
    expect(backoffDelay(7, top, policy)).toBe(4_999);
    expect(backoffDelay(1_000, top, policy)).toBe(4_999);
  });

  it('is full jitter: anywhere from 0 to the ceiling, never outside', () => {
    let seed = 42;
    // A small LCG, so the run is repeatable.
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (let failures = 1; failures <= 40; failures++) {
      const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** (failures - 1));
      for (let i = 0; i < 50; i++) {
        const d = backoffDelay(failures, random, policy);
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThan(ceiling);
      }
    }
    expect(backoffDelay(3, () => 0, policy)).toBe(0);
  });
});
