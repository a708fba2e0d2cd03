import { expect, it } from 'vitest';
import type { UploadStorage } from './upload-storage.ts';

const bytes = (n: number, fill = 1) => new Uint8Array(n).fill(fill);

/** One suite, run against every UploadStorage (memory in Node, Durable Object SQLite in workerd). */
export function uploadStorageContract(
  withStorage: (test: (storage: UploadStorage) => void | Promise<void>) => Promise<void>,
) {
  it('starts empty', () =>
    withStorage((s) => {
      expect(s.getUpload('u-aaaaaaaaaaaaaaaa')).toBeUndefined();
      expect(s.chunkSizes('u-aaaaaaaaaaaaaaaa')).toEqual([]);
      expect(s.openUploads('user')).toEqual([]);
      expect(s.committedAt('u-aaaaaaaaaaaaaaaa')).toBeUndefined();
    }));

  it('keeps chunks by index, byte for byte, a repeated index replacing the first', () =>
    withStorage((s) => {
      s.putUpload({ uploadId: 'up1', userId: 'user', createdAt: 1, touchedAt: 1 });
      s.putChunk('up1', 2, bytes(3, 7));
      s.putChunk('up1', 0, bytes(5, 1));
      s.putChunk('up1', 0, bytes(4, 2));
      expect(s.chunkSizes('up1')).toEqual([
        { index: 0, bytes: 4 },
        { index: 2, bytes: 3 },
      ]);
      const loaded = s.loadChunks('up1', 3);
      expect(loaded.map((c) => (c ? [...c] : undefined))).toEqual([
        [2, 2, 2, 2],
        undefined,
        [7, 7, 7],
      ]);
    }));

  it('holds a chunk of 256 KiB', () =>
    withStorage((s) => {
      const big = new Uint8Array(256 * 1024).map((_, i) => i % 251);
      s.putUpload({ uploadId: 'big', userId: 'user', createdAt: 1, touchedAt: 1 });
      s.putChunk('big', 0, big);
      expect(s.loadChunks('big', 1)[0]).toEqual(big);
    }));

  it('lists a user’s open uploads oldest first; deleting one drops its chunks', () =>
    withStorage((s) => {
      s.putUpload({ uploadId: 'b', userId: 'user', createdAt: 2, touchedAt: 2 });
      s.putUpload({ uploadId: 'a', userId: 'user', createdAt: 1, touchedAt: 5 });
      s.putUpload({ uploadId: 'c', userId: 'other', createdAt: 0, touchedAt: 0 });
      s.putChunk('a', 0, bytes(2));
      expect(s.openUploads('user').map((r) => r.uploadId)).toEqual(['a', 'b']);
      s.deleteUpload('a');
      expect(s.getUpload('a')).toBeUndefined();
      expect(s.chunkSizes('a')).toEqual([]);
      expect(s.openUploads('user').map((r) => r.uploadId)).toEqual(['b']);
    }));

  it('expires uploads touched before a time, with their chunks', () =>
    withStorage((s) => {
      s.putUpload({ uploadId: 'old', userId: 'u', createdAt: 1, touchedAt: 10 });
      s.putUpload({ uploadId: 'new', userId: 'u', createdAt: 1, touchedAt: 30 });
      s.putChunk('old', 0, bytes(1));
      s.putChunk('new', 0, bytes(1));
      expect(s.deleteUploadsTouchedBefore(20)).toBe(1);
      expect(s.getUpload('old')).toBeUndefined();
      expect(s.chunkSizes('old')).toEqual([]);
      expect(s.getUpload('new')?.touchedAt).toBe(30);
      expect(s.chunkSizes('new')).toHaveLength(1);
    }));

  it('remembers committed ids until told to forget them', () =>
    withStorage((s) => {
      s.markCommitted('x', 100);
      s.markCommitted('y', 300);
      expect(s.committedAt('x')).toBe(100);
      s.forgetCommittedBefore(200);
      expect(s.committedAt('x')).toBeUndefined();
      expect(s.committedAt('y')).toBe(300);
    }));

  it('a transaction that throws leaves nothing behind', () =>
    withStorage((s) => {
      s.putUpload({ uploadId: 't', userId: 'u', createdAt: 1, touchedAt: 1 });
      s.putChunk('t', 0, bytes(1));
      expect(() =>
        s.transaction(() => {
          s.markCommitted('t', 5);
          s.deleteUpload('t');
          throw new Error('boom');
        }),
      ).toThrow('boom');
      expect(s.committedAt('t')).toBeUndefined();
      expect(s.getUpload('t')).toBeDefined();
      expect(s.chunkSizes('t')).toHaveLength(1);
    }));
}
