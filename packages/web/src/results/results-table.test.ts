import { describe, expect, it } from 'vitest';
import type { DocStudy } from '@corates/shared';
import { ROB2_ALL_LOW, ROB2_CLUSTER_ALL_LOW } from '@corates/shared/testing';
import type { DocChecklist } from '../sync/doc/doc-model.ts';
import { resultsTables } from './results-table.ts';

const study = (id: string, title: string): DocStudy => ({
  id,
  title,
  authors: '',
  year: null,
  journal: '',
  doi: '',
  createdAt: '2026-01-01T00:00:00.000Z',
  createdBy: 'u',
  reviewer1: null,
  reviewer2: null,
});
const checklist = (patch: Partial<DocChecklist>): DocChecklist => ({
  id: 'c',
  type: 'ROBINS_I',
  studyId: 's1',
  outcomeId: 'o1',
  reviewerId: null,
  status: 'finalized',
  createdAt: '',
  completedAt: '2026-01-02T00:00:00.000Z',
  answers: {},
  ...patch,
});

describe('results tables', () => {
  it('one table per tool with finalized appraisals; rows in study order; not-assessed cells empty', () => {
    const tables = resultsTables(
      [study('s1', 'First'), study('s2', 'Second')],
      [{ id: 'o1', name: 'Mortality', createdAt: '', createdBy: '' }],
      [
        checklist({ id: 'b', studyId: 's2', answers: { b1: 'Y', b3: 'Y' } }),
        checklist({ id: 'a', studyId: 's1', answers: { b1: 'N', b2: 'PY', b3: 'N' } }),
        checklist({ id: 'waiting', type: 'ROB2', status: 'reconciling' }),
        checklist({ id: 'gone', studyId: 'removed' }),
      ],
    );
    expect(tables.map((t) => [t.type, t.columns.map((c) => c.key).join(' ')])).toEqual([
      ['ROBINS_I', 'D1 D2 D3 D4 D5 D6'],
    ]);
    expect(
      tables[0]!.rows.map((r) => [r.studyTitle, r.outcome, r.overall?.label, r.domains.D1]),
    ).toEqual([
      ['First', 'Mortality', 'Critical', undefined],
      ['Second', 'Mortality', 'Critical', undefined],
    ]);
  });

  it('RoB 2: a column only some designs have is shown when a row has it, not applicable elsewhere', () => {
    const studies = [study('s1', 'Parallel'), study('s2', 'Cluster')];
    const outcomes = [{ id: 'o1', name: 'Mortality', createdAt: '', createdBy: '' }];
    const parallel = checklist({ id: 'p', type: 'ROB2', answers: ROB2_ALL_LOW });
    const cluster = checklist({
      id: 'c',
      type: 'ROB2',
      studyId: 's2',
      answers: ROB2_CLUSTER_ALL_LOW,
    });
    const keys = (checklists: DocChecklist[]) =>
      resultsTables(studies, outcomes, checklists)[0]!
        .columns.map((c) => c.key)
        .join(' ');
    expect(keys([parallel])).toBe('D1 D2 D3 D4 D5');
    expect(keys([parallel, cluster])).toBe('D1 D1b D2 D3 D4 D5');
    const [table] = resultsTables(studies, outcomes, [parallel, cluster]);
    expect(
      table!.rows.map((r) => [r.studyTitle, r.domains.D1b?.label, r.applies.includes('D1b')]),
    ).toEqual([
      ['Parallel', undefined, false],
      ['Cluster', 'Low', true],
    ]);
  });
});
