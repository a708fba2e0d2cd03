import { describe, expect, it } from 'vitest';
import { median, percentile, ratio, summarize } from './stats.ts';

describe('percentile (nearest rank)', () => {
  const hundred = Array.from({ length: 100 }, (_, i) => i + 1); // 1..100

  it('returns an observed sample, never an interpolation', () => {
    expect([50, 95, 99, 100].map((p) => percentile(hundred, p))).toEqual([50, 95, 99, 100]);
    expect(percentile([10, 20], 50)).toBe(10);
    expect(percentile([10, 20], 51)).toBe(20);
  });

  it('uses the single sample for every percentile of a one-sample series', () => {
    expect([0, 50, 99, 100].map((p) => percentile([7], p))).toEqual([7, 7, 7, 7]);
  });

  it('is NaN for no samples', () => {
    expect(percentile([], 50)).toBeNaN();
  });

  it('is monotonic in p for any input (property over random series)', () => {
    for (let run = 0; run < 50; run++) {
      const n = 1 + Math.floor(Math.random() * 300);
      const sorted = Array.from({ length: n }, () => Math.random() * 1000).sort((a, b) => a - b);
      let last = -Infinity;
      for (let p = 0; p <= 100; p += 0.5) {
        const value = percentile(sorted, p);
        expect(value).toBeGreaterThanOrEqual(last);
        expect(sorted.includes(value)).toBe(true);
        last = value;
      }
    }
  });
});

describe('summarize', () => {
  it('sorts its input without mutating it', () => {
    const samples = [5, 1, 4, 2, 3];
    expect(summarize(samples)).toEqual({ count: 5, p50: 3, p95: 5, p99: 5, max: 5 });
    expect(samples).toEqual([5, 1, 4, 2, 3]);
  });

  it('reports the median of an even series as the lower middle sample', () => {
    expect(median([4, 1, 3, 2])).toBe(2);
  });
});

describe('ratio', () => {
  it('is relay over peer, and NaN when a side is missing', () => {
    expect(ratio(3, 2)).toBe(1.5);
    expect(ratio(3, 0)).toBeNaN();
    expect(ratio(Number.NaN, 2)).toBeNaN();
  });
});
