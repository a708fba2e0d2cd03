import * as Y from 'yjs';
import { addStudy } from './studies.ts';
import type { StudyFields } from './layout.ts';
import { checklistsOf, studiesOf } from './roots.ts';

/** One import of studies, undoable on its own for as long as the caller keeps it. */
export interface StudyImport {
  /** The new studies' ids, in the order of the fields given. */
  readonly ids: readonly string[];
  /**
   * Removes exactly the studies this import added, in one transaction: what peers (or this
   * client, outside the import) changed meanwhile is untouched, and a study a peer removed since
   * stays removed. Refused, changing nothing, once any of them has a checklist: undoing the
   * import must never take someone's appraisal with it.
   */
  undo(): 'undone' | 'has-checklists' | 'already-undone';
  /** Stops tracking (the import can no longer be undone). */
  destroy(): void;
}

/**
 * Adds every study in one Yjs transaction (a peer sees all or none of the import) under an
 * origin of its own, with a `Y.UndoManager` scoped to the studies map that tracks only that
 * origin, so undoing it can never revert someone else's change.
 */
export function importStudies(
  doc: Y.Doc,
  fields: readonly StudyFields[],
  userId: string,
): StudyImport {
  const origin = { import: true };
  const undoManager = new Y.UndoManager(studiesOf(doc), {
    trackedOrigins: new Set([origin]),
    // One import is one undo step, however long the transaction runs.
    captureTimeout: Number.POSITIVE_INFINITY,
  });
  const ids: string[] = [];
  doc.transact(() => {
    for (const f of fields) ids.push(addStudy(doc, f, userId));
  }, origin);
  let undone = false;
  return {
    ids,
    undo() {
      if (undone) return 'already-undone';
      const imported = new Set(ids);
      let inUse = false;
      checklistsOf(doc).forEach((c) => {
        if (c instanceof Y.Map && imported.has(c.get('studyId') as string)) inUse = true;
      });
      if (inUse) return 'has-checklists';
      undoManager.undo();
      undoManager.destroy();
      undone = true;
      return 'undone';
    },
    destroy() {
      undoManager.destroy();
    },
  };
}
