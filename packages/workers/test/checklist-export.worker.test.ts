import { env, runDurableObjectAlarm } from 'cloudflare:test';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { DocRoot, EXPORT_COLUMNS } from '@corates/shared';
import { ChecklistDocRoot, noteRootName } from '@corates/shared/doc';
import { parseCsv, ROB2_HIGH } from '@corates/shared/testing';
import { addMember, call, createProject, signUp } from './api.ts';
import { checklistFallback, syncOver } from './v2-project.ts';

/**
 * Document model v2: the D1 summary and the CSV export read each checklist's content from the copy
 * of its own document the relay exports to D1 (the project document keeps headers only), and the
 * export leaves out what the caller is blinded to.
 */

const stub = (projectId: string) => env.PROJECT_DOC.get(env.PROJECT_DOC.idFromName(projectId));

function setAll(map: Y.Map<unknown>, fields: Record<string, unknown>) {
  for (const [k, v] of Object.entries(fields)) map.set(k, v);
}

/** A checklist header of study s1, RoB 2 for outcome o1. */
function header(doc: Y.Doc, id: string, reviewerId: string | null, status: string) {
  const c = new Y.Map<unknown>();
  doc.getMap(DocRoot.checklists).set(id, c);
  setAll(c, {
    id,
    type: 'ROB2',
    studyId: 's1',
    outcomeId: 'o1',
    reviewerId,
    status,
    createdAt: '2026-12-01T00:00:00.000Z',
    completedAt: status === 'in-progress' ? null : '2026-12-02T00:00:00.000Z',
  });
  c.set('history', new Y.Array());
}

/** A v2 project: Alice has completed her RoB 2 checklist, Bob has not; content in their own documents. */
async function project() {
  const owner = await signUp('Olga');
  const alice = await signUp('Alice');
  const bob = await signUp('Bob');
  const p = await createProject(owner.cookie);
  await addMember(owner.cookie, p.id, alice.email, 'editor');
  await addMember(owner.cookie, p.id, bob.email, 'editor');
  const ids = {
    a: `s1:ROB2:o1:${alice.id}`,
    b: `s1:ROB2:o1:${bob.id}`,
    r: 's1:ROB2:o1:reconciled',
  };
  const doc = new Y.Doc();
  doc.transact(() => {
    doc.getMap(DocRoot.meta).set('schemaVersion', 2);
    const study = new Y.Map<unknown>();
    doc.getMap(DocRoot.studies).set('s1', study);
    setAll(study, {
      id: 's1',
      title: 'Trial',
      authors: '',
      year: 2021,
      journal: '',
      doi: '',
      createdAt: '2026-12-01T00:00:00.000Z',
      createdBy: owner.id,
      reviewer1: alice.id,
      reviewer2: bob.id,
    });
    const outcome = new Y.Map<unknown>();
    doc.getMap(DocRoot.outcomes).set('o1', outcome);
    setAll(outcome, { id: 'o1', name: 'Mortality', createdAt: '', createdBy: owner.id });
    header(doc, ids.a, alice.id, 'reviewer-completed');
    header(doc, ids.b, bob.id, 'in-progress');
  });
  await syncOver(`/api/reconcile/doc/${p.id}`, owner.cookie, doc);
  for (const [id, cookie, note] of [
    [ids.a, alice.cookie, 'Alice: sealed envelopes'],
    [ids.b, bob.cookie, 'Bob: not reported'],
  ] as const)
    await syncOver(checklistFallback(p.id, id), cookie, content(note));
  return { owner, alice, bob, project: p, doc, ids };
}

/** A RoB 2 checklist document answered `ROB2_HIGH`, with a note on d1_2. */
function content(note: string) {
  const d = new Y.Doc();
  d.transact(() => {
    for (const [k, v] of Object.entries(ROB2_HIGH)) d.getMap(ChecklistDocRoot.answers).set(k, v);
    d.getText(noteRootName('d1_2')).insert(0, note);
  });
  return d;
}

