import type { SyncStatus } from './offline/index.ts';

/** One line for the closed panel: the thing most worth knowing right now. */
export function headline(s: SyncStatus): string {
  const waiting = s.pending + s.syncing;
  const phase = s.loop?.phase;
  if (s.failed > 0) return `${s.failed} change${s.failed === 1 ? '' : 's'} could not be synced`;
  if (phase === 'paused-auth') return 'Sign in again to sync your changes';
  if (phase === 'paused-upgrade') return 'Update CoRATES to sync your changes';
  if (waiting > 0 && phase === 'offline')
    return `Offline — ${waiting} change${waiting === 1 ? '' : 's'} waiting to sync`;
  if (waiting > 0) return `Syncing ${waiting} change${waiting === 1 ? '' : 's'}…`;
  // [O4] A refused or discarded change may still show until the server's copy arrives.
  if (s.awaitingServerCopy) return 'Waiting for the server’s copy — this device may differ from it';
  if (phase === 'offline') return 'Offline — showing what this device last synced';
  if (s.stale.length > 0) return 'All changes saved on this device — data may be stale';
  return 'All changes synced';
}
