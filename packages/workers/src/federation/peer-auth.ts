import { eq } from 'drizzle-orm';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env.ts';
import { servers, shares, shareSubscribers } from '../db/schema.ts';
import { hashToken } from '../domain/invitations.ts';
import { AppError } from '../lib/app-error.ts';
import { importPublicKey } from './server-key.ts';
import { requireSignedRequest } from './signed-request.ts';

/** Who `requirePeer` let in: the subscriber server and the share it asked for. */
export interface AuthorizedPeer {
  serverId: string;
  subscriberId: string;
  share: typeof shares.$inferSelect;
}

/** The token of `Authorization: Bearer <token>`, or undefined. */
function bearerToken(header: string | undefined): string | undefined {
  const m = /^Bearer ([A-Za-z0-9_-]{32,128})$/.exec(header?.trim() ?? '');
  return m?.[1];
}

/**
 * Every request a subscriber makes for a share (`/api/federation/v1/shares/:shareId` and below):
 * 1. signed (RFC 9421) by a server this one knows — the key comes from `servers`, so a server that
 *    never redeemed an invite is unknown (401 SIGNATURE_INVALID), as are a bad signature or digest;
 *    401 SIGNATURE_MISSING, SIGNATURE_OUT_OF_WINDOW (created/date beyond 5 minutes),
 *    SIGNATURE_REPLAYED (keyid + nonce seen, `federation_nonces`);
 * 2. with the bearer token this server gave that same server at redeem (401
 *    FEDERATION_TOKEN_INVALID: none, unknown, or another server's — a token alone is not enough);
 * 3. for the share the token is for (403 FORBIDDEN for another), not revoked (410 SHARE_REVOKED)
 *    and not paused (409 SHARE_PAUSED).
 * Sets `c.var.peer`.
 */
export const requirePeer = createMiddleware<AppEnv>(async (c, next) => {
  const shareId = c.req.param('shareId');
  if (!shareId) throw new AppError('NOT_FOUND', 'no share in the path');
  const db = c.var.db;
  const keyid = await requireSignedRequest(c, async (id) => {
    const server = await db
      .select({ publicKey: servers.publicKey })
      .from(servers)
      .where(eq(servers.id, id))
      .get();
    return server ? importPublicKey(server.publicKey) : undefined;
  });
  const token = bearerToken(c.req.header('authorization'));
  if (!token) throw new AppError('FEDERATION_TOKEN_INVALID', 'a bearer token is required');
  const subscriber = await db
    .select()
    .from(shareSubscribers)
    .where(eq(shareSubscribers.tokenHash, await hashToken(token)))
    .get();
  if (!subscriber || subscriber.serverId !== keyid)
    throw new AppError(
      'FEDERATION_TOKEN_INVALID',
      'this token was not given to the signing server',
    );
  if (subscriber.shareId !== shareId)
    throw new AppError('FORBIDDEN', 'this subscription is for another share');
  const share = await db.select().from(shares).where(eq(shares.id, shareId)).get();
  if (!share) throw new AppError('FORBIDDEN', 'this subscription is for another share');
  if (share.revokedAt) throw new AppError('SHARE_REVOKED', 'this share was revoked');
  // Temporary, unlike a revocation: the subscriber keeps its place and asks again later.
  if (share.pausedAt) throw new AppError('SHARE_PAUSED', 'this share is paused by its owner');
  c.set('peer', { serverId: keyid, subscriberId: subscriber.id, share });
  await next();
});
