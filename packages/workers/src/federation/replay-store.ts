import { lt, sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { federationNonces } from '../db/schema.ts';
import { SIGNATURE_WINDOW_SECONDS } from './http-signature.ts';

/**
 * Remembers a verified signature's keyid + nonce; false when it was already seen (a replay).
 * A signature outside the window is refused before it gets here, so rows older than twice the
 * window can never match again and are purged on the way.
 */
export async function rememberSignature(
  db: Database,
  keyId: string,
  nonce: string,
  now: Date,
): Promise<boolean> {
  const horizon = new Date(now.getTime() - 2 * SIGNATURE_WINDOW_SECONDS * 1000);
  const [, inserted] = await db.batch([
    db.delete(federationNonces).where(lt(federationNonces.createdAt, horizon)),
    db
      .insert(federationNonces)
      .values({ keyId, nonce, createdAt: now })
      .onConflictDoNothing()
      .returning({ one: sql<number>`1` }),
  ]);
  return inserted.length === 1;
}
