import { describe, expect, it } from 'vitest';
import type { DocOutcome, DocStudy } from '@corates/shared';
import type { ChecklistContent, StoredChecklist } from '@corates/shared/doc';
import {
  edgeKey,
  planShareGraph,
  planShareUpdates,
  readableChecklists,
  recordKey,
  shareClosure,
  type LoggedRecord,
  type ShareClosure,
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

const outcome = (id: string): DocOutcome => ({
  id,
  name: `Outcome ${id}`,
  createdAt: '2026-01-01T00:00:00.000Z',
  createdBy: 'u-owner',
});

const pdf = (id: string, studyId: string, sha256: string | null = id.repeat(64).slice(0, 64)) => ({
  id,
  studyId,
  fileName: `${id}.pdf`,
  size: 10,
  tag: 'primary' as const,
  sha256,
  createdAt: '2026-01-03T00:00:00.000Z',
  updatedAt: '2026-01-03T00:00:00.000Z',
});

const keys = (c: ShareClosure) => c.records.map((r) => recordKey(r.entity, r.id));
const edges = (c: ShareClosure) => c.edges.map(edgeKey);

describe('shareClosure', () => {
  const doc = {
    studies: [study('s1'), study('s2'), study('s3')],
    outcomes: [outcome('o1'), outcome('o2'), outcome('o3')],
    checklists: [
      // s1: two reviewers done and a finalized reconciliation — the result is in.
      checklist('s1:u1', 's1', 'u1', 'reviewer-completed'),
      checklist('s1:u2', 's1', 'u2', 'reviewer-completed'),
      checklist('s1:rec', 's1', null, 'finalized'),
      // s2: one reviewer still working, the other done — blinded. It assesses outcome o2.
      { ...checklist('s2:u1', 's2', 'u1', 'in-progress'), outcomeId: 'o2' },
      checklist('s2:u2', 's2', 'u2', 'reviewer-completed'),
      { ...checklist('s3:u1', 's3', 'u1', 'finalized'), outcomeId: 'o3' },
    ],
  };
  const contents = new Map(doc.checklists.map((c) => [c.id, content(`yes-${c.id}`)]));
  const source = (pdfs: ReturnType<typeof pdf>[] = [], d = doc) => ({
    project: { id: 'p1', name: 'Review' },
    doc: d,
    contents,
    pdfs,
  });
  const studies = (...ids: string[]) => ({ scope: 'studies' as const, studyIds: new Set(ids) });

  it('a project share: every study and outcome under the project, checklists and PDFs under their study', () => {
    const c = shareClosure(source([pdf('f1', 's1'), pdf('f2', 's3')]), { scope: 'project' });
    expect(keys(c)).toEqual([
      'study:s1',
      'study:s2',
      'study:s3',
      'outcome:o1',
      'outcome:o2',
      'outcome:o3',
      'checklist:s1:u1',
      'checklist:s1:u2',
      'checklist:s1:rec',
      'checklist:s2:u1',
      'checklist:s2:u2',
      'checklist:s3:u1',
      'pdf:f1',
      'pdf:f2',
    ]);
    expect(c.nodes[0]).toEqual({ entity: 'project', id: 'p1', label: 'Review' });
    expect(edges(c)).toEqual(
      expect.arrayContaining([
        'project:p1>study:s1',
        'project:p1>outcome:o1',
        'study:s1>checklist:s1:rec',
        'checklist:s2:u1>outcome:o2',
        'study:s1>pdf:f1',
        `pdf:f1>file:${'f1'.repeat(32)}`,
      ]),
    );
    expect(c.nodes.filter((n) => n.entity === 'file')).toHaveLength(2);
  });

  it('a study share: its checklists, the outcomes they assess and its PDFs — nothing of other studies', () => {
    const c = shareClosure(source([pdf('f1', 's1'), pdf('f2', 's3')]), studies('s2', 's3'));
    expect(keys(c)).toEqual([
      'study:s2',
      'study:s3',
      'checklist:s2:u1',
      'outcome:o2',
      'checklist:s2:u2',
      'checklist:s3:u1',
      'outcome:o3',
      'pdf:f2',
    ]);
    expect(c.nodes.some((n) => n.entity === 'project')).toBe(false);
    expect(edges(c)).toContain('checklist:s3:u1>outcome:o3');
    expect(JSON.stringify(c.records)).not.toMatch(/u-owner|"reviewer(Id|1|2)"|createdBy/);
  });

  it('a checklist or PDF added under a shared study joins; a PDF moved to another study leaves', () => {
    const before = shareClosure(source([pdf('f1', 's1')]), studies('s1'));
    const added = {
      ...doc,
      checklists: [...doc.checklists, checklist('s1:new', 's1', 'u3', 'in-progress')],
    };
    const after = shareClosure(source([pdf('f1', 's1'), pdf('f9', 's1')], added), studies('s1'));
    expect(keys(after).filter((k) => !keys(before).includes(k))).toEqual([
      'checklist:s1:new',
      'pdf:f9',
    ]);
    const moved = shareClosure(source([pdf('f1', 's2')]), studies('s1'));
    expect(keys(moved)).not.toContain('pdf:f1');
    expect(moved.nodes.some((n) => n.entity === 'file')).toBe(false);
  });

  it('a study root the document no longer has covers nothing, and an unhashed PDF is left out', () => {
    const gone = { ...doc, studies: doc.studies.filter((s) => s.id !== 's1') };
    expect(shareClosure(source([pdf('f1', 's1')], gone), studies('s1'))).toEqual({
      records: [],
      nodes: [],
      edges: [],
    });
    expect(keys(shareClosure(source([pdf('f1', 's1', null)]), studies('s1')))).not.toContain(
      'pdf:f1',
    );
  });

  it('carries content only where a blinded viewer could read it (the appraisal finalized)', () => {
    const records = shareClosure(source(), { scope: 'project' }).records;
    const byId = new Map(records.map((r) => [r.id, r]));
    const contentOf = (id: string) => (byId.get(id)?.row as { content: unknown }).content;
    expect(contentOf('s1:rec')).toEqual(content('yes-s1:rec'));
    expect(contentOf('s1:u1')).toEqual(content('yes-s1:u1'));
    expect(contentOf('s3:u1')).toEqual(content('yes-s3:u1'));
    // The done reviewer of an unfinished appraisal is withheld too, not only the one working.
    expect(contentOf('s2:u1')).toBeNull();
    expect(contentOf('s2:u2')).toBeNull();
    expect([...readableChecklists(doc)].sort()).toEqual(['s1:rec', 's1:u1', 's1:u2', 's3:u1']);
    expect(byId.get('s1:rec')?.row).toMatchObject({ reconciled: true, status: 'finalized' });
    expect(byId.get('s1:u1')?.row).toMatchObject({ reconciled: false });
  });

  it('leaves out a checklist whose study is not in the document', () => {
    const orphan = {
      studies: [],
      outcomes: [],
      checklists: [checklist('x', 'gone', null, 'finalized')],
    };
    expect(shareClosure(source([], orphan), { scope: 'project' }).records).toEqual([]);
  });
});

describe('planShareGraph', () => {
  const node = (id: string, label = id) => ({ entity: 'study' as const, id, label });
  const edge = (from: string, to: string) => ({
    from: { entity: 'project' as const, id: from },
    to: { entity: 'study' as const, id: to },
  });

  it('writes only what differs: new or relabelled nodes, gone nodes, new and gone edges', () => {
    const plan = planShareGraph(
      new Map([
        ['study:a', 'a'],
        ['study:b', 'old'],
        ['study:c', 'c'],
      ]),
      new Set(['project:p>study:a', 'project:p>study:c']),
      { nodes: [node('a'), node('b'), node('d')], edges: [edge('p', 'a'), edge('p', 'd')] },
    );
    expect(plan).toEqual({
      putNodes: [node('b'), node('d')],
      dropNodes: ['study:c'],
      addEdges: [edge('p', 'd')],
      dropEdges: ['project:p>study:c'],
    });
  });

  it('plans nothing for a DAG stored as it is', () => {
    const closure = { nodes: [node('a')], edges: [edge('p', 'a')] };
    expect(
      planShareGraph(new Map([['study:a', 'a']]), new Set(['project:p>study:a']), closure),
    ).toEqual({ putNodes: [], dropNodes: [], addEdges: [], dropEdges: [] });
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