async function exportRows(projectId: string, cookie: string, scope: 'final' | 'all') {
  const res = await call('GET', `/api/projects/${projectId}/export.csv?checklists=${scope}`, {
    cookie,
  });
  expect(res.status).toBe(200);
  const [head, ...rows] = parseCsv(res.json as string);
  expect(head).toEqual([...EXPORT_COLUMNS]);
  const col = (row: string[], name: (typeof EXPORT_COLUMNS)[number]) =>
    row[EXPORT_COLUMNS.indexOf(name)]!;
  return rows.map((r) => ({
    checklist: col(r, 'checklist_id'),
    record: col(r, 'record'),
    item: col(r, 'item'),
    question: col(r, 'question'),
    value: col(r, 'value'),
    comment: col(r, 'comment'),
  }));
}

async function summary(projectId: string) {
  const row = await env.DB.prepare('SELECT summary FROM project_summaries WHERE project_id = ?')
    .bind(projectId)
    .first<{ summary: string }>();
  return JSON.parse(row!.summary) as {
    checklistsByStatus: Record<string, number>;
    scores: { checklistId: string; rating: string }[];
  };
}

describe('the export of checklist documents to D1', { timeout: 30_000 }, () => {
  it("the CSV holds a reviewer's answers and notes from their checklist document; a blinded co-reviewer's export leaves that checklist out", async () => {
    const { owner, bob, project: p, ids } = await project();
    expect(await runDurableObjectAlarm(stub(p.id))).toBe(true);

    const owners = await exportRows(p.id, owner.cookie, 'all');
    const alices = owners.filter((r) => r.checklist === ids.a);
    expect(alices.find((r) => r.comment !== '' && r.record === 'answer')).toMatchObject({
      value: 'N',
      comment: 'Alice: sealed envelopes',
    });
    expect(alices.find((r) => r.record === 'overall')?.value).toBe('high');
    // Bob has not finished his: blinded, he gets nothing of Alice's, as her document is withheld.
    expect((await exportRows(p.id, bob.cookie, 'all')).map((r) => r.checklist)).not.toContain(
      ids.a,
    );
  });

  it('the summary rates checklists from their own documents, and a later change of one checklist document reaches D1 with the next alarm', async () => {
    const { owner, alice, bob, project: p, doc, ids } = await project();
    // Bob completes; the owner reconciles and finalizes (the result answered like the reviewers).
    doc.transact(() => {
      (doc.getMap(DocRoot.checklists).get(ids.b) as Y.Map<unknown>).set(
        'status',
        'reviewer-completed',
      );
      header(doc, ids.r, null, 'finalized');
    });
    await syncOver(`/api/reconcile/doc/${p.id}`, owner.cookie, doc);
    await syncOver(checklistFallback(p.id, ids.r), owner.cookie, content('Agreed'));
    expect(await runDurableObjectAlarm(stub(p.id))).toBe(true);
    const first = await summary(p.id);
    expect(first.checklistsByStatus).toEqual({ 'reviewer-completed': 2, finalized: 1 });
    expect(first.scores.map((s) => [s.checklistId, s.rating]).sort()).toEqual(
      [ids.a, ids.b, ids.r].map((id) => [id, 'high']).sort(),
    );
    const final = await exportRows(p.id, bob.cookie, 'final');
    expect(final.find((r) => r.record === 'overall')).toMatchObject({
      checklist: ids.r,
      value: 'high',
    });
    expect(final.filter((r) => r.comment === 'Agreed')).toHaveLength(1);

    // Alice changes her answer: only her document is read again, and D1 follows.
    const hers = content('');
    await syncOver(checklistFallback(p.id, ids.a), alice.cookie, hers);
    hers.getMap(ChecklistDocRoot.answers).set('d1_2', 'Y');
    await syncOver(checklistFallback(p.id, ids.a), alice.cookie, hers);
    expect(await runDurableObjectAlarm(stub(p.id))).toBe(true);
    const second = await summary(p.id);
    expect(second.scores.find((s) => s.checklistId === ids.a)?.rating).not.toBe('high');
    expect(second.scores.find((s) => s.checklistId === ids.b)?.rating).toBe('high');
    const all = await exportRows(p.id, owner.cookie, 'all');
    const d12 = all.find((r) => r.checklist === ids.b && r.comment === 'Bob: not reported')!.item;
    expect(all.find((r) => r.checklist === ids.a && r.item === d12)?.value).toBe('Y');
  });
});
