import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readChecklistContent } from './checklist-doc.ts';
import {
  writeMirrorChecklist,
  writeMirrorDoc,
  MIRROR_AUTHOR,
  type MirrorRecords,
} from './mirror.ts';
import { readProjectDoc } from './read-doc.ts';

const study = {
  id: 's1',
  title: 'Trial',
  authors: 'A. Author',
  year: 2020,
  journal: 'J',
  doi: '',
  design: 'rct-parallel',
  createdAt: '2026-12-01T00:00:00.000Z',
};
const records: MirrorRecords = {
  studies: [study, { ...study, id: 's2', title: 'Second', design: null }],
  outcomes: [{ id: 'o1', name: 'Mortality', createdAt: '2026-12-01T00:00:00.000Z' }],
  checklists: [
    {
      id: 'c1',
      studyId: 's1',
      type: 'AMSTAR2',
      status: 'finalized',
      reconciled: true,
      outcomeId: null,
      createdAt: '2026-12-02T00:00:00.000Z',
      completedAt: '2026-12-03T00:00:00.000Z',
    },
    {
      id: 'c2',
      studyId: 's1',
      type: 'AMSTAR2',
      status: 'reviewer-completed',
      reconciled: false,
      outcomeId: null,
      createdAt: '2026-12-02T00:00:00.000Z',
      completedAt: null,
    },
  ],
};

/** The updates `edit` makes to `doc`, counted. */
function updatesOf(doc: Y.Doc, edit: () => void): number {
  let n = 0;
  const count = () => n++;
  doc.on('update', count);
  edit();
  doc.off('update', count);
  return n;
}

describe('writeMirrorDoc', () => {
  it('makes the project document hold the records, readable by the document reader', () => {
    const doc = new Y.Doc();
    writeMirrorDoc(doc, records);
    const read = readProjectDoc(doc);
    expect(read.problems).toEqual([]);
    expect(read.studies.map((s) => [s.id, s.title, s.design, s.createdBy])).toEqual([
      ['s1', 'Trial', 'rct-parallel', MIRROR_AUTHOR],
      ['s2', 'Second', undefined, MIRROR_AUTHOR],
    ]);
    expect(read.outcomes.map((o) => o.name)).toEqual(['Mortality']);
    expect(read.checklists.map((c) => [c.id, c.reviewerId, c.status])).toEqual([
      ['c1', null, 'finalized'],
      ['c2', MIRROR_AUTHOR, 'reviewer-completed'],
    ]);
  });

  it('writes nothing when the document already holds the records, and only what differs otherwise', () => {
    const doc = new Y.Doc();
    writeMirrorDoc(doc, records);
    expect(updatesOf(doc, () => writeMirrorDoc(doc, records))).toBe(0);
    const before = Y.encodeStateVector(doc);
    writeMirrorDoc(doc, { ...records, studies: [{ ...study, title: 'Renamed' }] });
    // One title set and one study deleted: a small update, not the document again.
    expect(Y.encodeStateAsUpdate(doc, before).byteLength).toBeLessThan(120);
    expect(readProjectDoc(doc).studies.map((s) => [s.id, s.title])).toEqual([['s1', 'Renamed']]);
  });

  it('removes records that left, checklists and outcomes too', () => {
    const doc = new Y.Doc();
    writeMirrorDoc(doc, records);
    writeMirrorDoc(doc, { studies: records.studies, outcomes: [], checklists: [] });
    const read = readProjectDoc(doc);
    expect(read.outcomes).toEqual([]);
    expect(read.checklists).toEqual([]);
    expect(read.studies).toHaveLength(2);
  });
});

describe('writeMirrorChecklist', () => {
  const ids = { checklistId: 'c1', projectId: 'p1' };
  const content = {
    answers: { q1: 'yes', q2: 'no' },
    notes: { q1: 'stated on p. 2' },
    support: {},
    judgements: {},
  };

  it('makes the checklist document hold the content exactly, replacing and emptying texts', () => {
    const doc = new Y.Doc();
    writeMirrorChecklist(doc, ids, content);
    expect(readChecklistContent(doc)).toEqual(content);
    const next = { ...content, answers: { q1: 'no' }, notes: { q2: 'new' } };
    writeMirrorChecklist(doc, ids, next);
    expect(readChecklistContent(doc)).toEqual(next);
  });

  it('writes nothing when the content is already there', () => {
    const doc = new Y.Doc();
    writeMirrorChecklist(doc, ids, content);
    expect(updatesOf(doc, () => writeMirrorChecklist(doc, ids, content))).toBe(0);
  });
});
