/** An upload in progress: who started it and when it was last touched (for expiry). */
export interface UploadRecord {
  uploadId: string;
  userId: string;
  createdAt: number;
  touchedAt: number;
}

/**
 * Where a room keeps chunked uploads of large document diffs until they are committed, and which
 * uploads were committed (so a repeated commit applies nothing). Synchronous, like Durable Object
 * SQLite storage; rows stay far below its 2 MB row limit (chunks are ≤ 256 KiB).
 */
export interface UploadStorage {
  getUpload(uploadId: string): UploadRecord | undefined;
  /** Creates or replaces the record. */
  putUpload(record: UploadRecord): void;
  /** The user's uncommitted uploads, oldest first. */
  openUploads(userId: string): UploadRecord[];
  /** Stores chunk `index`, replacing a chunk already stored there. */
  putChunk(uploadId: string, index: number, bytes: Uint8Array): void;
  /** The stored chunks' indexes and sizes, by ascending index. */
  chunkSizes(uploadId: string): { index: number; bytes: number }[];
  /** Chunks `0…count-1` in order; undefined for a missing one. */
  loadChunks(uploadId: string, count: number): (Uint8Array | undefined)[];
  /** Forgets the upload and its chunks. */
  deleteUpload(uploadId: string): void;
  /** Forgets every upload last touched before `at`, with its chunks; returns how many. */
  deleteUploadsTouchedBefore(at: number): number;
  committedAt(uploadId: string): number | undefined;
  markCommitted(uploadId: string, at: number): void;
  forgetCommittedBefore(at: number): void;
  /** Runs `fn` atomically: all of its writes or none. */
  transaction(fn: () => void): void;
}

/** In-memory twin of the Durable Object storage, for unit tests. */
export class MemoryUploadStorage implements UploadStorage {
  private uploads = new Map<string, UploadRecord>();
  private chunks = new Map<string, Map<number, Uint8Array>>();
  private committed = new Map<string, number>();

  getUpload(uploadId: string) {
    const r = this.uploads.get(uploadId);
    return r && { ...r };
  }
  putUpload(record: UploadRecord) {
    this.uploads.set(record.uploadId, { ...record });
  }
  openUploads(userId: string) {
    return [...this.uploads.values()]
      .filter((r) => r.userId === userId)
      .sort((a, b) => a.createdAt - b.createdAt || a.uploadId.localeCompare(b.uploadId))
      .map((r) => ({ ...r }));
  }
  putChunk(uploadId: string, index: number, bytes: Uint8Array) {
    let m = this.chunks.get(uploadId);
    if (!m) this.chunks.set(uploadId, (m = new Map()));
    m.set(index, bytes.slice());
  }
  chunkSizes(uploadId: string) {
    return [...(this.chunks.get(uploadId) ?? new Map<number, Uint8Array>())]
      .map(([index, b]) => ({ index, bytes: b.byteLength }))
      .sort((a, b) => a.index - b.index);
  }
  loadChunks(uploadId: string, count: number) {
    const m = this.chunks.get(uploadId);
    return Array.from({ length: count }, (_, i) => m?.get(i)?.slice());
  }
  deleteUpload(uploadId: string) {
    this.uploads.delete(uploadId);
    this.chunks.delete(uploadId);
  }
  deleteUploadsTouchedBefore(at: number) {
    let n = 0;
    for (const r of [...this.uploads.values()]) {
      if (r.touchedAt < at) {
        this.deleteUpload(r.uploadId);
        n++;
      }
    }
    return n;
  }
  committedAt(uploadId: string) {
    return this.committed.get(uploadId);
  }
  markCommitted(uploadId: string, at: number) {
    this.committed.set(uploadId, at);
  }
  forgetCommittedBefore(at: number) {
    for (const [id, t] of [...this.committed]) if (t < at) this.committed.delete(id);
  }
  transaction(fn: () => void) {
    // Snapshot and restore, so a throwing `fn` leaves nothing behind (as SQLite's rollback does).
    const saved = {
      uploads: new Map(this.uploads),
      chunks: new Map([...this.chunks].map(([k, m]) => [k, new Map(m)])),
      committed: new Map(this.committed),
    };
    try {
      fn();
    } catch (e) {
      this.uploads = saved.uploads;
      this.chunks = saved.chunks;
      this.committed = saved.committed;
      throw e;
    }
  }
}
