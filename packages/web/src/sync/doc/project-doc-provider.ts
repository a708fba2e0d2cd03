import { createSignal, type Accessor } from 'solid-js';
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { DOC_CLIENT_VERSION_PARAM } from '@corates/shared';
import { blockForUpgrade } from '../../boot/version-gate.ts';
import { APP_VERSION } from '../../env.ts';
import { onWipeUserData } from '../../session/wipe-local-data.ts';
import {
  docConnection,
  nextPending,
  serverCloseAction,
  socketOnNetworkChange,
  type DocConnection,
  type ProviderFacts,
} from './connection-state.ts';
import { ensureDocSchema, migrateDoc } from '@corates/shared/doc';
import { httpUploadTransport, indexedDbUploadStore, type UploadProgress } from './doc-upload.ts';
import { attachLargeDiffSync } from './large-diff-sync.ts';
import { keepPresenceFresh } from './presence-liveness.ts';
import { trackUnsentChanges } from '../unsent-doc-changes.ts';

export interface ProjectDocHandle {
  doc: Y.Doc;
  awareness: WebsocketProvider['awareness'];
  connection: Accessor<DocConnection>;
  /** Local edits not yet known to be on the server. */
  pending: Accessor<number>;
  /** An offline backlog too large for the socket, being uploaded over HTTP (issue 14). */
  upload: Accessor<UploadProgress | undefined>;
  /** Why the server would not take that backlog, when it would not. */
  uploadError: Accessor<string | undefined>;
  /** Resolves once the IndexedDB copy is loaded (the document is usable offline from then on). */
  loaded: Promise<void>;
  release(): void;
}

/** IndexedDB database of one user's copy of one project's document. */
export const docDatabaseName = (userId: string, projectId: string) =>
  `corates-doc:${userId}:${projectId}`;
/** IndexedDB database holding an unfinished upload of a large diff (deleted with the user's docs). */
const uploadDatabaseName = (userId: string, projectId: string) =>
  `${docDatabaseName(userId, projectId)}:upload`;
const pendingKey = (userId: string, projectId: string) =>
  `corates-doc-pending:${userId}:${projectId}`;

const open = new Map<string, { handle: ProjectDocHandle; refs: number; destroy: () => void }>();

/**
 * The project's document, shared by every component that shows it (reference-counted): one
 * WebSocket (y-websocket, reconnecting with backoff) and one IndexedDB copy (y-indexeddb) per
 * project, however many views are open.
 */
