import fc from 'fast-check';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { DocUploads, sha256Hex } from './doc-uploads.ts';
import { uploadStorageContract } from './upload-storage.contract.ts';
import { MemoryUploadStorage } from './upload-storage.ts';

describe('MemoryUploadStorage', () =>
  uploadStorageContract(async (test) => test(new MemoryUploadStorage())));

const CHUNK = 1000;

function setup(options: { maxBytes?: number; ttlMs?: number; maxOpenPerUser?: number } = {}) {
  let now = 1_000_000;
  const storage = new MemoryUploadStorage();
  const uploads = new DocUploads(storage, { now: () => now, maxChunkBytes: CHUNK, ...options });
  const doc = new Y.Doc();
  const applied: Uint8Array[] = [];
  const apply = (update: Uint8Array) => {
    Y.decodeUpdate(update);
    Y.applyUpdate(doc, update);
    applied.push(update);
  };
  return { storage, uploads, doc, applied, apply, tick: (ms: number) => (now += ms) };
}

/** A real Yjs update of about `bytes` bytes (random text, which Yjs cannot shrink). */
function updateOf(bytes: number) {
  const d = new Y.Doc();
  let text = '';
  while (text.length < bytes) text += Math.random().toString(36).slice(2);
  d.getText('note').insert(0, text);
  return { update: Y.encodeStateAsUpdate(d), text };
}

const chunksOf = (u: Uint8Array) =>
  Array.from({ length: Math.ceil(u.byteLength / CHUNK) }, (_, i) =>
    u.subarray(i * CHUNK, (i + 1) * CHUNK),
  );

async function commitOf(u: Uint8Array) {
  return { totalBytes: u.byteLength, chunkCount: chunksOf(u).length, sha256: await sha256Hex(u) };
}

