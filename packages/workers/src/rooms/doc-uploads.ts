import {
  DOC_UPLOAD_CHUNK_BYTES,
  DOC_UPLOAD_MAX_BYTES,
  DOC_UPLOAD_MAX_OPEN_PER_USER,
  DOC_UPLOAD_TTL_MS,
  type DocUploadCommit,
  type DocUploadStatus,
} from '@corates/shared';
import { toHex } from '../lib/hex.ts';
import type { UploadStorage } from './upload-storage.ts';

/**
 * Why an upload call was refused. Plain data (not an exception) so it crosses the Durable Object
 * RPC boundary intact; the route turns it into the error envelope.
 */
export interface UploadRefusal {
  ok: false;
  code:
    | 'NOT_FOUND'
    | 'CONFLICT'
    | 'PAYLOAD_TOO_LARGE'
    | 'VALIDATION_FAILED'
    | 'FORBIDDEN'
    // [R22] the project is a mirror of another server's share (the host refuses, not the uploads)
    | 'MIRROR_READ_ONLY';
  message: string;
  /** Concrete (not `unknown`), so the type survives Durable Object RPC. */
  details?: { missingChunks: number[] };
}
export type UploadResult<T> = ({ ok: true } & T) | UploadRefusal;

export interface DocUploadsOptions {
  now?: () => number;
  maxBytes?: number;
  maxChunkBytes?: number;
  ttlMs?: number;
  maxOpenPerUser?: number;
}

/** How long a committed id is remembered: well past the TTL of any upload that could repeat it. */
const COMMITTED_MEMORY_FACTOR = 7;

const refuse = (
  code: UploadRefusal['code'],
  message: string,
  details?: UploadRefusal['details'],
): UploadRefusal => ({
  ok: false,
  code,
  message,
  ...(details === undefined ? {} : { details }),
});

/**
 * Chunked uploads of large document diffs (see `@corates/shared` doc-upload.ts), over an injected
 * storage. Pure: no `cloudflare:*`, so it runs in Node tests as in the Durable Object. Rules:
 * [U1] a chunk is stored under (upload, index); resending an index replaces it, so retries,
 *      duplicates and any order are fine;
 * [U2] an upload belongs to the user who started it; others see NOT_FOUND;
 * [U3] the chunks of one upload never total more than `maxBytes` (PAYLOAD_TOO_LARGE);
 * [U4] a commit assembles chunks 0…n-1, checks length and SHA-256, and hands the diff to `apply`
 *      in one transaction with "committed" being recorded and the chunks deleted; a bad diff
 *      (length, hash, or `apply` throwing) discards the upload and changes nothing;
 * [U5] committing an id already committed applies nothing and answers `applied: false`;
 * [U6] uploads untouched for `ttlMs` are discarded; a user holds at most `maxOpenPerUser` open
 *      uploads (a new one discards the oldest).
 */
export class DocUploads {
  private readonly now: () => number;
  private readonly maxBytes: number;
  private readonly maxChunkBytes: number;
  private readonly ttlMs: number;
  private readonly maxOpen: number;

  constructor(
    private readonly storage: UploadStorage,
    options: DocUploadsOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.maxBytes = options.maxBytes ?? DOC_UPLOAD_MAX_BYTES;
    this.maxChunkBytes = options.maxChunkBytes ?? DOC_UPLOAD_CHUNK_BYTES;
    this.ttlMs = options.ttlMs ?? DOC_UPLOAD_TTL_MS;
    this.maxOpen = options.maxOpenPerUser ?? DOC_UPLOAD_MAX_OPEN_PER_USER;
  }

  /** [U6] Drops stale uploads and old committed ids. Cheap; run on every touch and on the alarm. */
  expire(): number {
    const now = this.now();
    this.storage.forgetCommittedBefore(now - this.ttlMs * COMMITTED_MEMORY_FACTOR);
    return this.storage.deleteUploadsTouchedBefore(now - this.ttlMs);
  }

  status(userId: string, uploadId: string): UploadResult<{ status: DocUploadStatus }> {
    this.expire();
    if (this.storage.committedAt(uploadId) !== undefined)
      return { ok: true, status: committedStatus(uploadId) };
    const record = this.storage.getUpload(uploadId);
    if (record && record.userId !== userId) return notFound(); // [U2]
    return { ok: true, status: this.statusOf(uploadId) };
  }

