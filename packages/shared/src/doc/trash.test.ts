import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  ChecklistRuleError,
  addStudy,
  assignReviewers,
  checklistLoss,
  checklistsOf,
  createChecklist,
  describeLoss,
  noteText,
  purgeTrash,
  readStudies,
  readTrash,
  removeStudy,
  restoreFromTrash,
  setAnswer,
  studiesOf,
  trashedChecklistDocAccess,
  trashedChecklistHeader,
  unassignReviewer,
  readChecklistContent,
} from './index.ts';
import { checklistDefinition, checklistItems } from '../checklists/index.ts';

const owner = { by: 'olga', role: 'owner' as const };
const editor = { by: 'eddie', role: 'editor' as const };

/** A study with Ana and Bo assigned; Ana has answered one question and written a note. */
function project() {
  const doc = new Y.Doc();
  const studyId = addStudy(
    doc,
    { title: 'Statins', authors: '', year: 2020, journal: '', doi: '' },
    'olga',
  );
  assignReviewers(doc, studyId, 'ana', 'bo');
  const ana = createChecklist(doc, { studyId, type: 'AMSTAR2', reviewerId: 'ana' });
  const bo = createChecklist(doc, { studyId, type: 'AMSTAR2', reviewerId: 'bo' });
  const content = new Y.Doc();
  const first = checklistItems(checklistDefinition('AMSTAR2'))[0]!;
  setAnswer(doc, ana, content, first.id, first.options[0]!.value);
  noteText(content, first.id).insert(0, 'see table 2');
  return { doc, studyId, ana, bo, content };
}

const headerJson = (doc: Y.Doc, id: string) => checklistsOf(doc).get(id)?.toJSON();

describe('trash: unassigning a reviewer', () => {
  it('moves a started checklist to the trash and restore puts back header, slot and history', () => {
    const { doc, studyId, ana } = project();
    const before = headerJson(doc, ana);
    expect(unassignReviewer(doc, studyId, 'reviewer1', owner)).toBe('trashed');
    expect(checklistsOf(doc).has(ana)).toBe(false);
    expect(readStudies(doc)[0]!.reviewer1).toBeNull();
    const [entry] = readTrash(doc);
    expect(entry).toMatchObject({
      kind: 'checklist',
      by: 'olga',
      reviewerId: 'ana',
      slot: 'reviewer1',
    });
    expect(entry!.daysLeft).toBe(29);
    restoreFromTrash(doc, entry!.id, owner);
    expect(headerJson(doc, ana)).toEqual(before);
    expect(readStudies(doc)[0]!.reviewer1).toBe('ana');
    expect(readTrash(doc)).toEqual([]);
  });

  it('refuses an editor, and without an actor, for started work; allows the reviewer for their own', () => {
    const { doc, studyId, ana } = project();
    expect(() => unassignReviewer(doc, studyId, 'reviewer1', editor)).toThrow(ChecklistRuleError);
    expect(() => unassignReviewer(doc, studyId, 'reviewer1')).toThrow(ChecklistRuleError);
    expect(checklistsOf(doc).has(ana)).toBe(true);
    expect(unassignReviewer(doc, studyId, 'reviewer1', { by: 'ana', role: 'editor' })).toBe(
      'trashed',
    );
    const [entry] = readTrash(doc);
    expect(() => restoreFromTrash(doc, entry!.id, editor)).toThrow(ChecklistRuleError);
    restoreFromTrash(doc, entry!.id, { by: 'ana', role: 'editor' });
    expect(checklistsOf(doc).has(ana)).toBe(true);
  });

  it('deletes unstarted work directly, for anyone', () => {
    const { doc, studyId, bo } = project();
    expect(unassignReviewer(doc, studyId, 'reviewer2', editor)).toBe('deleted');
    expect(checklistsOf(doc).has(bo)).toBe(false);
    expect(readTrash(doc)).toEqual([]);
  });

  it('restores into the other slot when theirs was filled, and refuses when both are', () => {
    const { doc, studyId } = project();
    unassignReviewer(doc, studyId, 'reviewer1', owner);
    const [entry] = readTrash(doc);
    assignReviewers(doc, studyId, 'cy', 'bo');
    expect(() => restoreFromTrash(doc, entry!.id, owner)).toThrow(/Both reviewer places/);
    unassignReviewer(doc, studyId, 'reviewer2', owner); // Bo has not started: deleted
    restoreFromTrash(doc, entry!.id, owner);
    const s = readStudies(doc)[0]!;
    expect([s.reviewer1, s.reviewer2]).toEqual(['cy', 'ana']);
  });
});

