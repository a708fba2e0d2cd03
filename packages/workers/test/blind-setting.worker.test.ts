import { describe, expect, it } from 'vitest';
import { DOC_CLOSE_CODES } from '@corates/shared';
import { ChecklistDocRoot, readBlindReviewers, setBlindReviewers } from '@corates/shared/doc';
import { DocSocket, openOk, until } from './doc-socket.ts';
import { editOverHttp, serverDoc, tryChecklist } from './project-doc-server.ts';
import { v2Project } from './v2-project.ts';

/**
 * [R20] Only an owner changes the project's settings (`settings.blindReviewers`), and [R17] the
 * relay re-decides every open checklist socket when the setting changes.
 */

async function openChecklist(projectId: string, cookie: string, checklistId: string) {
  const s = await DocSocket.open(projectId, cookie, { checklistId });
  if (s instanceof Response) throw new Error(`refused: ${s.status}`);
  await until(() => s.synced || s.closed !== undefined, 'sync or close');
  return s;
}

describe('the blinding setting', { timeout: 30_000 }, () => {
  it('[R20] an editor cannot change it: 400 VALIDATION_FAILED over HTTP, INVALID_DOCUMENT (4422) over the socket; nothing changes', async () => {
    const { alice, project } = await v2Project();
    for (const on of [false, true]) {
      const res = await editOverHttp(project.id, alice.cookie, (d) => setBlindReviewers(d, on));
      expect([res.status, res.json?.error?.code]).toEqual([400, 'VALIDATION_FAILED']);
      expect(res.json.error.message).toBe('only an owner of the project can change its settings');
    }
    const socket = await openOk(project.id, alice.cookie);
    setBlindReviewers(socket.doc, false);
    await until(() => socket.closed !== undefined, 'the sender is closed');
    expect(socket.closed!.code).toBe(DOC_CLOSE_CODES.INVALID_DOCUMENT);
    const server = await serverDoc(project.id);
    expect(server.getMap('settings').has('blindReviewers')).toBe(false);
    expect(readBlindReviewers(server)).toBe(true);
  });

  it("[R17] blinded, the co-reviewer is refused the other's checklist with 404; the owner turns blinding off: they open it; on again: their socket is closed with CHECKLIST_WITHHELD (4412); off: they are let in again", async () => {
    const { owner, bob, project, a } = await v2Project();
    // Blinded (no setting): Bob may not open Alice's checklist while neither is done — refused
    // before the upgrade, like a checklist that does not exist.
    expect(await tryChecklist(project.id, bob.cookie, a)).toBe(404);

    const off = await editOverHttp(project.id, owner.cookie, (d) => setBlindReviewers(d, false));
    expect(off.status).toBe(200);
    const peek = await openChecklist(project.id, bob.cookie, a);
    expect(peek.closed).toBeUndefined();
    expect(peek.doc.getMap(ChecklistDocRoot.answers).get('q1')).toBe('yes');

    const on = await editOverHttp(project.id, owner.cookie, (d) => setBlindReviewers(d, true));
    expect(on.status).toBe(200);
    await until(() => peek.closed !== undefined, 'the peek is closed when blinding comes on');
    expect(peek.closed!.code).toBe(DOC_CLOSE_CODES.CHECKLIST_WITHHELD);

    const again = await editOverHttp(project.id, owner.cookie, (d) => setBlindReviewers(d, false));
    expect(again.status).toBe(200);
    const back = await openChecklist(project.id, bob.cookie, a);
    expect(back.closed).toBeUndefined();
    expect(back.doc.getMap(ChecklistDocRoot.answers).get('q1')).toBe('yes');
    back.close();
  });
});
