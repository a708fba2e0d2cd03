import { describe, expect, it } from 'vitest';
import { EXPORT_COLUMNS, exportRows, historyCell, type ExportInput } from './export-rows.ts';
import { ROB2_CLUSTER_RELEASE, ROB2_CROSSOVER_RELEASE } from './rob2.ts';
import { ROBINS_I_RELEASE } from './robins-i.ts';
import {
  ROB2_ALL_LOW,
  ROB2_CLUSTER_ALL_LOW,
  ROB2_CROSSOVER_ALL_LOW,
  ROB2_HIGH,
} from '../testing.ts';
import type { ChecklistStatus } from './status.ts';

const study = (id: string, createdAt: string) => ({
  id,
  title: `Study ${id}`,
  authors: 'Lee',
  year: 2020,
  doi: '',
  createdAt,
});

const base: ExportInput = {
  studies: [study('s2', '2026-01-02'), study('s1', '2026-01-01')],
  outcomes: [{ id: 'o1', name: 'Mortality' }],
  checklists: [
    {
      id: 's1:ROBINS_I:o1:reconciled',
      type: 'ROBINS_I',
      studyId: 's1',
      outcomeId: 'o1',
      reviewerId: null,
      status: 'finalized',
      completedAt: '2026-02-01T00:00:00.000Z',
      answers: { b1: 'N', b2: 'Y', b3: 'N', c4: 'itt', d1a_1: 'Y' },
      notes: { a1: ' OR 1.5, Table 2 ', b2: '' },
    },
    {
      id: 's2:AMSTAR2:u1',
      type: 'AMSTAR2',
      studyId: 's2',
      reviewerId: 'u1',
      status: 'reviewer-completed',
      completedAt: null,
      answers: { q1: 'yes' },
      notes: {},
    },
  ],
};

const col = (row: string[], name: (typeof EXPORT_COLUMNS)[number]) =>
  row[EXPORT_COLUMNS.indexOf(name)];

