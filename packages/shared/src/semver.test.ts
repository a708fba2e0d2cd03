import { describe, expect, it } from 'vitest';
import { compareSemver, parseSemver, satisfiesMinimum, semverSchema } from './semver.ts';

describe('parseSemver', () => {
  it('parses core, prerelease and ignores build metadata', () => {
    expect(parseSemver('1.2.3')).toEqual({ major: 1, minor: 2, patch: 3, prerelease: [] });
    expect(parseSemver('1.2.3-rc.1+build.5')).toEqual({
      major: 1,
      minor: 2,
      patch: 3,
      prerelease: ['rc', '1'],
    });
  });
  it.each(['', '1', '1.2', '01.2.3', '1.2.3-', 'v1.2.3', '1.2.3.4', 'latest', '1.2.3-01'])(
    'rejects %j',
    (v) => {
      expect(parseSemver(v)).toBeUndefined();
    },
  );
});

describe('compareSemver (semver.org §11 precedence)', () => {
  const ordered = [
    '1.0.0-alpha',
    '1.0.0-alpha.1',
    '1.0.0-alpha.beta',
    '1.0.0-beta',
    '1.0.0-beta.2',
    '1.0.0-beta.11',
    '1.0.0-rc.1',
    '1.0.0',
    '1.0.1',
    '1.1.0',
    '1.10.0',
    '2.0.0',
  ];
  it('orders the spec example chain', () => {
    for (let i = 0; i < ordered.length - 1; i++) {
      expect(
        compareSemver(ordered[i]!, ordered[i + 1]!),
        `${ordered[i]} < ${ordered[i + 1]}`,
      ).toBeLessThan(0);
      expect(compareSemver(ordered[i + 1]!, ordered[i]!)).toBeGreaterThan(0);
    }
  });
  it('ignores build metadata for precedence', () => {
    expect(compareSemver('1.0.0+a', '1.0.0+b')).toBe(0);
  });
  it('throws on a non-version', () => {
    expect(() => compareSemver('x', '1.0.0')).toThrow(/not a semver/);
  });
});

describe('satisfiesMinimum', () => {
  it.each([
    ['1.2.0', '1.2.0', true],
    ['1.2.1', '1.2.0', true],
    ['1.10.0', '1.9.9', true],
    ['1.2.0-rc.1', '1.2.0', false],
    ['0.9.9', '1.0.0', false],
  ])('%s ≥ %s is %s', (v, min, ok) => {
    expect(satisfiesMinimum(v, min)).toBe(ok);
  });
});

describe('semverSchema', () => {
  it('accepts versions and refuses the rest', () => {
    expect(semverSchema.safeParse('3.4.5').success).toBe(true);
    expect(semverSchema.safeParse('3.4').success).toBe(false);
    expect(semverSchema.safeParse(345).success).toBe(false);
  });
});
