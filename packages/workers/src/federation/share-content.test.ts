import { describe, expect, it } from 'vitest';
import type { DocStudy } from '@corates/shared';
import type { ChecklistContent, StoredChecklist } from '@corates/shared/doc';
import {
  planShareUpdates,
  recordKey,
  shareRecords,
  type LoggedRecord,
  type ShareRecord,
} from './share-content.ts';

const study = (id: string): DocStudy => ({
  id,
  title: `Study ${id}`,
  authors: 'Lee, J',
  year: 2021,
  journal: 'J',
  doi: '',
  createdAt: '2026-01-01T00:00:00.000Z',
  createdBy: 'u-owner',
  reviewer1: 'u1',
  reviewer2: 'u2',
});

const checklist = (
  id: string,
  studyId: string,
  reviewerId: string | null,
  status: StoredChecklist['status'],
): StoredChecklist => ({
  id,
  type: 'AMSTAR2',
  studyId,
  reviewerId,
  status,
  createdAt: '2026-01-02T00:00:00.000Z',
  completedAt: null,
  answers: {},
  notes: {},
  support: {},
  judgements: {},
  history: [],
});

const content = (answer: string): ChecklistContent => ({
  answers: { q1: answer },
  notes: { q1: 'a note' },
  support: {},
  judgements: {},
});

describe('shareRecords', () => {
  const doc = {
    studies: [study('s1'), study('s2'), study('s3')],
    checklists: [
      // s1: two reviewers done and a finalized reconciliation — the result is in.
      checklist('s1:u1', 's1', 'u1', 'reviewer-completed'),
      checklist('s1:u2', 's1', 'u2', 'reviewer-completed'),
      checklist('s1:rec', 's1', null, 'finalized'),
      // s2: one reviewer still working, the other done — blinded.
      checklist('s2:u1', 's2', 'u1', 'in-progress'),
      checklist('s2:u2', 's2', 'u2', 'reviewer-completed'),
      checklist('s3:u1', 's3', 'u1', 'finalized'),
    ],
  };
  const contents = new Map(doc.checklists.map((c) => [c.id, content(`yes-${c.id}`)]));

  it('covers the shared studies and their checklists only, without reviewer ids', () => {
    const records = shareRecords(doc, contents, new Set(['s1', 's2']));
    expect(records.map((r) => recordKey(r.entity, r.id))).toEqual([
      'study:s1',
      'study:s2',
      'checklist:s1:u1',
      'checklist:s1:u2',
      'checklist:s1:rec',
      'checklist:s2:u1',
      'checklist:s2:u2',
    ]);
    expect(JSON.stringify(records)).not.toMatch(/u-owner|"reviewer(Id|1|2)"/);
  });

  it('carries content only where a blinded viewer could read it (the appraisal finalized)', () => {
    const records = shareRecords(doc, contents, null);
    const byId = new Map(records.map((r) => [r.id, r]));
    const contentOf = (id: string) => (byId.get(id)?.row as { content: unknown }).content;
    expect(contentOf('s1:rec')).toEqual(content('yes-s1:rec'));
    expect(contentOf('s1:u1')).toEqual(content('yes-s1:u1'));
    expect(contentOf('s3:u1')).toEqual(content('yes-s3:u1'));
    // The done reviewer of an unfinished appraisal is withheld too, not only the one working.
    expect(contentOf('s2:u1')).toBeNull();
    expect(contentOf('s2:u2')).toBeNull();
    expect(byId.get('s1:rec')?.row).toMatchObject({ reconciled: true, status: 'finalized' });
    expect(byId.get('s1:u1')?.row).toMatchObject({ reconciled: false });
  });

  it('leaves out a checklist whose study is not in the document', () => {
    const orphan = { studies: [], checklists: [checklist('x', 'gone', null, 'finalized')] };
    expect(shareRecords(orphan, contents, null)).toEqual([]);
  });
});

describe('planShareUpdates', () => {
  const rec = (id: string, title: string): ShareRecord => ({
    entity: 'study',
    id,
    row: { ...study(id), title, design: null } as never,
  });
  const logged = (records: ShareRecord[]) =>
    new Map<string, LoggedRecord>(
      records.map((r) => [recordKey(r.entity, r.id), { op: 'upsert', row: JSON.stringify(r.row) }]),
    );

  it('plans nothing when the log already has every record as it is', () => {
    const now = [rec('a', 'A'), rec('b', 'B')];
    expect(planShareUpdates(logged(now), now)).toEqual([]);
  });

  it('upserts new and changed records, and a record back after leaving; leaves what went', () => {
    const before = logged([rec('a', 'A'), rec('b', 'B'), rec('c', 'C')]);
    before.set('study:d', { op: 'leave', row: null });
    const plan = planShareUpdates(before, [
      rec('a', 'A'),
      rec('b', 'B2'),
      rec('d', 'D'),
      rec('e', 'E'),
    ]);
    expect(plan.map((u) => [u.op, u.id])).toEqual([
      ['upsert', 'b'],
      ['upsert', 'd'],
      ['upsert', 'e'],
      ['leave', 'c'],
    ]);
    expect(plan.at(-1)).toEqual({ entity: 'study', id: 'c', op: 'leave', row: null });
    expect(JSON.parse(plan[0]?.row ?? '')).toMatchObject({ title: 'B2' });
  });

  it('does not leave a record twice', () => {
    const before = new Map<string, LoggedRecord>([['checklist:x:y', { op: 'leave', row: null }]]);
    expect(planShareUpdates(before, [])).toEqual([]);
  });
});
