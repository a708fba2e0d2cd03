import type { RoomStorage } from '../rooms/room-storage.ts';

/** Durable Object SQLite rows hold at most 2 MB; snapshots are split well below that. */
export const SNAPSHOT_CHUNK_BYTES = 512 * 1024;

/**
 * Which rows a storage reads and writes. The project document (v1 and v2) has tables of its own;
 * the checklist documents a project object hosts (document model v2, cut A in
 * docs/architecture.md) share one table set, keyed by the checklist id.
 */
type Scope = { tables: 'doc'; doc?: undefined } | { tables: 'checklist_doc'; doc: string };

/**
 * RoomStorage on a Durable Object's SQLite. Writes are synchronous and the Durable Object's output
 * gate holds outgoing messages until they are durable, so "persisted before broadcast" holds.
 */
export class SqlRoomStorage implements RoomStorage {
  /** Rows in the update log; counted once, then kept here (this object is their only writer). */
  private count: number | undefined;
  private readonly t: { updates: string; snapshot: string; parts: string };
  /** The checklist id column and filter (nothing for the project document's tables). */
  private readonly key: { col: string; sql: string; params: string[] };

  constructor(
    private readonly sql: SqlStorage,
    private readonly transaction: (fn: () => void) => void,
    scope: Scope = { tables: 'doc' },
  ) {
    const p = scope.tables;
    this.t = { updates: `${p}_updates`, snapshot: `${p}_snapshot`, parts: `${p}_update_parts` };
    this.key =
      scope.doc === undefined
        ? { col: '', sql: '', params: [] }
        : { col: 'doc TEXT NOT NULL, ', sql: ' WHERE doc = ?', params: [scope.doc] };
    const docPk = scope.doc === undefined ? '' : 'doc, ';
    sql.exec(
      `CREATE TABLE IF NOT EXISTS ${this.t.updates} (seq INTEGER PRIMARY KEY AUTOINCREMENT, ${this.key.col}data BLOB NOT NULL)`,
    );
    sql.exec(
      `CREATE TABLE IF NOT EXISTS ${this.t.snapshot} (${this.key.col}idx INTEGER NOT NULL, data BLOB NOT NULL, PRIMARY KEY (${docPk}idx))`,
    );
    // An update larger than a chunk (a committed upload of an offline backlog) is kept as an
    // empty row in the log, for its place in the order, and its bytes here in chunks.
    sql.exec(
      `CREATE TABLE IF NOT EXISTS ${this.t.parts} (seq INTEGER NOT NULL, idx INTEGER NOT NULL, data BLOB NOT NULL, PRIMARY KEY (seq, idx))`,
    );
    if (scope.doc !== undefined)
      sql.exec(`CREATE INDEX IF NOT EXISTS ${this.t.updates}_doc ON ${this.t.updates} (doc, seq)`);
  }

  loadSnapshot(): Uint8Array | undefined {
    const chunks = this.sql
      .exec<{ data: ArrayBuffer }>(
        `SELECT data FROM ${this.t.snapshot}${this.key.sql} ORDER BY idx`,
        ...this.key.params,
      )
      .toArray();
    if (chunks.length === 0) return undefined;
    return concat(chunks.map((c) => new Uint8Array(c.data)));
  }

  loadUpdates(): Uint8Array[] {
    return this.sql
      .exec<{ seq: number; data: ArrayBuffer }>(
        `SELECT seq, data FROM ${this.t.updates}${this.key.sql} ORDER BY seq`,
        ...this.key.params,
      )
      .toArray()
      .map((r) => (r.data.byteLength > 0 ? new Uint8Array(r.data) : this.loadParts(r.seq)));
  }

  appendUpdates(updates: Uint8Array[]): void {
    const count = this.updateCount();
    // One row is one statement, atomic on its own: the savepoint a transaction opens and releases
    // costs more than the INSERT (profiled), and a lone update in a quiet room pays it on every edit.
    const [only] = updates;
    if (updates.length === 1 && only!.byteLength <= SNAPSHOT_CHUNK_BYTES) this.insert(only!);
    else
      this.transaction(() => {
        for (const update of updates) this.insert(update);
      });
    this.count = count + updates.length;
  }

  private insert(update: Uint8Array) {
    const cols = this.key.params.length ? '(doc, data) VALUES (?, ?)' : '(data) VALUES (?)';
    if (update.byteLength <= SNAPSHOT_CHUNK_BYTES) {
      this.sql.exec(`INSERT INTO ${this.t.updates} ${cols}`, ...this.key.params, toBuffer(update));
      return;
    }
    const seq = this.sql
      .exec<{ seq: number }>(
        `INSERT INTO ${this.t.updates} ${cols} RETURNING seq`,
        ...this.key.params,
        new ArrayBuffer(0),
      )
      .one().seq;
    for (let i = 0, idx = 0; i < update.byteLength; i += SNAPSHOT_CHUNK_BYTES, idx++) {
      this.sql.exec(
        `INSERT INTO ${this.t.parts} (seq, idx, data) VALUES (?, ?, ?)`,
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
          `SELECT data FROM ${this.t.parts} WHERE seq = ? ORDER BY idx`,
          seq,
        )
        .toArray()
        .map((r) => new Uint8Array(r.data)),
    );
  }

  updateCount(): number {
    this.count ??= this.sql
      .exec<{ n: number }>(
        `SELECT count(*) AS n FROM ${this.t.updates}${this.key.sql}`,
        ...this.key.params,
      )
      .one().n;
    return this.count;
  }

  compact(snapshot: Uint8Array): void {
    this.transaction(() => {
      this.sql.exec(`DELETE FROM ${this.t.snapshot}${this.key.sql}`, ...this.key.params);
      const cols = this.key.params.length
        ? '(doc, idx, data) VALUES (?, ?, ?)'
        : '(idx, data) VALUES (?, ?)';
      for (let i = 0, idx = 0; i < snapshot.byteLength; i += SNAPSHOT_CHUNK_BYTES, idx++) {
        this.sql.exec(
          `INSERT INTO ${this.t.snapshot} ${cols}`,
          ...this.key.params,
          idx,
          toBuffer(snapshot.subarray(i, i + SNAPSHOT_CHUNK_BYTES)),
        );
      }
      this.sql.exec(
        `DELETE FROM ${this.t.parts} WHERE seq IN (SELECT seq FROM ${this.t.updates}${this.key.sql})`,
        ...this.key.params,
      );
      this.sql.exec(`DELETE FROM ${this.t.updates}${this.key.sql}`, ...this.key.params);
    });
    this.count = 0;
  }

  /** Deletes every row of the document (a checklist purged from the trash, [R21]). */
  deleteAll(): void {
    this.transaction(() => {
      this.sql.exec(`DELETE FROM ${this.t.snapshot}${this.key.sql}`, ...this.key.params);
      this.sql.exec(
        `DELETE FROM ${this.t.parts} WHERE seq IN (SELECT seq FROM ${this.t.updates}${this.key.sql})`,
        ...this.key.params,
      );
      this.sql.exec(`DELETE FROM ${this.t.updates}${this.key.sql}`, ...this.key.params);
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
