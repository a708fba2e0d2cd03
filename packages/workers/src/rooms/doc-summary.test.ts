import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { amstar2Definition, checklistItems, DocRoot } from '@corates/shared';
import { summarizeDoc } from './doc-summary.ts';
import { ROB2_CLUSTER_ALL_LOW, ROB2_HIGH } from '@corates/shared/testing';

function addStudy(doc: Y.Doc, id: string, reviewers: string[]) {
  const study = new Y.Map<unknown>();
  doc.getMap(DocRoot.studies).set(id, study);
  for (const [k, v] of Object.entries({
    id,
    title: id,
    authors: '',
    year: null,
    journal: '',
    doi: '',
    createdAt: '2026-01-01T00:00:00.000Z',
    createdBy: 'u',
    reviewer1: reviewers[0] ?? null,
    reviewer2: reviewers[1] ?? null,
  }))
    study.set(k, v);
}

function addChecklist(
  doc: Y.Doc,
  id: string,
  studyId: string,
  status: string,
  answers: Record<string, string>,
  type = 'AMSTAR2',
) {
  const checklist = new Y.Map<unknown>();
  doc.getMap(DocRoot.checklists).set(id, checklist);
  checklist.set('type', type);
  checklist.set('studyId', studyId);
  checklist.set('status', status);
  checklist.set('reviewerId', null);
  checklist.set('createdAt', '2026-01-02T00:00:00.000Z');
  const a = new Y.Map<string>();
  checklist.set('answers', a);
  for (const [k, v] of Object.entries(answers)) a.set(k, v);
}

const allYes = Object.fromEntries(
  checklistItems(amstar2Definition).map((item) => [item.id, item.options[0]!.value]),
);

describe('summarizeDoc', () => {
  it('counts studies and checklists by status and scores complete AMSTAR 2 checklists', () => {
    const doc = new Y.Doc();
    addStudy(doc, 's1', ['u1', 'u2']);
    addStudy(doc, 's2', ['u1']);
    addStudy(doc, 's3', []);
    addChecklist(doc, 'c1', 's1', 'reviewer-completed', allYes);
    addChecklist(doc, 'c2', 's1', 'reviewer-completed', allYes);
    addChecklist(doc, 'c3', 's2', 'in-progress', { q1: 'yes' });
    const s = summarizeDoc(doc);
    expect(s.studies).toBe(3);
    expect(s.studiesByStatus).toEqual({ 'ready-to-reconcile': 1, 'in-progress': 1, pending: 1 });
    expect(s.checklistsByStatus).toEqual({ 'reviewer-completed': 2, 'in-progress': 1 });
    expect(s.scores).toEqual([
      { checklistId: 'c1', studyId: 's1', type: 'AMSTAR2', rating: 'high' },
      { checklistId: 'c2', studyId: 's1', type: 'AMSTAR2', rating: 'high' },
    ]);
  });

  it('skips checklists in a shape it does not know, and counts them as problems', () => {
    const doc = new Y.Doc();
    addChecklist(doc, 'odd', 's1', 'exploded', {});
    expect(summarizeDoc(doc)).toMatchObject({ checklists: 0, problems: 1 });
  });

  it('never throws on wrongly typed entries: skips and counts them, summarizes the rest', () => {
    const doc = new Y.Doc();
    addStudy(doc, 's1', ['u1']);
    addChecklist(doc, 'c1', 's1', 'reviewer-completed', allYes);
    doc.getMap(DocRoot.studies).set('s2', 'not a map');
    doc.getMap(DocRoot.outcomes).set('o1', 42);
    doc.getMap(DocRoot.checklists).set('c2', new Y.Text('oops'));
    const answers = new Y.Map<unknown>();
    const broken = new Y.Map<unknown>();
    doc.getMap(DocRoot.checklists).set('c3', broken);
    broken.set('type', 'AMSTAR2');
    broken.set('answers', answers);
    const s = summarizeDoc(doc);
    expect(s).toMatchObject({ studies: 1, checklists: 1, problems: 4 });
    expect(s.scores).toEqual([
      { checklistId: 'c1', studyId: 's1', type: 'AMSTAR2', rating: 'high' },
    ]);
  });

  it('scores complete ROBINS-I and RoB 2 checklists with their domain judgements', () => {
    const doc = new Y.Doc();
    addStudy(doc, 's1', ['u1']);
    addChecklist(doc, 'stopped', 's1', 'finalized', { b1: 'N', b2: 'Y', b3: 'N' }, 'ROBINS_I');
    addChecklist(doc, 'partial', 's1', 'in-progress', { p_effect: 'assignment' }, 'ROB2');
    addChecklist(doc, 'rob2', 's1', 'finalized', ROB2_HIGH, 'ROB2');
    addChecklist(doc, 'unknown', 's1', 'in-progress', allYes, 'NOT_A_TOOL');
    // A cluster-randomised trial's domains 1a and 1b have columns of their own.
    const cluster = { ...ROB2_CLUSTER_ALL_LOW, d1b_1: 'N', d1b_2: 'Y' };
    addChecklist(doc, 'cluster', 's1', 'finalized', cluster, 'ROB2');
    expect(summarizeDoc(doc).scores).toEqual([
      { checklistId: 'stopped', studyId: 's1', type: 'ROBINS_I', rating: 'critical' },
      {
        checklistId: 'rob2',
        studyId: 's1',
        type: 'ROB2',
        rating: 'high',
        domains: { D1: 'high', D2: 'low', D3: 'low', D4: 'low', D5: 'low' },
      },
      {
        checklistId: 'cluster',
        studyId: 's1',
        type: 'ROB2',
        rating: 'high',
        domains: { D1: 'low', D1b: 'high', D2: 'low', D3: 'low', D4: 'low', D5: 'low' },
      },
    ]);
  });
});
