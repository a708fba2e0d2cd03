import * as Y from 'yjs';
import { expect, it } from 'vitest';
import type { RoomStorage } from './room-storage.ts';

/** One suite, run against every RoomStorage (memory in Node, Durable Object SQLite in workerd). */
export function roomStorageContract(
  withStorage: (test: (storage: RoomStorage) => void | Promise<void>) => Promise<void>,
  bigSnapshotBytes = 3 * 1024 * 1024,
) {
  it('starts empty', () =>
    withStorage((s) => {
      expect(s.loadSnapshot()).toBeUndefined();
      expect(s.loadUpdates()).toEqual([]);
      expect(s.updateCount()).toBe(0);
    }));

  it('keeps updates in append order, byte for byte, one group after another', () =>
    withStorage((s) => {
      const updates = [new Uint8Array([1, 2, 3]), new Uint8Array([4]), new Uint8Array([5, 6])];
      s.appendUpdates(updates.slice(0, 1));
      s.appendUpdates(updates.slice(1));
      expect(s.updateCount()).toBe(3);
      expect(s.loadUpdates().map((u) => [...u])).toEqual(updates.map((u) => [...u]));
    }));

  it('[R13] a group whose write fails part-way stores none of it', () =>
    withStorage((s) => {
      s.appendUpdates([new Uint8Array([1])]);
      // The third entry is not bytes: the write throws after the first two were written.
      const broken = [new Uint8Array([2]), new Uint8Array([3]), null as unknown as Uint8Array];
      expect(() => s.appendUpdates(broken)).toThrow();
      expect(s.updateCount()).toBe(1);
      expect(s.loadUpdates().map((u) => [...u])).toEqual([[1]]);
      s.appendUpdates([new Uint8Array([4])]);
      expect(s.loadUpdates().map((u) => [...u])).toEqual([[1], [4]]);
    }));

  it('compaction replaces the log with the snapshot', () =>
    withStorage((s) => {
      s.appendUpdates([new Uint8Array([1])]);
      s.compact(new Uint8Array([9, 9]));
      expect(s.updateCount()).toBe(0);
      expect([...(s.loadSnapshot() ?? [])]).toEqual([9, 9]);
      s.appendUpdates([new Uint8Array([2])]);
      s.compact(new Uint8Array([7]));
      expect([...(s.loadSnapshot() ?? [])]).toEqual([7]);
    }));

  it('keeps an update larger than a storage row in its place in the log (an uploaded backlog)', () =>
    withStorage((s) => {
      const doc = new Y.Doc();
      let text = '';
      while (text.length < bigSnapshotBytes) text += Math.random().toString(36).slice(2);
      doc.getText('t').insert(0, 'a');
      const first = Y.encodeStateAsUpdate(doc);
      const sv = Y.encodeStateVector(doc);
      doc.getText('t').insert(1, text);
      const big = Y.encodeStateAsUpdate(doc, sv);
      expect(big.byteLength).toBeGreaterThan(2 * 1024 * 1024);
      s.appendUpdates([first]);
      s.appendUpdates([big, new Uint8Array([0, 0])]);
      expect(s.updateCount()).toBe(3);
      const loaded = s.loadUpdates();
      expect(loaded.map((u) => u.byteLength)).toEqual([first.byteLength, big.byteLength, 2]);
      const back = new Y.Doc();
      for (const u of loaded) Y.applyUpdate(back, u);
      expect(back.getText('t').toString()).toBe('a' + text);
      s.compact(Y.encodeStateAsUpdate(back));
      expect(s.loadUpdates()).toEqual([]);
      s.appendUpdates([new Uint8Array([0, 0])]);
      expect(s.loadUpdates()).toHaveLength(1);
    }));

  it('round-trips a snapshot larger than a storage row (chunked)', () =>
    withStorage((s) => {
      const doc = new Y.Doc();
      // Random text does not compress in Yjs's encoding, so the snapshot really is this large.
      let text = '';
      while (text.length < bigSnapshotBytes) text += Math.random().toString(36).slice(2);
      doc.getText('t').insert(0, text);
      const snapshot = Y.encodeStateAsUpdate(doc);
      expect(snapshot.byteLength).toBeGreaterThan(2 * 1024 * 1024);
      s.compact(snapshot);
      const back = new Y.Doc();
      Y.applyUpdate(back, s.loadSnapshot()!);
      expect(back.getText('t').toString()).toBe(text);
    }));
}
