import { env, runInDurableObject } from 'cloudflare:test';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { DOC_CLOSE_CODES, DocRoot } from '@corates/shared';
import {
  ChecklistDocRoot,
  addStudy,
  assignReviewers,
  ensureDocSchema,
  readChecklistContent,
  readProjectDoc,
} from '@corates/shared/doc';
import {
  createV1Checklist,
  setV1Answer,
  stampV1,
  v1NoteText,
} from '@corates/shared/testing/v1-doc';
import { addMember, call, createProject, signUp } from './api.ts';
import { DocSocket, openOk, until } from './doc-socket.ts';
import { SqlRoomStorage } from '../src/durable/sql-room-storage.ts';

/**
 * Document model v2 on the relay (docs/doc-model-v2.md): checklist documents hosted by the
 * project's object, who may open them ([R17]), and the one-time migration of a v1 project ([R18]).
 */

const stub = (projectId: string) => env.PROJECT_DOC.get(env.PROJECT_DOC.idFromName(projectId));

/** A v1 project: two reviewers' AMSTAR 2 checklists with answers and a note, stored as v1. */
async function v1Project() {
  const owner = await signUp('Olga');
  const alice = await signUp('Alice');
  const bob = await signUp('Bob');
  const project = await createProject(owner.cookie);
  await addMember(owner.cookie, project.id, alice.email, 'editor');
  await addMember(owner.cookie, project.id, bob.email, 'editor');
  const doc = new Y.Doc();
  ensureDocSchema(doc);
  stampV1(doc);
  const fields = { title: 'Trial', authors: '', year: 2020, journal: '', doi: '' };
  const studyId = addStudy(doc, fields, owner.id);
  assignReviewers(doc, studyId, alice.id, bob.id);
  const a = createV1Checklist(doc, { studyId, type: 'AMSTAR2', reviewerId: alice.id });
  const b = createV1Checklist(doc, { studyId, type: 'AMSTAR2', reviewerId: bob.id });
  setV1Answer(doc, a, 'q1', 'yes');
  setV1Answer(doc, b, 'q1', 'no');
  v1NoteText(doc, a, 'q1').insert(0, 'Alice: PICO stated on p. 2');
  return { owner, alice, bob, project, doc, a, b };
}

/** Stores a document as the project object's snapshot, as a deployed v1 server left it. */
async function storeAsProjectDoc(projectId: string, doc: Y.Doc, checklistDone: string[] = []) {
  await runInDurableObject(stub(projectId), (_instance, state) => {
    const tx = (fn: () => void) => state.storage.transactionSync(fn);
    new SqlRoomStorage(state.storage.sql, tx).compact(Y.encodeStateAsUpdate(doc));
    // A crash part-way through an earlier migration: these checklist documents were written.
    for (const id of checklistDone) {
      const partial = new Y.Doc();
      partial.getMap(ChecklistDocRoot.answers).set('q1', 'written by the interrupted run');
      new SqlRoomStorage(state.storage.sql, tx, { tables: 'checklist_doc', doc: id }).compact(
        Y.encodeStateAsUpdate(partial),
      );
    }
  });
}

const openChecklist = (projectId: string, cookie: string, checklistId: string) =>
  DocSocket.open(projectId, cookie, { checklistId });

async function synced(socket: DocSocket | Response) {
  if (socket instanceof Response) throw new Error(`refused: ${socket.status}`);
  await until(() => socket.synced || socket.closed !== undefined, 'sync or close');
  return socket;
}

