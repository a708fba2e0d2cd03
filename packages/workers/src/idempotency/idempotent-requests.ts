import { and, eq } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { idempotentRequests } from '../db/schema.ts';
import type { StoredRequest } from './idempotency-rules.ts';

/** A stored first answer. */
export interface StoredResponse {
  status: number;
  body: string;
  contentType: string | null;
}

const byKey = (userId: string, key: string) =>
  and(eq(idempotentRequests.userId, userId), eq(idempotentRequests.key, key));

/** Claims the key for this request, or returns what is already stored under it. */
export async function claimKey(
  db: Database,
  userId: string,
  key: string,
  fingerprint: string,
): Promise<'claimed' | (StoredRequest & { response?: StoredResponse })> {
  const claimed = await db
    .insert(idempotentRequests)
    .values({ userId, key, fingerprint })
    .onConflictDoNothing()
    .returning({ key: idempotentRequests.key });
  if (claimed.length > 0) return 'claimed';
  const row = await db.select().from(idempotentRequests).where(byKey(userId, key)).get();
  // Released between our insert and this read: the caller's retry will claim it.
  if (!row) return { fingerprint, responseStatus: null, createdAt: new Date() };
  return {
    fingerprint: row.fingerprint,
    responseStatus: row.responseStatus,
    createdAt: row.createdAt,
    ...(row.responseStatus === null
      ? {}
      : {
          response: {
            status: row.responseStatus,
            body: row.responseBody ?? '',
            contentType: row.responseType,
          },
        }),
  };
}

/** Takes over an abandoned or expired claim; false when another request took it first. */
export async function takeOverKey(
  db: Database,
  userId: string,
  key: string,
  stored: StoredRequest,
  fingerprint: string,
): Promise<boolean> {
  const taken = await db
    .update(idempotentRequests)
    .set({
      fingerprint,
      responseStatus: null,
      responseBody: null,
      responseType: null,
      createdAt: new Date(),
    })
    .where(and(byKey(userId, key), eq(idempotentRequests.createdAt, stored.createdAt)))
    .returning({ key: idempotentRequests.key });
  return taken.length > 0;
}

export async function storeResponse(
  db: Database,
  userId: string,
  key: string,
  response: StoredResponse,
): Promise<void> {
  await db
    .update(idempotentRequests)
    .set({
      responseStatus: response.status,
      responseBody: response.body,
      responseType: response.contentType,
    })
    .where(byKey(userId, key));
}

/** The request failed on the server's side: forget the claim so that a retry runs it. */
export async function releaseKey(db: Database, userId: string, key: string): Promise<void> {
  await db.delete(idempotentRequests).where(byKey(userId, key));
}
