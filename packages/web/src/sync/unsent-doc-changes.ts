import { createEffect, createRoot, on } from 'solid-js';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { ProjectDocHandle } from './doc/project-doc-provider.ts';
import { afterServerUpdate, serverKnownOf, unsentChanges, type ServerKnown } from './doc-unsent.ts';
import {
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
  handle: ProjectDocHandle,
  userId: string,
  projectId: string,
): () => void {
  const knownKey = `${unsentPrefix(userId)}${projectId}${SERVER_KNOWN}`;
  const unsentKey = `${unsentPrefix(userId)}${projectId}${UNSENT}`;
  let known = readKnown(knownKey);
  let knownChanged = false;
  let loaded = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const recount = () => {
    timer = undefined;
    if (!known || !loaded) return;
    if (knownChanged) store(knownKey, encodeKnown(known));
    knownChanged = false;
    const changes = unsentChanges(handle.doc, known);
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
      on(handle.connection, (connection) => {
        setDocConnection(projectId, connection);
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
    setDocConnection(projectId, undefined);
  };
}
