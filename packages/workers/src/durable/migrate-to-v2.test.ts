import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { DocRoot } from '@corates/shared';
import { ensureDocSchema, readChecklistContent } from '@corates/shared/doc';
import { setV1Answer, v1PairedAppraisal } from '@corates/shared/testing/v1-doc';
import { ProjectRoom } from '../rooms/project-room.ts';
import { MemoryRoomStorage } from '../rooms/room-storage.ts';
import { migrateToV2 } from './migrate-to-v2.ts';

/** A v1 project with two checklists; `a` holds one wrongly typed answer the split cannot carry. */
function v1Room() {
  const doc = new Y.Doc();
  ensureDocSchema(doc);
  const { a, b } = v1PairedAppraisal(doc);
  setV1Answer(doc, a, 'q1', 'yes');
  setV1Answer(doc, b, 'q1', 'no');
  (doc.getMap(DocRoot.checklists).get(a) as Y.Map<Y.Map<unknown>>).get('answers')!.set('q2', 42);
  const storage = new MemoryRoomStorage();
  storage.compact(Y.encodeStateAsUpdate(doc));
  return { storage, a, b };
}

describe('[R18] migrateToV2', () => {
  it('a crash between two checklists leaves no checklist document without its record of what was skipped', () => {
    const { storage, a, b } = v1Room();
    const checklistStorage = new Map<string, MemoryRoomStorage>();
    const storageOf = (id: string) => {
      if (!checklistStorage.has(id)) checklistStorage.set(id, new MemoryRoomStorage());
      return checklistStorage.get(id)!;
    };
    const records = new Map<string, number>();

    // The first run dies while splitting the second checklist.
    let calls = 0;
    expect(() =>
      migrateToV2(new ProjectRoom(storage, { sockets: () => [] }), 'p1', storageOf, (id, n) => {
        if (++calls === 2) throw new Error('the object was reset');
        records.set(id, n);
      }),
    ).toThrow('the object was reset');

    // The next load runs it again from what was stored.
    const room = new ProjectRoom(storage, { sockets: () => [] });
    migrateToV2(room, 'p1', storageOf, (id, n) => records.set(id, n));

    expect(room.doc.getMap(DocRoot.meta).get('schemaVersion')).toBe(2);
    for (const id of checklistStorage.keys()) expect(records.has(id)).toBe(true);
    expect(Object.fromEntries(records)).toEqual({ [a]: 1, [b]: 0 });
    const answersOf = (id: string) => {
      const d = new Y.Doc();
      Y.applyUpdate(d, storageOf(id).loadSnapshot()!);
      return readChecklistContent(d).answers;
    };
    expect(answersOf(a)).toEqual({ q1: 'yes' });
    expect(answersOf(b)).toEqual({ q1: 'no' });
  });
});
