import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { assessedVerdict, checklistDefinition } from '@corates/shared';
import { ROB2_ALL_LOW } from '@corates/shared/testing';
import {
  ChecklistReadOnlyError,
  ChecklistRuleError,
  addOutcome,
  addStudy,
  createChecklist,
  finalizeReconciliation,
  markComplete,
  readChecklist,
  readChecklistContent,
  reconciledChecklistId,
  supportRootName,
  supportText,
  reopen,
  reopenReconciliation,
  setAnswer,
  setDomainJudgement,
  setOverallRaise,
  startReconciliation,
  takeText,
  textToTake,
} from './index.ts';

// The assessor's judgements, support for judgement and history as the document model writes them
// (docs/yjs-document.md, "Assessor judgement, support for judgement, history").

const study = { title: 'Trial', authors: '', year: null, journal: '', doi: '' };

function syncDocs(a: Y.Doc, b: Y.Doc) {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

/** Each project document's checklist documents, by checklist id (one device's copies). */
const contents = new WeakMap<Y.Doc, Map<string, Y.Doc>>();
function contentOf(project: Y.Doc, checklistId: string): Y.Doc {
  let docs = contents.get(project);
  if (!docs) contents.set(project, (docs = new Map()));
  let doc = docs.get(checklistId);
  if (!doc) docs.set(checklistId, (doc = new Y.Doc()));
  return doc;
}

/** Syncs two devices: the project document and every checklist document either has. */
function sync(a: Y.Doc, b: Y.Doc) {
  syncDocs(a, b);
  const ids = new Set([...(contents.get(a)?.keys() ?? []), ...(contents.get(b)?.keys() ?? [])]);
  for (const id of ids) syncDocs(contentOf(a, id), contentOf(b, id));
}

/** A reviewer's RoB 2 checklist answered with `answers`. */
function rob2(doc: Y.Doc, answers: Record<string, string> = ROB2_ALL_LOW, reviewerId = 'u1') {
  const studyId = addStudy(doc, study, 'owner', 'st');
  const outcomeId = addOutcome(doc, { name: 'Mortality' }, 'owner', 'oc');
  const id = createChecklist(doc, { studyId, type: 'ROB2', reviewerId, outcomeId });
  for (const [item, value] of Object.entries(answers))
    setAnswer(doc, id, contentOf(doc, id), item, value);
  return id;
}

const read = (doc: Y.Doc, id: string) => readChecklist(doc, id, contentOf(doc, id));

const verdictOf = (doc: Y.Doc, id: string) => {
  const c = read(doc, id)!;
  return assessedVerdict(c.type, c.answers, c.judgements);
};

describe('doc model: assessor judgements', () => {
  it('[AJ-SUPPORT] every domain has its support text in the checklist document, and a new checklist has no judgements and an empty history', () => {
    const doc = new Y.Doc();
    const id = rob2(doc, {});
    const content = contentOf(doc, id);
    const domains = checklistDefinition('ROB2')
      .sections.filter((s) => s.kind === 'domain')
      .map((s) => s.id);
    for (const d of domains) expect(supportText(content, d).toString()).toBe('');
    supportText(content, 'd1').insert(0, 'Sealed envelopes');
    expect(readChecklistContent(content).support).toEqual({ d1: 'Sealed envelopes' });
    expect(content.share.has(supportRootName('d1'))).toBe(true);
    expect(read(doc, id)).toMatchObject({ judgements: {}, history: [] });
  });

  it('[AJ-BOTH-KEPT] an override is stored with its reason, the suggestion it was given against, who and when', () => {
    const doc = new Y.Doc();
    const id = rob2(doc);
    setDomainJudgement(doc, id, contentOf(doc, id), 'd3', {
      judgement: 'some-concerns',
      reason: '  Missingness differs between arms  ',
      by: 'u1',
    });
    const stored = read(doc, id)!.judgements!.d3!;
    expect(stored).toMatchObject({
      judgement: 'some-concerns',
      reason: 'Missingness differs between arms',
      suggested: 'low',
      by: 'u1',
    });
    expect(Number.isNaN(Date.parse(stored.at))).toBe(false);
    const d3 = verdictOf(doc, id).domains.find((d) => d.domainId === 'd3')!;
    expect([d3.suggested?.value, d3.judgement?.value]).toEqual(['low', 'some-concerns']);
    // Withdrawing it makes the suggestion final again.
    setDomainJudgement(doc, id, contentOf(doc, id), 'd3', null);
    expect(read(doc, id)!.judgements).toEqual({});
  });

  it('[AJ-REASON-REQUIRED] refuses an override without a reason, of the suggestion itself, off the scale, or of a domain not judged', () => {
    const doc = new Y.Doc();
    const id = rob2(doc);
    const attempt = (domainId: string, judgement: string, reason: string) => () =>
      setDomainJudgement(doc, id, contentOf(doc, id), domainId, { judgement, reason, by: 'u1' });
    expect(attempt('d1', 'high', ' ')).toThrow(ChecklistRuleError);
    expect(attempt('d1', 'high', ' ')).toThrow('Give a reason for this judgement');
    expect(attempt('d1', 'low', 'Because')).toThrow(/suggested judgement/);
    expect(attempt('d1', 'critical', 'Because')).toThrow(/not one this domain can have/);
    expect(attempt('d2b', 'high', 'Because')).toThrow(/not assessed/);
    setAnswer(doc, id, contentOf(doc, id), 'd5_1', undefined);
    expect(attempt('d5', 'high', 'Because')).toThrow(/no suggested judgement yet/);
    expect(read(doc, id)!.judgements).toEqual({});
  });

  it('[AJ-RAISE-ROB2] the overall raise: refused while the tool does not allow it, recorded once it does', () => {
    const doc = new Y.Doc();
    const id = rob2(doc, { ...ROB2_ALL_LOW, d1_1: 'N' });
    const raise = () =>
      setOverallRaise(doc, id, contentOf(doc, id), {
        judgement: 'high',
        reason: 'Concerns add up',
        by: 'u1',
      });
    expect(raise).toThrow(/does not allow raising/);
    setAnswer(doc, id, contentOf(doc, id), 'd5_1', 'N'); // a second domain with some concerns
    raise();
    const v = verdictOf(doc, id);
    expect([v.suggestedOverall?.value, v.status === 'complete' && v.overall.value]).toEqual([
      'some-concerns',
      'high',
    ]);
    // [AJ-NEVER-LOWER] nothing below the algorithm's result.
    expect(() =>
      setOverallRaise(doc, id, contentOf(doc, id), { judgement: 'low', reason: 'Fine', by: 'u1' }),
    ).toThrow(ChecklistRuleError);
  });

  it('a completed checklist refuses judgements until it is reopened', () => {
    const doc = new Y.Doc();
    const id = rob2(doc);
    markComplete(doc, id, contentOf(doc, id), 2, 'u1');
    expect(() =>
      setDomainJudgement(doc, id, contentOf(doc, id), 'd1', {
        judgement: 'high',
        reason: 'r',
        by: 'u1',
      }),
    ).toThrow(ChecklistReadOnlyError);
    reopen(doc, id, 'u1');
    setDomainJudgement(doc, id, contentOf(doc, id), 'd1', {
      judgement: 'high',
      reason: 'r',
      by: 'u1',
    });
    expect(read(doc, id)!.judgements!.d1!.judgement).toBe('high');
  });

  it('overrides of two domains made on two devices at once are both kept', () => {
    const a = new Y.Doc();
    const id = rob2(a);
    const b = new Y.Doc();
    sync(a, b);
    setDomainJudgement(a, id, contentOf(a, id), 'd1', { judgement: 'high', reason: 'A', by: 'u1' });
    setDomainJudgement(b, id, contentOf(b, id), 'd4', {
      judgement: 'some-concerns',
      reason: 'B',
      by: 'u1',
    });
    sync(a, b);
    expect(Object.keys(read(b, id)!.judgements!).sort()).toEqual(['d1', 'd4']);
    expect(read(a, id)).toEqual(read(b, id));
  });
});

describe('doc model: history and reopening', () => {
  function finalized(doc: Y.Doc) {
    const first = rob2(doc, ROB2_ALL_LOW, 'u1');
    const second = createChecklist(doc, {
      studyId: 'st',
      type: 'ROB2',
      reviewerId: 'u2',
      outcomeId: 'oc',
    });
    for (const [item, value] of Object.entries(ROB2_ALL_LOW))
      setAnswer(doc, second, contentOf(doc, second), item, value);
    markComplete(doc, first, contentOf(doc, first), 2, 'u1');
    markComplete(doc, second, contentOf(doc, second), 2, 'u2');
    const pick = (id: string) => ({ id, content: contentOf(doc, id) });
    const reconciledId = reconciledChecklistId('st', 'ROB2', 'oc');
    const id = startReconciliation(doc, pick(first), pick(second), contentOf(doc, reconciledId));
    finalizeReconciliation(doc, id, 'cy');
    return { id, first };
  }

  it('completion and finalizing are recorded with who and when', () => {
    const doc = new Y.Doc();
    const { id, first } = finalized(doc);
    expect(readChecklist(doc, first)!.history!.map((e) => [e.event, e.by])).toEqual([
      ['completed', 'u1'],
    ]);
    expect(readChecklist(doc, id)!.history!.map((e) => [e.event, e.by])).toEqual([
      ['finalized', 'cy'],
    ]);
  });

  it('[REOPEN-OWNER] [REOPEN-REASON] only an owner reopens a finalized reconciliation, with a reason kept in its history', () => {
    const doc = new Y.Doc();
    const { id } = finalized(doc);
    const reopenAs = (role: 'owner' | 'editor', reason: string) => () =>
      reopenReconciliation(doc, id, { by: 'olga', role, reason });
    expect(reopenAs('editor', 'Wrong pick on 1.2')).toThrow(/Only an owner/);
    expect(reopenAs('owner', '   ')).toThrow('Say why the reconciliation is reopened');
    expect(() => reopen(doc, id, 'olga')).toThrow(/owner, with a reason/);
    expect(readChecklist(doc, id)!.status).toBe('finalized');

    reopenAs('owner', ' Wrong pick on 1.2 ')();
    const c = readChecklist(doc, id)!;
    expect([c.status, c.completedAt]).toEqual(['reconciling', null]);
    expect(c.history!.map((e) => [e.event, e.by, e.reason])).toEqual([
      ['finalized', 'cy', undefined],
      ['reopened', 'olga', 'Wrong pick on 1.2'],
    ]);
    expect(reopenAs('owner', 'again')).toThrow(/not finalized/);
  });

  it('history entries appended on two devices at once are both kept', () => {
    const a = new Y.Doc();
    const { id } = finalized(a);
    const b = new Y.Doc();
    sync(a, b);
    reopenReconciliation(a, id, { by: 'olga', role: 'owner', reason: 'From A' });
    reopenReconciliation(b, id, { by: 'oscar', role: 'owner', reason: 'From B' });
    sync(a, b);
    const reasons = readChecklist(a, id)!.history!.map((e) => e.reason ?? '');
    expect(reasons.sort()).toEqual(['', 'From A', 'From B']);
  });
});

describe('taking a reviewer’s note or support text', () => {
  it('fills an empty text, appends after a blank line otherwise, and never takes the same text twice', () => {
    expect(textToTake('', ' Sealed envelopes ')).toBe('Sealed envelopes');
    expect(textToTake('Mine', 'Theirs')).toBe('\n\nTheirs');
    expect(textToTake('Mine\n', 'Theirs')).toBe('\nTheirs');
    expect(textToTake('Mine. Theirs.', 'Theirs.')).toBe(null);
    expect(textToTake('Mine', '   ')).toBe(null);
    const doc = new Y.Doc();
    const text = doc.getText('t');
    text.insert(0, 'Reconciler wrote this');
    expect(takeText(doc, text, 'Reviewer 2: p. 4')).toBe(true);
    expect(takeText(doc, text, 'Reviewer 2: p. 4')).toBe(false);
    expect(text.toString()).toBe('Reconciler wrote this\n\nReviewer 2: p. 4');
  });
});
