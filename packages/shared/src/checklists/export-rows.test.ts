import { describe, expect, it } from 'vitest';
import { EXPORT_COLUMNS, exportRows, type ExportInput } from './export-rows.ts';
import { ROBINS_I_RELEASE } from './robins-i.ts';

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
      ['answer', 'C4', 'itt', ''],
      ['overall', '', 'critical', ''],
    ]);
    // Domain 1a's answer is kept in the document but not assessed, so not exported.
    expect(body.every((r) => col(r, 'source') === 'reconciled')).toBe(true);
    expect(col(body[0]!, 'outcome')).toBe('Mortality');
    expect(col(body[1]!, 'label')).toBe('No');
  });

  it('tool_version names the ROBINS-I V2 release on every ROBINS-I row, empty for AMSTAR 2', () => {
    expect(EXPORT_COLUMNS.at(-1)).toBe('tool_version');
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
});
