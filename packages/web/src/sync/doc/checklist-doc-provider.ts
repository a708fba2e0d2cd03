import { createSignal, type Accessor } from 'solid-js';
import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import { onWipeUserData } from '../../session/wipe-local-data.ts';
import type { DocConnection } from './connection-state.ts';
import { type DocSocket, openDocSocket, socketOrigin } from './doc-socket.ts';
import { deleteDatabase, openProjectDoc } from './project-doc-provider.ts';
import { type BackoffPolicy, backoffDelay } from '../offline/backoff.ts';
import type { CarryTarget } from './carry-over.ts';
import { checklistFallback, DocWithheld, syncOverHttp } from './http-doc-sync.ts';
import { APP_VERSION } from '../../env.ts';
import { checklistDocDatabaseName, pendingKey, UPLOAD_SUFFIX } from './doc-names.ts';
import { httpUploadTransport, indexedDbUploadStore, type UploadProgress } from './doc-upload.ts';
import { trackUnsentChecklistChanges } from '../unsent-doc-changes.ts';
import { CHECKLIST_PART, SERVER_KNOWN, UNSENT } from '../unsent-doc-store.ts';

/** One checklist's own document (document model v2, docs/doc-model-v2.md). */
export interface ChecklistDocHandle {
  /** The checklist document. */
  doc: Y.Doc;
  connection: Accessor<DocConnection>;
  /** The server refused it (a 4412 close, or 404 over HTTP): not visible to this user now. */
  withheld: Accessor<boolean>;
  /** Resolves once the IndexedDB copy is loaded. */
  loaded: Promise<void>;
  /** An offline backlog too large for the socket (a long pasted note), uploading over HTTP. */
  upload: Accessor<UploadProgress | undefined>;
  /** Why the server would not take that backlog, when it would not. */
  uploadError: Accessor<string | undefined>;
  release(): void;
}

/** The y-websocket server url of a checklist document (its room is `doc`); checklist ids hold colons. */
export const checklistSocketUrl = (projectId: string, checklistId: string) =>
  `${socketOrigin()}/api/projects/${encodeURIComponent(projectId)}/checklists/${encodeURIComponent(checklistId)}`;

const open = new Map<string, { handle: ChecklistDocHandle; refs: number; destroy: () => void }>();
const keyOf = (userId: string, projectId: string, checklistId: string) =>
  `${userId}:${projectId}:${checklistId}`;

/**
 * A checklist's document, shared by every component that shows it (reference-counted, like the
 * project document): one IndexedDB copy and one socket to the checklist's room. A socket the relay
 * closes with CHECKLIST_WITHHELD is not reconnected; `withheld` says so.
 */
export function acquireChecklistDoc(
  projectId: string,
  checklistId: string,
  userId: string,
): ChecklistDocHandle {
  const key = keyOf(userId, projectId, checklistId);
  const existing = open.get(key);
  if (existing) {
    existing.refs++;
    return existing.handle;
  }
  const doc = new Y.Doc();
  const persistence = new IndexeddbPersistence(
    checklistDocDatabaseName(userId, projectId, checklistId),
    doc,
  );
  const socket = openDocSocket({
    doc,
    serverUrl: checklistSocketUrl(projectId, checklistId),
    persistence,
    // Counted with the project's by an ended session's "anything unsynced?" (local-data.ts).
    pendingKey: `${pendingKey(userId, projectId)}${CHECKLIST_PART}${checklistId}`,
    // A note pasted offline can be over a frame: uploaded in chunks, like the project's backlog.
    largeDiffs: {
      transport: httpUploadTransport(projectId, APP_VERSION, { checklistId }),
      store: indexedDbUploadStore(
        `${checklistDocDatabaseName(userId, projectId, checklistId)}${UPLOAD_SUFFIX}`,
      ),
    },
  });
  const [withheld, setWithheld] = createSignal(false);
  const stopRetrying = retryWhileWithheld(socket, setWithheld, () =>
    openProjectDoc(userId, projectId),
  );
  const loaded = persistence.whenSynced.then(() => undefined);
  const handle: ChecklistDocHandle = {
    doc,
    connection: socket.connection,
    withheld,
    loaded,
    upload: socket.upload,
    uploadError: socket.uploadError,
    release: () => {
      const entry = open.get(key);
      // After a wipe the key may hold a newer document; a late release must not close it.
      if (!entry || entry.handle !== handle || --entry.refs > 0) return;
      open.delete(key);
      entry.destroy();
    },
  };
  const stopTracking = trackUnsentChecklistChanges(handle, userId, projectId, checklistId);
  open.set(key, {
    handle,
    refs: 1,
    destroy: () => {
      stopTracking();
      stopRetrying();
      socket.destroy();
      void persistence.destroy();
      doc.destroy();
    },
  });
  return handle;
}

