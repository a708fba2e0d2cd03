import type { DocConnection } from './doc/connection-state.ts';
import { countLabel } from '../ui/format.ts';

/** The words of the connection indicator. */
export function connectionLabel(state: DocConnection, pending: number): string {
  switch (state) {
    case 'online':
      return 'Online';
    case 'syncing':
      return 'Syncing…';
    case 'connecting':
      return 'Connecting…';
    case 'offline':
      return pending > 0
        ? `Offline — ${countLabel(pending, 'change')} not yet on the server`
        : 'Offline — changes are kept on this device';
    case 'revoked':
      return 'No access';
  }
}