describe('document model v2 on the relay', { timeout: 30_000 }, () => {
  it('[R18] a v1 project is split on first use: answers and notes move to checklist documents, the project document keeps none', async () => {
    const { owner, alice, project, doc, a } = await v1Project();
    await storeAsProjectDoc(project.id, doc);
    const p = await openOk(project.id, owner.cookie);
    await until(() => p.synced, 'project sync');
    const read = readProjectDoc(p.doc);
    expect(p.doc.getMap(DocRoot.meta).get('schemaVersion')).toBe(2);
    expect(read.checklists).toHaveLength(2);
    for (const c of read.checklists) expect(c.answers).toEqual({});
    expect(JSON.stringify(p.doc.getMap(DocRoot.checklists).toJSON())).not.toContain('PICO');

    const mine = await synced(await openChecklist(project.id, alice.cookie, a));
    expect(mine.closed).toBeUndefined();
    const content = readChecklistContent(mine.doc);
    expect(content.answers.q1).toBe('yes');
    expect(content.notes.q1).toBe('Alice: PICO stated on p. 2');
    p.close();
    mine.close();
  });

  it('[R18] a migration interrupted part-way resumes: written checklist documents are kept, the rest are written', async () => {
    const { alice, bob, project, doc, a, b } = await v1Project();
    await storeAsProjectDoc(project.id, doc, [a]);
    const s = await synced(await openChecklist(project.id, bob.cookie, b));
    expect(readChecklistContent(s.doc).answers.q1).toBe('no');
    // a's document existed already: the interrupted run's rows stand (it is never written twice).
    const sa = await synced(await openChecklist(project.id, alice.cookie, a));
    expect(readChecklistContent(sa.doc).answers.q1).toBe('written by the interrupted run');
    s.close();
    sa.close();
  });

  it('[R17] with blinding on, the other reviewer is refused a checklist until both are done; its reviewer writes it', async () => {
    const { owner, alice, bob, project, doc, a } = await v1Project();
    await storeAsProjectDoc(project.id, doc);
    // A migrated project starts unblinded; the owner turns blinding on.
    const p = await openOk(project.id, owner.cookie);
    await until(() => p.synced, 'project sync');
    const peek = await synced(await openChecklist(project.id, bob.cookie, a));
    expect(peek.closed).toBeUndefined();
    p.doc.getMap('settings').set('blindReviewers', true);
    await until(() => peek.closed !== undefined, 'the peek is closed when blinding comes on');
    expect(peek.closed!.code).toBe(DOC_CLOSE_CODES.CHECKLIST_WITHHELD);

    // Refused before the upgrade, like a checklist that does not exist: nothing of it is sent.
    const refused = await openChecklist(project.id, bob.cookie, a);
    expect(refused instanceof Response && refused.status).toBe(404);

    // Alice writes her own; Bob, once both are done, reads it.
    const mine = await synced(await openChecklist(project.id, alice.cookie, a));
    mine.doc.getMap(ChecklistDocRoot.answers).set('q2', 'yes');
    const checklists = p.doc.getMap<Y.Map<unknown>>(DocRoot.checklists);
    p.doc.transact(() => {
      checklists.forEach((c) => c.set('status', 'reviewer-completed'));
    });
    // Opened again until the relay has the statuses (they travel on p's socket meanwhile).
    let attempt = await openChecklist(project.id, bob.cookie, a);
    for (let tries = 0; attempt instanceof Response && tries < 50; tries++) {
      await new Promise((r) => setTimeout(r, 100));
      attempt = await openChecklist(project.id, bob.cookie, a);
    }
    const after = await synced(attempt);
    await until(() => after.doc.getMap(ChecklistDocRoot.answers).get('q2') === 'yes', 'read');
    expect(after.closed).toBeUndefined();
    for (const s of [p, mine, after]) s.close();
  });

  it('[R17] an owner reads any checklist; a member of no project and a missing checklist get nothing', async () => {
    const { owner, project, doc, a } = await v1Project();
    await storeAsProjectDoc(project.id, doc);
    const p = await openOk(project.id, owner.cookie);
    await until(() => p.synced, 'project sync');
    p.doc.getMap('settings').set('blindReviewers', true);
    const own = await synced(await openChecklist(project.id, owner.cookie, a));
    expect(readChecklistContent(own.doc).answers.q1).toBe('yes');
    const stranger = await signUp('Eve');
    const res = await openChecklist(project.id, stranger.cookie, a);
    expect((res as Response).status).toBe(404);
    const missing = await openChecklist(project.id, owner.cookie, 'no-such-checklist');
    expect(missing instanceof Response && missing.status).toBe(404);
    p.close();
    own.close();
  });

  it("[R17] a role change re-decides a checklist socket, and a removed member's checklist socket is closed", async () => {
    const { owner, alice, bob, project, doc, a, b } = await v1Project();
    await storeAsProjectDoc(project.id, doc);
    // Blinding off (a migrated project): Bob reads Alice's checklist and writes his own.
    const peek = await synced(await openChecklist(project.id, bob.cookie, a));
    const own = await synced(await openChecklist(project.id, bob.cookie, b));
    expect(peek.closed ?? own.closed).toBeUndefined();
    // Alice, made a viewer, keeps reading her checklist but no longer writes it.
    const hers = await synced(await openChecklist(project.id, alice.cookie, a));
    await call('PATCH', `/api/projects/${project.id}/members/${alice.id}`, {
      cookie: owner.cookie,
      body: { role: 'viewer' },
    });
    hers.doc.getMap(ChecklistDocRoot.answers).set('q9', 'after demotion');
    own.doc.getMap(ChecklistDocRoot.answers).set('q9', 'bob');
    const check = await synced(await openChecklist(project.id, owner.cookie, b));
    await until(() => check.doc.getMap(ChecklistDocRoot.answers).get('q9') === 'bob', 'bob');
    const aliceDoc = await synced(await openChecklist(project.id, owner.cookie, a));
    expect(aliceDoc.doc.getMap(ChecklistDocRoot.answers).has('q9')).toBe(false);
    expect(hers.closed).toBeUndefined();

    const res = await call('DELETE', `/api/projects/${project.id}/members/${bob.id}`, {
      cookie: owner.cookie,
    });
    expect(res.status).toBe(204);
    await until(() => peek.closed !== undefined && own.closed !== undefined, 'revocation');
    expect(peek.closed!.code).toBe(DOC_CLOSE_CODES.MEMBERSHIP_REVOKED);
    expect(own.closed!.code).toBe(DOC_CLOSE_CODES.MEMBERSHIP_REVOKED);
    for (const s of [hers, check, aliceDoc]) s.close();
  });

  it('[R17] the HTTP fallback of a checklist document decides like its socket', async () => {
    const { owner, alice, bob, project, doc, a } = await v1Project();
    await storeAsProjectDoc(project.id, doc);
    const p = await openOk(project.id, owner.cookie);
    await until(() => p.synced, 'project sync');
    p.doc.getMap('settings').set('blindReviewers', true);
    const path = `/api/reconcile/doc/${project.id}/checklists/${encodeURIComponent(a)}`;
    const empty = toB64(Y.encodeStateVector(new Y.Doc()));
    const fetchAs = (cookie: string) =>
      call('POST', path, { cookie, body: { update: '', stateVector: empty } });
    // Blinding reaches the relay over p's socket: asked again until it has.
    let bobs = await fetchAs(bob.cookie);
    for (let tries = 0; bobs.status === 200 && tries < 50; tries++) {
      await new Promise((r) => setTimeout(r, 100));
      bobs = await fetchAs(bob.cookie);
    }
    expect(bobs.status).toBe(404);
    expect((bobs.json as { error: { code: string } }).error.code).toBe('NOT_FOUND');
    const hers = await fetchAs(alice.cookie);
    expect(hers.status).toBe(200);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, fromB64((hers.json as { update: string }).update));
    expect(readChecklistContent(copy).answers.q1).toBe('yes');
    p.close();
  });
});

const toB64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromB64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
