import { describe, expect, it } from 'vitest';
import type { DocStudy } from '@corates/shared';
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
});
