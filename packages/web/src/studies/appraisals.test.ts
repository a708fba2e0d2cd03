import { describe, expect, it } from 'vitest';
import type { DocOutcome, DocStudy } from '@corates/shared';
import { reconcilePath, studyAppraisals } from './appraisals.ts';
import { ROB2_HIGH } from '@corates/shared/testing';
import type { ListViewer, ListedChecklist } from './study-row.ts';

const study: DocStudy = {
  id: 's1',
  title: 'Trial',
  authors: '',
  year: null,
  journal: '',
  doi: '',
  createdAt: '2026-01-01T00:00:00.000Z',
  createdBy: 'ada',
  reviewer1: 'ada',
  reviewer2: 'bo',
};
const outcomes: DocOutcome[] = [
  { id: 'o1', name: 'Mortality', createdAt: '2026-01-01T00:00:00.000Z', createdBy: 'ada' },
];
const names: Record<string, string> = { ada: 'Ada', bo: 'Bo' };
const context: ListViewer = {
  meId: 'bo',
  role: 'editor',
  blindReviewers: true,
  nameOf: (id: string) => names[id] ?? 'Former member',
};

const rob2 = (
  reviewerId: string | null,
  patch: Partial<ListedChecklist> = {},
): ListedChecklist => ({
  id: `s1:ROB2:o1:${reviewerId ?? 'reconciled'}`,
  type: 'ROB2',
  studyId: 's1',
  outcomeId: 'o1',
  reviewerId,
  status: 'reviewer-completed',
  createdAt: '2026-01-02T00:00:00.000Z',
  completedAt: null,
  ...patch,
});

describe('study appraisals', () => {
  it('one appraisal per tool and outcome, titled with the outcome, reviewers in slot order', () => {
    const [a] = studyAppraisals(study, [rob2('ada', { status: 'in-progress' })], outcomes, context);
    expect(a).toMatchObject({
      key: 'ROB2:o1',
      title: 'RoB 2 · Mortality',
      status: 'in-progress',
      reconcile: null,
      result: undefined,
    });
    expect(a!.reviewers.map((r) => [r.slot, r.name, r.isMe, r.checklist?.id ?? null])).toEqual([
      [1, 'Ada', false, 's1:ROB2:o1:ada'],
      [2, 'Bo', true, null],
    ]);
  });

  it('both reviewers done → ready to reconcile; finalized → its result once its content is loaded', () => {
    const done = [rob2('ada'), rob2('bo')];
    const [ready] = studyAppraisals(study, done, outcomes, context);
    expect([ready!.statusLabel, ready!.reconcile]).toEqual([
      'Ready to reconcile',
      { firstId: 's1:ROB2:o1:ada', secondId: 's1:ROB2:o1:bo' },
    ]);
    const final = rob2(null, { status: 'finalized' });
    const [notLoaded] = studyAppraisals(study, [...done, final], outcomes, context);
    expect([notLoaded!.statusLabel, notLoaded!.final?.id, notLoaded!.result]).toEqual([
      'Finalized',
      final.id,
      undefined,
    ]);
    const [after] = studyAppraisals(study, [...done, final], outcomes, context, (id) =>
      id === final.id ? { answers: ROB2_HIGH, judgements: {} } : undefined,
    );
    expect(after!.result?.label).toBe('High');
  });

  it('the other reviewer’s checklist is listed with its status, not openable while blinded', () => {
    const [a] = studyAppraisals(study, [rob2('ada', { status: 'in-progress' })], outcomes, context);
    expect(a!.reviewers[0]!.checklist).toEqual({
      id: 's1:ROB2:o1:ada',
      status: 'in-progress',
      statusLabel: 'In progress',
      visible: false,
    });
  });

  it('a checklist of an unassigned reviewer does not count; a removed outcome is named so', () => {
    const [a] = studyAppraisals(
      { ...study, reviewer2: null },
      [rob2('cy'), rob2('ada', { outcomeId: 'gone', id: 's1:ROB2:gone:ada' })],
      outcomes,
      context,
    ).filter((x) => x.outcomeId === 'o1');
    expect(a!.status).toBe('pending');
    const titles = studyAppraisals(study, [rob2('ada', { outcomeId: 'gone' })], [], context);
    expect(titles[0]!.title).toBe('RoB 2 · Removed outcome');
  });

  it('reconcile path encodes each part', () => {
    expect(reconcilePath('p 1', { studyId: 's1', type: 'ROB2', outcomeId: 'o/1' })).toBe(
      '/projects/p%201/reconcile/s1/ROB2/o%2F1',
    );
    expect(reconcilePath('p', { studyId: 's', type: 'AMSTAR2' })).toBe(
      '/projects/p/reconcile/s/AMSTAR2',
    );
  });
});