  putChunk(
    userId: string,
    uploadId: string,
    index: number,
    bytes: Uint8Array,
  ): UploadResult<{ status: DocUploadStatus }> {
    this.expire();
    if (this.storage.committedAt(uploadId) !== undefined)
      return { ok: true, status: committedStatus(uploadId) }; // a late retry; nothing to do
    if (!Number.isSafeInteger(index) || index < 0)
      return refuse('VALIDATION_FAILED', 'chunk index must be a non-negative integer');
    if (bytes.byteLength === 0) return refuse('VALIDATION_FAILED', 'a chunk may not be empty');
    if (bytes.byteLength > this.maxChunkBytes)
      return refuse('PAYLOAD_TOO_LARGE', `a chunk may be at most ${this.maxChunkBytes} bytes`);

    const now = this.now();
    let record = this.storage.getUpload(uploadId);
    if (record && record.userId !== userId) return notFound(); // [U2]
    const sizes = this.storage.chunkSizes(uploadId);
    const others = sizes.reduce((n, c) => (c.index === index ? n : n + c.bytes), 0);
    // [U3] Checked before storing anything, so a refused chunk leaves the upload as it was.
    if (others + bytes.byteLength > this.maxBytes)
      return refuse('PAYLOAD_TOO_LARGE', `an upload may be at most ${this.maxBytes} bytes`);

    this.storage.transaction(() => {
      if (!record) {
        // [U6] Room for the new one: the user's oldest open uploads go.
        const open = this.storage.openUploads(userId);
        for (const old of open.slice(0, Math.max(0, open.length - this.maxOpen + 1)))
          this.storage.deleteUpload(old.uploadId);
        record = { uploadId, userId, createdAt: now, touchedAt: now };
      }
      this.storage.putUpload({ ...record, touchedAt: now });
      this.storage.putChunk(uploadId, index, bytes); // [U1]
    });
    return { ok: true, status: this.statusOf(uploadId) };
  }

  /**
   * [U4][U5] Assembles, verifies and applies the upload once. `apply` runs inside the storage
   * transaction and must throw (changing nothing) when the bytes are not a valid update.
   */
  async commit(
    userId: string,
    uploadId: string,
    commit: DocUploadCommit,
    apply: (update: Uint8Array) => void,
  ): Promise<UploadResult<{ applied: boolean }>> {
    this.expire();
    if (this.storage.committedAt(uploadId) !== undefined) return { ok: true, applied: false };
    const record = this.storage.getUpload(uploadId);
    if (record && record.userId !== userId) return notFound();
    if (commit.totalBytes > this.maxBytes)
      return refuse('PAYLOAD_TOO_LARGE', `an upload may be at most ${this.maxBytes} bytes`);

    const sizes = this.storage.chunkSizes(uploadId);
    const have = new Set(sizes.map((c) => c.index));
    const missing: number[] = [];
    for (let i = 0; i < commit.chunkCount; i++) if (!have.has(i)) missing.push(i);
    if (missing.length > 0) {
      return refuse('CONFLICT', `${missing.length} of ${commit.chunkCount} chunks are missing`, {
        missingChunks: missing,
      });
    }
    const extra = sizes.filter((c) => c.index >= commit.chunkCount);
    const length = sizes.reduce((n, c) => (c.index < commit.chunkCount ? n + c.bytes : n), 0);
    if (extra.length > 0 || length !== commit.totalBytes) {
      this.storage.deleteUpload(uploadId);
      return refuse(
        'VALIDATION_FAILED',
        `the chunks hold ${length} bytes in ${sizes.length} chunks, not ${commit.totalBytes} in ${commit.chunkCount}; the upload was discarded`,
      );
    }

    const update = new Uint8Array(commit.totalBytes);
    let at = 0;
    for (const chunk of this.storage.loadChunks(uploadId, commit.chunkCount)) {
      update.set(chunk!, at);
      at += chunk!.byteLength;
    }
    const hash = await sha256Hex(update);
    // Another commit of the same id may have run while the hash was computed.
    if (this.storage.committedAt(uploadId) !== undefined) return { ok: true, applied: false };
    if (!this.storage.getUpload(uploadId)) return refuse('CONFLICT', 'the upload was discarded');
    if (hash !== commit.sha256) {
      this.storage.deleteUpload(uploadId);
      return refuse(
        'VALIDATION_FAILED',
        'the chunks do not match the SHA-256 given; the upload was discarded',
      );
    }
    try {
      this.storage.transaction(() => {
        apply(update);
        this.storage.markCommitted(uploadId, this.now());
        this.storage.deleteUpload(uploadId);
      });
    } catch {
      this.storage.deleteUpload(uploadId);
      return refuse(
        'VALIDATION_FAILED',
        'the upload is not an update the document accepts (not valid Yjs, or it breaks the layout); nothing was applied and the upload was discarded',
      );
    }
    return { ok: true, applied: true };
  }

  private statusOf(uploadId: string): DocUploadStatus {
    const sizes = this.storage.chunkSizes(uploadId);
    return {
      uploadId,
      receivedChunks: sizes.map((c) => c.index),
      receivedBytes: sizes.reduce((n, c) => n + c.bytes, 0),
      committed: false,
    };
  }
}

function committedStatus(uploadId: string): DocUploadStatus {
  return { uploadId, receivedChunks: [], receivedBytes: 0, committed: true };
}

function notFound(): UploadRefusal {
  return refuse('NOT_FOUND', 'no such upload');
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as BufferSource)));
}
