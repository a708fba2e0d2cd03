import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { ChecklistDocRoot, noteRootName } from '@corates/shared/doc';
import {
  contentKey,
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
});
