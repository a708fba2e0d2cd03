import { type Accessor, createEffect, createMemo, createRoot, createSignal, on } from 'solid-js';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { z } from 'zod';
import type { DocConnection } from './doc/connection-state.ts';
import type { ProjectDocHandle } from './doc/project-doc-provider.ts';
import {
  KIND_ORDER,
  afterServerUpdate,
  serverKnownOf,
  unsentChanges,
  type DocChange,
  type ServerKnown,
} from './doc-unsent.ts';

// Each open project document's edits not yet on the server, by entity (doc-unsent.ts), kept in
// localStorage so that every page — and the next page load, offline — shows them, also for a
// project whose document is not open. The keys share the document's pending-count prefix, so
// signing out deletes them with it (project-doc-provider.ts, session/local-data.ts).

const prefix = (userId: string) => `corates-doc-pending:${userId}:`;
const UNSENT = ':unsent';
const SERVER_KNOWN = ':server-known';
/** Counting walks the whole document: after a burst of typing, once. */
const RECOUNT_DELAY_MS = 200;

const storedChangesSchema = z.array(
  z.object({ kind: z.enum(KIND_ORDER), key: z.string(), label: z.string() }),
);

/** Bumped whenever a tracker (of this tab or, through `storage` events, another) writes. */
const [written, setWritten] = createSignal(0);
const bump = () => setWritten((n) => n + 1);
const [connections, setConnections] = createSignal<ReadonlyMap<string, DocConnection>>(new Map());
if (typeof window !== 'undefined')
  window.addEventListener('storage', (e) => {
    if (e.key === null || e.key.endsWith(UNSENT)) bump();
  });

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

function store(key: string, value: string | undefined) {
  try {
    if (value === undefined) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // Storage full or unavailable: the count shows in this tab only until the next load.
  }
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
  const knownKey = `${prefix(userId)}${projectId}${SERVER_KNOWN}`;
  const unsentKey = `${prefix(userId)}${projectId}${UNSENT}`;
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
    bump();
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
        setConnections((all) => new Map(all).set(projectId, connection));
        if (connection !== 'online') return freeze();
        known = undefined;
        store(knownKey, undefined);
        store(unsentKey, undefined);
        bump();
      }),
    );
    return dispose;
  });

  return () => {
    disposeRoot();
    clearTimeout(timer);
    handle.doc.off('update', onUpdate);
    setConnections((all) => {
      const next = new Map(all);
      next.delete(projectId);
      return next;
    });
  };
}

/** Every project's document edits not yet on the server, by project id (open or not). */
export function useUnsentDocChanges(
  userId: Accessor<string | undefined>,
): Accessor<ReadonlyMap<string, DocChange[]>> {
  return createMemo(() => {
    written();
    const user = userId();
    const byProject = new Map<string, DocChange[]>();
    if (!user) return byProject;
    for (const key of Object.keys(localStorage)) {
      if (!key.startsWith(prefix(user)) || !key.endsWith(UNSENT)) continue;
      let parsed;
      try {
        parsed = storedChangesSchema.safeParse(JSON.parse(localStorage.getItem(key) ?? ''));
      } catch {
        continue;
      }
      if (parsed.success && parsed.data.length > 0)
        byProject.set(key.slice(prefix(user).length, -UNSENT.length), parsed.data);
    }
    return byProject;
  });
}

/** Some open project document has no connection to the server. */
export const anyDocOffline = (): boolean =>
  [...connections().values()].some((c) => c === 'offline');
