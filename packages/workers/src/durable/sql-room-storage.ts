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
      .exec<{ data: ArrayBuffer }>('SELECT data FROM doc_updates ORDER BY seq')
      .toArray()
      .map((r) => new Uint8Array(r.data));
  }

  appendUpdate(update: Uint8Array): void {
    const count = this.updateCount();
    this.sql.exec('INSERT INTO doc_updates (data) VALUES (?)', toBuffer(update));
    this.count = count + 1;
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
