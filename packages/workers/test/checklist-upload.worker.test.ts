// Document model v2: a large offline backlog of a checklist document reaches its room over HTTP in
// chunks ([U1]–[U6]), decided like the checklist's socket ([R17]).
import { SELF } from 'cloudflare:test';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  CLIENT_VERSION_HEADER,
  DOC_MAX_MESSAGE_BYTES,
  docUploadChunk,
  docUploadChunkCount,
} from '@corates/shared';
import { noteRootName, readChecklistContent, setBlindReviewers } from '@corates/shared/doc';
import { addMember, call, signUp } from './api.ts';
import { DocSocket, until } from './doc-socket.ts';
import { sha256Hex } from '../src/rooms/doc-uploads.ts';
import { checklistFallback, syncOver, v2Project } from './v2-project.ts';

const BASE = 'http://corates.test';
let ids = 0;
const newUploadId = () => `cl-upload-${Date.now()}-${++ids}-abcdef`;
const uploadPath = (projectId: string, checklistId: string, uploadId: string) =>
  `/api/reconcile/doc/${projectId}/checklists/${encodeURIComponent(checklistId)}/uploads/${uploadId}`;

async function putChunk(cookie: string, path: string, index: number, bytes: Uint8Array) {
  const res = await SELF.fetch(`${BASE}${path}/chunks/${index}`, {
    method: 'PUT',
    headers: {
      Cookie: cookie,
      'Content-Type': 'application/octet-stream',
      [CLIENT_VERSION_HEADER]: '0.1.0',
    },
    body: bytes,
  });
  return { status: res.status, json: (await res.json()) as any };
}

/** Sends every chunk, then commits; the answers of the last chunk and of the commit. */
async function upload(cookie: string, path: string, update: Uint8Array) {
  let put: Awaited<ReturnType<typeof putChunk>> | undefined;
  for (let i = 0; i < docUploadChunkCount(update.byteLength); i++)
    put = await putChunk(cookie, path, i, docUploadChunk(update, i));
  const commit = await call('POST', `${path}/commit`, {
    cookie,
    body: {
      totalBytes: update.byteLength,
      chunkCount: docUploadChunkCount(update.byteLength),
      sha256: await sha256Hex(update),
    },
  });
  return { put: put!, commit };
}

/** Alice's offline backlog on her checklist: a note pasted far over a socket frame. */
async function backlog(projectId: string, cookie: string, checklistId: string) {
  const doc = new Y.Doc();
  await syncOver(checklistFallback(projectId, checklistId), cookie, doc);
  const before = Y.encodeStateVector(doc);
  let text = '';
  while (text.length < 1.5 * 1024 * 1024) text += Math.random().toString(36).slice(2);
  doc.getText(noteRootName('q2')).insert(0, text);
  return { update: Y.encodeStateAsUpdate(doc, before), text };
}

describe('chunked upload of a checklist document', { timeout: 60_000 }, () => {
  it("its reviewer's backlog is assembled and applied to the checklist's document (and reaches a reader's socket), not the project document", async () => {
    const { owner, alice, project, a } = await v2Project();
    const reader = await DocSocket.open(project.id, owner.cookie, { checklistId: a });
    if (reader instanceof Response) throw new Error(`refused: ${reader.status}`);
    await until(() => reader.synced, 'owner reads the checklist');
    const { update, text } = await backlog(project.id, alice.cookie, a);
    expect(update.byteLength).toBeGreaterThan(DOC_MAX_MESSAGE_BYTES);
    const uploadId = newUploadId();
    const path = uploadPath(project.id, a, uploadId);
    const { put, commit } = await upload(alice.cookie, path, update);
    expect(put.status).toBe(200);
    expect(put.json.uploadId).toBe(uploadId);
    expect([commit.status, commit.json.applied, commit.json.uploadId]).toEqual([
      200,
      true,
      uploadId,
    ]);
    const copy = new Y.Doc();
    await syncOver(checklistFallback(project.id, a), alice.cookie, copy);
    expect(readChecklistContent(copy).notes.q2).toBe(text);
    await until(
      () => reader.doc.getText(noteRootName('q2')).length === text.length,
      "the owner's socket has the note",
      20_000,
    );
    // Applied once; the same id on the project document's path is another upload.
    const again = await call('POST', `${path}/commit`, {
      cookie: alice.cookie,
      body: {
        totalBytes: update.byteLength,
        chunkCount: docUploadChunkCount(update.byteLength),
        sha256: await sha256Hex(update),
      },
    });
    expect([again.status, again.json.applied]).toEqual([200, false]);
    const onProject = await call('GET', `/api/reconcile/doc/${project.id}/uploads/${uploadId}`, {
      cookie: alice.cookie,
    });
    expect(onProject.json).toMatchObject({ committed: false, receivedChunks: [] });
    reader.close();
  });

  it('refuses whoever may only read the checklist now with 403 FORBIDDEN (an owner), and whoever may not open it with 404 like a non-member (the blinded co-reviewer, a viewer); stores nothing', async () => {
    const { owner, bob, project, a } = await v2Project();
    const viewer = await signUp('Vera');
    await addMember(owner.cookie, project.id, viewer.email, 'viewer');
    const stranger = await signUp('Eve');
    const update = Y.encodeStateAsUpdate(
      (() => {
        const d = new Y.Doc();
        d.getText(noteRootName('q3')).insert(0, 'not theirs to write');
        return d;
      })(),
    );
    const tryAll = async (cookie: string) => {
      const path = uploadPath(project.id, a, newUploadId());
      const put = await putChunk(cookie, path, 0, update);
      const status = await call('GET', path, { cookie });
      const { commit } = await upload(cookie, path, update);
      return [put.status, status.status, commit.status, put.json?.error?.code];
    };
    expect(await tryAll(bob.cookie)).toEqual([404, 404, 404, 'NOT_FOUND']);
    expect(await tryAll(owner.cookie)).toEqual([403, 403, 403, 'FORBIDDEN']);
    expect(await tryAll(viewer.cookie)).toEqual([404, 404, 404, 'NOT_FOUND']);
    expect((await tryAll(stranger.cookie)).slice(0, 3)).toEqual([404, 404, 404]);
    // Blinding off: Bob may read Alice's checklist, and still not write it.
    const settings = new Y.Doc();
    await syncOver(`/api/reconcile/doc/${project.id}`, owner.cookie, settings);
    setBlindReviewers(settings, false);
    await syncOver(`/api/reconcile/doc/${project.id}`, owner.cookie, settings);
    expect(await tryAll(bob.cookie)).toEqual([403, 403, 403, 'FORBIDDEN']);
    const copy = new Y.Doc();
    await syncOver(checklistFallback(project.id, a), bob.cookie, copy);
    expect(readChecklistContent(copy).notes.q3).toBeUndefined();
  });

  it('an upload that breaks the checklist layout ([R16]) is 400 VALIDATION_FAILED and changes nothing', async () => {
    const { alice, project, a } = await v2Project();
    const d = new Y.Doc();
    d.getText('stray').insert(0, 'x'.repeat(1000));
    const { commit } = await upload(
      alice.cookie,
      uploadPath(project.id, a, newUploadId()),
      Y.encodeStateAsUpdate(d),
    );
    expect([commit.status, commit.json.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    const copy = new Y.Doc();
    await syncOver(checklistFallback(project.id, a), alice.cookie, copy);
    expect(copy.share.has('stray')).toBe(false);
  });
});
