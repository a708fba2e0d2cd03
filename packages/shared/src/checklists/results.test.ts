import { describe, expect, it } from 'vitest';
import {
  appraisalResult,
  domainColumns,
  finalizedChecklists,
  type ResultChecklist,
} from './results.ts';
import { domainColumnKey } from './types.ts';
import { ROB2_ALL_LOW, ROB2_CLUSTER_ALL_LOW, ROB2_CROSSOVER_ALL_LOW } from '../testing.ts';

const checklist = (over: Partial<ResultChecklist>): ResultChecklist => ({
  id: 'c',
  type: 'ROB2',
  studyId: 's1',
  outcomeId: 'o1',
  reviewerId: 'u1',
  status: 'finalized',
  completedAt: '2025-01-01T00:00:00.000Z',
  answers: {},
  ...over,
});

describe('results', () => {
  it('domain alternatives share a column; AMSTAR 2 has none', () => {
    expect(domainColumnKey('d1a')).toBe('D1');
    expect(domainColumnKey('d6')).toBe('D6');
    expect(domainColumns('ROBINS_I').map((c) => [c.key, c.domainIds])).toEqual([
      ['D1', ['d1a', 'd1b']],
      ['D2', ['d2']],
      ['D3', ['d3']],
      ['D4', ['d4']],
      ['D5', ['d5']],
      ['D6', ['d6']],
    ]);
    expect(domainColumns('ROB2').map((c) => [c.key, c.domainIds])).toEqual([
      ['D1', ['d1', 'd1a']],
      ['D1b', ['d1b']],
      ['DS', ['ds']],
      ['D2', ['d2a', 'd2ac', 'd2b']],
      ['D3', ['d3', 'd3c']],
      ['D4', ['d4', 'd4c']],
      ['D5', ['d5']],
    ]);
    expect(domainColumns('ROB2')[3]).toEqual({
      key: 'D2',
      title: '2. Bias due to deviations from intended interventions',
      domainIds: ['d2a', 'd2ac', 'd2b'],
    });
    expect(domainColumns('AMSTAR2')).toEqual([]);
  });

  it('one final checklist per appraisal: reconciled over a reviewer’s; unfinalized ones are not results', () => {
    const finals = finalizedChecklists([
      checklist({ id: 'r1', reviewerId: 'u1' }),
      checklist({ id: 'rec', reviewerId: null, completedAt: '2024-01-01T00:00:00.000Z' }),
      checklist({ id: 'other-outcome', outcomeId: 'o2', reviewerId: 'u1' }),
      checklist({ id: 'waiting', studyId: 's2', status: 'reviewer-completed' }),
      checklist({ id: 'amstar', type: 'AMSTAR2', outcomeId: undefined }),
    ]);
    expect(finals.map((c) => c.id).sort()).toEqual(['amstar', 'other-outcome', 'rec']);
  });

  it('judgements land on their columns; ROBINS-I stopped at screening has none but is Critical', () => {
    const rob2 = appraisalResult(checklist({ answers: { ...ROB2_ALL_LOW, d1_3: 'Y' } }));
    expect(rob2.overall?.value).toBe('some-concerns');
    expect(Object.fromEntries(Object.entries(rob2.domains).map(([k, j]) => [k, j?.value]))).toEqual(
      { D1: 'some-concerns', D2: 'low', D3: 'low', D4: 'low', D5: 'low' },
    );
    expect(rob2.notAssessed).toBe(false);

    const stopped = appraisalResult(
      checklist({ type: 'ROBINS_I', answers: { b1: 'N', b2: 'Y', b3: 'N' } }),
    );
    expect([stopped.overall?.value, stopped.notAssessed, stopped.domains]).toEqual([
      'critical',
      true,
      {},
    ]);
  });

  it('RoB 2 variants: 1b and S have columns of their own; columns name what the design has', () => {
    const cluster = appraisalResult(
      checklist({ answers: { ...ROB2_CLUSTER_ALL_LOW, d1b_1: 'N', d1b_2: 'Y' } }),
    );
    expect(cluster.overall?.value).toBe('high');
    expect(
      Object.fromEntries(Object.entries(cluster.domains).map(([k, j]) => [k, j?.value])),
    ).toEqual({ D1: 'low', D1b: 'high', D2: 'low', D3: 'low', D4: 'low', D5: 'low' });
    expect(cluster.columns).toEqual(['D1', 'D1b', 'D2', 'D3', 'D4', 'D5']);
    const crossover = appraisalResult(checklist({ answers: ROB2_CROSSOVER_ALL_LOW }));
    expect([crossover.overall?.value, crossover.domains.DS?.label]).toEqual(['low', 'Low']);
    expect(crossover.columns).toEqual(['D1', 'DS', 'D2', 'D3', 'D4', 'D5']);
    expect(appraisalResult(checklist({ answers: ROB2_ALL_LOW })).columns).toEqual([
      'D1',
      'D2',
      'D3',
      'D4',
      'D5',
    ]);
  });
});
