import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  addStudy,
  assignReviewers,
  assignReviewersMany,
  createChecklist,
  readStudies,
} from './index.ts';

const fields = (title: string) => ({ title, authors: '', year: 2020, journal: '', doi: '' });

function project(count: number) {
  const doc = new Y.Doc();
  const ids = Array.from({ length: count }, (_, i) => addStudy(doc, fields(`S${i}`), 'owner'));
  return { doc, ids };
}

const reviewersOf = (doc: Y.Doc) =>
  Object.fromEntries(readStudies(doc).map((s) => [s.id, [s.reviewer1, s.reviewer2]]));

describe('assignReviewersMany', () => {
  it('assigns both slots of every study in one transaction', () => {
    const { doc, ids } = project(5);
    let transactions = 0;
    doc.on('afterTransaction', () => transactions++);
    const result = assignReviewersMany(doc, ids, { reviewer1: 'ada', reviewer2: 'bo' });
    expect(transactions).toBe(1);
    expect(result).toEqual({ changed: ids, skipped: [] });
    for (const id of ids) expect(reviewersOf(doc)[id]).toEqual(['ada', 'bo']);
  });

  it('is one undo step', () => {
    const { doc, ids } = project(3);
    const undo = new Y.UndoManager(doc.getMap('studies'));
    assignReviewersMany(doc, ids, { reviewer1: 'ada' });
    undo.undo();
    for (const id of ids) expect(reviewersOf(doc)[id]).toEqual([null, null]);
  });

  it('changes only the slots given', () => {
    const { doc, ids } = project(2);
    assignReviewers(doc, ids[0]!, 'ada', 'bo');
    assignReviewersMany(doc, ids, { reviewer2: 'cy' });
    expect(reviewersOf(doc)).toEqual({ [ids[0]!]: ['ada', 'cy'], [ids[1]!]: [null, 'cy'] });
  });

  it('keeps a reviewer who has started a checklist of the study, and says so', () => {
    const { doc, ids } = project(3);
    assignReviewersMany(doc, ids, { reviewer1: 'ada' });
    createChecklist(doc, { studyId: ids[1]!, type: 'AMSTAR2', reviewerId: 'ada' });
    const result = assignReviewersMany(doc, ids, { reviewer1: 'bo', reviewer2: 'cy' });
    expect(result.skipped).toEqual([{ studyId: ids[1], reason: 'started' }]);
    // Its other slot is still assigned.
    expect(result.changed).toEqual(ids);
    expect(reviewersOf(doc)).toEqual({
      [ids[0]!]: ['bo', 'cy'],
      [ids[1]!]: ['ada', 'cy'],
      [ids[2]!]: ['bo', 'cy'],
    });
  });

  it('a checklist of another study does not protect the reviewer', () => {
    const { doc, ids } = project(2);
    assignReviewersMany(doc, ids, { reviewer1: 'ada' });
    createChecklist(doc, { studyId: ids[0]!, type: 'AMSTAR2', reviewerId: 'ada' });
    const result = assignReviewersMany(doc, [ids[1]!], { reviewer1: null });
    expect(result).toEqual({ changed: [ids[1]], skipped: [] });
  });

  it('leaves a study alone when the result would put one person in both slots', () => {
    const { doc, ids } = project(2);
    assignReviewers(doc, ids[0]!, null, 'ada');
    const result = assignReviewersMany(doc, ids, { reviewer1: 'ada' });
    expect(result).toEqual({
      changed: [ids[1]],
      skipped: [{ studyId: ids[0], reason: 'same-person' }],
    });
    expect(reviewersOf(doc)[ids[0]!]).toEqual([null, 'ada']);
  });

  it('refuses the same person for both slots', () => {
    const { doc, ids } = project(1);
    expect(() => assignReviewersMany(doc, ids, { reviewer1: 'ada', reviewer2: 'ada' })).toThrow(
      /different people/,
    );
  });

  it('reports a study that is gone, and does not count an unchanged one', () => {
    const { doc, ids } = project(1);
    assignReviewers(doc, ids[0]!, 'ada', null);
    const result = assignReviewersMany(doc, [ids[0]!, 'gone'], { reviewer1: 'ada' });
    expect(result).toEqual({ changed: [], skipped: [{ studyId: 'gone', reason: 'missing' }] });
  });
});
