import { describe, expect, it } from 'vitest';
import {
  type UpgradeEvent,
  type UpgradePhase,
  isBlockingPhase,
  nextPhase,
} from './upgrade-phase.ts';

const run = (events: UpgradeEvent['type'][], from: UpgradePhase = 'current') =>
  events.reduce<UpgradePhase>((p, type) => nextPhase(p, { type } as UpgradeEvent), from);

describe('upgrade phase', () => {
  it('offers a waiting build to a supported tab without blocking it', () => {
    expect(run(['update-found', 'update-waiting'])).toBe('activating');
    expect(run(['update-waiting'])).toBe('available');
    expect(isBlockingPhase('available')).toBe(false);
    expect(run(['update-waiting', 'activate'])).toBe('activating');
  });

  it('a refused tab searches, downloads and activates the new build without asking', () => {
    expect(run(['blocked'])).toBe('searching');
    expect(run(['blocked', 'update-found'])).toBe('downloading');
    expect(run(['blocked', 'update-found', 'update-waiting'])).toBe('activating');
    expect(isBlockingPhase('searching')).toBe(true);
  });

  it('a refused tab that already holds the new build switches at once', () => {
    expect(run(['update-waiting', 'blocked'])).toBe('activating');
  });

  it('waits for a release when the server has no newer build yet, then takes it', () => {
    expect(run(['blocked', 'no-update'])).toBe('unpublished');
    expect(run(['blocked', 'no-update', 'update-found', 'update-waiting'])).toBe('activating');
    // "No update" means nothing to a tab that is not refused.
    expect(run(['no-update'])).toBe('current');
  });

  it('never leaves activating', () => {
    for (const type of ['blocked', 'update-found', 'update-waiting', 'no-update'] as const) {
      expect(nextPhase('activating', { type })).toBe('activating');
    }
  });
});
