import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import type { StoredChecklist } from '@corates/shared/doc';
import { encodeChecklistUpdates } from './checklist-updates.ts';

const header = (id: string, reviewerId: string | null, status: StoredChecklist['status']) =>
  ({
    id,
    type: 'AMSTAR2',
    studyId: 's1',
    reviewerId,
    status,
    createdAt: '2026-12-01T00:00:00.000Z',
    completedAt: null,
    answers: {},
    notes: {},
    support: {},
    judgements: {},
    history: [],
  }) satisfies StoredChecklist;

function docWith(text: string) {
  const doc = new Y.Doc();
  doc.getText('note:q1').insert(0, text);
  return doc;
}

describe('encodeChecklistUpdates', () => {
  // An appraisal with its result: both reviewers done, the reconciliation finalized.
  const done = [
    header('a', 'alice', 'reviewer-completed'),
    header('b', 'bob', 'reviewer-completed'),
    header('r', null, 'finalized'),
  ];
  const docs = new Map([
    ['a', docWith('A'.repeat(1000))],
    ['b', docWith('B'.repeat(1000))],
    ['r', docWith('agreed')],
  ]);
  const withDoc = <T>(id: string, read: (doc: Y.Doc) => T) => read(docs.get(id)!);
  const empty = Y.encodeStateVector(new Map());

  it('withholds what a blinded viewer could not open, and checklists the project does not have', () => {
    const working = [header('a', 'alice', 'in-progress'), header('b', 'bob', 'reviewer-completed')];
    const got = encodeChecklistUpdates(
      { checklists: working },
      withDoc,
      ['a', 'b', 'gone'].map((checklistId) => ({ checklistId, stateVector: empty })),
      Infinity,
    );
    expect(got).toEqual([
      { checklistId: 'a', withheld: true },
      { checklistId: 'b', withheld: true },
      { checklistId: 'gone', withheld: true },
    ]);
  });

  it('answers each against the vector given, with the state vector it brings the subscriber to', () => {
    const a = docs.get('a')!;
    const [answer] = encodeChecklistUpdates(
      { checklists: done },
      withDoc,
      [{ checklistId: 'a', stateVector: Y.encodeStateVector(a) }],
      Infinity,
    );
    if (!answer || answer.withheld) throw new Error('expected an update');
    // Nothing the subscriber lacks: an empty update (no structs, no deletions).
    expect(answer.update.byteLength).toBeLessThan(4);
    expect(answer.stateVector).toEqual(Y.encodeStateVector(a));
  });

  it('stops after the update that passes the budget, never before the first', () => {
    const wanted = ['a', 'b', 'r'].map((checklistId) => ({ checklistId, stateVector: empty }));
    expect(
      encodeChecklistUpdates({ checklists: done }, withDoc, wanted, 0).map((x) => x.checklistId),
    ).toEqual(['a']);
    expect(
      encodeChecklistUpdates({ checklists: done }, withDoc, wanted, 1500).map((x) => x.checklistId),
    ).toEqual(['a', 'b']);
    expect(encodeChecklistUpdates({ checklists: done }, withDoc, wanted, Infinity)).toHaveLength(3);
  });
});