describe('results export rows', () => {
  it('header, then a finalized ROBINS-I stopped at screening: its answers, no domains, Critical', () => {
    const rows = exportRows(base);
    expect(rows[0]).toEqual([...EXPORT_COLUMNS]);
    const body = rows.slice(1);
    expect(
      body.map((r) => [col(r, 'record'), col(r, 'item'), col(r, 'value'), col(r, 'comment')]),
    ).toEqual([
      ['answer', 'A1', '', 'OR 1.5, Table 2'],
      ['answer', 'B1', 'N', ''],
      ['answer', 'B2', 'Y', ''],
      ['answer', 'B3', 'N', ''],
      ['overall', '', 'critical', ''],
    ]);
    // The effect of interest (C4) and domain 1a's answer are kept in the document, but screening
    // stopped the assessment before them, so they are not exported.
    expect(body.every((r) => col(r, 'source') === 'reconciled')).toBe(true);
    expect(col(body[0]!, 'outcome')).toBe('Mortality');
    expect(col(body[1]!, 'label')).toBe('No');
  });

  it('columns are only ever added at the end (docs/export-csv.md)', () => {
    expect(EXPORT_COLUMNS.slice(0, 19)).toEqual([
      'study_id',
      'study_title',
      'study_authors',
      'study_year',
      'study_doi',
      'tool',
      'outcome_id',
      'outcome',
      'checklist_id',
      'source',
      'finalized_at',
      'record',
      'section',
      'item',
      'question',
      'value',
      'label',
      'comment',
      'tool_version',
    ]);
  });

  it('tool_version names the ROBINS-I V2 release on every ROBINS-I row, empty for AMSTAR 2', () => {
    const amstar = { ...base.checklists[1]!, status: 'finalized' as const, reviewerId: null };
    const body = exportRows({ ...base, checklists: [base.checklists[0]!, amstar] }).slice(1);
    const versions = (tool: string) =>
      new Set(body.filter((r) => col(r, 'tool') === tool).map((r) => col(r, 'tool_version')));
    expect(versions('ROBINS_I')).toEqual(
      new Set(['ROBINS-I V2 (20 November 2025 release, robins-i.org)']),
    );
    expect(versions('ROBINS_I')).toEqual(new Set([ROBINS_I_RELEASE]));
    expect(versions('AMSTAR2')).toEqual(new Set(['']));
  });

  it('checklists waiting for reconciliation and those of removed studies are not exported', () => {
    const rows = exportRows({ ...base, studies: [study('s2', '2026-01-02')] });
    expect(rows).toHaveLength(1);
  });

  it('RoB 2 variants: every domain of the design, incl. 1b and S, and the variant in tool_version', () => {
    const rob2 = (id: string, studyId: string, answers: Record<string, string>) => ({
      id,
      type: 'ROB2' as const,
      studyId,
      outcomeId: 'o1',
      reviewerId: 'u1',
      status: 'finalized' as const,
      completedAt: '2026-03-01T00:00:00.000Z',
      answers,
      notes: { d1b_2: 'Recruited by blinded staff', d1b_dir: '' },
    });
    const body = exportRows({
      ...base,
      checklists: [
        // 1b.1 "No": 1b.2 is asked and answered; the domain has Some concerns (1b.3 "Yes").
        rob2('cluster', 's1', { ...ROB2_CLUSTER_ALL_LOW, d1b_1: 'N', d1b_2: 'N', d1b_3: 'Y' }),
        // S.1 "Yes" leaves S.2 unasked: its leftover answer is not exported.
        rob2('crossover', 's2', { ...ROB2_CROSSOVER_ALL_LOW, ds_2: 'N' }),
      ],
    }).slice(1);
    const of = (id: string, record: string) =>
      body.filter((r) => col(r, 'checklist_id') === id && col(r, 'record') === record);
    expect(of('cluster', 'domain').map((r) => [col(r, 'section'), col(r, 'label')])).toEqual([
      ['d1a', 'Low'],
      ['d1b', 'Some concerns'],
      ['d2ac', 'Low'],
      ['d3c', 'Low'],
      ['d4c', 'Low'],
      ['d5', 'Low'],
    ]);
    expect(col(of('cluster', 'domain')[1]!, 'question')).toBe(
      '1b. Bias arising from the timing of identification or recruitment of participants',
    );
    expect(of('cluster', 'overall').map((r) => col(r, 'value'))).toEqual(['some-concerns']);
    const d1b2 = of('cluster', 'answer').find((r) => col(r, 'item') === '1b.2')!;
    expect([col(d1b2, 'section'), col(d1b2, 'value'), col(d1b2, 'comment')]).toEqual([
      'd1b',
      'N',
      'Recruited by blinded staff',
    ]);
    expect(of('crossover', 'domain').map((r) => col(r, 'section'))).toEqual([
      'd1',
      'ds',
      'd2a',
      'd3',
      'd4',
      'd5',
    ]);
    expect(of('crossover', 'answer').map((r) => col(r, 'item'))).toEqual(
      expect.arrayContaining(['S.1', 'S.3']),
    );
    expect(of('crossover', 'answer').map((r) => col(r, 'item'))).not.toContain('S.2');
    const versions = (id: string) =>
      new Set(body.filter((r) => col(r, 'checklist_id') === id).map((r) => col(r, 'tool_version')));
    expect(versions('cluster')).toEqual(new Set([ROB2_CLUSTER_RELEASE]));
    expect(versions('crossover')).toEqual(new Set([ROB2_CROSSOVER_RELEASE]));
  });

  describe("scope 'all': each reviewer's answers and notes beside the reconciled ones", () => {
    const rob2 = (
      id: string,
      reviewerId: string | null,
      status: ChecklistStatus,
      completedAt: string | null,
      answers: Record<string, string>,
      notes: Record<string, string> = {},
    ) => ({
      id,
      type: 'ROB2' as const,
      studyId: 's1',
      outcomeId: 'o1',
      reviewerId,
      status,
      completedAt,
      answers,
      notes,
    });
    const input: ExportInput = {
      ...base,
      reviewerNames: { u1: 'Ada Lovelace', u2: 'Bo Chen' },
      checklists: [
        rob2('rec', null, 'finalized', '2026-03-03T00:00:00.000Z', ROB2_HIGH),
        rob2('bo', 'u2', 'reviewer-completed', '2026-03-01T00:00:00.000Z', ROB2_HIGH, {
          d1_2: 'Envelopes not opaque',
        }),
        rob2('ada', 'u1', 'reviewer-completed', '2026-03-02T00:00:00.000Z', ROB2_ALL_LOW, {
          d1_2: 'Central randomisation',
        }),
        // A draft is not part of the record, in either scope.
        { ...rob2('cy', 'u3', 'in-progress', null, ROB2_ALL_LOW), studyId: 's2' },
      ],
    };
    const overall = (rows: string[][]) =>
      rows
        .slice(1)
        .filter((r) => col(r, 'record') === 'overall')
        .map((r) => [
          col(r, 'checklist_id'),
          col(r, 'source'),
          col(r, 'reviewer_id'),
          col(r, 'reviewer'),
          col(r, 'checklist_status'),
          col(r, 'value'),
        ]);

    it("the default scope holds the result only; 'all' adds the reviewers', in completion order, before it", () => {
      expect(overall(exportRows(input))).toEqual([
        ['rec', 'reconciled', '', '', 'finalized', 'high'],
      ]);
      expect(overall(exportRows(input, 'all'))).toEqual([
        ['bo', 'reviewer', 'u2', 'Bo Chen', 'reviewer-completed', 'high'],
        ['ada', 'reviewer', 'u1', 'Ada Lovelace', 'reviewer-completed', 'low'],
        ['rec', 'reconciled', '', '', 'finalized', 'high'],
      ]);
    });

    it("each reviewer's note stays on their own answer row", () => {
      const d12 = exportRows(input, 'all')
        .slice(1)
        .filter((r) => col(r, 'item') === '1.2')
        .map((r) => [col(r, 'checklist_id'), col(r, 'value'), col(r, 'comment')]);
      expect(d12).toEqual([
        ['bo', 'N', 'Envelopes not opaque'],
        ['ada', 'Y', 'Central randomisation'],
        ['rec', 'N', ''],
      ]);
    });

    it("a single reviewer's finalized checklist is the result, exported once", () => {
      const single = rob2('solo', 'u1', 'finalized', '2026-03-01T00:00:00.000Z', ROB2_ALL_LOW);
      const rows = exportRows({ ...input, checklists: [single] }, 'all');
      expect(overall(rows)).toEqual([
        ['solo', 'single-reviewer', 'u1', 'Ada Lovelace', 'finalized', 'low'],
      ]);
    });

    it('a reviewer unknown to the names map exports an empty name, not the id', () => {
      const rows = exportRows({ ...input, reviewerNames: {} }, 'all');
      expect(overall(rows).map((r) => r[3])).toEqual(['', '', '']);
    });
  });

  it('the assessor columns come after checklist_status', () => {
    expect(EXPORT_COLUMNS.slice(19)).toEqual([
      'reviewer_id',
      'reviewer',
      'checklist_status',
      'suggested_value',
      'suggested_label',
      'judgement_reason',
      'history',
    ]);
  });

  it('an override and a raise: the final judgement in value, the suggestion beside it, the reason', () => {
    const at = '2026-03-02T00:00:00.000Z';
    const checklist = {
      id: 'rec',
      type: 'ROB2' as const,
      studyId: 's1',
      outcomeId: 'o1',
      reviewerId: null,
      status: 'finalized' as const,
      completedAt: '2026-03-03T00:00:00.000Z',
      // Domain 1 (1.1 N) has some concerns by the algorithm; the assessor judges domain 3 so too.
      answers: { ...ROB2_ALL_LOW, d1_1: 'N' },
      notes: {},
      support: { d3: 'Outcome data missing for 12 % of participants' },
      judgements: {
        d3: {
          judgement: 'some-concerns',
          suggested: 'low',
          reason: ' Missingness differs between arms ',
          by: 'u9',
          at,
        },
        overall: {
          judgement: 'high',
          suggested: 'some-concerns',
          reason: 'Two domains with some concerns together',
          by: 'u9',
          at,
        },
      },
    };
    const body = exportRows({ ...base, checklists: [checklist] }).slice(1);
    const judgementRows = body
      .filter((r) => col(r, 'record') !== 'answer')
      .map((r) => [
        col(r, 'section'),
        col(r, 'value'),
        col(r, 'label'),
        col(r, 'suggested_value'),
        col(r, 'suggested_label'),
        col(r, 'judgement_reason'),
        col(r, 'comment'),
      ]);
    expect(judgementRows).toEqual([
      ['d1', 'some-concerns', 'Some concerns', 'some-concerns', 'Some concerns', '', ''],
      ['d2a', 'low', 'Low', 'low', 'Low', '', ''],
      [
        'd3',
        'some-concerns',
        'Some concerns',
        'low',
        'Low',
        'Missingness differs between arms',
        'Outcome data missing for 12 % of participants',
      ],
      ['d4', 'low', 'Low', 'low', 'Low', '', ''],
      ['d5', 'low', 'Low', 'low', 'Low', '', ''],
      [
        '',
        'high',
        'High',
        'some-concerns',
        'Some concerns',
        'Two domains with some concerns together',
        '',
      ],
    ]);
    const answers = body.filter((r) => col(r, 'record') === 'answer');
    expect(answers.length).toBeGreaterThan(0);
    for (const r of answers) expect(r.slice(19 + 3, 19 + 6)).toEqual(['', '', '']);
    expect(body.every((r) => r.length === EXPORT_COLUMNS.length)).toBe(true);
  });

  it("a domain's support for judgement is the comment of its row", () => {
    const checklist = {
      id: 'rec',
      type: 'ROB2' as const,
      studyId: 's1',
      outcomeId: 'o1',
      reviewerId: null,
      status: 'finalized' as const,
      completedAt: '2026-03-03T00:00:00.000Z',
      answers: ROB2_HIGH,
      notes: {},
      support: { d1: ' Allocation not concealed: sealed envelopes were not opaque. ' },
    };
    const domains = exportRows({ ...base, checklists: [checklist] })
      .slice(1)
      .filter((r) => col(r, 'record') === 'domain')
      .map((r) => [col(r, 'section'), col(r, 'value'), col(r, 'comment')]);
    expect(domains).toEqual([
      ['d1', 'high', 'Allocation not concealed: sealed envelopes were not opaque.'],
      ['d2a', 'low', ''],
      ['d3', 'low', ''],
      ['d4', 'low', ''],
      ['d5', 'low', ''],
    ]);
  });

  describe('the checklist history', () => {
    const history = [
      // Stored out of order (two devices): the cell is in time order.
      {
        event: 'reopened' as const,
        by: 'u-owner',
        at: '2026-12-02T09:15:30.000Z',
        reason: 'Outcome data\nwere misread;  see Table 3',
      },
      { event: 'finalized' as const, by: 'u-ed', at: '2026-12-01T10:00:00.000Z' },
      { event: 'finalized' as const, by: 'u-gone', at: '2026-12-03T08:05:00.000Z' },
    ];
    const names = { 'u-owner': 'Ada Lovelace', 'u-ed': 'Ben Okri' };

    it('reads as events in time order: when (UTC), what, by whom, and why', () => {
      expect(historyCell(history, names)).toBe(
        '2026-12-01 10:00 UTC finalized by Ben Okri; ' +
          '2026-12-02 09:15 UTC reopened by Ada Lovelace: Outcome data were misread; see Table 3; ' +
          '2026-12-03 08:05 UTC finalized by u-gone',
      );
      expect(historyCell([])).toBe('');
    });

    it("is the overall row's last cell, once per checklist; answer and domain rows leave it empty", () => {
      const checklist = {
        id: 'rec',
        type: 'ROB2' as const,
        studyId: 's1',
        outcomeId: 'o1',
        reviewerId: null,
        status: 'finalized' as const,
        completedAt: '2026-12-03T08:05:00.000Z',
        answers: ROB2_HIGH,
        notes: {},
        history,
      };
      const body = exportRows({ ...base, checklists: [checklist], reviewerNames: names }).slice(1);
      expect(EXPORT_COLUMNS.at(-1)).toBe('history');
      expect(body.every((r) => r.length === EXPORT_COLUMNS.length)).toBe(true);
      const cells = body.map((r) => [col(r, 'record'), col(r, 'history')]);
      expect(cells.filter(([record]) => record === 'overall')).toEqual([
        ['overall', historyCell(history, names)],
      ]);
      expect(cells.filter(([record]) => record !== 'overall').every(([, h]) => h === '')).toBe(
        true,
      );
    });
  });
});
