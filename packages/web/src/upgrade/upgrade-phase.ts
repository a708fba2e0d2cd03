/**
 * Where a tab is in replacing its build with the published one (the blocking flow, and the
 * "Reload to update" banner). Pure, so the rules are tested without a service worker.
 *
 * - `current`: nothing newer known.
 * - `available`: a newer build is installed and waiting; this build is still allowed (banner).
 * - `searching`: this build is refused; asking the server for the newer one.
 * - `downloading`: the newer build is being precached.
 * - `unpublished`: refused, but the server offers no newer build yet; we retry.
 * - `activating`: the newer build was told to take over; every tab reloads into it.
 */
export type UpgradePhase =
  'current' | 'available' | 'searching' | 'downloading' | 'unpublished' | 'activating';

export type UpgradeEvent =
  | { type: 'blocked' }
  | { type: 'update-found' }
  | { type: 'update-waiting' }
  | { type: 'no-update' }
  | { type: 'activate' };

export function nextPhase(phase: UpgradePhase, event: UpgradeEvent): UpgradePhase {
  switch (event.type) {
    case 'blocked':
      // A refused build never goes back to "current"; a waiting build takes over at once.
      if (phase === 'available' || phase === 'activating') return 'activating';
      return phase === 'downloading' ? phase : 'searching';
    case 'update-found':
      return phase === 'activating' ? phase : 'downloading';
    case 'update-waiting':
      // Blocked tabs take the new build without asking; others are offered it.
      return phase === 'current' || phase === 'available' ? 'available' : 'activating';
    case 'no-update':
      return phase === 'searching' ? 'unpublished' : phase;
    case 'activate':
      return 'activating';
  }
}

/** Whether this phase means the running build is refused (the blocking screen shows). */
export function isBlockingPhase(phase: UpgradePhase): boolean {
  return phase !== 'current' && phase !== 'available';
}
