import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  addStudy,
  assignReviewers,
  checklistsOf,
  createChecklist,
  readTrash,
  removeStudy,
  restoreFromTrash,
  setAnswer,
  studiesOf,
  trashOf,
  unassignReviewer,
} from '@corates/shared/doc';
import { checklistDefinition, checklistItems } from '@corates/shared';
import { checkUpdateLayout, ForbiddenDocumentUpdate } from './layout-guard.ts';

// [R21] Started work leaves the project document only through the trash, by an owner or the
// reviewer themselves; a trash entry leaves it only by a restore (the server purges).

const owner = { by: 'olga', role: 'owner' as const };
const ROLE = 'INVALID_DOCUMENT: only an owner of the project, or the reviewer themselves';
const STRAIGHT = 'INVALID_DOCUMENT: started work goes to the trash';

/** A v2 project document: one study, Ana (started) and Bo (not started) assigned. */
function server() {
  const doc = new Y.Doc();
  doc.getMap('meta').set('schemaVersion', 2);
  const studyId = addStudy(
    doc,
    { title: 'S', authors: '', year: null, journal: '', doi: '' },
    'olga',
  );
  assignReviewers(doc, studyId, 'ana', 'bo');
  const ana = createChecklist(doc, { studyId, type: 'AMSTAR2', reviewerId: 'ana' });
  const bo = createChecklist(doc, { studyId, type: 'AMSTAR2', reviewerId: 'bo' });
  const item = checklistItems(checklistDefinition('AMSTAR2'))[0]!;
  setAnswer(doc, ana, new Y.Doc(), item.id, item.options[0]!.value);
  return { doc, studyId, ana, bo };
}

/** The update an edit of a synced copy of `doc` produces. */
function updateOf(doc: Y.Doc, edit: (d: Y.Doc) => void): Uint8Array {
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(doc));
  const before = Y.encodeStateVector(client);
  edit(client);
  return Y.encodeStateAsUpdate(client, before);
}

describe('[R21] trashing started work', () => {
  it('lets an owner unassign a started reviewer through the trash; refuses an editor', () => {
    const { doc, studyId } = server();
    const update = updateOf(doc, (d) => unassignReviewer(d, studyId, 'reviewer1', owner));
    expect(() => checkUpdateLayout(doc, update, true, 'olga')).not.toThrow();
    expect(() => checkUpdateLayout(doc, update, false, 'eddie')).toThrow(ForbiddenDocumentUpdate);
    expect(() => checkUpdateLayout(doc, update, false, 'eddie')).toThrow(ROLE);
    expect(() => checkUpdateLayout(doc, update, false)).toThrow(ROLE);
  });

  it('lets the reviewer trash their own started checklist', () => {
    const { doc, studyId } = server();
    const update = updateOf(doc, (d) =>
      unassignReviewer(d, studyId, 'reviewer1', { by: 'ana', role: 'editor' }),
    );
    expect(() => checkUpdateLayout(doc, update, false, 'ana')).not.toThrow();
    expect(() => checkUpdateLayout(doc, update, false, 'bo')).toThrow(ROLE);
  });

  it.each([
    [
      'deletes a started checklist header',
      (d: Y.Doc, ids: { ana: string }) => checklistsOf(d).delete(ids.ana),
    ],
    [
      'deletes a study and its checklists',
      (d: Y.Doc, ids: { studyId: string; ana: string; bo: string }) =>
        d.transact(() => {
          studiesOf(d).delete(ids.studyId);
          checklistsOf(d).delete(ids.ana);
          checklistsOf(d).delete(ids.bo);
        }),
    ],
    [
      'deletes a study only, leaving started checklists',
      (d: Y.Doc, ids: { studyId: string }) => studiesOf(d).delete(ids.studyId),
    ],
  ])('refuses everyone, owners too, who %s outright', (_, edit) => {
    const s = server();
    const update = updateOf(s.doc, (d) => edit(d, s));
    expect(() => checkUpdateLayout(s.doc, update, true, 'olga')).toThrow(STRAIGHT);
    expect(() => checkUpdateLayout(s.doc, update, false, 'ana')).toThrow(ForbiddenDocumentUpdate);
  });

  it('lets anyone delete unstarted work outright', () => {
    const { doc, studyId, bo } = server();
    const update = updateOf(doc, (d) => unassignReviewer(d, studyId, 'reviewer2'));
    expect(() => checkUpdateLayout(doc, update, false, 'eddie')).not.toThrow();
    expect(() =>
      checkUpdateLayout(
        doc,
        updateOf(doc, (d) => checklistsOf(d).delete(bo)),
        false,
        'eddie',
      ),
    ).not.toThrow();
  });

  it('lets an owner remove a study with started work through the trash; refuses an editor', () => {
    const { doc, studyId } = server();
    const update = updateOf(doc, (d) => removeStudy(d, studyId, owner));
    expect(() => checkUpdateLayout(doc, update, true, 'olga')).not.toThrow();
    expect(() => checkUpdateLayout(doc, update, false, 'eddie')).toThrow(ROLE);
  });
});

describe('[R21] restoring and emptying the trash', () => {
  function trashed() {
    const s = server();
    Y.applyUpdate(
      s.doc,
      updateOf(s.doc, (d) => unassignReviewer(d, s.studyId, 'reviewer1', owner)),
    );
    return { ...s, entryId: readTrash(s.doc)[0]!.id };
  }

  it('lets an owner or the reviewer restore; refuses another editor', () => {
    const { doc, entryId } = trashed();
    const byOwner = updateOf(doc, (d) => restoreFromTrash(d, entryId, owner));
    expect(() => checkUpdateLayout(doc, byOwner, true, 'olga')).not.toThrow();
    expect(() => checkUpdateLayout(doc, byOwner, false, 'eddie')).toThrow(ROLE);
    expect(() => checkUpdateLayout(doc, byOwner, false, 'ana')).not.toThrow();
  });

  it('refuses deleting a trash entry without putting its checklists back, owners too', () => {
    const { doc, entryId } = trashed();
    const update = updateOf(doc, (d) => trashOf(d).delete(entryId));
    expect(() => checkUpdateLayout(doc, update, true, 'olga')).toThrow(STRAIGHT);
  });
});
