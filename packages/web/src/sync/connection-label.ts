import type { DocConnection } from './doc/connection-state.ts';

/**
 * The words of a project document's connection indicator. What is not yet on the server is the
 * app's one sync status (`summarizeSync`), shown beside it, never a count of its own.
 */
export function connectionLabel(state: DocConnection): string {
  switch (state) {
    case 'online':
      return 'Online';
    case 'syncing':
      return 'Syncing…';
    case 'connecting':
      return 'Connecting…';
    case 'offline':
      return 'Offline';
    case 'revoked':
      return 'No access';
  }
}
