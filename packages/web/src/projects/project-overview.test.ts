import { describe, expect, it } from 'vitest';
import type { DocStudy } from '@corates/shared';
import type { ListedChecklist } from '../studies/study-row.ts';
import { projectOverview } from './project-overview.ts';

const study = (id: string, reviewer2: string | null = 'bo'): DocStudy => ({
  id,
  title: id,
  authors: '',
  year: null,
  journal: '',
  doi: '',
  createdAt: '2026-01-01T00:00:00.000Z',
  createdBy: 'olga',
  reviewer1: 'ada',
  reviewer2,
});

const checklist = (
  studyId: string,
  reviewerId: string,
  status: ListedChecklist['status'],
  type: ListedChecklist['type'] = 'AMSTAR2',
  outcomeId?: string,
): ListedChecklist =>
  ({
    id: [studyId, type, ...(outcomeId ? [outcomeId] : []), reviewerId].join(':'),
    type,
    studyId,
    reviewerId,
    ...(outcomeId ? { outcomeId } : {}),
    status,
    createdAt: '2026-01-02T00:00:00.000Z',
    completedAt: null,
  }) as ListedChecklist;

describe('projectOverview', () => {
  it('counts studies by status and each tool and outcome by status', () => {
    const overview = projectOverview(
      [study('s1'), study('s2'), study('s3'), study('s4')],
      [
        checklist('s1', 'ada', 'in-progress'),
        checklist('s2', 'ada', 'reviewer-completed'),
        checklist('s2', 'bo', 'reviewer-completed'),
        checklist('s3', 'ada', 'reviewer-completed', 'ROB2', 'o1'),
        checklist('s3', 'bo', 'in-progress', 'ROB2', 'o1'),
      ],
      [{ id: 'o1', name: 'Mortality', createdAt: '', createdBy: 'olga' }],
    );
    expect(overview.studies).toBe(4);
    expect(overview.byStatus).toEqual({
      pending: 1,
      'in-progress': 1,
      'reviewer-completed': 1,
      'ready-to-reconcile': 1,
      reconciling: 0,
      finalized: 0,
    });
    expect(overview.byAppraisal.map((a) => [a.title, a.total, a.counts])).toEqual([
      [
        'AMSTAR 2',
        2,
        {
          pending: 0,
          'in-progress': 1,
          'reviewer-completed': 0,
          'ready-to-reconcile': 1,
          reconciling: 0,
          finalized: 0,
        },
      ],
      [
        'RoB 2 · Mortality',
        1,
        {
          pending: 0,
          'in-progress': 0,
          'reviewer-completed': 1,
          'ready-to-reconcile': 0,
          reconciling: 0,
          finalized: 0,
        },
      ],
    ]);
  });

  it('has no appraisal rows for a project where nothing has started', () => {
    const overview = projectOverview([study('s1', null)], [], []);
    expect(overview.byStatus.pending).toBe(1);
    expect(overview.byAppraisal).toEqual([]);
  });
});
