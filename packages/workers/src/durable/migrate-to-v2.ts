import * as Y from 'yjs';
import { DocRoot } from '@corates/shared';
import {
  readProjectDoc,
  stripV1Content,
  V1_CONTENT_KEYS,
  v1ChecklistContents,
  writeChecklistContent,
} from '@corates/shared/doc';
import type { ProjectRoom } from '../rooms/project-room.ts';
import type { RoomStorage } from '../rooms/room-storage.ts';

/**
 * [R18] The one-time server-side migration of a version-1 project document (docs/doc-model-v2.md):
 * every checklist's content becomes the first snapshot of its own checklist document, then the
 * content is deleted from the project document and its schema version set to 2, committed like
 * any update (stored before it is sent: connected clients receive the deletions).
 *
 * Idempotent and safe to interrupt: a checklist document that already has rows is left alone, and
 * the project document changes last — a crash before that leaves version 1, and the next load
 * runs this again, skipping what is done. Only a document at version 1 is touched.
 *
 * `onSplit` learns each checklist document written and how many entries of its v1 content the
 * tolerant reader skipped as wrongly typed (they are not carried; the summary keeps counting them
 * as problems).
 */
export function migrateToV2(
  room: ProjectRoom,
  projectId: string,
  storageOf: (checklistId: string) => RoomStorage,
  onSplit: (checklistId: string, skipped: number) => void = () => {},
) {
  const doc = room.doc;
  if (doc.getMap(DocRoot.meta).get('schemaVersion') !== 1) return;
  const skipped = skippedContent(doc);
  for (const [checklistId, content] of v1ChecklistContents(doc)) {
    const storage = storageOf(checklistId);
    if (storage.loadSnapshot() !== undefined || storage.updateCount() > 0) continue;
    // Recorded before the rows are written: a checklist document is never left with rows but no
    // record of what its split skipped (the next run passes over documents that have rows). A
    // crash in between leaves a record and no rows, and the next run writes both again.
    onSplit(checklistId, skipped.get(checklistId) ?? 0);
    const checklistDoc = new Y.Doc();
    writeChecklistContent(checklistDoc, { checklistId, projectId }, content);
    storage.compact(Y.encodeStateAsUpdate(checklistDoc));
  }
  stripV1Content(doc);
  room.commit();
}

const CONTENT_KEYS: ReadonlySet<string> = new Set(V1_CONTENT_KEYS);

/** Per checklist, the problems the v1 reader found in its content (answers, notes, support, judgements). */
function skippedContent(doc: Y.Doc): Map<string, number> {
  const out = new Map<string, number>();
  for (const { path } of readProjectDoc(doc).problems) {
    const [root, checklistId, part] = path;
    if (root !== DocRoot.checklists || checklistId === undefined || part === undefined) continue;
    if (CONTENT_KEYS.has(part)) out.set(checklistId, (out.get(checklistId) ?? 0) + 1);
  }
  return out;
}
