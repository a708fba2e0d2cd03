import { describe, expect, it } from 'vitest';
import { DOC_UPLOAD_CHUNK_BYTES, type DocUploadStatus } from '@corates/shared';
import {
  UploadRefused,
  sha256Hex,
  uploadDiff,
  uploadLabel,
  type PendingUpload,
  type PendingUploadStore,
  type UploadProgress,
  type UploadTransport,
} from './doc-upload.ts';

function memoryStore(initial?: PendingUpload): PendingUploadStore & { value?: PendingUpload } {
  const store: PendingUploadStore & { value?: PendingUpload } = {
    value: initial,
    load: async () => store.value,
    save: async (u) => void (store.value = u),
    clear: async () => void (store.value = undefined),
  };
  return store;
}

/** A server as the room behaves (chunks by index, commit checks), with faults on demand. */
function fakeServer(faults: { failEvery?: number; loseChunksOnce?: number[] } = {}) {
  const chunks = new Map<string, Map<number, Uint8Array>>();
  const committed = new Map<string, Uint8Array>();
  let calls = 0;
  const log: string[] = [];
  const maybeFail = () => {
    calls++;
    if (faults.failEvery && calls % faults.failEvery === 0) throw new TypeError('network down');
  };
  const statusOf = (id: string): DocUploadStatus => {
    if (committed.has(id))
      return { uploadId: id, receivedChunks: [], receivedBytes: 0, committed: true };
    const m = chunks.get(id) ?? new Map<number, Uint8Array>();
    return {
      uploadId: id,
      receivedChunks: [...m.keys()].sort((a, b) => a - b),
      receivedBytes: [...m.values()].reduce((n, c) => n + c.byteLength, 0),
      committed: false,
    };
  };
  const transport: UploadTransport = {
    async putChunk(id, index, bytes) {
      maybeFail();
      log.push(`put ${index}`);
      if (!committed.has(id)) {
        if (!chunks.has(id)) chunks.set(id, new Map());
        chunks.get(id)!.set(index, bytes.slice());
      }
      return statusOf(id);
    },
    async status(id) {
      maybeFail();
      return statusOf(id);
    },
    async commit(id, body) {
      maybeFail();
      log.push('commit');
      if (committed.has(id)) return { uploadId: id, applied: false, stateVector: 'AA==' };
      const m = chunks.get(id) ?? new Map<number, Uint8Array>();
      if (faults.loseChunksOnce) {
        for (const i of faults.loseChunksOnce) m.delete(i);
        faults.loseChunksOnce = undefined;
      }
      const missing = [...Array(body.chunkCount).keys()].filter((i) => !m.has(i));
      if (missing.length > 0)
        throw new UploadRefused(409, 'CONFLICT', 'missing', { missingChunks: missing });
      const whole = new Uint8Array(body.totalBytes);
      let at = 0;
      for (let i = 0; i < body.chunkCount; i++) {
        whole.set(m.get(i)!, at);
        at += m.get(i)!.byteLength;
      }
      if ((await sha256Hex(whole)) !== body.sha256)
        throw new UploadRefused(400, 'VALIDATION_FAILED', 'hash');
      committed.set(id, whole);
      chunks.delete(id);
      return { uploadId: id, applied: true, stateVector: 'AQID' };
    },
  };
  return { transport, committed, chunks, log };
}

const same = (a: Uint8Array | undefined, b: Uint8Array) =>
  a !== undefined && a.byteLength === b.byteLength && a.every((v, i) => v === b[i]);
const bytesOf = (n: number) => new Uint8Array(n).map((_, i) => (i * 31) % 256);
const noSleep = async () => {};

