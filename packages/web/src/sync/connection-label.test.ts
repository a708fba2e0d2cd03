import { describe, expect, it } from 'vitest';
import { connectionLabel } from './connection-label.ts';

describe('connectionLabel', () => {
  it.each([
    ['online', 'Online'],
    ['syncing', 'Syncing…'],
    ['connecting', 'Connecting…'],
    ['offline', 'Offline'],
    ['revoked', 'No access'],
  ] as const)('%s → %s', (state, expected) => {
    // No count: what waits is said once, by the app's sync status beside it.
    expect(connectionLabel(state)).toBe(expected);
  });
});
