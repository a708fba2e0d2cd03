// Issue 14: an offline backlog larger than a socket frame reaches the room over HTTP in chunks,
// assembled and applied once (rules [U1]–[U6] in src/rooms/doc-uploads.ts), against the real
// Worker and ProjectDoc Durable Object.
import { SELF, env, evictDurableObject, runInDurableObject } from 'cloudflare:test';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  CLIENT_VERSION_HEADER,
  DOC_MAX_MESSAGE_BYTES,
  DOC_UPLOAD_CHUNK_BYTES,
  DOC_UPLOAD_MAX_BYTES,
  docUploadChunk,
  docUploadChunkCount,
} from '@corates/shared';
import { addMember, call, createProject, signUp } from './api.ts';
import { openOk, until } from './doc-socket.ts';
import { sha256Hex } from '../src/rooms/doc-uploads.ts';
import { SqlUploadStorage } from '../src/durable/sql-upload-storage.ts';
import { uploadStorageContract } from '../src/rooms/upload-storage.contract.ts';

const BASE = 'http://corates.test';

async function projectWith(roles: Record<string, 'editor' | 'viewer'> = {}) {
  const owner = await signUp('Owner');
  const project = await createProject(owner.cookie);
  const others: Record<string, Awaited<ReturnType<typeof signUp>>> = {};
  for (const [name, role] of Object.entries(roles)) {
    const u = await signUp(name);
    await addMember(owner.cookie, project.id, u.email, role);
    others[name] = u;
  }
  return { owner, project, others };
}

const stub = (projectId: string) => env.PROJECT_DOC.get(env.PROJECT_DOC.idFromName(projectId));
const uploadPath = (projectId: string, uploadId: string) =>
  `/api/reconcile/doc/${projectId}/uploads/${uploadId}`;
let ids = 0;
const newUploadId = () => `upload-${Date.now()}-${++ids}-abcdef`;

async function putChunk(
  cookie: string,
  projectId: string,
  uploadId: string,
  index: number,
  bytes: Uint8Array,
  contentType = 'application/octet-stream',
) {
  const res = await SELF.fetch(`${BASE}${uploadPath(projectId, uploadId)}/chunks/${index}`, {
    method: 'PUT',
    headers: { Cookie: cookie, 'Content-Type': contentType, [CLIENT_VERSION_HEADER]: '0.1.0' },
    body: bytes,
  });
  return { status: res.status, json: (await res.json()) as any };
}

async function commitBody(update: Uint8Array) {
  return {
    totalBytes: update.byteLength,
    chunkCount: docUploadChunkCount(update.byteLength),
    sha256: await sha256Hex(update),
  };
}

const commit = async (cookie: string, projectId: string, uploadId: string, update: Uint8Array) =>
  call('POST', `${uploadPath(projectId, uploadId)}/commit`, {
    cookie,
    body: await commitBody(update),
  });

/** An offline edit far over a frame: one pasted note of random text (Yjs cannot shrink it). */
function bigNote(bytes: number) {
  const doc = new Y.Doc();
  let text = '';
  while (text.length < bytes) text += Math.random().toString(36).slice(2);
  doc.getText('note').insert(0, text);
  return { update: Y.encodeStateAsUpdate(doc), text };
}

async function serverDoc(projectId: string) {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, await stub(projectId).encodeState());
  return doc;
}

