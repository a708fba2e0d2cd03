import { env, runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { DOC_CLOSE_CODES, DocRoot } from '@corates/shared';
import {
  ChecklistDocRoot,
  checklistsOf,
  readTrash,
  removeStudy,
  restoreFromTrash,
  studiesOf,
  trashOf,
  unassignReviewer,
} from '@corates/shared/doc';
import { addMember, call, signUp } from './api.ts';
import { openOk, until } from './doc-socket.ts';
import { editOverHttp, projectDocStub, serverDoc, tryChecklist } from './project-doc-server.ts';
import { v2Project } from './v2-project.ts';

/**
 * [R21] Started work leaves the project document only through the trash, and only by an owner or
 * the checklist's own reviewer; a trashed checklist's document is readable by an owner and its
 * reviewer only, and restoring it brings back everything. Against the real Durable Object.
 */

async function withEditor() {
  const p = await v2Project();
  const eddie = await signUp('Eddie');
  await addMember(p.owner.cookie, p.project.id, eddie.email, 'editor');
  return { ...p, eddie };
}

const ROLE_REFUSED =
  'only an owner of the project, or the reviewer themselves, can move started work to the trash or restore it';

/** Rows (snapshot and update log) of a checklist's document in the project object's storage. */
async function storedRows(projectId: string, checklistId: string) {
  return runInDurableObject(projectDocStub(projectId), (_instance, state) => {
    const count = (table: string) =>
      state.storage.sql
        .exec<{ n: number }>(`SELECT count(*) AS n FROM ${table} WHERE doc = ?`, checklistId)
        .one().n;
    return count('checklist_doc_snapshot') + count('checklist_doc_updates');
  });
}

/** Whether D1 holds a checklist's exported content ([R8]). */
async function exportedContent(projectId: string, checklistId: string) {
  const row = await env.DB.prepare(
    'SELECT count(*) AS n FROM checklist_content_chunks WHERE project_id = ? AND checklist_id = ?',
  )
    .bind(projectId, checklistId)
    .first<{ n: number }>();
  return row!.n > 0;
}

describe('the trash', { timeout: 60_000 }, () => {
  it('[R21] an editor cannot unassign a started reviewer: 400 VALIDATION_FAILED over HTTP, 4422 on the socket, nothing half-written', async () => {
    const { eddie, owner, project, alice, a } = await withEditor();
    const asEditor = { by: eddie.id, role: 'editor' as const };
    // A modified client that skips the model's own check: the relay refuses it.
    const res = await editOverHttp(project.id, eddie.cookie, (d) =>
      unassignReviewer(d, 's1', 'reviewer1', { by: eddie.id, role: 'owner' }),
    );
    expect([res.status, res.json?.error?.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(res.json.error.message).toBe(ROLE_REFUSED);
    const socket = await openOk(project.id, eddie.cookie);
    expect(() => unassignReviewer(socket.doc, 's1', 'reviewer1', asEditor)).toThrow();
    unassignReviewer(socket.doc, 's1', 'reviewer1', { by: eddie.id, role: 'owner' });
    await until(() => socket.closed !== undefined, 'the sender is closed');
    expect(socket.closed!.code).toBe(DOC_CLOSE_CODES.INVALID_DOCUMENT);
    const server = await serverDoc(project.id);
    expect(checklistsOf(server).has(a)).toBe(true);
    expect(studiesOf(server).get('s1')!.get('reviewer1')).toBe(alice.id);
    expect(trashOf(server).size).toBe(0);
    // A straight deletion is refused for the owner too.
    const straight = await editOverHttp(project.id, owner.cookie, (d) => checklistsOf(d).delete(a));
    expect([straight.status, straight.json?.error?.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(straight.json.error.message).toBe(
      'started work goes to the trash; it cannot be deleted outright',
    );
    expect(checklistsOf(await serverDoc(project.id)).has(a)).toBe(true);
  });

  it('[R21] the owner trashes; the trashed document is read-only to the owner and its reviewer, withheld from others and from a removed member; the reviewer restores it and every answer is back', async () => {
    const { eddie, owner, bob, project, alice, a } = await withEditor();
    const before = checklistsOf(await serverDoc(project.id))
      .get(a)!
      .toJSON();
    // Alice is appraising: her checklist socket is open for writing.
    const open = await tryChecklist(project.id, alice.cookie, a);
    if (typeof open === 'number') throw new Error(`refused ${open}`);
    const trashed = await editOverHttp(project.id, owner.cookie, (d) =>
      unassignReviewer(d, 's1', 'reviewer1', { by: owner.id, role: 'owner' }),
    );
    expect(trashed.status).toBe(200);
    const server = await serverDoc(project.id);
    expect(checklistsOf(server).has(a)).toBe(false);
    expect(readTrash(server)).toMatchObject([
      { kind: 'checklist', by: owner.id, reviewerId: alice.id, slot: 'reviewer1' },
    ]);
    // Her open socket stays, read-only: an edit is dropped ([R2]), the content is unchanged.
    open.doc.getMap(ChecklistDocRoot.answers).set('q1', 'no');
    const reopened = await tryChecklist(project.id, owner.cookie, a);
    if (typeof reopened === 'number') throw new Error(`owner refused ${reopened}`);
    expect(reopened.doc.getMap(ChecklistDocRoot.answers).get('q1')).toBe('yes');
    expect(await tryChecklist(project.id, bob.cookie, a)).toBe(404);
    expect(await tryChecklist(project.id, eddie.cookie, a)).toBe(404);

    // Another editor may not restore it.
    const entryId = readTrash(server)[0]!.id;
    const byEddie = await editOverHttp(project.id, eddie.cookie, (d) =>
      restoreFromTrash(d, entryId, { by: eddie.id, role: 'owner' }),
    );
    expect([byEddie.status, byEddie.json?.error?.message]).toEqual([400, ROLE_REFUSED]);
    // Alice restores her own.
    const back = await editOverHttp(project.id, alice.cookie, (d) =>
      restoreFromTrash(d, entryId, { by: alice.id, role: 'editor' }),
    );
    expect(back.status).toBe(200);
    const after = await serverDoc(project.id);
    expect(checklistsOf(after).get(a)!.toJSON()).toEqual(before);
    expect(studiesOf(after).get('s1')!.get('reviewer1')).toBe(alice.id);
    expect(trashOf(after).size).toBe(0);
    const hers = await tryChecklist(project.id, alice.cookie, a);
    if (typeof hers === 'number') throw new Error(`refused ${hers}`);
    expect(hers.doc.getMap(ChecklistDocRoot.answers).get('q1')).toBe('yes');
    expect(hers.doc.getText('note:q1').toString()).toBe('Alice: PICO stated on p. 2');

    // Trashed again, then Alice leaves the project: she no longer opens it.
    await editOverHttp(project.id, owner.cookie, (d) =>
      unassignReviewer(d, 's1', 'reviewer1', { by: owner.id, role: 'owner' }),
    );
    const gone = await call('DELETE', `/api/projects/${project.id}/members/${alice.id}`, {
      cookie: owner.cookie,
    });
    expect(gone.status).toBe(204);
    expect(await tryChecklist(project.id, alice.cookie, a)).toBe(404);
    for (const s of [open, reopened, hers]) s.close();
  });

  it('[R21] removing a study with started checklists: refused for an editor, trashed by the owner, restored whole', async () => {
    const { eddie, owner, project, a, b } = await withEditor();
    const before = await serverDoc(project.id);
    const refused = await editOverHttp(project.id, eddie.cookie, (d) =>
      removeStudy(d, 's1', { by: eddie.id, role: 'owner' }),
    );
    expect([refused.status, refused.json?.error?.message]).toEqual([400, ROLE_REFUSED]);
    expect(await runDurableObjectAlarm(projectDocStub(project.id))).toBe(true);
    expect(await exportedContent(project.id, a)).toBe(true);
    const ok = await editOverHttp(project.id, owner.cookie, (d) =>
      removeStudy(d, 's1', { by: owner.id, role: 'owner' }),
    );
    expect(ok.status).toBe(200);
    // While trashed, its content leaves D1 with the project's export ([R8])…
    expect(await runDurableObjectAlarm(projectDocStub(project.id))).toBe(true);
    expect(await exportedContent(project.id, a)).toBe(false);
    const trashed = await serverDoc(project.id);
    expect(studiesOf(trashed).has('s1')).toBe(false);
    const entryId = readTrash(trashed)[0]!.id;
    const restored = await editOverHttp(project.id, owner.cookie, (d) =>
      restoreFromTrash(d, entryId, { by: owner.id, role: 'owner' }),
    );
    expect(restored.status).toBe(200);
    const after = await serverDoc(project.id);
    expect(studiesOf(after).get('s1')!.toJSON()).toEqual(studiesOf(before).get('s1')!.toJSON());
    for (const id of [a, b])
      expect(checklistsOf(after).get(id)!.toJSON()).toEqual(checklistsOf(before).get(id)!.toJSON());
    // …and is exported again once restored, though the checklist documents did not change.
    expect(await runDurableObjectAlarm(projectDocStub(project.id))).toBe(true);
    expect(await exportedContent(project.id, a)).toBe(true);
    expect(await exportedContent(project.id, b)).toBe(true);
  });

  it('[R21] the server purges entries older than 30 days when the document is next opened, with their checklist documents', async () => {
    const { owner, project, a, b } = await withEditor();
    const old = new Date(Date.now() - 31 * 86_400_000).toISOString();
    const res = await editOverHttp(project.id, owner.cookie, (d) => {
      d.transact(() => {
        unassignReviewer(d, 's1', 'reviewer1', { by: owner.id, role: 'owner' });
        unassignReviewer(d, 's1', 'reviewer2', { by: owner.id, role: 'owner' });
        // Backdate the first entry: it is due; the second is not.
        const first = readTrash(d).find((e) => e.kind === 'checklist' && e.slot === 'reviewer1')!;
        const { id, expiresAt: _e, daysLeft: _d, ...value } = first;
        trashOf(d).set(id, { ...value, at: old });
      });
    });
    expect(res.status).toBe(200);
    expect(readTrash(await serverDoc(project.id))).toHaveLength(2);
    const socket = await openOk(project.id, owner.cookie);
    const left = readTrash(await serverDoc(project.id));
    expect(left.map((e) => e.kind === 'checklist' && e.slot)).toEqual(['reviewer2']);
    expect(readTrash(socket.doc).map((e) => e.kind === 'checklist' && e.slot)).toEqual([
      'reviewer2',
    ]);
    expect(socket.doc.getMap(DocRoot.trash).size).toBe(1);
    // The purged checklist's document is deleted from the object's storage; the other one stays.
    expect(await storedRows(project.id, a)).toBe(0);
    expect(await storedRows(project.id, b)).toBeGreaterThan(0);
    expect(await tryChecklist(project.id, owner.cookie, a)).toBe(404);
    socket.close();
  });
});
