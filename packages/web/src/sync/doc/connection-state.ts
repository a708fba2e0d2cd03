import { DocCloseReason, isPermanentClose } from '@corates/shared';

/** What the connection indicator shows for a project document. */
export type DocConnection = 'offline' | 'connecting' | 'syncing' | 'online' | 'revoked';

export interface ProviderFacts {
  revoked: boolean;
  socket: 'connected' | 'connecting' | 'disconnected';
  synced: boolean;
  browserOnline: boolean;
  /**
   * The last connection attempt failed before the socket opened. The browser's online flag can
   * say "online" with no route to the server (a LAN without internet, a captive portal), and then
   * y-websocket retries for ever, each attempt reported only as "connecting".
   */
  unreachable: boolean;
  /** An offline backlog too large for the socket is being uploaded over HTTP. */
  uploading?: boolean;
}

/** Pure: the indicator state from what the provider and the browser report. */
export function docConnection(f: ProviderFacts): DocConnection {
  if (f.revoked) return 'revoked';
  if (!f.browserOnline || f.socket === 'disconnected') return 'offline';
  if (f.socket === 'connecting' && f.unreachable) return 'offline';
  if (f.socket === 'connecting') return 'connecting';
  return f.synced && !f.uploading ? 'online' : 'syncing';
}

/** From in step with the server to furthest from it: a page shows the furthest of its documents. */
const DISTANCE: readonly DocConnection[] = [
  'online',
  'syncing',
  'connecting',
  'offline',
  'revoked',
];

/**
 * Pure: one connection state for a page that shows several documents (a checklist page: the
 * project document and the checklist's own), the one furthest from the server, so "Online" means
 * every edit on the page is on its way.
 */
export function combinedConnection(...connections: readonly DocConnection[]): DocConnection {
  return connections.reduce<DocConnection>(
    (worst, c) => (DISTANCE.indexOf(c) > DISTANCE.indexOf(worst) ? c : worst),
    'online',
  );
}

/**
 * Counts local edits not yet known to be on the server: they accumulate while not synced and
 * reset when a sync completes (the client's own step 2 goes out before the server's step 2
 * arrives, so at that point every queued edit is on its way in order).
 */
export function nextPending(
  pending: number,
  event: 'local-edit' | 'synced',
  synced: boolean,
): number {
  if (event === 'synced') return 0;
  return synced ? pending : pending + 1;
}

/**
 * What to do with the document's socket when the browser's network state changes. Going offline
 * closes it: a socket can stay "connected" long after the network is gone (until TCP gives up),
 * silently losing what is sent, and the indicator and pending count would say all is well. Coming
 * back connects at once instead of waiting out the reconnect backoff; never after a revocation.
 */
export function socketOnNetworkChange(browserOnline: boolean, revoked: boolean) {
  if (revoked) return 'leave' as const;
  return browserOnline ? ('connect' as const) : ('disconnect' as const);
}

/**
 * What the app does after the server closed its document socket, from the close code and reason
 * (codes: `DOC_CLOSE_CODES` in shared). A temporary code (anything outside 4400–4499, including
 * network drops) reconnects with backoff; a permanent one never does, and the reason says what
 * the user is shown:
 * - `revoked`: membership removed or project deleted — the revoked notice;
 * - `upgrade`: this build is below `minSupportedClient` — the blocking upgrade flow (queued
 *   document edits stay in IndexedDB and the new build sends them);
 * - `too-large`: a frame over the relay's limit — sending it again would be refused again;
 * - `withheld`: a checklist document this member may not open now (blinded until both reviewers
 *   are done, or access withdrawn) — the page says it is not visible yet; reconnecting would be
 *   refused again until the project document says otherwise;
 * - `stop`: a permanent reason this build does not know — stop, as a stock client would.
 */
export type ServerCloseAction =
  'reconnect' | 'revoked' | 'upgrade' | 'too-large' | 'withheld' | 'stop';

export function serverCloseAction(code: number, reason: string): ServerCloseAction {
  if (!isPermanentClose(code)) return 'reconnect';
  switch (reason) {
    case DocCloseReason.MEMBERSHIP_REVOKED:
    case DocCloseReason.PROJECT_DELETED:
      return 'revoked';
    case DocCloseReason.CLIENT_TOO_OLD:
      return 'upgrade';
    case DocCloseReason.MESSAGE_TOO_LARGE:
      return 'too-large';
    case DocCloseReason.CHECKLIST_WITHHELD:
      return 'withheld';
    default:
      return 'stop';
  }
}