describe('trash: removing a study', () => {
  it('moves a study with started checklists to the trash; restore brings it back exactly', () => {
    const { doc, studyId, ana, bo } = project();

    const study = studiesOf(doc).get(studyId)!.toJSON();
    const headers = [headerJson(doc, ana), headerJson(doc, bo)];
    expect(() => removeStudy(doc, studyId, editor)).toThrow(ChecklistRuleError);
    expect(removeStudy(doc, studyId, owner)).toBe('trashed');
    expect(studiesOf(doc).size).toBe(0);
    expect(checklistsOf(doc).size).toBe(0);
    expect(trashedChecklistHeader(doc, ana)).toMatchObject({ id: ana, reviewerId: 'ana' });
    restoreFromTrash(doc, readTrash(doc)[0]!.id, owner);
    expect(studiesOf(doc).get(studyId)!.toJSON()).toEqual(study);
    expect([headerJson(doc, ana), headerJson(doc, bo)]).toEqual(headers);
  });

  it('deletes a study nobody has started', () => {
    const doc = new Y.Doc();
    const id = addStudy(doc, { title: 'T', authors: '', year: null, journal: '', doi: '' }, 'u');
    expect(removeStudy(doc, id)).toBe('deleted');
    expect(studiesOf(doc).size).toBe(0);
  });
});

describe('trash: purge, access, loss', () => {
  it('purges entries older than 30 days only', () => {
    const { doc, studyId, ana } = project();
    unassignReviewer(doc, studyId, 'reviewer1', owner);
    const at = Date.parse(readTrash(doc)[0]!.at);
    expect(purgeTrash(doc, new Date(at + 29.9 * 86_400_000))).toEqual([]);
    expect(purgeTrash(doc, new Date(at + 30 * 86_400_000))).toEqual([ana]);
    expect(readTrash(doc)).toEqual([]);
  });

  it('lets an owner and the reviewer read a trashed checklist, nobody else', () => {
    const checklist = {
      id: 'c',
      studyId: 's',
      type: 'AMSTAR2',
      reviewerId: 'ana',
      status: 'in-progress' as const,
    };
    expect(trashedChecklistDocAccess({ userId: 'olga', role: 'owner', checklist })).toBe('read');
    expect(trashedChecklistDocAccess({ userId: 'ana', role: 'editor', checklist })).toBe('read');
    expect(trashedChecklistDocAccess({ userId: 'bo', role: 'editor', checklist })).toBe('none');
    expect(trashedChecklistDocAccess({ userId: 'vi', role: 'viewer', checklist })).toBe('none');
  });

  it('describes what would be lost', () => {
    const { content } = project();
    const loss = checklistLoss('AMSTAR2', readChecklistContent(content));
    expect(loss).toMatchObject({ answered: 1, notes: 1 });
    expect(describeLoss(loss)).toBe(`1 of ${loss.total} answered, 1 note`);
  });
});

describe('assignReviewers (single study)', () => {
  it('never replaces a reviewer who has a checklist of the study', () => {
    const { doc, studyId } = project();
    expect(() => assignReviewers(doc, studyId, 'cy', 'bo')).toThrow(ChecklistRuleError);
    expect(readStudies(doc)[0]!.reviewer1).toBe('ana');
    assignReviewers(doc, studyId, 'bo', 'ana'); // swapping keeps both: allowed
    expect(readStudies(doc)[0]!.reviewer1).toBe('bo');
  });
});
