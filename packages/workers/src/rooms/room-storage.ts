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
  appendUpdate(update: Uint8Array): void;
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
  appendUpdate(update: Uint8Array) {
    this.updates.push(update.slice());
  }
  updateCount() {
    return this.updates.length;
  }
  compact(snapshot: Uint8Array) {
    this.snapshot = snapshot.slice();
    this.updates = [];
  }
}
