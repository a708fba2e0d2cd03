import { describe, expect, it } from 'vitest';
import type { DocStudy } from '@corates/shared';
import { ROB2_ALL_LOW, ROB2_CLUSTER_ALL_LOW, ROBINS_I_ALL_LOW } from '@corates/shared/testing';
import type { ScoredContent } from '../studies/checklist-contents.ts';
import type { ListedChecklist } from '../studies/study-row.ts';
import { resultHeaders, resultsView } from './results-table.ts';

type Loaded = ListedChecklist & ScoredContent;

const study = (id: string, title: string, authors = ''): DocStudy => ({
  id,
  title,
  authors,
  year: 2020,
  journal: '',
  doi: '',
  createdAt: '2026-01-01T00:00:00.000Z',
  createdBy: 'u',
  reviewer1: null,
  reviewer2: null,
});
const checklist = (patch: Partial<Loaded>): Loaded => ({
  id: 'c',
  type: 'ROBINS_I',
  studyId: 's1',
  outcomeId: 'o1',
  reviewerId: null,
  status: 'finalized',
  createdAt: '',
  completedAt: '2026-01-02T00:00:00.000Z',
  answers: {},
  judgements: {},
  ...patch,
});
const outcomes = [
  { id: 'o1', name: 'Mortality', createdAt: '', createdBy: '' },
  { id: 'o2', name: 'Pain', createdAt: '', createdBy: '' },
];

describe('results view', () => {
  it('domain tools per tool and outcome; AMSTAR 2 in its own table; finalized appraisals of present studies only', () => {
    const view = resultsView([study('s1', 'First', 'Lee J'), study('s2', 'Second')], outcomes, [
      checklist({ id: 'r1', answers: ROBINS_I_ALL_LOW }),
      checklist({ id: 'p1', type: 'ROB2', outcomeId: 'o2', answers: ROB2_ALL_LOW }),
      checklist({
        id: 'p2',
        type: 'ROB2',
        studyId: 's2',
        outcomeId: 'o2',
        answers: ROB2_CLUSTER_ALL_LOW,
      }),
      checklist({ id: 'm1', type: 'ROB2', outcomeId: 'o1', answers: ROB2_ALL_LOW }),
      checklist({ id: 'waiting', type: 'ROB2', status: 'reconciling', answers: ROB2_ALL_LOW }),
      checklist({ id: 'a2', type: 'AMSTAR2', studyId: 's2', outcomeId: undefined }),
      checklist({ id: 'a1', type: 'AMSTAR2', outcomeId: undefined, answers: { q1: 'yes' } }),
      checklist({ id: 'gone', studyId: 'removed' }),
    ]);
    expect(
      view.domainTables.map(
        (t) =>
          `${t.type} ${t.outcome}: ${t.columns.map((c) => c.key).join(' ')} | ${t.rows.map((r) => r.study).join(', ')}`,
      ),
    ).toEqual([
      'ROBINS_I Mortality: D1 D2 D3 D4 D5 D6 | Lee 2020',
      'ROB2 Mortality: D1 D2 D3 D4 D5 | Lee 2020',
      'ROB2 Pain: D1 D1b D2 D3 D4 D5 | Lee 2020, Second',
    ]);
    // An AMSTAR 2 checklist finalized without every answer has no rating to show.
    expect(view.amstar2.map((r) => [r.study, r.studyTitle, r.overall?.label])).toEqual([
      ['Lee 2020', 'First', undefined],
      ['Second', 'Second', undefined],
    ]);
    expect(view.citations.map((c) => c.split(':')[0])).toEqual([
      'AMSTAR 2',
      'RoB 2',
      'ROBINS-I V2',
      'robvis',
    ]);
  });

  it('nothing finalized: nothing to show, nothing to cite', () => {
    const view = resultsView([study('s1', 'First')], outcomes, [
      checklist({ status: 'in-progress', reviewerId: 'u1' }),
    ]);
    expect(view).toEqual({ domainTables: [], amstar2: [], citations: [] });
  });

  it('which checklists hold results is decided from headers: the final one of each appraisal', () => {
    const header = (patch: Partial<ListedChecklist>): ListedChecklist => ({
      id: 'c',
      type: 'ROB2',
      studyId: 's1',
      outcomeId: 'o1',
      reviewerId: null,
      status: 'finalized',
      createdAt: '',
      completedAt: '2026-01-02T00:00:00.000Z',
      ...patch,
    });
    const ids = resultHeaders(
      [study('s1', 'First'), study('s2', 'Second')],
      [
        header({ id: 'reconciled' }),
        header({ id: 'reviewer-final', reviewerId: 'u1' }),
        header({ id: 'single', studyId: 's2', reviewerId: 'u1' }),
        header({ id: 'waiting', studyId: 's2', outcomeId: 'o2', status: 'reconciling' }),
        header({ id: 'gone', studyId: 'removed' }),
      ],
    ).map((h) => h.id);
    expect(ids.toSorted()).toEqual(['reconciled', 'single']);
  });
});
