import { describe, expect, it } from 'vitest';
import {
  ROB2_ALL_LOW,
  ROB2_CLUSTER_ALL_LOW,
  ROB2_CROSSOVER_ALL_LOW,
  ROB2_HIGH,
  ROBINS_I_ALL_LOW,
} from '../testing.ts';
import { ROB2_CLUSTER_RELEASE, ROB2_CROSSOVER_RELEASE } from './rob2.ts';
import { ROBINS_I_RELEASE } from './robins-i.ts';
import type { ResultChecklist } from './results.ts';
import { robvisCsvRows, robvisTables, type RobvisInput } from './robvis-table.ts';

const studies = [
  { id: 's1', title: 'A parallel trial', authors: 'Lee J, Patel R', year: 2020 },
  { id: 's2', title: 'A cluster trial', authors: 'Kim B', year: 2021 },
  { id: 's3', title: 'A cross-over trial', authors: '', year: 2022 },
];
const outcomes = [
  { id: 'o1', name: 'Pain' },
  { id: 'o2', name: 'Mortality' },
];
const checklist = (patch: Partial<ResultChecklist>): ResultChecklist => ({
  id: 'c',
  type: 'ROB2',
  studyId: 's1',
  outcomeId: 'o1',
  reviewerId: null,
  status: 'finalized',
  completedAt: '2026-03-01T00:00:00.000Z',
  answers: ROB2_ALL_LOW,
  ...patch,
});
const input = (checklists: ResultChecklist[]): RobvisInput => ({ studies, outcomes, checklists });
const text = (rows: string[][]) => rows.map((r) => r.join(' | '));

describe('robvis tables', () => {
  it('one per tool and outcome, ROBINS-I first, outcomes by name; results only', () => {
    const tables = robvisTables(
      input([
        checklist({ id: 'pain', outcomeId: 'o1' }),
        checklist({ id: 'death', outcomeId: 'o2', answers: ROB2_HIGH }),
        checklist({ id: 'robins', type: 'ROBINS_I', answers: ROBINS_I_ALL_LOW }),
        checklist({ id: 'waiting', studyId: 's2', reviewerId: 'u1', status: 'reviewer-completed' }),
        checklist({ id: 'amstar', type: 'AMSTAR2', outcomeId: null, answers: {} }),
        checklist({ id: 'removed-study', studyId: 'gone' }),
      ]),
    );
    expect(
      tables.map((t) => `${t.type} ${t.outcome}: ${t.rows.map((r) => r.checklistId)}`),
    ).toEqual(['ROBINS_I Pain: robins', 'ROB2 Mortality: death', 'ROB2 Pain: pain']);
  });

  it('RoB 2, parallel trials: Study, D1–D5, Overall, Weight 1 — robvis "ROB2"', () => {
    const [table] = robvisTables(
      input([
        checklist({ id: 'b', studyId: 's2', answers: ROB2_HIGH }),
        checklist({ id: 'a', studyId: 's1' }),
      ]),
    );
    expect(table!.robvisTool).toBe('ROB2');
    expect(table!.releases).toEqual([]);
    expect(text(robvisCsvRows(table!))).toEqual([
      'Study | D1 | D2 | D3 | D4 | D5 | Overall | Weight',
      'Lee 2020 | Low | Low | Low | Low | Low | Low | 1',
      'Kim 2021 | High | Low | Low | Low | Low | High | 1',
    ]);
  });

  it('a cluster trial adds D1b (not applicable to the parallel trial) — robvis "ROB2-Cluster"', () => {
    const [table] = robvisTables(
      input([
        checklist({ id: 'a', studyId: 's1' }),
        checklist({ id: 'b', studyId: 's2', answers: ROB2_CLUSTER_ALL_LOW }),
      ]),
    );
    expect(table!.robvisTool).toBe('ROB2-Cluster');
    expect(table!.releases).toEqual([ROB2_CLUSTER_RELEASE]);
    expect(text(robvisCsvRows(table!))).toEqual([
      'Study | D1 | D1b | D2 | D3 | D4 | D5 | Overall | Weight',
      'Lee 2020 | Low | Not applicable | Low | Low | Low | Low | Low | 1',
      'Kim 2021 | Low | Low | Low | Low | Low | Low | Low | 1',
    ]);
  });

  it('a cross-over trial adds DS, which no robvis template has — "Generic"', () => {
    const [table] = robvisTables(
      input([checklist({ id: 'c', studyId: 's3', answers: ROB2_CROSSOVER_ALL_LOW })]),
    );
    expect(table!.robvisTool).toBe('Generic');
    expect(table!.releases).toEqual([ROB2_CROSSOVER_RELEASE]);
    // A study without authors is labelled by its title.
    expect(text(robvisCsvRows(table!))).toEqual([
      'Study | D1 | DS | D2 | D3 | D4 | D5 | Overall | Weight',
      'A cross-over trial | Low | Low | Low | Low | Low | Low | Low | 1',
    ]);
  });

  it('ROBINS-I V2: six domains, "Generic"; stopped at screening: not assessed; a missing judgement: no information', () => {
    const { d6_1: _, ...withoutD6 } = ROBINS_I_ALL_LOW;
    const [table] = robvisTables(
      input([
        checklist({ id: 'low', type: 'ROBINS_I', answers: ROBINS_I_ALL_LOW }),
        checklist({
          id: 'stopped',
          type: 'ROBINS_I',
          studyId: 's2',
          answers: { b1: 'N', b2: 'PY', b3: 'N' },
        }),
        checklist({ id: 'missing', type: 'ROBINS_I', studyId: 's3', answers: withoutD6 }),
      ]),
    );
    expect(table!.robvisTool).toBe('Generic');
    expect(table!.releases).toEqual([ROBINS_I_RELEASE]);
    expect(text(robvisCsvRows(table!))).toEqual([
      'Study | D1 | D2 | D3 | D4 | D5 | D6 | Overall | Weight',
      'Lee 2020 | Low | Low | Low | Low | Low | Low | Low | 1',
      'Kim 2021 | Not assessed | Not assessed | Not assessed | Not assessed | Not assessed | Not assessed | Critical | 1',
      'A cross-over trial | Low | Low | Low | Low | Low | No information | No information | 1',
    ]);
  });

  it('a checklist naming an outcome the project no longer has goes to a table without outcome, last', () => {
    const tables = robvisTables(
      input([checklist({ id: 'x', outcomeId: 'deleted' }), checklist({ id: 'y', studyId: 's2' })]),
    );
    expect(tables.map((t) => [t.outcomeId, t.outcome, t.rows.map((r) => r.checklistId)])).toEqual([
      ['o1', 'Pain', ['y']],
      [null, '', ['x']],
    ]);
  });
});
