import { env } from 'cloudflare:test';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { DOC_CLOSE_CODES, DocCloseReason, DocRoot } from '@corates/shared';
import { addMember, call, createProject, signUp } from './api.ts';
import { DocSocket, openOk, until } from './doc-socket.ts';

// [R15] Only an owner's update may reopen a finalized reconciliation: the relay knows each
// socket's role (issue 16). Real Worker, real ProjectDoc Durable Object, real D1.

async function projectWithEditor() {
  const owner = await signUp('Owner');
  const project = await createProject(owner.cookie);
  const editor = await signUp('Editor');
  await addMember(owner.cookie, project.id, editor.email, 'editor');
  return { owner, project, editor };
}

const reconciliation = (d: Y.Doc) => d.getMap(DocRoot.checklists).get('r1') as Y.Map<unknown>;

/** A finalized reconciliation, as the app leaves one. */
function finalize(socket: DocSocket) {
  socket.doc.transact(() => {
    const r1 = new Y.Map<unknown>(
      Object.entries({ type: 'ROB2', studyId: 's1', reviewerId: null, status: 'finalized' }),
    );
    socket.doc.getMap(DocRoot.checklists).set('r1', r1);
    r1.set('history', Y.Array.from([{ event: 'finalized', by: 'owner', at: '2026-12-01T10:00Z' }]));
  });
}

/** What `reopenReconciliation` writes (the app offers it to owners only). */
function reopen(doc: Y.Doc, by: string) {
  doc.transact(() => {
    const r1 = reconciliation(doc);
    r1.set('status', 'reconciling');
    r1.set('completedAt', null);
    (r1.get('history') as Y.Array<unknown>).push([
      { event: 'reopened', by, at: '2026-12-02T10:00Z', reason: 'A result was misread' },
    ]);
  });
}

async function serverDoc(projectId: string): Promise<Y.Doc> {
  const stub = env.PROJECT_DOC.get(env.PROJECT_DOC.idFromName(projectId));
  const doc = new Y.Doc();
  Y.applyUpdate(doc, await stub.encodeState());
  return doc;
}

const historyEvents = (d: Y.Doc) =>
  (reconciliation(d).get('history') as Y.Array<{ event: string }>).toArray().map((e) => e.event);

describe('[R15] reopening a finalized reconciliation over the relay', () => {
  it("an editor's forged reopening is refused (INVALID_DOCUMENT, nothing stored), an owner's lands", async () => {
    const { owner, project, editor } = await projectWithEditor();
    const o = await openOk(project.id, owner.cookie);
    finalize(o);
    const e = await openOk(project.id, editor.cookie);
    await until(() => reconciliation(e.doc)?.get('status') === 'finalized', 'editor synced');

    reopen(e.doc, editor.id);
    await until(() => e.closed !== undefined, 'editor refused');
    expect(e.closed).toEqual({
      code: DOC_CLOSE_CODES.INVALID_DOCUMENT,
      reason: DocCloseReason.INVALID_DOCUMENT,
    });
    // Nothing of it reached the room or the owner.
    let server = await serverDoc(project.id);
    expect(reconciliation(server).get('status')).toBe('finalized');
    expect(historyEvents(server)).toEqual(['finalized']);
    expect(reconciliation(o.doc).get('status')).toBe('finalized');
    expect(o.closed).toBeUndefined();

    reopen(o.doc, owner.id);
    // A fresh copy (the editor's reloaded app) receives the owner's reopening.
    const watch = await openOk(project.id, editor.cookie);
    await until(() => reconciliation(watch.doc)?.get('status') === 'reconciling', 'reopened');
    server = await serverDoc(project.id);
    expect(reconciliation(server).get('status')).toBe('reconciling');
    expect(historyEvents(server)).toEqual(['finalized', 'reopened']);
    expect(o.closed).toBeUndefined();
    watch.close();
    o.close();
  });

  it('an editor who forges the internal role header is still an editor', async () => {
    const { owner, project, editor } = await projectWithEditor();
    const o = await openOk(project.id, owner.cookie);
    finalize(o);
    const forged = await DocSocket.open(project.id, editor.cookie, {
      headers: { 'X-Corates-Role': 'owner', 'X-Corates-Can-Write': '1' },
    });
    if (forged instanceof Response) throw new Error(`refused: ${forged.status}`);
    await until(() => reconciliation(forged.doc)?.get('status') === 'finalized', 'synced');
    reopen(forged.doc, editor.id);
    await until(() => forged.closed !== undefined, 'refused');
    expect(forged.closed?.reason).toBe(DocCloseReason.INVALID_DOCUMENT);
    expect(reconciliation(await serverDoc(project.id)).get('status')).toBe('finalized');
    o.close();
  });

  it('a role change applies to a live socket at once (setAccess): promoted to owner, a member may reopen', async () => {
    const { owner, project, editor } = await projectWithEditor();
    const o = await openOk(project.id, owner.cookie);
    finalize(o);
    const e = await openOk(project.id, editor.cookie);
    await until(() => reconciliation(e.doc)?.get('status') === 'finalized', 'editor synced');
    const promoted = await call('PATCH', `/api/projects/${project.id}/members/${editor.id}`, {
      cookie: owner.cookie,
      body: { role: 'owner' },
    });
    expect(promoted.status).toBe(200);
    reopen(e.doc, editor.id);
    await until(() => reconciliation(o.doc).get('status') === 'reconciling', 'owner sees it');
    expect(e.closed).toBeUndefined();
    expect(historyEvents(await serverDoc(project.id))).toEqual(['finalized', 'reopened']);
    e.close();
    o.close();
  });

  it("the HTTP fallback refuses an editor's reopening with 400 VALIDATION_FAILED and takes an owner's", async () => {
    const { owner, project, editor } = await projectWithEditor();
    const o = await openOk(project.id, owner.cookie);
    finalize(o);
    const e = await openOk(project.id, editor.cookie);
    await until(() => reconciliation(e.doc)?.get('status') === 'finalized', 'synced');
    // The editor's copy, edited off the socket and sent over HTTP.
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(e.doc));
    e.close();
    const before = Y.encodeStateVector(copy);
    reopen(copy, editor.id);
    const body = {
      update: b64(Y.encodeStateAsUpdate(copy, before)),
      stateVector: b64(Y.encodeStateVector(copy)),
    };
    const refused = await call('POST', `/api/reconcile/doc/${project.id}`, {
      cookie: editor.cookie,
      body,
    });
    expect([refused.status, refused.json?.error?.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(refused.json.error.message).toBe(
      'only an owner of the project can reopen a finalized reconciliation',
    );
    expect(reconciliation(await serverDoc(project.id)).get('status')).toBe('finalized');
    // The same bytes from an owner land.
    const taken = await call('POST', `/api/reconcile/doc/${project.id}`, {
      cookie: owner.cookie,
      body,
    });
    expect(taken.status).toBe(200);
    expect(reconciliation(await serverDoc(project.id)).get('status')).toBe('reconciling');
    o.close();
  });
});

const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