describe('uploadDiff', () => {
  it('sends every chunk, commits once, reports progress up to the total and forgets the upload', async () => {
    const server = fakeServer();
    const store = memoryStore();
    const diff = bytesOf(DOC_UPLOAD_CHUNK_BYTES * 4 + 123);
    const progress: UploadProgress[] = [];
    const vector = await uploadDiff(diff, {
      transport: server.transport,
      store,
      onProgress: (p) => progress.push(p),
      sleep: noSleep,
    });
    expect([...vector]).toEqual([1, 2, 3]);
    expect(server.committed.size).toBe(1);
    expect(same([...server.committed.values()][0], diff)).toBe(true);
    expect(server.log.filter((l) => l === 'commit')).toHaveLength(1);
    expect(progress.at(-1)).toEqual({ sentBytes: diff.byteLength, totalBytes: diff.byteLength });
    for (let i = 1; i < progress.length; i++)
      expect(progress[i]!.sentBytes).toBeGreaterThanOrEqual(progress[i - 1]!.sentBytes);
    expect(store.value).toBeUndefined();
  });

  it('resumes the upload a previous page left: only the chunks the server lacks are sent', async () => {
    const server = fakeServer();
    const left = bytesOf(DOC_UPLOAD_CHUNK_BYTES * 3 + 5);
    const pending = { uploadId: 'left-by-reload-0001', bytes: left, sha256: await sha256Hex(left) };
    // Chunks 0 and 2 reached the server before the reload.
    await server.transport.putChunk(pending.uploadId, 0, left.subarray(0, DOC_UPLOAD_CHUNK_BYTES));
    await server.transport.putChunk(
      pending.uploadId,
      2,
      left.subarray(2 * DOC_UPLOAD_CHUNK_BYTES, 3 * DOC_UPLOAD_CHUNK_BYTES),
    );
    server.log.length = 0;
    const progress: UploadProgress[] = [];
    await uploadDiff(bytesOf(10), {
      transport: server.transport,
      store: memoryStore(pending),
      onProgress: (p) => progress.push(p),
      sleep: noSleep,
    });
    expect(server.log.sort()).toEqual(['commit', 'put 1', 'put 3']);
    expect(progress[0]!.sentBytes).toBe(2 * DOC_UPLOAD_CHUNK_BYTES);
    expect(same(server.committed.get(pending.uploadId), left)).toBe(true);
  });

  it('retries network failures with backoff, and resends chunks the server lost', async () => {
    const server = fakeServer({ failEvery: 3, loseChunksOnce: [1] });
    const diff = bytesOf(DOC_UPLOAD_CHUNK_BYTES * 5);
    const sleeps: number[] = [];
    await uploadDiff(diff, {
      transport: server.transport,
      store: memoryStore(),
      sleep: async (ms) => void sleeps.push(ms),
      random: () => 0.5,
    });
    expect(sleeps.length).toBeGreaterThan(0);
    expect(server.committed.size).toBe(1);
    expect(same([...server.committed.values()][0], diff)).toBe(true);
    expect(server.log.filter((l) => l === 'put 1')).toHaveLength(2);
  });

  it('a refusal rejects and forgets the stored upload, so the next try starts afresh', async () => {
    const store = memoryStore();
    const transport: UploadTransport = {
      status: async (id) => ({
        uploadId: id,
        receivedChunks: [],
        receivedBytes: 0,
        committed: false,
      }),
      putChunk: async () => {
        throw new UploadRefused(403, 'FORBIDDEN', 'viewers cannot write');
      },
      commit: async () => {
        throw new Error('unreachable');
      },
    };
    await expect(
      uploadDiff(bytesOf(100), { transport, store, sleep: noSleep }),
    ).rejects.toBeInstanceOf(UploadRefused);
    // putChunk refusals surface before the commit; the store keeps the bytes for a later session.
    const commitRefusal: UploadTransport = {
      ...transport,
      putChunk: async (id) => ({
        uploadId: id,
        receivedChunks: [0],
        receivedBytes: 100,
        committed: false,
      }),
      commit: async () => {
        throw new UploadRefused(400, 'VALIDATION_FAILED', 'not a Yjs update');
      },
    };
    await expect(
      uploadDiff(bytesOf(100), { transport: commitRefusal, store, sleep: noSleep }),
    ).rejects.toBeInstanceOf(UploadRefused);
    expect(store.value).toBeUndefined();
  });
});

describe('uploadLabel', () => {
  it('says how much of the backlog is up, in MiB', () => {
    const MiB = 1024 * 1024;
    expect(uploadLabel({ sentBytes: 3.2 * MiB, totalBytes: 20 * MiB })).toBe(
      'Uploading offline changes 3.2 of 20 MiB',
    );
    expect(uploadLabel({ sentBytes: 0, totalBytes: 1.25 * MiB })).toBe(
      'Uploading offline changes 0 of 1.3 MiB',
    );
  });
});
