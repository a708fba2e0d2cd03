import { describe, expect, it } from 'vitest';
import {
  failureRate,
  mergeVersionCounts,
  percentile,
  summarizeReplay,
  utcDay,
} from './telemetry-summary.ts';

describe('telemetry summary', () => {
  it('takes nearest-rank percentiles', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 95)).toBe(95);
    expect(percentile(values, 100)).toBe(100);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 50)).toBeNull();
  });

  it('summarizes replay durations in any order', () => {
    expect(summarizeReplay([300, 100, 200])).toEqual({
      count: 3,
      p50Ms: 200,
      p95Ms: 300,
      maxMs: 300,
    });
    expect(summarizeReplay([])).toEqual({ count: 0, p50Ms: null, p95Ms: null, maxMs: null });
  });

  it('has no failure rate without attempts', () => {
    expect(failureRate(0, 0)).toBeNull();
    expect(failureRate(8, 2)).toBe(0.25);
  });

  it('merges version counts and orders them by semver, newest first', () => {
    expect(
      mergeVersionCounts(
        [
          { version: '0.9.0', requests: 5 },
          { version: '0.10.0', requests: 3 },
        ],
        [
          { version: '0.10.0', clients: 2 },
          { version: '0.2.1', clients: 1 },
        ],
      ),
    ).toEqual([
      { version: '0.10.0', requests: 3, clients: 2 },
      { version: '0.9.0', requests: 5, clients: 0 },
      { version: '0.2.1', requests: 0, clients: 1 },
    ]);
  });

  it("lists the census's catch-all row last", () => {
    expect(
      mergeVersionCounts(
        [
          { version: 'other', requests: 9 },
          { version: '0.1.0', requests: 1 },
          { version: '1.0.0', requests: 1 },
        ],
        [],
      ).map((v) => v.version),
    ).toEqual(['1.0.0', '0.1.0', 'other']);
  });

  it('keys days in UTC', () => {
    expect(utcDay(new Date('2026-11-21T23:59:59-05:00'))).toBe('2026-11-22');
  });
});
