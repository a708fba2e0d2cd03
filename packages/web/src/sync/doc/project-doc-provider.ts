import type { Accessor } from 'solid-js';
import { IndexeddbPersistence } from 'y-indexeddb';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { APP_VERSION } from '../../env.ts';
import { onWipeUserData } from '../../session/wipe-local-data.ts';
import type { DocConnection } from './connection-state.ts';
import { ensureDocSchema, migrateDoc } from '@corates/shared/doc';
import { httpUploadTransport, indexedDbUploadStore, type UploadProgress } from './doc-upload.ts';
import { openDocSocket, socketOrigin } from './doc-socket.ts';
import { docDatabaseName, pendingKey, uploadDatabaseName } from './doc-names.ts';
import { carryOverV1Edits } from './carry-over.ts';
import { openChecklistForCarryOver } from './checklist-doc-provider.ts';
import { projectFallback, serverStateVector } from './http-doc-sync.ts';
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

/** How soon the carry-over is tried again when the server could not be asked (offline). */
const CARRY_OVER_RETRY_MS = 5_000;

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
  const socket = openDocSocket({
    doc,
    serverUrl: `${socketOrigin()}/api/projects/${projectId}`,
    persistence,
    pendingKey: pendingKey(userId, projectId),
    // Opened once an old copy's offline edits are carried over (below).
    held: true,
    largeDiffs: {
      transport: httpUploadTransport(projectId, APP_VERSION),
      store: indexedDbUploadStore(uploadDatabaseName(userId, projectId)),
    },
  });
  const { provider } = socket;
  // Others drop us within seconds when we leave or our network vanishes (not 30–40 s).
  const stopPresence = keepPresenceFresh(provider.awareness);

  const loaded = persistence.whenSynced.then(() => {
    migrateDoc(doc);
    ensureDocSchema(doc);
  });
  let alive = true;
  let retry: ReturnType<typeof setTimeout> | undefined;
  /**
   * Step 4 of the carry-over (docs/doc-model-v2.md): the socket connects once the edits a v1 build
   * made offline in this copy are in their checklist documents; until the server can be asked,
   * it stays closed (this tab works on the local copy meanwhile).
   */
  const openSocket = async () => {
    retry = undefined;
    try {
      await carryOverV1Edits(doc, {
        serverStateVector: () => serverStateVector(projectFallback(projectId), doc),
        openChecklist: (checklistId) => openChecklistForCarryOver(projectId, checklistId, userId),
      });
    } catch {
      if (alive) retry = setTimeout(() => void openSocket(), CARRY_OVER_RETRY_MS);
      return;
    }
    if (alive) socket.open();
  };
  // Without IndexedDB (some private windows) there is no old copy to carry over.
  loaded.then(openSocket, () => socket.open());

  const handle: ProjectDocHandle = {
    doc,
    awareness: provider.awareness,
    connection: socket.connection,
    pending: socket.pending,
    upload: socket.upload,
    uploadError: socket.uploadError,
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
      alive = false;
      clearTimeout(retry);
      stopTracking();
      stopPresence();
      socket.destroy();
      void persistence.destroy();
      doc.destroy();
    },
  });
  return handle;
}

/** The project document this tab holds open for the user, if any (not acquired: no reference). */
export const openProjectDoc = (userId: string, projectId: string): Y.Doc | undefined =>
  open.get(`${userId}:${projectId}`)?.handle.doc;

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
    databases.filter((d) => d.name?.startsWith(prefix)).map((d) => deleteDatabase(d.name!)),
  );
  for (const k of Object.keys(localStorage))
    if (k.startsWith(`corates-doc-pending:${userId}:`)) localStorage.removeItem(k);
}

/**
 * Deletes one IndexedDB database. Resolves in every case: one still open elsewhere (blocked) goes
 * once that copy closes, and one that cannot be deleted is no reason to stop deleting the rest.
 */
export function deleteDatabase(name: string): Promise<void> {
  return new Promise<void>((resolve) => {
    const req = indexedDB.deleteDatabase(name);
    req.onsuccess = req.onerror = req.onblocked = () => resolve();
  });
}

// Registered as this module loads: a tab that never loaded it has no document open.
onWipeUserData(wipeUserDocs);
