import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { ChecklistDocRoot, noteRootName } from '@corates/shared/doc';
import { amstar2Definition, checklistProgress } from '@corates/shared';
import {
  answeredText,
  answeredTexts,
  cardContents,
  contentKey,
  contentSettled,
  joinContents,
  loadingText,
  openable,
  scoredContentOf,
} from './checklist-contents.ts';
import type { ListedChecklist } from './study-row.ts';

const header = (reviewerId: string | null, patch: Partial<ListedChecklist> = {}) =>
  ({
    id: `s1:AMSTAR2:${reviewerId ?? 'reconciled'}`,
    type: 'AMSTAR2',
    studyId: 's1',
    reviewerId,
    status: 'in-progress',
    createdAt: '',
    completedAt: null,
    ...patch,
  }) satisfies ListedChecklist;

describe('checklist contents for the views that score', () => {
  it('reads answers and judgements from a checklist document, never its notes', () => {
    const doc = new Y.Doc();
    doc.getMap(ChecklistDocRoot.answers).set('q1', 'yes');
    doc.getText(noteRootName('q1')).insert(0, 'a private note');
    expect(scoredContentOf(doc)).toEqual({ answers: { q1: 'yes' }, judgements: {} });
  });

  it('joins loaded content to its header and leaves out headers without it', () => {
    const ada = header('ada');
    const bo = header('bo');
    const joined = joinContents(
      [ada, bo],
      new Map([[ada.id, { answers: { q1: 'no' }, judgements: {} }]]),
    );
    expect(joined).toEqual([{ ...ada, answers: { q1: 'no' }, judgements: {} }]);
  });

  it('a loaded content is keyed by status: a reopened checklist is loaded again', () => {
    const done = header('ada', { status: 'reviewer-completed', completedAt: '2026-01-02' });
    expect(contentKey(done)).not.toBe(contentKey({ ...done, status: 'in-progress' }));
    expect(contentKey(done)).toBe(contentKey({ ...done }));
  });

  it('asks only for the checklists the viewer may open (the relay’s blinding rule)', () => {
    const ada = header('ada', { status: 'reviewer-completed' });
    const bo = header('bo');
    const all = [ada, bo];
    const bob = { meId: 'bo', role: 'editor' as const, blindReviewers: true };
    expect(openable(all, all, bob).map((c) => c.id)).toEqual([bo.id]);
    expect(openable(all, all, { ...bob, blindReviewers: false })).toEqual(all);
    const bothDone = [ada, { ...bo, status: 'reviewer-completed' as const }];
    expect(openable(bothDone, bothDone, bob)).toHaveLength(2);
    const viewer = { meId: 'vi', role: 'viewer' as const, blindReviewers: true };
    expect(openable(bothDone, bothDone, viewer)).toEqual([]);
  });

  it('says how far loading is', () => {
    expect(loadingText(37, 200, ['appraisal', 'appraisals'])).toBe('Loading 37 of 200 appraisals…');
    expect(loadingText(0, 1, ['appraisal', 'appraisals'])).toBe('Loading 0 of 1 appraisal…');
  });

  it('only a completed or finalized checklist’s content is kept across pages', () => {
    expect(contentSettled(header('ada', { status: 'reviewer-completed' }))).toBe(true);
    expect(contentSettled(header(null, { status: 'finalized' }))).toBe(true);
    for (const status of ['pending', 'in-progress', 'reconciling'] as const)
      expect(contentSettled(header('ada', { status }))).toBe(false);
  });
});

describe('answered counts on the study cards', () => {
  const [q1, q2, q3] = amstar2Definition.sections[0].items;
  const three = {
    [q1.id]: q1.options[0].value,
    [q2.id]: q2.options[0].value,
    [q3.id]: q3.options[1].value,
  };

  it('counts as the checklist page’s summary does: the questions asked, AMSTAR 2’s 18', () => {
    expect(answeredText('AMSTAR2', { answers: {} })).toBe('0 of 18 answered');
    expect(answeredText('AMSTAR2', { answers: three })).toBe('3 of 18 answered');
    const { answered, total } = checklistProgress(amstar2Definition, three);
    expect(answeredText('AMSTAR2', { answers: three })).toBe(`${answered} of ${total} answered`);
    // A value that is not one of the item's options is not an answer.
    expect(answeredText('AMSTAR2', { answers: { [q1.id]: 'maybe' } })).toBe('0 of 18 answered');
  });

  it('a text only for the checklists asked about whose content is loaded', () => {
    const ada = header('ada');
    const bo = header('bo');
    const texts = answeredTexts([ada, bo], new Map([[ada.id, { answers: three }]]));
    expect([...texts]).toEqual([[ada.id, '3 of 18 answered']]);
    // Loaded content of a checklist no longer asked about (blinded again) is not shown.
    expect(answeredTexts([bo], new Map([[ada.id, { answers: three }]])).size).toBe(0);
  });

  it('loads a blinded reviewer’s own checklist, never the other’s, and each final once', () => {
    const ada = header('ada', { status: 'reviewer-completed' });
    const bo = header('bo');
    const reconciled = header(null, { status: 'finalized' });
    const other = { ...header('ada'), id: 's2:AMSTAR2:ada', studyId: 's2' };
    const cards = [
      { finals: [], checklists: [ada, bo] },
      { finals: [], checklists: [other] },
    ];
    const bob = { meId: 'bo', role: 'editor' as const, blindReviewers: true };
    expect(cardContents(cards, bob).map((c) => c.id)).toEqual([bo.id]);
    expect(cardContents(cards, { ...bob, blindReviewers: false }).map((c) => c.id)).toEqual([
      ada.id,
      bo.id,
      other.id,
    ]);
    const doneBoth = { ...bo, status: 'reviewer-completed' as const };
    const finalized = [{ finals: [reconciled], checklists: [ada, doneBoth, reconciled] }];
    // The reconciled checklist is asked for as the final result, once; its count is not shown.
    expect(cardContents(finalized, bob).map((c) => c.id)).toEqual([reconciled.id, ada.id, bo.id]);
  });
});
