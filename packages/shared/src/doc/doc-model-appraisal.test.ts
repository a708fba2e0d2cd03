import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { ROB2_ALL_LOW } from '@corates/shared/testing';
import {
  addOutcome,
  addStudy,
  checklistsOf,
  createChecklist,
  readChecklistContent,
  finalizeReconciliation,
  markComplete,
  readChecklist,
  readChecklists,
  readOutcomes,
  reconciledChecklistId,
  removeOutcome,
  renameOutcome,
  reopen,
  reopenReconciliation,
  setAnswer,
  startReconciliation,
} from './index.ts';

const study = { title: 'Trial', authors: '', year: null, journal: '', doi: '' };

function sync(a: Y.Doc, b: Y.Doc) {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

/**
 * A study with two reviewers' completed RoB 2 checklists of one outcome, each with its document;
 * they differ on 1.1 only.
 */
function completedPair(doc: Y.Doc) {
  const studyId = addStudy(doc, study, 'owner', 'st');
  const outcomeId = addOutcome(doc, { name: 'Mortality' }, 'owner', 'oc');
  const pair = ['u1', 'u2'].map((reviewerId, i) => {
    const id = createChecklist(doc, { studyId, type: 'ROB2', reviewerId, outcomeId });
    const content = new Y.Doc();
    const answers = { ...ROB2_ALL_LOW, d1_1: i === 0 ? 'Y' : 'PY' };
    for (const [item, value] of Object.entries(answers)) setAnswer(doc, id, content, item, value);
    markComplete(doc, id, content, 2);
    return { id, content };
  }) as [{ id: string; content: Y.Doc }, { id: string; content: Y.Doc }];
  return { studyId, outcomeId, pair, ids: [pair[0].id, pair[1].id] as [string, string] };
}

describe('doc model: outcomes and per-outcome checklists', () => {
  it('adds, renames and lists outcomes; an outcome in use cannot be removed', () => {
    const doc = new Y.Doc();
    // Ids fix the order when both are created within the same millisecond.
    const o = addOutcome(doc, { name: 'Mortality' }, 'u1', 'o1');
    const p = addOutcome(doc, { name: 'Pain' }, 'u1', 'o2');
    renameOutcome(doc, o, 'All-cause mortality');
    expect(readOutcomes(doc).map((x) => x.name)).toEqual(['All-cause mortality', 'Pain']);
    createChecklist(doc, { studyId: 's', type: 'ROBINS_I', reviewerId: 'u1', outcomeId: o });
    expect(() => removeOutcome(doc, o)).toThrow(/checklists assess/);
    removeOutcome(doc, p);
    expect(readOutcomes(doc).map((x) => x.id)).toEqual([o]);
  });

  it('one reviewer has one checklist per outcome; the outcome is required for ROBINS-I and RoB 2 only', () => {
    const doc = new Y.Doc();
    const a = createChecklist(doc, {
      studyId: 's',
      type: 'ROB2',
      reviewerId: 'u1',
      outcomeId: 'o1',
    });
    const b = createChecklist(doc, {
      studyId: 's',
      type: 'ROB2',
      reviewerId: 'u1',
      outcomeId: 'o2',
    });
    expect([a, b]).toEqual(['s:ROB2:o1:u1', 's:ROB2:o2:u1']);
    expect(readChecklist(doc, a)).toMatchObject({ outcomeId: 'o1', reviewerId: 'u1' });
    expect(() => createChecklist(doc, { studyId: 's', type: 'ROB2', reviewerId: 'u1' })).toThrow(
      /needs an outcome/,
    );
    expect(() =>
      createChecklist(doc, { studyId: 's', type: 'AMSTAR2', reviewerId: 'u1', outcomeId: 'o1' }),
    ).toThrow(/has no outcome/);
  });
});

describe('doc model: reconciliation', () => {
  it('starts pre-filled with the agreed answers, edits while reconciling, finalizes and reopens', () => {
    const doc = new Y.Doc();
    const { ids, pair } = completedPair(doc);
    const target = new Y.Doc();
    const id = startReconciliation(doc, ...pair, target);
    expect(id).toBe(reconciledChecklistId('st', 'ROB2', 'oc'));
    expect(readChecklist(doc, id, target)).toMatchObject({
      reviewerId: null,
      status: 'reconciling',
      outcomeId: 'oc',
      reconciledFrom: ids,
      answers: { p_design: 'parallel', p_effect: 'assignment', d1_2: 'Y' },
    });
    const { d1_1: _differs, ...agreed } = ROB2_ALL_LOW;
    expect(readChecklist(doc, id, target)?.answers).toEqual(agreed);
    // The reviewers' documents are read, not written; the project document has no answers.
    expect(checklistsOf(doc).get(id)!.has('answers')).toBe(false);
    setAnswer(doc, id, target, 'd1_1', 'PY');
    expect(readChecklist(doc, id)?.status).toBe('reconciling');
    finalizeReconciliation(doc, id);
    expect(readChecklist(doc, id)?.status).toBe('finalized');
    expect(() => setAnswer(doc, id, target, 'd1_1', 'Y')).toThrow();
    // A finalized reconciliation is reopened by an owner with a reason (doc-model-judgement.test).
    expect(() => reopen(doc, id)).toThrow(/owner/);
    reopenReconciliation(doc, id, { by: 'o', role: 'owner', reason: 'A pick was wrong' });
    expect(readChecklist(doc, id)?.status).toBe('reconciling');
  });

  it('two people starting at once on two devices end with one reconciled checklist', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const { pair } = completedPair(a);
    sync(a, b);
    // Each device's copy of the reconciled checklist's document.
    const ta = new Y.Doc();
    const tb = new Y.Doc();
    const ra = startReconciliation(a, ...pair, ta);
    const rb = startReconciliation(b, ...pair, tb);
    sync(a, b);
    sync(ta, tb);
    expect(ra).toBe(rb);
    const reconciled = (d: Y.Doc) => readChecklists(d).filter((c) => c.reviewerId === null);
    expect(reconciled(a)).toHaveLength(1);
    expect(reconciled(a)).toEqual(reconciled(b));
    // Both pre-filled the same agreed answers: nothing to lose whichever write wins.
    const { d1_1: _differs, ...agreed } = ROB2_ALL_LOW;
    expect(readChecklist(a, ra, ta)?.answers).toEqual(agreed);
    // Later picks by either land in the one checklist.
    setAnswer(a, ra, ta, 'd1_1', 'Y');
    setAnswer(b, rb, tb, 'd1_3', 'PN');
    sync(a, b);
    sync(ta, tb);
    expect(readChecklist(b, rb, tb)?.answers).toMatchObject({ d1_1: 'Y', d1_3: 'PN' });
  });

  it('refuses checklists of different appraisals', () => {
    const doc = new Y.Doc();
    const { pair, studyId } = completedPair(doc);
    const other = createChecklist(doc, { studyId, type: 'ROB2', reviewerId: 'u3', outcomeId: 'x' });
    const target = new Y.Doc();
    expect(() =>
      startReconciliation(doc, pair[0], { id: other, content: new Y.Doc() }, target),
    ).toThrow(/same outcome/);
    expect(readChecklistContent(target).answers).toEqual({});
  });
});
