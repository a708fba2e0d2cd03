import { describe, expect, it } from 'vitest';
import { versionShares } from './version-shares.ts';

describe('versionShares', () => {
  const census = [
    { version: '1.4.2', requests: 50 },
    { version: '1.3.0', requests: 20 },
    { version: '1.2.9', requests: 20 },
    { version: 'other', requests: 10 },
  ];

  it('outdatedShare counts every request below the newest version seen, over all requests', () => {
    expect(versionShares(census, '1.0.0', 0).outdatedShare).toBeCloseTo(0.4);
  });

  it('nearMinShare counts the versions below minSupportedClient plus N minor versions', () => {
    expect(versionShares(census, '1.2.0', 0).nearMinShare).toBe(0);
    expect(versionShares(census, '1.2.0', 1).nearMinShare).toBeCloseTo(0.2); // below 1.3.0
    expect(versionShares(census, '1.2.0', 2).nearMinShare).toBeCloseTo(0.4); // below 1.4.0
  });

  it('a prerelease of the newest version is outdated', () => {
    const r = versionShares(
      [
        { version: '2.0.0', requests: 3 },
        { version: '2.0.0-rc.1', requests: 1 },
      ],
      '1.0.0',
      0,
    );
    expect(r.outdatedShare).toBe(0.25);
  });

  it('no requests: no figure rather than 0', () => {
    expect(versionShares([], '1.0.0', 1)).toEqual({ outdatedShare: null, nearMinShare: null });
  });
});
