/**
 * Where a room keeps its document: an append-only log of Yjs updates plus, after compaction, one
 * snapshot (split into chunks by the implementation). Synchronous, like Durable Object SQLite
 * storage, so an update is durable before the room broadcasts it.
 */
export interface RoomStorage {
  /** The compacted state, or undefined before the first compaction. */
  loadSnapshot(): Uint8Array | undefined;
  /** Updates appended since the last compaction, in order. */
  loadUpdates(): Uint8Array[];
  /** Appends a group of updates, in order, in one transaction: all of them are stored or none. */
  appendUpdates(updates: Uint8Array[]): void;
  updateCount(): number;
  /** Atomically replaces snapshot and log with one snapshot (the merged state). */
  compact(snapshot: Uint8Array): void;
}

/** In-memory twin of the Durable Object storage, for unit tests and benchmarks. */
export class MemoryRoomStorage implements RoomStorage {
  private snapshot: Uint8Array | undefined;
  private updates: Uint8Array[] = [];

  loadSnapshot() {
    return this.snapshot;
  }
  loadUpdates() {
    return [...this.updates];
  }
  appendUpdates(updates: Uint8Array[]) {
    const copies = updates.map((u) => u.slice()); // any that throws leaves the log untouched
    this.updates.push(...copies);
  }
  updateCount() {
    return this.updates.length;
  }
  compact(snapshot: Uint8Array) {
    this.snapshot = snapshot.slice();
    this.updates = [];
  }
}
