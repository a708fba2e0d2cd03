import type { RoomStorage } from '../rooms/room-storage.ts';

/** Durable Object SQLite rows hold at most 2 MB; snapshots are split well below that. */
export const SNAPSHOT_CHUNK_BYTES = 512 * 1024;

/**
 * RoomStorage on a Durable Object's SQLite. Writes are synchronous and the Durable Object's output
 * gate holds outgoing messages until they are durable, so "persisted before broadcast" holds.
 */
export class SqlRoomStorage implements RoomStorage {
  /** Rows in doc_updates; counted once, then kept here (this object is their only writer). */
  private count: number | undefined;

  constructor(
    private readonly sql: SqlStorage,
    private readonly transaction: (fn: () => void) => void,
  ) {
    sql.exec(
      'CREATE TABLE IF NOT EXISTS doc_updates (seq INTEGER PRIMARY KEY AUTOINCREMENT, data BLOB NOT NULL)',
    );
    sql.exec(
      'CREATE TABLE IF NOT EXISTS doc_snapshot (idx INTEGER PRIMARY KEY, data BLOB NOT NULL)',
    );
    // An update larger than a chunk (a committed upload of an offline backlog) is kept as an
    // empty row in doc_updates, for its place in the order, and its bytes here in chunks.
    sql.exec(
      'CREATE TABLE IF NOT EXISTS doc_update_parts (seq INTEGER NOT NULL, idx INTEGER NOT NULL, data BLOB NOT NULL, PRIMARY KEY (seq, idx))',
    );
  }

  loadSnapshot(): Uint8Array | undefined {
    const chunks = this.sql
      .exec<{ data: ArrayBuffer }>('SELECT data FROM doc_snapshot ORDER BY idx')
      .toArray();
    if (chunks.length === 0) return undefined;
    return concat(chunks.map((c) => new Uint8Array(c.data)));
  }

  loadUpdates(): Uint8Array[] {
    return this.sql
      .exec<{ seq: number; data: ArrayBuffer }>('SELECT seq, data FROM doc_updates ORDER BY seq')
      .toArray()
      .map((r) => (r.data.byteLength > 0 ? new Uint8Array(r.data) : this.loadParts(r.seq)));
  }

  appendUpdates(updates: Uint8Array[]): void {
    const count = this.updateCount();
    this.transaction(() => {
      for (const update of updates) this.insert(update);
    });
    this.count = count + updates.length;
  }

  private insert(update: Uint8Array) {
    if (update.byteLength <= SNAPSHOT_CHUNK_BYTES) {
      this.sql.exec('INSERT INTO doc_updates (data) VALUES (?)', toBuffer(update));
      return;
    }
    const { seq } = this.sql
      .exec<{ seq: number }>("INSERT INTO doc_updates (data) VALUES (x'') RETURNING seq")
      .one();
    for (let i = 0, idx = 0; i < update.byteLength; i += SNAPSHOT_CHUNK_BYTES, idx++) {
      this.sql.exec(
        'INSERT INTO doc_update_parts (seq, idx, data) VALUES (?, ?, ?)',
        seq,
        idx,
        toBuffer(update.subarray(i, i + SNAPSHOT_CHUNK_BYTES)),
      );
    }
  }

  private loadParts(seq: number): Uint8Array {
    return concat(
      this.sql
        .exec<{ data: ArrayBuffer }>(
          'SELECT data FROM doc_update_parts WHERE seq = ? ORDER BY idx',
          seq,
        )
        .toArray()
        .map((r) => new Uint8Array(r.data)),
    );
  }

  updateCount(): number {
    this.count ??= this.sql.exec<{ n: number }>('SELECT count(*) AS n FROM doc_updates').one().n;
    return this.count;
  }

  compact(snapshot: Uint8Array): void {
    this.transaction(() => {
      this.sql.exec('DELETE FROM doc_snapshot');
      for (let i = 0, idx = 0; i < snapshot.byteLength; i += SNAPSHOT_CHUNK_BYTES, idx++) {
        this.sql.exec(
          'INSERT INTO doc_snapshot (idx, data) VALUES (?, ?)',
          idx,
          toBuffer(snapshot.subarray(i, i + SNAPSHOT_CHUNK_BYTES)),
        );
      }
      this.sql.exec('DELETE FROM doc_updates');
      this.sql.exec('DELETE FROM doc_update_parts');
    });
    this.count = 0;
  }
}

function toBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

export function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.byteLength;
  }
  return out;
}