/** How soon a withheld checklist's socket asks again (full-jitter backoff). */
const WITHHELD_RETRY: BackoffPolicy = { baseMs: 2_000, maxMs: 60_000 };

/**
 * CHECKLIST_WITHHELD is permanent for one socket; the app opens it again when the project
 * document may have changed the answer ("opens it again when the project document says it may",
 * shared's DocCloseReason). Besides the rule's own changes (a reviewer completing, blinding turned
 * off), the answer turns when the checklist's header reaches the server after this socket asked:
 * back online, the project's socket and this one connect at once, and a checklist started offline
 * is not yet known there. So: ask again on each change of the project document this tab holds,
 * and on a slow backoff; `withheld` stays true until a socket is let in and synced, so the page
 * does not flicker between asks. Returns the stop function.
 */
export function retryWhileWithheld(
  socket: DocSocket,
  setWithheld: (withheld: boolean) => void,
  projectDoc: () => Y.Doc | undefined,
  random: () => number = Math.random,
): () => void {
  let refusals = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let watched: Y.Doc | undefined;
  const unwatch = () => {
    watched?.off('update', onProjectUpdate);
    watched = undefined;
  };
  const ask = () => {
    clearTimeout(timer);
    timer = undefined;
    unwatch();
    if (socket.refusal() === 'withheld') socket.retry();
  };
  function onProjectUpdate() {
    clearTimeout(timer);
    timer = setTimeout(ask, PROJECT_SETTLE_MS);
  }
  socket.provider.on('connection-close', () => {
    if (socket.refusal() !== 'withheld') return;
    setWithheld(true);
    clearTimeout(timer);
    timer = setTimeout(ask, backoffDelay(++refusals, random, WITHHELD_RETRY));
    if (!watched) {
      watched = projectDoc();
      watched?.on('update', onProjectUpdate);
    }
  });
  socket.provider.on('sync', (synced: boolean) => {
    if (!synced) return;
    refusals = 0;
    setWithheld(false);
  });
  return () => {
    clearTimeout(timer);
    unwatch();
  };
}

/** A burst of project-document changes (a bulk assignment) asks once. */
const PROJECT_SETTLE_MS = 500;

/** Whether this tab holds the checklist document open (its socket keeps it synced). */
export const isChecklistDocOpen = (userId: string, projectId: string, checklistId: string) =>
  open.has(keyOf(userId, projectId, checklistId));

/** Of these checklists, those whose copy this device stores (the user's IndexedDB database). */
export async function storedChecklistCopies(
  userId: string,
  projectId: string,
  checklistIds: readonly string[],
): Promise<string[]> {
  const names = new Set(((await indexedDB.databases?.()) ?? []).map((d) => d.name));
  return checklistIds.filter((id) => names.has(checklistDocDatabaseName(userId, projectId, id)));
}

/**
 * Deletes this device's copies of checklists the user may no longer open
 * (`checklistCopiesToDelete`): the document's database, an unfinished upload's, and its unsent
 * counts. One this tab holds open is left to its page, which shows it withheld.
 */
export async function deleteChecklistCopies(
  userId: string,
  projectId: string,
  checklistIds: readonly string[],
): Promise<void> {
  await Promise.all(
    checklistIds
      .filter((id) => !isChecklistDocOpen(userId, projectId, id))
      .map(async (id) => {
        const name = checklistDocDatabaseName(userId, projectId, id);
        await Promise.all([deleteDatabase(name), deleteDatabase(`${name}${UPLOAD_SUFFIX}`)]);
        const pending = `${pendingKey(userId, projectId)}${CHECKLIST_PART}${id}`;
        for (const key of [pending, `${pending}${UNSENT}`, `${pending}${SERVER_KNOWN}`])
          localStorage.removeItem(key);
      }),
  );
}