describe('DocUploads', () => {
  it('[U1][U4] assembles chunks sent out of order, with duplicates, and applies the diff once', async () => {
    const { uploads, apply, doc, applied, storage } = setup();
    const { update, text } = updateOf(5500);
    const chunks = chunksOf(update);
    const order = [3, 0, 5, 1, 1, 4, 2, 0, 3];
    for (const i of order) expect(uploads.putChunk('ann', 'up-1', i, chunks[i]!).ok).toBe(true);
    const status = uploads.status('ann', 'up-1');
    expect(status.ok && status.status.receivedChunks).toEqual([0, 1, 2, 3, 4, 5]);
    expect(status.ok && status.status.receivedBytes).toBe(update.byteLength);

    expect(await uploads.commit('ann', 'up-1', await commitOf(update), apply)).toEqual({
      ok: true,
      applied: true,
    });
    expect(doc.getText('note').toString()).toBe(text);
    expect(applied).toHaveLength(1);
    expect(storage.chunkSizes('up-1')).toEqual([]);
  });

  it('[U5] a second commit of the same id applies nothing; late chunk retries are no-ops', async () => {
    const { uploads, apply, applied } = setup();
    const { update } = updateOf(2500);
    chunksOf(update).forEach((c, i) => uploads.putChunk('ann', 'up-2', i, c));
    const commit = await commitOf(update);
    const [first, second] = await Promise.all([
      uploads.commit('ann', 'up-2', commit, apply),
      uploads.commit('ann', 'up-2', commit, apply),
    ]);
    // Exactly one of two concurrent commits applies; which one depends on whose hash (an async
    // WebCrypto digest) finishes first.
    expect([first, second].map((r) => r.ok && r.applied).sort()).toEqual([false, true]);
    expect(await uploads.commit('ann', 'up-2', commit, apply)).toEqual({
      ok: true,
      applied: false,
    });
    const late = uploads.putChunk('ann', 'up-2', 0, chunksOf(update)[0]!);
    expect(late.ok && late.status.committed).toBe(true);
    expect(applied).toHaveLength(1);
  });

  it('a commit with missing chunks is a CONFLICT naming them, and keeps what arrived', async () => {
    const { uploads, apply, applied } = setup();
    const { update } = updateOf(4500);
    const chunks = chunksOf(update);
    uploads.putChunk('ann', 'up-3', 0, chunks[0]!);
    uploads.putChunk('ann', 'up-3', 3, chunks[3]!);
    const result = await uploads.commit('ann', 'up-3', await commitOf(update), apply);
    expect(result).toMatchObject({
      ok: false,
      code: 'CONFLICT',
      details: { missingChunks: [1, 2, 4] },
    });
    expect(applied).toHaveLength(0);
    for (const i of [1, 2, 4]) uploads.putChunk('ann', 'up-3', i, chunks[i]!);
    expect(await uploads.commit('ann', 'up-3', await commitOf(update), apply)).toMatchObject({
      ok: true,
      applied: true,
    });
  });

  it('[U4] a wrong hash, a wrong length or bytes that are not an update change nothing and discard the upload', async () => {
    const { uploads, apply, applied, storage } = setup();
    const { update } = updateOf(1500);
    const put = (id: string, u: Uint8Array) =>
      chunksOf(u).forEach((c, i) => uploads.putChunk('ann', id, i, c));

    put('bad-hash', update);
    const wrongHash = { ...(await commitOf(update)), sha256: '0'.repeat(64) };
    expect(await uploads.commit('ann', 'bad-hash', wrongHash, apply)).toMatchObject({
      ok: false,
      code: 'VALIDATION_FAILED',
    });
    expect(storage.getUpload('bad-hash')).toBeUndefined();

    put('bad-len', update);
    const wrongLength = { ...(await commitOf(update)), totalBytes: update.byteLength - 1 };
    expect(await uploads.commit('ann', 'bad-len', wrongLength, apply)).toMatchObject({
      ok: false,
      code: 'VALIDATION_FAILED',
    });

    const garbage = new Uint8Array(1800).fill(0xff);
    put('garbage', garbage);
    expect(await uploads.commit('ann', 'garbage', await commitOf(garbage), apply)).toMatchObject({
      ok: false,
      code: 'VALIDATION_FAILED',
    });
    expect(storage.committedAt('garbage')).toBeUndefined();
    expect(applied).toHaveLength(0);
  });

  it('[U2] another user can neither add to, read nor commit someone’s upload', async () => {
    const { uploads, apply } = setup();
    const { update } = updateOf(1500);
    chunksOf(update).forEach((c, i) => uploads.putChunk('ann', 'mine', i, c));
    expect(uploads.putChunk('bob', 'mine', 0, new Uint8Array([1]))).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
    });
    expect(uploads.status('bob', 'mine')).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(await uploads.commit('bob', 'mine', await commitOf(update), apply)).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
    });
    expect(await uploads.commit('ann', 'mine', await commitOf(update), apply)).toMatchObject({
      ok: true,
      applied: true,
    });
  });

  it('[U3] the chunks of one upload never exceed the cap; an oversized chunk is refused', () => {
    const { uploads, storage } = setup({ maxBytes: 2500 });
    const chunk = new Uint8Array(CHUNK).fill(1);
    expect(uploads.putChunk('ann', 'cap', 0, chunk).ok).toBe(true);
    expect(uploads.putChunk('ann', 'cap', 1, chunk).ok).toBe(true);
    expect(uploads.putChunk('ann', 'cap', 2, chunk)).toMatchObject({
      ok: false,
      code: 'PAYLOAD_TOO_LARGE',
    });
    // Replacing a chunk counts it once.
    expect(uploads.putChunk('ann', 'cap', 1, chunk).ok).toBe(true);
    expect(uploads.putChunk('ann', 'cap', 2, chunk.subarray(0, 500)).ok).toBe(true);
    expect(uploads.putChunk('ann', 'cap', 3, new Uint8Array(CHUNK + 1))).toMatchObject({
      ok: false,
      code: 'PAYLOAD_TOO_LARGE',
    });
    expect(uploads.putChunk('ann', 'cap', 3, new Uint8Array(0))).toMatchObject({
      ok: false,
      code: 'VALIDATION_FAILED',
    });
    expect(storage.chunkSizes('cap').map((c) => c.bytes)).toEqual([1000, 1000, 500]);
  });

  it('[U6] stale uploads expire; a user keeps at most maxOpenPerUser open uploads', () => {
    const { uploads, storage, tick } = setup({ ttlMs: 1000, maxOpenPerUser: 2 });
    const c = new Uint8Array([1, 2, 3]);
    uploads.putChunk('ann', 'first', 0, c);
    tick(10);
    uploads.putChunk('ann', 'second', 0, c);
    tick(10);
    uploads.putChunk('ann', 'third', 0, c);
    uploads.putChunk('bob', 'bobs', 0, c);
    expect(storage.getUpload('first')).toBeUndefined();
    expect(storage.openUploads('ann').map((r) => r.uploadId)).toEqual(['second', 'third']);
    tick(995);
    uploads.putChunk('ann', 'third', 1, c); // touching keeps it alive; 'second' expires here
    expect(storage.getUpload('second')).toBeUndefined();
    tick(10);
    expect(uploads.expire()).toBe(1); // 'bobs'
    expect(storage.openUploads('ann').map((r) => r.uploadId)).toEqual(['third']);
  });

  it('[U1][U4][U5] property: any order of sends, with repeats, losses and repeated commits, applies the exact diff once', async () => {
    const { update, text } = updateOf(4200);
    const chunks = chunksOf(update);
    const commitBody = await commitOf(update);
    await fc.assert(
      fc.asyncProperty(
        // A schedule of actions: send chunk i, or commit; then the client's catch-up.
        fc.array(fc.oneof(fc.nat({ max: chunks.length - 1 }), fc.constant('commit' as const)), {
          maxLength: 30,
        }),
        async (schedule) => {
          const { uploads, apply, doc, applied } = setup();
          for (const step of schedule) {
            if (step === 'commit') await uploads.commit('ann', 'prop', commitBody, apply);
            else uploads.putChunk('ann', 'prop', step, chunks[step]!);
          }
          // The client then sends what the server says it lacks, and commits until it is done.
          for (let round = 0; round < 3; round++) {
            const status = uploads.status('ann', 'prop');
            if (!status.ok) throw new Error('status refused');
            if (!status.status.committed)
              chunks.forEach((c, i) => {
                if (!status.status.receivedChunks.includes(i))
                  uploads.putChunk('ann', 'prop', i, c);
              });
            const result = await uploads.commit('ann', 'prop', commitBody, apply);
            if (result.ok) break;
          }
          expect(applied).toHaveLength(1);
          expect(applied[0]).toEqual(update);
          expect(doc.getText('note').toString()).toBe(text);
        },
      ),
      { numRuns: 100 },
    );
  });
});
