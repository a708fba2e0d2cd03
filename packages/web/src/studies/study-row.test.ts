import { describe, expect, it } from 'vitest';
import type { DocStudy } from '@corates/shared';
import { reconciledChecklistId } from '@corates/shared/doc';
import { studyAppraisals } from './appraisals.ts';
import {
  type ListViewer,
  type ListedChecklist,
  changeReviewer,
  checklistPath,
  studyRowView,
} from './study-row.ts';

const study: DocStudy = {
  id: 's1',
  title: 'Statins',
  authors: 'Lee',
  year: 2021,
  journal: 'BMJ',
  doi: '',
  createdAt: '2026-01-01T00:00:00.000Z',
  createdBy: 'ada',
  reviewer1: 'ada',
  reviewer2: 'bo',
};

const checklist = (
  reviewerId: string | null,
  patch: Partial<ListedChecklist> = {},
): ListedChecklist => ({
  id: `s1:AMSTAR2:${reviewerId}`,
  type: 'AMSTAR2',
  studyId: 's1',
  reviewerId,
  status: 'in-progress',
  createdAt: '2026-01-02T00:00:00.000Z',
  completedAt: null,
  ...patch,
});

const names: Record<string, string> = { ada: 'Ada', bo: 'Bo' };
/** Bo, an editor reviewing with Ada, in a project that blinds its reviewers. */
const context: ListViewer = {
  meId: 'bo',
  role: 'editor',
  blindReviewers: true,
  nameOf: (id: string) => names[id] ?? 'Former member',
};

/** The row as StudyRow builds it: with the statuses of the study's appraisals. */
const rowView = (s: DocStudy, checklists: ListedChecklist[], ctx = context) =>
  studyRowView(
    s,
    checklists,
    ctx,
    studyAppraisals(s, checklists, [], ctx).map((a) => a.status),
  );

describe('studyRowView', () => {
  it('no checklists yet: pending, both reviewers named, mine marked', () => {
    const view = rowView(study, [], context);
    expect(view).toMatchObject({ reviewerCount: 2, status: 'pending', statusLabel: 'Not started' });
    expect(view.slots.map((s) => [s.name, s.isMe, s.checklist])).toEqual([
      ['Ada', false, null],
      ['Bo', true, null],
    ]);
  });

  it('shows statuses only: the other reviewer’s checklist is hidden until both are done', () => {
    const inProgress = rowView(study, [
      checklist('ada', { status: 'in-progress' }),
      checklist('bo', { status: 'reviewer-completed' }),
      { ...checklist('ada'), id: 'other-study', studyId: 's2', status: 'finalized' },
    ]);
    expect(inProgress.status).toBe('reviewer-completed');
    expect(inProgress.slots.map((s) => s.checklist)).toEqual([
      { id: 's1:AMSTAR2:ada', status: 'in-progress', statusLabel: 'In progress', visible: false },
      {
        id: 's1:AMSTAR2:bo',
        status: 'reviewer-completed',
        statusLabel: 'Completed',
        visible: true,
      },
    ]);
    const bothDone = rowView(study, [
      checklist('ada', { status: 'reviewer-completed' }),
      checklist('bo', { status: 'reviewer-completed' }),
    ]);
    expect(bothDone.slots.map((s) => s.checklist?.visible)).toEqual([true, true]);
  });

  it('without blinding, and for an owner who does not review, every checklist opens', () => {
    const ada = [checklist('ada', { status: 'in-progress' })];
    expect(
      rowView(study, ada, { ...context, blindReviewers: false }).slots[0].checklist?.visible,
    ).toBe(true);
    const owner = { ...context, meId: 'cy', role: 'owner' as const };
    expect(rowView(study, ada, owner).slots[0].checklist?.visible).toBe(true);
    const viewer = { ...context, meId: 'cy', role: 'viewer' as const };
    expect(rowView(study, ada, viewer).slots[0].checklist?.visible).toBe(false);
  });

  it('a single reviewer’s completed checklist finalizes the study', () => {
    const one = { ...study, reviewer2: null };
    const view = rowView(one, [checklist('ada', { status: 'finalized' })], context);
    expect(view).toMatchObject({ reviewerCount: 1, status: 'finalized' });
    expect(view.slots[1]).toMatchObject({ userId: null, name: 'Unassigned', checklist: null });
  });

  it('an unassigned reviewer’s leftover checklist no longer counts', () => {
    const view = rowView(
      { ...study, reviewer1: 'cy', reviewer2: null },
      [checklist('ada', { status: 'reviewer-completed' })],
      context,
    );
    expect(view.status).toBe('pending');
    expect(view.slots[0].name).toBe('Former member');
  });
});

describe('changeReviewer', () => {
  it('refuses the same person twice, naming them', () => {
    expect(changeReviewer(study, 2, 'ada', context.nameOf)).toEqual({
      ok: false,
      message: 'Ada is already reviewer 1. Choose two different people.',
    });
  });

  it('changes or clears one slot and keeps the other', () => {
    expect(changeReviewer(study, 1, 'cy', context.nameOf)).toEqual({
      ok: true,
      reviewer1: 'cy',
      reviewer2: 'bo',
    });
    expect(changeReviewer(study, 2, null, context.nameOf)).toEqual({
      ok: true,
      reviewer1: 'ada',
      reviewer2: null,
    });
  });
});

describe('checklistPath', () => {
  it('escapes the colons of a checklist id', () => {
    expect(checklistPath('p1', 's1:AMSTAR2:u1')).toBe('/projects/p1/checklists/s1%3AAMSTAR2%3Au1');
  });
});

describe('studyRowView across tools and outcomes', () => {
  const rob2 = (reviewerId: string, outcomeId: string, status: ListedChecklist['status']) =>
    checklist(reviewerId, {
      id: `s1:ROB2:${outcomeId}:${reviewerId}`,
      type: 'ROB2',
      outcomeId,
      status,
    });
  it('a RoB 2 appraisal under way makes the study in progress, with no AMSTAR 2 checklist', () => {
    expect(rowView(study, [rob2('ada', 'o1', 'in-progress')], context).status).toBe('in-progress');
  });
  it('the least advanced appraisal decides: one outcome finalized, another ready to reconcile', () => {
    const view = rowView(
      study,
      [
        checklist(null, {
          id: reconciledChecklistId('s1', 'ROB2', 'o1'),
          type: 'ROB2',
          outcomeId: 'o1',
          status: 'finalized',
        }),
        rob2('ada', 'o2', 'reviewer-completed'),
        rob2('bo', 'o2', 'reviewer-completed'),
      ],
      context,
    );
    expect(view.status).toBe('ready-to-reconcile');
  });
});
