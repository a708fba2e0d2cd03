import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { readChecklist } from '@corates/shared/doc';
import { baseUrl } from './browser.ts';

/** A stock y-websocket client (the reference implementation, unmodified) run from Node. */
export interface DocClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  close(): void;
}

/** The ws package lets Node send the session cookie on the upgrade, as a browser would. */
function withCookie(cookie: string) {
  return class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers: { Cookie: cookie } });
    }
  };
}

/**
 * Opens the project's document on the running app's relay as the person with this cookie, or,
 * given `checklistId`, that checklist's own document (document model v2).
 */
export function connectDoc(projectId: string, cookie: string, checklistId?: string): DocClient {
  const doc = new Y.Doc();
  const checklistPath =
    checklistId === undefined ? '' : `/checklists/${encodeURIComponent(checklistId)}`;
  const serverUrl = `${baseUrl().replace(/^http/, 'ws')}/api/projects/${projectId}${checklistPath}`;
  const provider = new WebsocketProvider(serverUrl, 'doc', doc, {
    WebSocketPolyfill: withCookie(cookie) as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  return {
    doc,
    provider,
    close() {
      // The provider leaves its awareness (and that one's timer) to the caller.
      provider.destroy();
      provider.awareness.destroy();
      doc.destroy();
    },
  };
}

/** Polls a condition; for state outside the browser (Playwright waits on the page's own). */
export async function until(condition: () => boolean, what: string, timeoutMs = 30_000) {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * What the server holds now: a fresh client's copy once it has synced, read by `read`. A client
 * that has never been online can only know what the server sent it.
 */
export async function readServerDoc<T>(
  projectId: string,
  cookie: string,
  read: (doc: Y.Doc) => T,
  checklistId?: string,
): Promise<T> {
  const client = connectDoc(projectId, cookie, checklistId);
  try {
    await until(() => client.provider.synced, 'a fresh client to sync with the server');
    return read(client.doc);
  } finally {
    client.close();
  }
}

/** Waits until the server's copy satisfies `holds` (each check is a fresh client). */
export async function untilOnServer(
  projectId: string,
  cookie: string,
  holds: (doc: Y.Doc) => boolean,
  what: string,
  timeoutMs = 30_000,
  checklistId?: string,
) {
  const start = Date.now();
  while (!(await readServerDoc(projectId, cookie, holds, checklistId))) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Whether `doc` holds every edit `local` made (by `local`'s own client id). */
export function holdsEditsOf(doc: Y.Doc, local: Y.Doc): boolean {
  const clock = Y.getState(local.store, local.clientID);
  return (Y.decodeStateVector(Y.encodeStateVector(doc)).get(local.clientID) ?? 0) >= clock;
}

/**
 * A seeding client's checklist document (document model v2): opened once the checklist's header
 * is on the server (the relay decides who may open it from the header: a socket opened before it
 * arrived is refused), synced, for a test to write content into.
 */
export async function openChecklistDoc(
  projectId: string,
  cookie: string,
  checklistId: string,
): Promise<DocClient> {
  await untilOnServer(
    projectId,
    cookie,
    (d) => readChecklist(d, checklistId) !== undefined,
    `the header of ${checklistId}`,
  );
  const client = connectDoc(projectId, cookie, checklistId);
  await until(() => client.provider.synced, `the checklist document ${checklistId} to sync`);
  return client;
}

/** Waits until the server's copy of a document holds everything `local` wrote. */
export async function untilServerHas(
  projectId: string,
  cookie: string,
  local: Y.Doc,
  checklistId?: string,
) {
  await untilOnServer(
    projectId,
    cookie,
    (d) => holdsEditsOf(d, local),
    `the server to hold ${checklistId ?? 'the project document'}'s edits`,
    30_000,
    checklistId,
  );
}

/** Whether `doc` holds every edit `local` holds, whoever made it (by state vector). */
function holdsAllOf(doc: Y.Doc, local: Y.Doc): boolean {
  const has = Y.decodeStateVector(Y.encodeStateVector(doc));
  for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(local)))
    if ((has.get(client) ?? 0) < clock) return false;
  return true;
}

/**
 * Writes into a checklist's own document (document model v2) as the person with this cookie, as
 * the app would: `write` gets that document, synced with the server (its header changes go to
 * the caller's project document). Resolves once the server holds everything written — so the
 * cookie must be its reviewer's, or a reconciler's for the reconciled checklist: the relay
 * ignores a reader's edits.
 */
export async function writeChecklistContent(
  projectId: string,
  cookie: string,
  checklistId: string,
  write: (content: Y.Doc) => void,
): Promise<void> {
  const client = await openChecklistDoc(projectId, cookie, checklistId);
  try {
    write(client.doc);
    await untilOnServer(
      projectId,
      cookie,
      (d) => holdsAllOf(d, client.doc),
      `the server to hold ${checklistId}'s edits`,
      30_000,
      checklistId,
    );
  } finally {
    client.close();
  }
}

/** Sends a checklist document built locally (a test's seed) to the server: as above. */
export const pushChecklistDoc = (
  projectId: string,
  cookie: string,
  checklistId: string,
  local: Y.Doc,
) =>
  writeChecklistContent(projectId, cookie, checklistId, (content) =>
    Y.applyUpdate(content, Y.encodeStateAsUpdate(local)),
  );

/** A copy of the server's checklist document, as the person with this cookie may read it. */
export async function fetchChecklistDoc(
  projectId: string,
  cookie: string,
  checklistId: string,
): Promise<Y.Doc> {
  const copy = new Y.Doc();
  Y.applyUpdate(
    copy,
    await readServerDoc(projectId, cookie, (d) => Y.encodeStateAsUpdate(d), checklistId),
  );
  return copy;
}
