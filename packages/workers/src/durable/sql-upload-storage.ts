import type { UploadRecord, UploadStorage } from '../rooms/upload-storage.ts';

/** UploadStorage on a Durable Object's SQLite: durable across restarts, eviction and hibernation. */
export class SqlUploadStorage implements UploadStorage {
  constructor(
    private readonly sql: SqlStorage,
    private readonly runTransaction: (fn: () => void) => void,
  ) {
    sql.exec(
      `CREATE TABLE IF NOT EXISTS doc_uploads (
         upload_id TEXT PRIMARY KEY, user_id TEXT NOT NULL,
         created_at INTEGER NOT NULL, touched_at INTEGER NOT NULL)`,
    );
    sql.exec(
      `CREATE TABLE IF NOT EXISTS doc_upload_chunks (
         upload_id TEXT NOT NULL, idx INTEGER NOT NULL, data BLOB NOT NULL,
         PRIMARY KEY (upload_id, idx))`,
    );
    sql.exec(
      'CREATE TABLE IF NOT EXISTS doc_uploads_committed (upload_id TEXT PRIMARY KEY, committed_at INTEGER NOT NULL)',
    );
  }

  getUpload(uploadId: string): UploadRecord | undefined {
    return this.sql
      .exec<Row>(`SELECT ${COLUMNS} FROM doc_uploads WHERE upload_id = ?`, uploadId)
      .toArray()
      .map(toRecord)[0];
  }

  putUpload(r: UploadRecord): void {
    this.sql.exec(
      `INSERT INTO doc_uploads (upload_id, user_id, created_at, touched_at) VALUES (?, ?, ?, ?)
       ON CONFLICT(upload_id) DO UPDATE SET user_id = excluded.user_id,
         created_at = excluded.created_at, touched_at = excluded.touched_at`,
      r.uploadId,
      r.userId,
      r.createdAt,
      r.touchedAt,
    );
  }

  openUploads(userId: string): UploadRecord[] {
    return this.sql
      .exec<Row>(
        `SELECT ${COLUMNS} FROM doc_uploads WHERE user_id = ? ORDER BY created_at, upload_id`,
        userId,
      )
      .toArray()
      .map(toRecord);
  }

  putChunk(uploadId: string, index: number, bytes: Uint8Array): void {
    this.sql.exec(
      `INSERT INTO doc_upload_chunks (upload_id, idx, data) VALUES (?, ?, ?)
       ON CONFLICT(upload_id, idx) DO UPDATE SET data = excluded.data`,
      uploadId,
      index,
      toBuffer(bytes),
    );
  }

  chunkSizes(uploadId: string): { index: number; bytes: number }[] {
    return this.sql
      .exec<{ idx: number; n: number }>(
        'SELECT idx, length(data) AS n FROM doc_upload_chunks WHERE upload_id = ? ORDER BY idx',
        uploadId,
      )
      .toArray()
      .map((r) => ({ index: r.idx, bytes: r.n }));
  }

  loadChunks(uploadId: string, count: number): (Uint8Array | undefined)[] {
    const out: (Uint8Array | undefined)[] = Array.from({ length: count }, () => undefined);
    for (const r of this.sql.exec<{ idx: number; data: ArrayBuffer }>(
      'SELECT idx, data FROM doc_upload_chunks WHERE upload_id = ? AND idx < ? ORDER BY idx',
      uploadId,
      count,
    )) {
      out[r.idx] = new Uint8Array(r.data);
    }
    return out;
  }

  deleteUpload(uploadId: string): void {
    this.sql.exec('DELETE FROM doc_upload_chunks WHERE upload_id = ?', uploadId);
    this.sql.exec('DELETE FROM doc_uploads WHERE upload_id = ?', uploadId);
  }

  deleteUploadsTouchedBefore(at: number): number {
    const stale = this.sql
      .exec<{ upload_id: string }>('SELECT upload_id FROM doc_uploads WHERE touched_at < ?', at)
      .toArray();
    for (const { upload_id } of stale) this.deleteUpload(upload_id);
    return stale.length;
  }

  committedAt(uploadId: string): number | undefined {
    return this.sql
      .exec<{ committed_at: number }>(
        'SELECT committed_at FROM doc_uploads_committed WHERE upload_id = ?',
        uploadId,
      )
      .toArray()[0]?.committed_at;
  }

  markCommitted(uploadId: string, at: number): void {
    this.sql.exec(
      'INSERT OR REPLACE INTO doc_uploads_committed (upload_id, committed_at) VALUES (?, ?)',
      uploadId,
      at,
    );
  }

  forgetCommittedBefore(at: number): void {
    this.sql.exec('DELETE FROM doc_uploads_committed WHERE committed_at < ?', at);
  }

  transaction(fn: () => void): void {
    this.runTransaction(fn);
  }
}

type Row = { upload_id: string; user_id: string; created_at: number; touched_at: number };
const COLUMNS = 'upload_id, user_id, created_at, touched_at';
const toRecord = (r: Row): UploadRecord => ({
  uploadId: r.upload_id,
  userId: r.user_id,
  createdAt: r.created_at,
  touchedAt: r.touched_at,
});

function toBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}
