import { type Accessor, createComputed, createMemo, onCleanup } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import type * as Y from 'yjs';
import type { Role } from '@corates/shared';
import {
  type ChecklistDocAccess,
  checklistDocAccess,
  readBlindReviewers,
  readChecklists,
} from '@corates/shared/doc';
import { createDocValue } from '../sync/doc/create-doc-value.ts';
import { createDocReady } from '../sync/doc/use-project-doc.ts';
import type { ProjectDocHandle } from '../sync/doc/project-doc-provider.ts';
import { type ChecklistDocHandle, useChecklistDoc } from '../sync/doc/use-checklist-doc.ts';

/**
 * A checklist's document as a page uses it (document model v2): opened only once its header is in
 * the project document and this user may open it by the relay's own rule (`checklistDocAccess`),
 * so a blinded reviewer's browser never asks for — or stores — the other reviewer's answers.
 * `withheld` is that rule's "no", or the server's (a 4412 close).
 */
export interface ChecklistContent {
  /** This user's access by the rule; undefined while the checklist has no header. */
  access: Accessor<ChecklistDocAccess | undefined>;
  handle: Accessor<ChecklistDocHandle | undefined>;
  withheld: Accessor<boolean>;
  /** The document can be shown (its local copy is loaded, and synced once unless offline). */
  ready: Accessor<boolean>;
}

export function useChecklistContent(
  project: { id: string; role: Role },
  projectDoc: ProjectDocHandle,
  userId: Accessor<string>,
  checklistId: Accessor<string | undefined>,
): ChecklistContent {
  const facts = createDocValue(projectDoc.doc, (d) => ({
    headers: readChecklists(d),
    blindReviewers: readBlindReviewers(d),
  }));
  const access = createMemo(() => {
    const id = checklistId();
    const { headers, blindReviewers } = facts();
    const checklist = id === undefined ? undefined : headers.find((c) => c.id === id);
    if (!checklist) return undefined;
    return checklistDocAccess({
      userId: userId(),
      role: project.role,
      checklist,
      checklists: headers,
      blindReviewers,
    });
  });
  const open = createMemo(() => {
    const a = access();
    return a !== undefined && a !== 'none' ? checklistId() : undefined;
  });
  const handle = useChecklistDoc(() => project.id, open);
  const withheld = () => access() === 'none' || handle()?.withheld() === true;
  // One readiness per handle (it holds the handle's load state), read through; a checklist's
  // local copy holds something once any client wrote to it.
  const readyOf = createMemo(() => {
    const h = handle();
    return h ? createDocReady(h, (doc) => doc.store.clients.size > 0) : undefined;
  });
  const ready = () => readyOf()?.() ?? false;
  return { access, handle, withheld, ready };
}

/**
 * A value read from a checklist's document, read again after every update of it, following the
 * handle as it changes (undefined while there is none). Reconciled into the old value like
 * `createDocValue`, so rows keep their DOM when a peer types elsewhere.
 */
export function createContentValue<T>(
  handle: Accessor<ChecklistDocHandle | undefined>,
  read: (doc: Y.Doc) => T,
): Accessor<T | undefined> {
  const [state, setState] = createStore<{ value: T | undefined }>({ value: undefined });
  createComputed(() => {
    const h = handle();
    if (!h) {
      setState('value', undefined);
      return;
    }
    const refresh = () => setState('value', reconcile(read(h.doc), { key: 'id' }));
    refresh();
    h.doc.on('update', refresh);
    onCleanup(() => h.doc.off('update', refresh));
  });
  return () => state.value;
}
