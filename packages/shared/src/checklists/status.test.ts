import { describe, expect, it } from 'vitest';
import {
  checklistStatusSchema,
  combinedStudyStatus,
  isChecklistReadOnly,
  statusAfterAnswer,
  statusWhenDone,
  studyStatus,
  studyStatusSchema,
  type ChecklistStatus,
  type StudyStatus,
} from './status.ts';

describe('checklist status transitions', () => {
  it('[WF-status] the first answer moves a pending checklist to in-progress', () => {
    expect(statusAfterAnswer('pending')).toBe('in-progress');
  });

  it('[WF-status] later answers leave the status alone', () => {
    for (const s of checklistStatusSchema.options.filter((s) => s !== 'pending')) {
      expect(statusAfterAnswer(s)).toBe(s);
    }
  });

  it('[WF-single] with one reviewer, marking done goes straight to finalized', () => {
    expect(statusWhenDone(1)).toBe('finalized');
  });

  it('[WF-status] with two reviewers, marking done gives reviewer-completed', () => {
    expect(statusWhenDone(2)).toBe('reviewer-completed');
  });

  it.each([0, 3, -1, 1.5, Number.NaN])(
    '[WF-reviewers] a study has one or two reviewers to mark done: %d throws',
    (n) => {
      expect(() => statusWhenDone(n)).toThrow(RangeError);
    },
  );

  it('[WF-readonly] completed checklists are read-only', () => {
    expect(checklistStatusSchema.options.filter(isChecklistReadOnly)).toEqual([
      'reviewer-completed',
      'finalized',
    ]);
  });

  it('the status enum rejects unknown statuses', () => {
    expect(checklistStatusSchema.safeParse('completed').success).toBe(false);
  });
});

describe('studyStatus', () => {
  it.each<[ChecklistStatus[], number, StudyStatus]>([
    [[], 0, 'pending'],
    [[], 2, 'pending'],
    [['pending', 'pending'], 2, 'pending'],
    [['in-progress', 'pending'], 2, 'in-progress'],
    [['in-progress', 'in-progress'], 2, 'in-progress'],
    [['reviewer-completed', 'pending'], 2, 'reviewer-completed'],
    [['in-progress', 'reviewer-completed'], 2, 'reviewer-completed'],
    [['pending'], 1, 'pending'],
    [['in-progress'], 1, 'in-progress'],
  ])('[WF-status] %j with %i reviewers → %s', (statuses, reviewers, expected) => {
    expect(studyStatus(statuses, reviewers)).toBe(expected);
  });

  it('[WF-ready] both reviewers completed → ready to reconcile', () => {
    expect(studyStatus(['reviewer-completed', 'reviewer-completed'], 2)).toBe('ready-to-reconcile');
  });

  it('[WF-reconcile] a reconciled checklist in progress → reconciling', () => {
    expect(studyStatus(['reviewer-completed', 'reviewer-completed', 'reconciling'], 2)).toBe(
      'reconciling',
    );
  });

  it('[WF-reconcile] a finalized reconciled checklist → finalized', () => {
    expect(studyStatus(['reviewer-completed', 'reviewer-completed', 'finalized'], 2)).toBe(
      'finalized',
    );
  });

  it('[WF-single] one reviewer’s finalized checklist → finalized', () => {
    expect(studyStatus(['finalized'], 1)).toBe('finalized');
  });

  it('[WF-single] a reviewer-completed checklist with one reviewer → finalized', () => {
    // E.g. completed while a second reviewer was assigned, who was then removed.
    expect(studyStatus(['reviewer-completed'], 1)).toBe('finalized');
  });

  it.each([3, -1, 0.5])('[WF-reviewers] at most two reviewers: %d throws', (n) => {
    expect(() => studyStatus([], n)).toThrow(RangeError);
  });

  it('[WF-status] advancing one reviewer checklist never moves the study backwards', () => {
    const order = studyStatusSchema.options;
    const reviewerPath: ChecklistStatus[] = ['pending', 'in-progress', 'reviewer-completed'];
    for (const a of reviewerPath) {
      for (const b of reviewerPath) {
        const before = order.indexOf(studyStatus([a, b], 2));
        const next = reviewerPath[reviewerPath.indexOf(a) + 1];
        if (next === undefined) continue;
        const after = order.indexOf(studyStatus([next, b], 2));
        expect(after, `${a},${b} → ${next},${b}`).toBeGreaterThanOrEqual(before);
      }
    }
  });
});

describe('combinedStudyStatus', () => {
  it('no appraisal yet → pending; one appraisal → its own status', () => {
    expect(combinedStudyStatus([])).toBe('pending');
    for (const s of studyStatusSchema.options) expect(combinedStudyStatus([s])).toBe(s);
  });
  it('several appraisals → the least advanced, but started once any has started', () => {
    expect(combinedStudyStatus(['finalized', 'ready-to-reconcile'])).toBe('ready-to-reconcile');
    expect(combinedStudyStatus(['finalized', 'finalized'])).toBe('finalized');
    expect(combinedStudyStatus(['pending', 'reviewer-completed'])).toBe('in-progress');
    expect(combinedStudyStatus(['pending', 'pending'])).toBe('pending');
  });
});
