import { describe, expect, it } from 'vitest';
import { censusVersion, OTHER_VERSIONS } from './version-census.ts';

describe('censusVersion', () => {
  it('keeps plausible versions, without build metadata', () => {
    expect(censusVersion('0.1.0')).toBe('0.1.0');
    expect(censusVersion('1.4.0-rc.1')).toBe('1.4.0-rc.1');
    expect(censusVersion('1.4.0+build.77')).toBe('1.4.0');
  });

  it('buckets valid but outlandish versions together', () => {
    expect(censusVersion(`0.0.0-${'a'.repeat(4000)}`)).toBe(OTHER_VERSIONS);
    expect(censusVersion(`0.0.0-${'a'.repeat(30)}`)).toBe(OTHER_VERSIONS);
    expect(censusVersion('99999999999999999999.0.0')).toBe(OTHER_VERSIONS);
  });

  it('does not count what is not a version', () => {
    expect(censusVersion('latest')).toBeUndefined();
    expect(censusVersion('')).toBeUndefined();
    expect(censusVersion('1.0')).toBeUndefined();
  });
});
