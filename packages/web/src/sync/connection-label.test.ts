import { describe, expect, it } from 'vitest';
import { connectionLabel } from './connection-label.ts';

describe('connectionLabel', () => {
  it.each([
    ['online', 3, 'Online'],
    ['syncing', 0, 'Syncing…'],
    ['connecting', 0, 'Connecting…'],
    ['offline', 0, 'Offline — changes are kept on this device'],
    ['offline', 1, 'Offline — 1 change not yet on the server'],
    ['offline', 4, 'Offline — 4 changes not yet on the server'],
    ['revoked', 0, 'No access'],
  ] as const)('%s with %d pending → %s', (state, pending, expected) => {
    expect(connectionLabel(state, pending)).toBe(expected);
  });
});
