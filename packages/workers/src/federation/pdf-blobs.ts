import { PDF_MAX_BYTES, parseErrorEnvelope } from '@corates/shared';
import { AppError } from '../lib/app-error.ts';
import { toHex } from '../lib/hex.ts';
import { peerFetchBytes } from './peer-fetch.ts';
import type { ServerKey } from './server-key.ts';
import { signedPeerInit } from './subscribe.ts';

/**
 * PDF files of a share are copied, not mounted (docs/federation.md "PDF files"): the publisher
 * serves a file by its SHA-256 to a subscriber whose share covers a PDF with that hash; the
 * subscriber fetches each file it lacks once, checks the bytes against the hash and keeps them in
 * its own R2 under a key made of the hash, so one file shared twice is stored once.
 */

/** Where the subscriber keeps a copied file: named by its content, never by a publisher's id. */
export function blobKey(sha256: string): string {
  return `federation/blobs/${sha256}`;
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)));
}

/**
 * The publisher's side: the file with this hash, if a PDF the share covers now has it (its
 * `share_updates` entry is an upsert, not a tombstone) — else 404 NOT_FOUND, whether or not this
 * server holds such a file elsewhere, so a subscriber learns nothing beyond its share.
 */
export async function readSharedBlob(
  d1: D1Database,
  bucket: R2Bucket,
  shareId: string,
  sha256: string,
): Promise<R2ObjectBody> {
  const row = await d1
    .prepare(
      `SELECT p.r2_key AS r2Key FROM share_updates u JOIN pdfs p ON p.id = u.entity_id
       WHERE u.share_id = ?1 AND u.entity = 'pdf' AND u.op = 'upsert' AND p.sha256 = ?2 LIMIT 1`,
    )
    .bind(shareId, sha256)
    .first<{ r2Key: string }>();
  if (!row) throw new AppError('NOT_FOUND', 'no PDF of this share has this hash');
  const object = await bucket.get(row.r2Key);
  if (!object) throw new AppError('NOT_FOUND', 'the PDF file is missing');
  return object;
}

export interface BlobCopyContext {
  key: ServerKey;
  now: Date;
  bucket: R2Bucket;
}

/**
 * The subscriber's side: fetches each of `hashes` not yet in this server's R2 from the publisher
 * (signed, with the subscription's token; at most PDF_MAX_BYTES read), checks that the bytes hash
 * to what was asked for and only then stores them (R2 checks the hash again on put). A file that
 * cannot be had does not stop the others; the answer says what went wrong (for `lastError`), null
 * when every file is held. A file that does not match is never stored, and is asked for again at
 * the next pull.
 */
export async function copyMissingBlobs(
  ctx: BlobCopyContext,
  origin: string,
  shareId: string,
  token: string,
  hashes: Iterable<string>,
): Promise<string | null> {
  const problems: string[] = [];
  for (const sha256 of hashes) {
    if (await ctx.bucket.head(blobKey(sha256))) continue;
    const problem = await copyBlob(ctx, origin, shareId, token, sha256);
    if (problem !== null) problems.push(`${BLOB_ERROR_PREFIX}${sha256}: ${problem}`);
  }
  if (problems.length === 0) return null;
  return problems.length === 1 ? problems[0]! : `${problems[0]} (and ${problems.length - 1} more)`;
}

/** What `lastError` starts with when a PDF file could not be copied. */
export const BLOB_ERROR_PREFIX = 'fetching PDF ';

/** One file fetched, checked and stored; null when it was, else why not. */
async function copyBlob(
  ctx: BlobCopyContext,
  origin: string,
  shareId: string,
  token: string,
  sha256: string,
): Promise<string | null> {
  const url = `${origin}/api/federation/v1/shares/${encodeURIComponent(shareId)}/blobs/${sha256}`;
  let got;
  try {
    got = await peerFetchBytes(
      url,
      await signedPeerInit(ctx, 'GET', url, undefined, token),
      PDF_MAX_BYTES,
    );
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
  if (got.answer.status !== 200) {
    const code = parseErrorEnvelope(got.answer.json)?.error.code;
    return `${got.answer.status}${code ? ` ${code}` : ''}`;
  }
  const actual = await sha256Hex(got.bytes);
  if (actual !== sha256) return `the bytes received hash to ${actual}; not stored`;
  await ctx.bucket.put(blobKey(sha256), got.bytes, {
    httpMetadata: { contentType: 'application/pdf' },
    sha256,
  });
  return null;
}