export function acquireProjectDoc(projectId: string, userId: string): ProjectDocHandle {
  const key = `${userId}:${projectId}`;
  const existing = open.get(key);
  if (existing) {
    existing.refs++;
    return existing.handle;
  }

  const doc = new Y.Doc();
  const persistence = new IndexeddbPersistence(docDatabaseName(userId, projectId), doc);
  const origin = window.location.origin.replace(/^http/, 'ws');
  const provider = new WebsocketProvider(`${origin}/api/projects/${projectId}`, 'doc', doc, {
    maxBackoffTime: 10_000,
    // A browser cannot set X-Client-Version on a WebSocket: the build's version rides in the URL,
    // and the server closes the socket of a build below minSupportedClient before any sync.
    params: { [DOC_CLIENT_VERSION_PARAM]: APP_VERSION },
    // The same rule as a stock provider's (permanent 44xx codes stop it), stated where the app
    // decides what each permanent close means.
    shouldReconnect: (event: CloseEvent) =>
      serverCloseAction(event.code, event.reason) === 'reconnect',
    // Opened offline (a reload without network): no socket until the browser is back online.
    connect: navigator.onLine,
  });
  if (!navigator.onLine) provider.connectBc();

  const facts: ProviderFacts = {
    revoked: false,
    socket: 'connecting',
    synced: false,
    browserOnline: navigator.onLine,
    unreachable: false,
  };
  const [connection, setConnection] = createSignal<DocConnection>(docConnection(facts));
  const storedPending = Number(localStorage.getItem(pendingKey(userId, projectId)) ?? 0);
  const [pending, setPendingSignal] = createSignal(
    Number.isFinite(storedPending) ? storedPending : 0,
  );
  const setPending = (n: number) => {
    setPendingSignal(n);
    // Kept across reloads: edits made offline are still unsent after the page comes back.
    localStorage.setItem(pendingKey(userId, projectId), String(n));
  };
  const refresh = () => setConnection(docConnection(facts));
  const [upload, setUpload] = createSignal<UploadProgress | undefined>();
  const [uploadError, setUploadError] = createSignal<string | undefined>();
  // Diffs over the frame limit go over HTTP in chunks; the socket syncs the rest after.
  const largeDiffs = attachLargeDiffSync(provider, doc, {
    localCopyLoaded: persistence.whenSynced,
    transport: httpUploadTransport(projectId, APP_VERSION),
    store: indexedDbUploadStore(uploadDatabaseName(userId, projectId)),
    onProgress: (progress) => {
      setUpload(progress);
      if (progress) setUploadError(undefined);
      facts.uploading = progress !== undefined;
      refresh();
    },
    onSettled: () => {
      if (facts.synced && facts.socket === 'connected')
        setPending(nextPending(pending(), 'synced', true));
      refresh();
    },
    onFailed: (error) => setUploadError(error.message),
  });

  provider.on('status', ({ status }: { status: ProviderFacts['socket'] }) => {
    facts.socket = status;
    if (status === 'connected') facts.unreachable = false;
    else facts.synced = false;
    refresh();
  });
  provider.on('sync', (synced: boolean) => {
    facts.synced = synced;
    // While a backlog uploads, its edits are not on the server yet, whatever the socket says.
    if (synced && !largeDiffs.busy()) setPending(nextPending(pending(), 'synced', true));
    refresh();
  });
  /** Set once the server refused this socket for good; nothing reconnects it afterwards. */
  let refused = false;
  provider.on('connection-close', (event: CloseEvent | null) => {
    // Closed before it ever opened: the server could not be reached.
    if (facts.socket !== 'connected') facts.unreachable = true;
    const action = event ? serverCloseAction(event.code, event.reason) : 'reconnect';
    if (action !== 'reconnect') {
      refused = true;
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
    if (updateOrigin === provider || updateOrigin === persistence) return;
    setPending(nextPending(pending(), 'local-edit', facts.synced && facts.socket === 'connected'));
  });
  const onOnline = () => {
    facts.browserOnline = navigator.onLine;
    const action = socketOnNetworkChange(facts.browserOnline, refused);
    if (action === 'disconnect') {
      provider.disconnect();
      // Tabs of this browser still reach each other without a network.
      provider.connectBc();
    } else if (action === 'connect') provider.connect();
    refresh();
  };
  window.addEventListener('online', onOnline);
  window.addEventListener('offline', onOnline);
  // Others drop us within seconds when we leave or our network vanishes (not 30–40 s).
  const stopPresence = keepPresenceFresh(provider.awareness);

  const loaded = persistence.whenSynced.then(() => {
    migrateDoc(doc);
    ensureDocSchema(doc);
  });

  const handle: ProjectDocHandle = {
    doc,
    awareness: provider.awareness,
    connection,
    pending,
    upload,
    uploadError,
    loaded,
    release: () => {
      const entry = open.get(key);
      // After wipeUserDocs the key may hold a newer document; a late release must not close it.
      if (!entry || entry.handle !== handle || --entry.refs > 0) return;
      open.delete(key);
      entry.destroy();
    },
  };
  // What of it is not yet on the server, by entity, for the app's one sync status.
  const stopTracking = trackUnsentChanges(handle, userId, projectId);
  open.set(key, {
    handle,
    refs: 1,
    destroy: () => {
      stopTracking();
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOnline);
      stopPresence();
      largeDiffs.destroy();
      provider.destroy();
      void persistence.destroy();
      doc.destroy();
    },
  });
  return handle;
}

/** Sign-out: close this user's documents and delete their IndexedDB copies. */
async function wipeUserDocs(userId: string): Promise<void> {
  for (const [key, entry] of open) {
    if (key.startsWith(`${userId}:`)) {
      open.delete(key);
      entry.destroy();
    }
  }
  const prefix = `corates-doc:${userId}:`;
  const databases = (await indexedDB.databases?.()) ?? [];
  await Promise.all(
    databases
      .filter((d) => d.name?.startsWith(prefix))
      .map(
        (d) =>
          new Promise<void>((resolve) => {
            const req = indexedDB.deleteDatabase(d.name!);
            req.onsuccess = req.onerror = req.onblocked = () => resolve();
          }),
      ),
  );
  for (const k of Object.keys(localStorage))
    if (k.startsWith(`corates-doc-pending:${userId}:`)) localStorage.removeItem(k);
}

// Registered as this module loads: a tab that never loaded it has no document open.
onWipeUserData(wipeUserDocs);
