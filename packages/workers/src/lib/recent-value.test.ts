import { describe, expect, it } from 'vitest';
import { RecentValue } from './recent-value.ts';

describe('RecentValue', () => {
  it('answers the last value set until ttlMs after it was set, then nothing', () => {
    const recent = new RecentValue<string>(10_000);
    expect(recent.get(0)).toBeUndefined();
    recent.set('1.2.0', 1_000);
    expect(recent.get(1_000)).toBe('1.2.0');
    expect(recent.get(10_999)).toBe('1.2.0');
    expect(recent.get(11_000)).toBeUndefined();
    expect(recent.get(5_000)).toBeUndefined(); // expired entries are gone, not revived
  });

  it('a fresh read replaces the value and restarts its time', () => {
    const recent = new RecentValue<string>(10_000);
    recent.set('1.2.0', 0);
    recent.set('2.0.0', 9_000);
    expect(recent.get(15_000)).toBe('2.0.0');
    expect(recent.get(19_000)).toBeUndefined();
  });
});
