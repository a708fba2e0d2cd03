import { type Accessor, createEffect, createRoot, on } from 'solid-js';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { DocConnection } from './doc/connection-state.ts';
import type { DocChange } from './doc-change.ts';
import {
  afterServerUpdate,
  serverKnownOf,
  unsentChanges,
  unsentChecklistChanges,
  type ServerKnown,
} from './doc-unsent.ts';
import { openProjectDoc } from './doc/project-doc-provider.ts';
import {
  CHECKLIST_PART,
  SERVER_KNOWN,
  UNSENT,
  bumpUnsent,
  setDocConnection,
  store,
  unsentPrefix,
} from './unsent-doc-store.ts';

/** Counting walks the whole document: after a burst of typing, once. */
const RECOUNT_DELAY_MS = 200;

function readKnown(key: string): ServerKnown | undefined {
  const stored = localStorage.getItem(key);
  if (!stored) return undefined;
  try {
    return Y.decodeSnapshot(Uint8Array.from(atob(stored), (c) => c.charCodeAt(0)));
  } catch {
    return undefined;
  }
}

function encodeKnown(known: ServerKnown): string {
  const bytes = Y.encodeSnapshot(known);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * Follows one open project document. While its socket is synced every edit goes out as it is made,
 * so nothing is unsent. Once it is not, the document as it was then is what the server holds
 * ("server-known"), plus whatever the server sends meanwhile; every edit beyond that (this tab's
 * or another tab's of this browser) is unsent until the socket is synced again. A page loaded
 * offline starts from the stored server-known state, or, with none stored, from the local copy as
 * loaded (the last page left nothing unsent).
 */
export function trackUnsentChanges(
  handle: TrackedDoc,
  userId: string,
  projectId: string,
): () => void {
  return track(handle, `${unsentPrefix(userId)}${projectId}`, projectId, (doc, known) =>
    unsentChanges(doc, known),
  );
}

/**
 * The same for a checklist document: its answers, notes, support texts and judgements, stored
 * under the project's key (`<project>:checklist:<id>`) so the status counts them with the
 * project's. Labels name the checklist from the project document when this tab has it open.
 */
export function trackUnsentChecklistChanges(
  handle: TrackedDoc,
  userId: string,
  projectId: string,
  checklistId: string,
): () => void {
  return track(
    handle,
    `${unsentPrefix(userId)}${projectId}${CHECKLIST_PART}${checklistId}`,
    `${projectId}${CHECKLIST_PART}${checklistId}`,
    (doc, known) =>
      unsentChecklistChanges(doc, known, checklistId, openProjectDoc(userId, projectId)),
  );
}

/** What a tracker needs of an open document. */
interface TrackedDoc {
  doc: Y.Doc;
  connection: Accessor<DocConnection>;
  loaded: Promise<void>;
  /** A withheld document holds nothing to send: its connection is not the app's. */
  withheld?: Accessor<boolean>;
}

function track(
  handle: TrackedDoc,
  keyBase: string,
  connectionKey: string,
  count: (doc: Y.Doc, known: ServerKnown) => DocChange[],
): () => void {
  const knownKey = `${keyBase}${SERVER_KNOWN}`;
  const unsentKey = `${keyBase}${UNSENT}`;
  let known = readKnown(knownKey);
  let knownChanged = false;
  let loaded = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const recount = () => {
    timer = undefined;
    if (!known || !loaded) return;
    if (knownChanged) store(knownKey, encodeKnown(known));
    knownChanged = false;
    const changes = count(handle.doc, known);
    store(unsentKey, changes.length > 0 ? JSON.stringify(changes) : undefined);
    bumpUnsent();
  };
  const schedule = () => (timer ??= setTimeout(recount, RECOUNT_DELAY_MS));
  const freeze = () => {
    if (known || !loaded) return;
    known = serverKnownOf(handle.doc);
    knownChanged = true;
    schedule();
  };
  const onUpdate = (update: Uint8Array, origin: unknown) => {
    if (!known) return;
    // The provider also relays this browser's other tabs (BroadcastChannel), whose edits are as
    // unsent as this tab's: only while the socket is open and not yet synced does what it applies
    // come from the server (its sync step 2, applied before the provider reports `synced`).
    if (origin instanceof WebsocketProvider && handle.connection() === 'syncing') {
      known = afterServerUpdate(known, update);
      knownChanged = true;
    }
    schedule();
  };
  handle.doc.on('update', onUpdate);
  const onLoaded = () => {
    loaded = true;
    if (handle.connection() !== 'online') freeze();
    schedule();
  };
  handle.loaded.then(onLoaded, onLoaded);

  const disposeRoot = createRoot((dispose) => {
    createEffect(
      on([handle.connection, () => handle.withheld?.() ?? false], ([connection, withheld]) => {
        setDocConnection(connectionKey, withheld ? undefined : connection);
        if (connection !== 'online') return freeze();
        known = undefined;
        store(knownKey, undefined);
        store(unsentKey, undefined);
        bumpUnsent();
      }),
    );
    return dispose;
  });

  return () => {
    disposeRoot();
    clearTimeout(timer);
    handle.doc.off('update', onUpdate);
    setDocConnection(connectionKey, undefined);
  };
}
