import { createSignal, type Accessor } from 'solid-js';
import type { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { DOC_CLIENT_VERSION_PARAM } from '@corates/shared';
import { blockForUpgrade } from '../../boot/version-gate.ts';
import { APP_VERSION } from '../../env.ts';
import {
  docConnection,
  nextPending,
  serverCloseAction,
  socketOnNetworkChange,
  type DocConnection,
  type ProviderFacts,
  type ServerCloseAction,
} from './connection-state.ts';
import type { PendingUploadStore, UploadProgress, UploadTransport } from './doc-upload.ts';
import { attachLargeDiffSync } from './large-diff-sync.ts';

export interface DocSocketOptions {
  doc: Y.Doc;
  /** y-websocket's server url: the document's socket is `${serverUrl}/doc`. */
  serverUrl: string;
  /** The document's IndexedDB copy. */
  persistence: IndexeddbPersistence;
  /**
   * Where an offline backlog too large for a socket frame is uploaded in chunks over HTTP; without
   * it such a frame is refused by the relay (MESSAGE_TOO_LARGE) and the socket stops.
   */
  largeDiffs?: { transport: UploadTransport; store: PendingUploadStore };
  /**
   * Keep the socket closed until `open()` (the project document waits for the carry-over of an
   * old copy's offline edits). Browser tabs still reach each other meanwhile.
   */
  held?: boolean;
  /**
   * localStorage key of the count of local edits not yet known to be on the server, kept across
   * reloads: a session that ends on its own keeps a user's data while any count is above zero
   * (session/local-data.ts).
   */
  pendingKey: string;
}

export interface DocSocket {
  provider: WebsocketProvider;
  connection: Accessor<DocConnection>;
  /** Why the server refused this socket for good; undefined while it has not. */
  refusal: Accessor<ServerCloseAction | undefined>;
  /** An offline backlog too large for the socket, being uploaded over HTTP (issue 14). */
  upload: Accessor<UploadProgress | undefined>;
  /** Why the server would not take that backlog, when it would not. */
  uploadError: Accessor<string | undefined>;
  /** Local edits not yet known to be on the server. */
  pending: Accessor<number>;
  /** Opens a socket created `held`. */
  open(): void;
  /** Connects again after a permanent refusal whose cause may have gone (CHECKLIST_WITHHELD). */
  retry(): void;
  destroy(): void;
}

/**
 * One document's connection to the relay, the part every document of the app shares (the project
 * document and each checklist document): a y-websocket provider that carries the build's version,
 * stops for good on a permanent close (and says why), closes while the browser is offline and
 * reconnects at once when it is back, and sends large offline backlogs over HTTP when it can.
 */
export function openDocSocket(options: DocSocketOptions): DocSocket {
  const { doc } = options;
  let held = options.held ?? false;
  const provider = new WebsocketProvider(options.serverUrl, 'doc', doc, {
    maxBackoffTime: 10_000,
    // A browser cannot set X-Client-Version on a WebSocket: the build's version rides in the URL,
    // and the server closes the socket of a build below minSupportedClient before any sync.
    params: { [DOC_CLIENT_VERSION_PARAM]: APP_VERSION },
    // The same rule as a stock provider's (permanent 44xx codes stop it), stated where the app
    // decides what each permanent close means.
    shouldReconnect: (event: CloseEvent) =>
      serverCloseAction(event.code, event.reason) === 'reconnect',
    // Opened offline (a reload without network): no socket until the browser is back online.
    connect: navigator.onLine && !held,
  });
  if (!navigator.onLine || held) provider.connectBc();

  const facts: ProviderFacts = {
    revoked: false,
    socket: 'connecting',
    synced: false,
    browserOnline: navigator.onLine,
    unreachable: false,
  };
  const [connection, setConnection] = createSignal<DocConnection>(docConnection(facts));
  const [refusal, setRefusal] = createSignal<ServerCloseAction | undefined>();
  const [upload, setUpload] = createSignal<UploadProgress | undefined>();
  const [uploadError, setUploadError] = createSignal<string | undefined>();
  const refresh = () => setConnection(docConnection(facts));
  const storedPending = Number(localStorage.getItem(options.pendingKey) ?? 0);
  const [pending, setPendingSignal] = createSignal(
    Number.isFinite(storedPending) ? storedPending : 0,
  );
  const setPending = (n: number) => {
    setPendingSignal(n);
    // Kept across reloads: edits made offline are still unsent after the page comes back.
    localStorage.setItem(options.pendingKey, String(n));
  };
  /** Everything the socket's sync asked for is on its way: nothing local is pending. */
  const notifySettled = () => setPending(nextPending(pending(), 'synced', true));

  // Diffs over the frame limit go over HTTP in chunks; the socket syncs the rest after.
  const largeDiffs = options.largeDiffs
    ? attachLargeDiffSync(provider, doc, {
        localCopyLoaded: options.persistence.whenSynced,
        transport: options.largeDiffs.transport,
        store: options.largeDiffs.store,
        onProgress: (progress) => {
          setUpload(progress);
          if (progress) setUploadError(undefined);
          facts.uploading = progress !== undefined;
          refresh();
        },
        onSettled: () => {
          if (facts.synced && facts.socket === 'connected') notifySettled();
          refresh();
        },
        onFailed: (error) => setUploadError(error.message),
      })
    : undefined;
  const busy = () => largeDiffs?.busy() ?? false;
  const settled = () => facts.synced && facts.socket === 'connected' && !busy();

  provider.on('status', ({ status }: { status: ProviderFacts['socket'] }) => {
    facts.socket = status;
    if (status === 'connected') facts.unreachable = false;
    else facts.synced = false;
    refresh();
  });
  provider.on('sync', (synced: boolean) => {
    facts.synced = synced;
    // While a backlog uploads, its edits are not on the server yet, whatever the socket says.
    if (synced && !busy()) notifySettled();
    refresh();
  });
  provider.on('connection-close', (event: CloseEvent | null) => {
    // Closed before it ever opened: the server could not be reached.
    if (facts.socket !== 'connected') facts.unreachable = true;
    const action = event ? serverCloseAction(event.code, event.reason) : 'reconnect';
    if (action !== 'reconnect') {
      setRefusal(action);
      provider.shouldConnect = false;
    }
    // Membership lost or project deleted: the UI explains why.
    if (action === 'revoked') facts.revoked = true;
    // This build is retired: the blocking upgrade flow takes over (as after a REST 426); the
    // edits not yet sent stay in IndexedDB and the new build sends them.
    if (action === 'upgrade') blockForUpgrade();
    refresh();
  });
  doc.on('update', (_update: Uint8Array, updateOrigin: unknown) => {
    // What the server or the IndexedDB copy brings is not a local edit.
    if (updateOrigin === provider || updateOrigin === options.persistence) return;
    setPending(nextPending(pending(), 'local-edit', settled()));
  });
  const onOnline = () => {
    facts.browserOnline = navigator.onLine;
    const action = socketOnNetworkChange(facts.browserOnline, refusal() !== undefined);
    if (held) {
      // Not opened yet: only the connection shown follows the network.
    } else if (action === 'disconnect') {
      provider.disconnect();
      // Tabs of this browser still reach each other without a network.
      provider.connectBc();
    } else if (action === 'connect') provider.connect();
    refresh();
  };
  window.addEventListener('online', onOnline);
  window.addEventListener('offline', onOnline);

  return {
    provider,
    connection,
    refusal,
    upload,
    uploadError,
    pending,
    open: () => {
      if (!held) return;
      held = false;
      if (navigator.onLine && refusal() === undefined) provider.connect();
    },
    retry: () => {
      setRefusal(undefined);
      refresh();
      if (!held && navigator.onLine) provider.connect();
    },
    destroy: () => {
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOnline);
      largeDiffs?.destroy();
      provider.destroy();
    },
  };
}

/** The relay's base url for y-websocket, from the page's origin (`ws:` or `wss:`). */
export const socketOrigin = () => window.location.origin.replace(/^http/, 'ws');
