import * as Y from 'yjs';
import type { ProjectDocContent } from '@corates/shared/doc';
import { readableChecklists } from './share-content.ts';

/**
 * The publisher's checklist documents as they leave for a subscriber (docs/federation.md
 * "Checklist documents"): the ProjectDoc answers with these, on its live documents.
 */

/** A checklist document asked for, against the state vector the subscriber holds. */
export interface DocWanted {
  checklistId: string;
  stateVector: Uint8Array;
}

/** The update bringing the subscriber to the document's `stateVector`, or withheld. */
export type DocAnswer =
  | { checklistId: string; withheld: true }
  | { checklistId: string; withheld: false; update: Uint8Array; stateVector: Uint8Array };

/**
 * The updates for `wanted`, in its order, each only when the share's rule (`readableChecklists`)
 * allows the content on the live project document now (D1's copy, from which the log was made, may be seconds old: a
 * reconciliation reopened since is withheld). Stops after the update that brings the total past
 * `budgetBytes` (always at least one): the page ends there and the rest comes with the next.
 * A checklist the project no longer has (deleted, trashed) is withheld.
 */
export function encodeChecklistUpdates(
  doc: Pick<ProjectDocContent, 'checklists'>,
  withDoc: <T>(checklistId: string, read: (doc: Y.Doc) => T) => T,
  wanted: readonly DocWanted[],
  budgetBytes: number,
): DocAnswer[] {
  const readable = readableChecklists(doc);
  const out: DocAnswer[] = [];
  let bytes = 0;
  for (const { checklistId, stateVector } of wanted) {
    if (bytes > budgetBytes) break;
    if (!readable.has(checklistId)) {
      out.push({ checklistId, withheld: true });
      continue;
    }
    const answer = withDoc(checklistId, (doc) => ({
      update: Y.encodeStateAsUpdate(doc, stateVector),
      stateVector: Y.encodeStateVector(doc),
    }));
    bytes += answer.update.byteLength;
    out.push({ checklistId, withheld: false, ...answer });
  }
  return out;
}
