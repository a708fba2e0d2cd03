import { eq } from 'drizzle-orm';
import { sha256HexSchema } from '@corates/shared';
import { subscriptions } from '../db/schema.ts';
import { BLOB_ERROR_PREFIX, copyMissingBlobs } from './pdf-blobs.ts';
import { checkPeerOrigin } from './peer-origin.ts';
import { syncMirror } from './mirror-project.ts';
import type { PullContext } from './pull.ts';
import type { SubscriptionRow } from './subscribe.ts';

/**
 * After a pull (pull.ts), what follows from the records it applied: the PDF files they name are
 * copied into this server's R2 (pdf-blobs.ts), then the mirror project's documents are written
 * from the records (mirror-project.ts). Runs when the pull applied something, or when an earlier
 * file copy failed (its record was applied then; the file is asked for again now). A file that
 * cannot be had goes to `lastError`; the mirror is written either way.
 */
export async function afterPull(
  ctx: PullContext,
  subscription: SubscriptionRow,
  origin: string,
  applied: number,
): Promise<void> {
  const retry = subscription.lastError?.startsWith(BLOB_ERROR_PREFIX) === true;
  if (applied === 0 && !retry) return;
  const problem = await copyBlobs(ctx, subscription, origin);
  if (problem !== null)
    await ctx.db
      .update(subscriptions)
      .set({ lastError: problem, updatedAt: ctx.now })
      .where(eq(subscriptions.id, subscription.id));
  await syncMirror(ctx.env, ctx.db, subscription.id);
}

/** Copies the files of every PDF the subscription holds that R2 lacks; null when all are there. */
async function copyBlobs(
  ctx: PullContext,
  subscription: SubscriptionRow,
  origin: string,
): Promise<string | null> {
  const rows = await ctx.d1
    .prepare(
      `SELECT DISTINCT json_extract(row, '$.sha256') AS sha256 FROM received_records
       WHERE subscription_id = ? AND entity = 'pdf'`,
    )
    .bind(subscription.id)
    .all<{ sha256: unknown }>();
  const hashes = rows.results
    .map((r) => r.sha256)
    .filter((h): h is string => sha256HexSchema.safeParse(h).success);
  if (hashes.length === 0) return null;
  const admitted = checkPeerOrigin(origin, ctx.allowLocal);
  if (!admitted.ok) return `${BLOB_ERROR_PREFIX}files: not calling ${origin}: ${admitted.reason}`;
  return copyMissingBlobs(
    { key: ctx.key, now: ctx.now, bucket: ctx.env.PDFS },
    admitted.origin,
    subscription.shareId,
    subscription.token,
    hashes,
  );
}
