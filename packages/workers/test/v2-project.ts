import * as Y from 'yjs';
import { DocRoot } from '@corates/shared';
import { ChecklistDocRoot, noteRootName } from '@corates/shared/doc';
import { addMember, call, createProject, signUp } from './api.ts';

/** The checklist id of `reviewerId`'s AMSTAR 2 appraisal of study s1. */
export const amstarChecklistId = (reviewerId: string) => `s1:AMSTAR2:${reviewerId}`;

/**
 * A v2 project document (headers only): study s1, created by `ownerId`, appraised with AMSTAR 2 by
 * two reviewers, each checklist in progress.
 */
export function pairedAppraisalDoc(ownerId: string, reviewers: [string, string]): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => {
    doc.getMap(DocRoot.meta).set('schemaVersion', 2);
    const study = new Y.Map<unknown>();
    doc.getMap(DocRoot.studies).set('s1', study);
    for (const [k, v] of Object.entries({
      id: 's1',
      title: 'Trial',
      authors: '',
      year: 2020,
      journal: '',
      doi: '',
      createdAt: '2026-12-01T00:00:00.000Z',
      createdBy: ownerId,
      reviewer1: reviewers[0],
      reviewer2: reviewers[1],
    }))
      study.set(k, v);
    for (const reviewerId of reviewers) {
      const id = amstarChecklistId(reviewerId);
      const header = new Y.Map<unknown>();
      doc.getMap(DocRoot.checklists).set(id, header);
      for (const [k, v] of Object.entries({
        id,
        type: 'AMSTAR2',
        studyId: 's1',
        reviewerId,
        status: 'in-progress',
        createdAt: '2026-12-01T00:00:00.000Z',
        completedAt: null,
      }))
        header.set(k, v);
      header.set('history', new Y.Array());
    }
  });
  return doc;
}

/**
 * A project created under document model v2 (no migration): one study appraised with AMSTAR 2 by
 * two editors, Alice and Bob, each with their checklist header in the project document and their
 * answers and a note in their checklist's own document. No `settings`: the project blinds its
 * reviewers. Written through the owner's HTTP fallback, as a client syncing would.
 */
export async function v2Project() {
  const owner = await signUp('Olga');
  const alice = await signUp('Alice');
  const bob = await signUp('Bob');
  const project = await createProject(owner.cookie);
  await addMember(owner.cookie, project.id, alice.email, 'editor');
  await addMember(owner.cookie, project.id, bob.email, 'editor');
  const a = amstarChecklistId(alice.id);
  const b = amstarChecklistId(bob.id);
  const doc = pairedAppraisalDoc(owner.id, [alice.id, bob.id]);
  await syncOver(`/api/reconcile/doc/${project.id}`, owner.cookie, doc);
  const contents: Record<string, [string, string]> = {
    [a]: ['yes', 'Alice: PICO stated on p. 2'],
    [b]: ['no', 'Bob: no PICO'],
  };
  for (const [id, cookie] of [
    [a, alice.cookie],
    [b, bob.cookie],
  ] as const) {
    const content = new Y.Doc();
    content.getMap(ChecklistDocRoot.answers).set('q1', contents[id]![0]);
    content.getText(noteRootName('q1')).insert(0, contents[id]![1]);
    await syncOver(checklistFallback(project.id, id), cookie, content);
  }
  return { owner, alice, bob, project, doc, a, b };
}

export const checklistFallback = (projectId: string, checklistId: string) =>
  `/api/reconcile/doc/${projectId}/checklists/${encodeURIComponent(checklistId)}`;

export const toB64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
export const fromB64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

/** One HTTP fallback round: sends `doc` whole, applies the answer to it; throws unless 200. */
export async function syncOver(path: string, cookie: string, doc: Y.Doc) {
  const res = await call('POST', path, {
    cookie,
    body: {
      update: toB64(Y.encodeStateAsUpdate(doc)),
      stateVector: toB64(Y.encodeStateVector(doc)),
    },
  });
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.json)}`);
  Y.applyUpdate(doc, fromB64((res.json as { update: string }).update));
}

export const reconciledChecklistId = 's1:AMSTAR2:reconciled';

/**
 * The appraisal of v2Project's study s1 gets its result: both reviewers done, and the owner's
 * reconciled checklist finalized with its answer (in its own document). Not exported to D1 yet.
 */
export async function finalizeAppraisal(
  p: Awaited<ReturnType<typeof v2Project>>,
  /** A note on q1 beside the answer. */
  note?: string,
) {
  p.doc.transact(() => {
    const checklists = p.doc.getMap(DocRoot.checklists);
    for (const id of [p.a, p.b])
      (checklists.get(id) as Y.Map<unknown>).set('status', 'reviewer-completed');
    const header = new Y.Map<unknown>();
    checklists.set(reconciledChecklistId, header);
    for (const [k, v] of Object.entries({
      id: reconciledChecklistId,
      type: 'AMSTAR2',
      studyId: 's1',
      reviewerId: null,
      status: 'finalized',
      createdAt: '2026-12-02T00:00:00.000Z',
      completedAt: '2026-12-03T00:00:00.000Z',
    }))
      header.set(k, v);
    header.set('history', new Y.Array());
  });
  await syncOver(`/api/reconcile/doc/${p.project.id}`, p.owner.cookie, p.doc);
  const content = new Y.Doc();
  content.getMap(ChecklistDocRoot.answers).set('q1', 'yes');
  if (note !== undefined) content.getText('note:q1').insert(0, note);
  await syncOver(checklistFallback(p.project.id, reconciledChecklistId), p.owner.cookie, content);
}
