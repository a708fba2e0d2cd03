import * as Y from 'yjs';
import { ChecklistDocRoot } from '@corates/shared/doc';
import { INVALID_DOCUMENT_PREFIX, InvalidDocumentUpdate } from './layout-guard.ts';

/**
 * [R16] The layout rule of a checklist document (document model v2, docs/doc-model-v2.md), like
 * [R12] for the project document: an entry of `notes` or `support` must be a text, an answer a
 * string, and nothing may be written under a root the layout does not have. Decided from the
 * update's structs alone (a new entry names its root); an overwrite that names only its origin is
 * let through, as under [R12] — the readers skip what is wrong anyway.
 */
const ROOTS: ReadonlySet<string> = new Set(Object.values(ChecklistDocRoot));

export function checkChecklistUpdate(doc: Y.Doc, update: Uint8Array): void {
  const { structs } = Y.decodeUpdate(update);
  for (const s of structs) {
    if (!(s instanceof Y.Item) || typeof s.parent !== 'string' || s.parentSub === null) continue;
    if (s.id.clock + s.length <= Y.getState(doc.store, s.id.client)) continue;
    if (s.content instanceof Y.ContentDeleted) continue;
    const root = s.parent;
    const refuse = (what: string) => {
      throw new InvalidDocumentUpdate(`${INVALID_DOCUMENT_PREFIX}${root}.${s.parentSub} ${what}`);
    };
    if (!ROOTS.has(root)) refuse(`is outside the checklist document's layout`);
    if (root === ChecklistDocRoot.notes || root === ChecklistDocRoot.support) {
      if (!(s.content instanceof Y.ContentType) || !(s.content.type instanceof Y.Text))
        refuse('must be a text');
    }
    if (root === ChecklistDocRoot.answers) {
      const ok =
        (s.content instanceof Y.ContentAny || s.content instanceof Y.ContentJSON) &&
        s.content.arr.length === 1 &&
        typeof s.content.arr[0] === 'string';
      if (!ok) refuse('must be an option value');
    }
  }
}