describe('chunked upload of a large offline backlog', () => {
  it('chunks out of order, with a duplicate, are assembled, applied once and reach the other reviewer', async () => {
    const { owner, project, others } = await projectWith({ ed: 'editor' });
    const reviewer = await openOk(project.id, others.ed!.cookie);
    const { update, text } = bigNote(3 * 1024 * 1024);
    expect(update.byteLength).toBeGreaterThan(DOC_MAX_MESSAGE_BYTES);
    const count = docUploadChunkCount(update.byteLength);
    const uploadId = newUploadId();

    const order = [...Array(count).keys()].reverse();
    order.splice(3, 0, 0); // chunk 0 twice
    for (const i of order) {
      const res = await putChunk(owner.cookie, project.id, uploadId, i, docUploadChunk(update, i));
      expect(res.status).toBe(200);
    }
    const status = await call('GET', uploadPath(project.id, uploadId), { cookie: owner.cookie });
    expect(status.json).toEqual({
      uploadId,
      receivedChunks: [...Array(count).keys()],
      receivedBytes: update.byteLength,
      committed: false,
    });

    const first = await commit(owner.cookie, project.id, uploadId, update);
    expect(first.status).toBe(200);
    expect(first.json.applied).toBe(true);
    expect(typeof first.json.stateVector).toBe('string');
    expect((await serverDoc(project.id)).getText('note').toString()).toBe(text);
    await until(
      () => reviewer.doc.getText('note').length === text.length,
      'the other reviewer has the note',
      20_000,
    );
    expect(reviewer.doc.getText('note').toString()).toBe(text);

    // Exactly once: the same commit again applies nothing; a late chunk is a no-op.
    const again = await commit(owner.cookie, project.id, uploadId, update);
    expect(again.status).toBe(200);
    expect(again.json.applied).toBe(false);
    const late = await putChunk(owner.cookie, project.id, uploadId, 0, docUploadChunk(update, 0));
    expect(late.json.committed).toBe(true);
    const after = await call('GET', uploadPath(project.id, uploadId), { cookie: owner.cookie });
    expect(after.json.committed).toBe(true);
    await runInDurableObject(stub(project.id), (_i, state) => {
      const chunks = state.storage.sql
        .exec<{ n: number }>('SELECT count(*) AS n FROM doc_upload_chunks')
        .one().n;
      expect(chunks).toBe(0);
    });
    reviewer.close();
  });

  it("the uploader's own socket (named by its presence client id) is not sent the diff back", async () => {
    const { owner, project, others } = await projectWith({ ed: 'editor' });
    const uploaderSocket = await openOk(project.id, owner.cookie);
    uploaderSocket.announce({ name: 'Owner' });
    const reviewer = await openOk(project.id, others.ed!.cookie);
    await until(() => reviewer.peers().length === 1, 'presence announced');
    const { update, text } = bigNote(1200 * 1024);
    const uploadId = newUploadId();
    for (let i = 0; i < docUploadChunkCount(update.byteLength); i++)
      await putChunk(owner.cookie, project.id, uploadId, i, docUploadChunk(update, i));
    const res = await call('POST', `${uploadPath(project.id, uploadId)}/commit`, {
      cookie: owner.cookie,
      body: { ...(await commitBody(update)), clientId: uploaderSocket.doc.clientID },
    });
    expect(res.json.applied).toBe(true);
    await until(() => reviewer.doc.getText('note').length === text.length, 'the reviewer has it');
    // A marker sent after the commit arrives after the diff would have: the diff was not sent.
    reviewer.doc.getMap('answers').set('after', 'commit');
    await until(() => uploaderSocket.doc.getMap('answers').get('after') === 'commit', 'marker');
    expect(uploaderSocket.doc.getText('note').length).toBe(0);
    uploaderSocket.close();
    reviewer.close();
  });

  it('thousands of small offline edits in one diff converge the same way', async () => {
    const { owner, project } = await projectWith();
    const offline = new Y.Doc();
    const answers = offline.getMap('answers');
    for (let i = 0; i < 10_000; i++) {
      offline.transact(() =>
        answers.set(`q${i}`, `answer ${i} ${Math.random().toString(36).repeat(8)}`),
      );
    }
    const update = Y.encodeStateAsUpdate(offline);
    expect(update.byteLength).toBeGreaterThan(DOC_MAX_MESSAGE_BYTES);
    const uploadId = newUploadId();
    for (let i = 0; i < docUploadChunkCount(update.byteLength); i++)
      await putChunk(owner.cookie, project.id, uploadId, i, docUploadChunk(update, i));
    expect((await commit(owner.cookie, project.id, uploadId, update)).json.applied).toBe(true);
    const server = await serverDoc(project.id);
    expect(server.getMap('answers').toJSON()).toEqual(answers.toJSON());
  });

  it('survives a restart mid-upload; the applied backlog survives one after the commit', async () => {
    const { owner, project } = await projectWith();
    const { update, text } = bigNote(2 * 1024 * 1024);
    const count = docUploadChunkCount(update.byteLength);
    const uploadId = newUploadId();
    for (let i = 0; i < count; i += 2)
      await putChunk(owner.cookie, project.id, uploadId, i, docUploadChunk(update, i));
    await evictDurableObject(stub(project.id));

    const status = await call('GET', uploadPath(project.id, uploadId), { cookie: owner.cookie });
    const even = [...Array(count).keys()].filter((i) => i % 2 === 0);
    expect(status.json.receivedChunks).toEqual(even);
    const early = await commit(owner.cookie, project.id, uploadId, update);
    expect(early.status).toBe(409);
    expect(early.json.error.code).toBe('CONFLICT');
    expect(early.json.error.details.missingChunks).toEqual(
      [...Array(count).keys()].filter((i) => i % 2 === 1),
    );
    for (let i = 1; i < count; i += 2)
      await putChunk(owner.cookie, project.id, uploadId, i, docUploadChunk(update, i));
    expect((await commit(owner.cookie, project.id, uploadId, update)).json.applied).toBe(true);

    await evictDurableObject(stub(project.id));
    expect((await serverDoc(project.id)).getText('note').toString()).toBe(text);
    // The committed id is remembered across the restart too.
    expect((await commit(owner.cookie, project.id, uploadId, update)).json.applied).toBe(false);
  });

  it('viewers are refused (403), outsiders see 404, anonymous 401; nothing is stored', async () => {
    const { project, others } = await projectWith({ viewer: 'viewer' });
    const outsider = await signUp('Outsider');
    const { update } = bigNote(600 * 1024);
    const uploadId = newUploadId();
    const chunk = docUploadChunk(update, 0);
    const v = await putChunk(others.viewer!.cookie, project.id, uploadId, 0, chunk);
    expect(v.status).toBe(403);
    expect(v.json.error.code).toBe('FORBIDDEN');
    expect((await commit(others.viewer!.cookie, project.id, uploadId, update)).status).toBe(403);
    const vs = await call('GET', uploadPath(project.id, uploadId), {
      cookie: others.viewer!.cookie,
    });
    expect(vs.status).toBe(403);
    const o = await putChunk(outsider.cookie, project.id, uploadId, 0, chunk);
    expect(o.status).toBe(404);
    expect(o.json.error.code).toBe('NOT_FOUND');
    const anon = await putChunk('', project.id, uploadId, 0, chunk);
    expect(anon.status).toBe(401);
    await runInDurableObject(stub(project.id), (_i, state) => {
      const n = state.storage.sql
        .exec<{ n: number }>(
          "SELECT count(*) AS n FROM sqlite_master WHERE name = 'doc_upload_chunks'",
        )
        .one().n;
      if (n > 0) {
        expect(
          state.storage.sql.exec<{ n: number }>('SELECT count(*) AS n FROM doc_upload_chunks').one()
            .n,
        ).toBe(0);
      }
    });
  });

  it('another editor cannot add to, read or commit someone else’s upload', async () => {
    const { owner, project, others } = await projectWith({ ed: 'editor' });
    const { update } = bigNote(300 * 1024);
    const uploadId = newUploadId();
    for (let i = 0; i < docUploadChunkCount(update.byteLength); i++)
      await putChunk(owner.cookie, project.id, uploadId, i, docUploadChunk(update, i));
    const other = others.ed!.cookie;
    expect((await putChunk(other, project.id, uploadId, 0, docUploadChunk(update, 0))).status).toBe(
      404,
    );
    expect((await call('GET', uploadPath(project.id, uploadId), { cookie: other })).status).toBe(
      404,
    );
    expect((await commit(other, project.id, uploadId, update)).status).toBe(404);
    expect((await commit(owner.cookie, project.id, uploadId, update)).json.applied).toBe(true);
  });

  it('refuses a wrong hash, bytes that are not an update, a wrong content type and oversized chunks', async () => {
    const { owner, project } = await projectWith();
    const { update } = bigNote(300 * 1024);
    const put = async (uploadId: string, bytes: Uint8Array) => {
      for (let i = 0; i < docUploadChunkCount(bytes.byteLength); i++)
        await putChunk(owner.cookie, project.id, uploadId, i, docUploadChunk(bytes, i));
    };
    const before = await stub(project.id).encodeState();

    const badHash = newUploadId();
    await put(badHash, update);
    const wrong = await call('POST', `${uploadPath(project.id, badHash)}/commit`, {
      cookie: owner.cookie,
      body: { ...(await commitBody(update)), sha256: 'a'.repeat(64) },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.json.error.code).toBe('VALIDATION_FAILED');

    const garbage = new Uint8Array(300 * 1024).fill(0xff);
    const garbageId = newUploadId();
    await put(garbageId, garbage);
    const bad = await commit(owner.cookie, project.id, garbageId, garbage);
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('VALIDATION_FAILED');
    expect(await stub(project.id).encodeState()).toEqual(before);

    const text = await putChunk(
      owner.cookie,
      project.id,
      newUploadId(),
      0,
      update.subarray(0, 10),
      'text/plain',
    );
    expect(text.status).toBe(415);
    expect(text.json.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');

    const tooBig = await putChunk(
      owner.cookie,
      project.id,
      newUploadId(),
      0,
      new Uint8Array(DOC_UPLOAD_CHUNK_BYTES + 1),
    );
    expect(tooBig.status).toBe(413);
    expect(tooBig.json.error.code).toBe('PAYLOAD_TOO_LARGE');

    const badIndex = await putChunk(
      owner.cookie,
      project.id,
      newUploadId(),
      100_000,
      update.subarray(0, 10),
    );
    expect(badIndex.status).toBe(400);
  });

  it(`caps an upload at ${DOC_UPLOAD_MAX_BYTES / 1024 / 1024} MiB (413), on chunks and on commit`, async () => {
    const { owner, project } = await projectWith();
    const uploadId = newUploadId();
    const full = new Uint8Array(DOC_UPLOAD_CHUNK_BYTES).fill(7);
    const fits = Math.floor(DOC_UPLOAD_MAX_BYTES / DOC_UPLOAD_CHUNK_BYTES);
    // Eight chunks in flight at a time: 200 round trips one after another took half a minute.
    for (let first = 0; first < fits; first += 8) {
      const indexes = Array.from({ length: Math.min(8, fits - first) }, (_, k) => first + k);
      const answers = await Promise.all(
        indexes.map((i) => putChunk(owner.cookie, project.id, uploadId, i, full)),
      );
      expect(answers.map((res) => res.status)).toEqual(indexes.map(() => 200));
    }
    const over = await putChunk(owner.cookie, project.id, uploadId, fits, full);
    expect(over.status).toBe(413);
    expect(over.json.error.code).toBe('PAYLOAD_TOO_LARGE');
    const commitOver = await call('POST', `${uploadPath(project.id, uploadId)}/commit`, {
      cookie: owner.cookie,
      body: { totalBytes: DOC_UPLOAD_MAX_BYTES + 1, chunkCount: fits + 1, sha256: 'b'.repeat(64) },
    });
    expect(commitOver.status).toBe(413);
    expect(commitOver.json.error.code).toBe('PAYLOAD_TOO_LARGE');
  }, 120_000);
});

describe('SqlUploadStorage (Durable Object SQLite)', () => {
  let n = 0;
  uploadStorageContract(async (test) => {
    const id = env.PROJECT_DOC.idFromName(`upload-contract-${++n}-${Date.now()}`);
    await runInDurableObject(env.PROJECT_DOC.get(id), (_instance, state) =>
      test(new SqlUploadStorage(state.storage.sql, (fn) => state.storage.transactionSync(fn))),
    );
  });
});
