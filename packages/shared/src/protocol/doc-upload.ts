import { z } from 'zod';

/**
 * Large document diffs travel over HTTP in chunks, not over the document socket: the relay (and
 * Cloudflare) cap a WebSocket frame at `DOC_MAX_MESSAGE_BYTES`, and an offline backlog (a long
 * pasted note, an import of many studies) can be far larger. The client uploads the diff in
 * chunks under an id it chooses, then commits it with its length and SHA-256; the room assembles,
 * verifies and applies it once, and the socket syncs whatever is left.
 *
 *   PUT  /api/reconcile/doc/{projectId}/uploads/{uploadId}/chunks/{index}   raw bytes
 *   GET  /api/reconcile/doc/{projectId}/uploads/{uploadId}                  which chunks arrived
 *   POST /api/reconcile/doc/{projectId}/uploads/{uploadId}/commit           apply once
 */

/** A diff larger than this is not sent over the socket but uploaded (well under the frame cap). */
export const DOC_UPLOAD_THRESHOLD_BYTES = 512 * 1024;

/** Largest chunk body: under the API's 256 KiB body limit, so no route needs an exemption. */
export const DOC_UPLOAD_CHUNK_BYTES = 240 * 1024;

/** Largest diff one upload may carry (413 PAYLOAD_TOO_LARGE above). */
export const DOC_UPLOAD_MAX_BYTES = 50 * 1024 * 1024;

/** Most chunks one upload may have. */
export const DOC_UPLOAD_MAX_CHUNKS = Math.ceil(DOC_UPLOAD_MAX_BYTES / DOC_UPLOAD_CHUNK_BYTES);

/** An upload not touched for this long is discarded with its chunks. */
export const DOC_UPLOAD_TTL_MS = 24 * 60 * 60 * 1000;

/** Open (uncommitted) uploads one user may have in one project; a new one drops the oldest. */
export const DOC_UPLOAD_MAX_OPEN_PER_USER = 4;

/** Chosen by the client (a random UUID or similar), so retries and resumption reuse it. */
export const docUploadIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{16,64}$/, '16–64 characters of A–Z, a–z, 0–9, _ and -');

export const docUploadChunkIndexSchema = z.coerce
  .number()
  .int()
  .min(0)
  .max(DOC_UPLOAD_MAX_CHUNKS - 1);

/** Where an upload stands: the client resends only the chunks not listed. */
export const docUploadStatusSchema = z.object({
  uploadId: z.string(),
  /** Indexes of the chunks the server holds, ascending. Empty once committed. */
  receivedChunks: z.array(z.number().int().nonnegative()),
  receivedBytes: z.number().int().nonnegative(),
  /** The upload was committed (applied) already; nothing more to send. */
  committed: z.boolean(),
});
export type DocUploadStatus = z.infer<typeof docUploadStatusSchema>;

export const docUploadCommitSchema = z.strictObject({
  /** Length of the whole diff (the chunks 0…chunkCount-1 concatenated). */
  totalBytes: z.number().int().min(1),
  chunkCount: z.number().int().min(1).max(DOC_UPLOAD_MAX_CHUNKS),
  /** SHA-256 of the whole diff, lowercase hex. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'lowercase hex SHA-256'),
  /**
   * The uploader's Yjs client id (the one its socket announces presence with): that socket is not
   * sent the diff back, since its document already holds it. Optional; without it every socket is.
   */
  clientId: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
});
export type DocUploadCommit = z.infer<typeof docUploadCommitSchema>;

export const docUploadCommitResultSchema = z.object({
  uploadId: z.string(),
  /** False when this upload had been committed before: it was not applied a second time. */
  applied: z.boolean(),
  /** The server's state vector after the commit (base64), to compute what is still missing. */
  stateVector: z.string(),
});
export type DocUploadCommitResult = z.infer<typeof docUploadCommitResultSchema>;

/** Chunk `index` of `bytes` cut at `DOC_UPLOAD_CHUNK_BYTES`. */
export function docUploadChunk(bytes: Uint8Array, index: number): Uint8Array {
  return bytes.subarray(index * DOC_UPLOAD_CHUNK_BYTES, (index + 1) * DOC_UPLOAD_CHUNK_BYTES);
}

export function docUploadChunkCount(totalBytes: number): number {
  return Math.max(1, Math.ceil(totalBytes / DOC_UPLOAD_CHUNK_BYTES));
}
