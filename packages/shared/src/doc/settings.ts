import type * as Y from 'yjs';

/**
 * The project document's `settings` root (document model v2, docs/doc-model-v2.md): switches that
 * apply to the whole project. Only owners may write it (the relay refuses other members' writes).
 */
export const SETTINGS_ROOT = 'settings';

const settingsOf = (doc: Y.Doc) => doc.getMap<unknown>(SETTINGS_ROOT);

/**
 * Whether reviewers are blind to each other's checklists until both are done. Absent means on
 * (a project created under v2); only an explicit `false` turns it off, which is what the v1 → v2
 * migration writes, since those reviewers already saw each other's work.
 */
export function readBlindReviewers(doc: Y.Doc): boolean {
  return settingsOf(doc).get('blindReviewers') !== false;
}

/** An owner turns blinding on or off; written as an explicit boolean either way. */
export function setBlindReviewers(doc: Y.Doc, on: boolean) {
  settingsOf(doc).set('blindReviewers', on);
}
