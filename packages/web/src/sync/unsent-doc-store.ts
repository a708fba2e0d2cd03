import { type Accessor, createMemo, createSignal } from 'solid-js';
import { z } from 'zod';
import type { DocConnection } from './doc/connection-state.ts';
import { KIND_ORDER, mergeDocChanges, type DocChange } from './doc-change.ts';

// Each open project document's edits not yet on the server, by entity (doc-unsent.ts), kept in
// localStorage so that every page — and the next page load, offline — shows them, also for a
// project whose document is not open. The keys share the document's pending-count prefix, so
// signing out deletes them with it (project-doc-provider.ts, session/local-data.ts). This module
// reads them for the status line and loads no Yjs; the tracker that writes them is
// unsent-doc-changes.ts, loaded with the document.

export const unsentPrefix = (userId: string) => `corates-doc-pending:${userId}:`;
export const UNSENT = ':unsent';
export const SERVER_KNOWN = ':server-known';
/** A checklist document's entries: `<project>:checklist:<checklist>:unsent`. */
export const CHECKLIST_PART = ':checklist:';

const storedChangesSchema = z.array(
  z.object({ kind: z.enum(KIND_ORDER), key: z.string(), label: z.string() }),
);

/** Bumped whenever a tracker (of this tab or, through `storage` events, another) writes. */
const [written, setWritten] = createSignal(0);
export const bumpUnsent = () => setWritten((n) => n + 1);
const [connections, setConnections] = createSignal<ReadonlyMap<string, DocConnection>>(new Map());
if (typeof window !== 'undefined')
  window.addEventListener('storage', (e) => {
    if (e.key === null || e.key.endsWith(UNSENT)) bumpUnsent();
  });

/** A tracked document's connection (undefined: no longer tracked), by project or checklist key. */
export function setDocConnection(docKey: string, connection: DocConnection | undefined) {
  setConnections((all) => {
    const next = new Map(all);
    if (connection === undefined) next.delete(docKey);
    else next.set(docKey, connection);
    return next;
  });
}

export function store(key: string, value: string | undefined) {
  try {
    if (value === undefined) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // Storage full or unavailable: the count shows in this tab only until the next load.
  }
}

/** Every project's document edits not yet on the server, by project id (open or not). */
export function useUnsentDocChanges(
  userId: Accessor<string | undefined>,
): Accessor<ReadonlyMap<string, DocChange[]>> {
  return createMemo(() => {
    written();
    const user = userId();
    const lists = new Map<string, DocChange[][]>();
    if (!user) return new Map<string, DocChange[]>();
    for (const key of Object.keys(localStorage)) {
      if (!key.startsWith(unsentPrefix(user)) || !key.endsWith(UNSENT)) continue;
      let parsed;
      try {
        parsed = storedChangesSchema.safeParse(JSON.parse(localStorage.getItem(key) ?? ''));
      } catch {
        continue;
      }
      if (!parsed.success || parsed.data.length === 0) continue;
      // A checklist document's changes count with its project's.
      const projectId = key
        .slice(unsentPrefix(user).length, -UNSENT.length)
        .split(CHECKLIST_PART)[0]!;
      lists.set(projectId, [...(lists.get(projectId) ?? []), parsed.data]);
    }
    return new Map([...lists].map(([projectId, l]) => [projectId, mergeDocChanges(l)]));
  });
}

/** Some open project document has no connection to the server. */
export const anyDocOffline = (): boolean =>
  [...connections().values()].some((c) => c === 'offline');
