import * as Y from 'yjs';
import { DocRoot } from '@corates/shared';
import { stripV1Content, v1ChecklistContents, writeChecklistContent } from '@corates/shared/doc';
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
 */
export function migrateToV2(
  room: ProjectRoom,
  projectId: string,
  storageOf: (checklistId: string) => RoomStorage,
) {
  const doc = room.doc;
  if (doc.getMap(DocRoot.meta).get('schemaVersion') !== 1) return;
  for (const [checklistId, content] of v1ChecklistContents(doc)) {
    const storage = storageOf(checklistId);
    if (storage.loadSnapshot() !== undefined || storage.updateCount() > 0) continue;
    const checklistDoc = new Y.Doc();
    writeChecklistContent(checklistDoc, { checklistId, projectId }, content);
    storage.compact(Y.encodeStateAsUpdate(checklistDoc));
  }
  stripV1Content(doc);
  room.commit();
}