/**
 * Brings one checklist document's IndexedDB copy up to date over the HTTP fallback, both ways
 * (what this device typed offline goes up too). Rejects with `DocWithheld` when the server
 * withholds it. An open copy is left to its socket.
 */
export async function syncChecklistCopy(
  projectId: string,
  checklistId: string,
  userId: string,
): Promise<void> {
  if (isChecklistDocOpen(userId, projectId, checklistId)) return;
  const { doc, done } = await openCopy(userId, projectId, checklistId);
  try {
    await syncOverHttp(checklistFallback(projectId, checklistId), doc, 'server');
  } finally {
    await done();
  }
}

/**
 * A checklist document's IndexedDB copy pulled from the server, for the carry-over to write into
 * (carry-over.ts); undefined when the server withholds it.
 */
export async function openChecklistForCarryOver(
  projectId: string,
  checklistId: string,
  userId: string,
): Promise<CarryTarget | undefined> {
  const { doc, done } = await openCopy(userId, projectId, checklistId);
  const fallback = checklistFallback(projectId, checklistId);
  try {
    await syncOverHttp(fallback, doc, 'server');
  } catch (e) {
    await done();
    if (e instanceof DocWithheld) return undefined;
    throw e;
  }
  return {
    doc,
    push: () => syncOverHttp(fallback, doc, 'server'),
    close: async () => {
      await done();
      doc.destroy();
    },
  };
}

/**
 * Read-only snapshot of many checklist documents (results, agreement): each one's IndexedDB copy
 * plus one HTTP sync; withheld ones are omitted, and one the server cannot be asked about (offline)
 * is its local copy as it is.
 */
export async function loadChecklistDocs(
  projectId: string,
  checklistIds: string[],
  userId: string,
  onProgress?: (done: number, total: number) => void,
): Promise<Map<string, Y.Doc>> {
  const out = new Map<string, Y.Doc>();
  let done = 0;
  onProgress?.(0, checklistIds.length);
  await runBounded(checklistIds, SNAPSHOT_CONCURRENCY, async (checklistId) => {
    const { doc, done: close } = await openCopy(userId, projectId, checklistId);
    let withheld = false;
    try {
      await syncOverHttp(checklistFallback(projectId, checklistId), doc, 'server');
    } catch (e) {
      withheld = e instanceof DocWithheld;
    }
    await close();
    const snapshot = new Y.Doc();
    Y.applyUpdate(snapshot, Y.encodeStateAsUpdate(doc));
    doc.destroy();
    if (!withheld) out.set(checklistId, snapshot);
    onProgress?.(++done, checklistIds.length);
  });
  // In the order asked for.
  return new Map(checklistIds.filter((id) => out.has(id)).map((id) => [id, out.get(id)!]));
}

/** HTTP requests in flight at once for snapshots and the background sync. */
export const SNAPSHOT_CONCURRENCY = 4;

/** Runs `work` over `items`, at most `limit` at a time. */
export async function runBounded<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  const queue = [...items];
  const worker = async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
  };
  await Promise.all(Array.from({ length: Math.min(limit, queue.length) }, worker));
}

/** A checklist document's IndexedDB copy, loaded; `done` writes what changed and closes it. */
async function openCopy(userId: string, projectId: string, checklistId: string) {
  const doc = new Y.Doc();
  const persistence = new IndexeddbPersistence(
    checklistDocDatabaseName(userId, projectId, checklistId),
    doc,
  );
  await persistence.whenSynced;
  return {
    doc,
    done: async () => {
      // y-indexeddb stores each update as it is applied; destroy waits for nothing more.
      await persistence.destroy();
    },
  };
}

/** Sign-out: close this user's checklist documents (their databases go with the project's). */
async function closeUserChecklistDocs(userId: string): Promise<void> {
  for (const [key, entry] of open)
    if (key.startsWith(`${userId}:`)) {
      open.delete(key);
      entry.destroy();
    }
}

onWipeUserData(closeUserChecklistDocs);
