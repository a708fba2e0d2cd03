import { eq, sql } from 'drizzle-orm';
import {
  inviteClaimsSchema,
  schemaRangesOverlap,
  SCHEMA_VERSION,
  SUPPORTED_SCHEMA_VERSIONS,
  type InviteClaims,
  type InviteRedeemed,
  type RedeemInvite,
} from '@corates/shared';
import type { Database } from '../db/client.ts';
import { invites, servers, shares, shareSubscribers } from '../db/schema.ts';
import { AppError } from '../lib/app-error.ts';
import { hashToken } from '../domain/invitations.ts';
import { toBase64Url } from './base64url.ts';
import { readCompactClaims, verifyCompact } from './compact-token.ts';
import { identityDocument } from './identity.ts';
import type { ServerKey } from './server-key.ts';

/**
 * The invite's claims, verified as ours: well-formed, issued by this server (origin and id),
 * signed with our key and unexpired. 400 INVITE_INVALID (malformed, forged, tampered, another
 * server's), 410 INVITE_EXPIRED.
 */
export async function verifyInvite(
  key: ServerKey,
  origin: string,
  token: string,
  now: Date,
): Promise<InviteClaims> {
  const claims = inviteClaimsSchema.safeParse(readCompactClaims(token));
  if (!claims.success) throw new AppError('INVITE_INVALID', 'this is not a federation invite');
  if (claims.data.sid !== key.serverId || claims.data.iss !== origin)
    throw new AppError('INVITE_INVALID', 'this invite was not issued by this server');
  if (!(await verifyCompact(key.publicKey, token)))
    throw new AppError('INVITE_INVALID', 'the invite does not verify (forged or altered)');
  if (claims.data.exp * 1000 <= now.getTime())
    throw new AppError('INVITE_EXPIRED', 'this invite has expired; ask for a new one');
  return claims.data;
}

/**
 * Redeems a verified invite for the (signature-verified) subscriber: records the server, uses the
 * invite up and makes the subscriber with a fresh bearer token, in one D1 batch (one transaction),
 * so an invite is used exactly once: of two racing redeems, one gets 409 INVITE_USED. A server
 * subscribing to the same share again gets a new token (the old one stops working).
 */
export async function redeemInvite(
  db: Database,
  key: ServerKey,
  origin: string,
  claims: InviteClaims,
  subscriber: RedeemInvite['subscriber'],
  now: Date,
): Promise<InviteRedeemed> {
  const invite = await db.select().from(invites).where(eq(invites.id, claims.jti)).get();
  if (!invite || invite.shareId !== claims.share)
    throw new AppError('INVITE_INVALID', 'this invite is not known here (any more)');
  if (invite.redeemedAt) throw new AppError('INVITE_USED', 'this invite was already redeemed');
  const share = await db.select().from(shares).where(eq(shares.id, claims.share)).get();
  if (!share) throw new AppError('INVITE_INVALID', 'this invite is not known here (any more)');
  if (share.revokedAt) throw new AppError('SHARE_REVOKED', 'this share was revoked');
  if (!schemaRangesOverlap(SUPPORTED_SCHEMA_VERSIONS, subscriber.schemaVersions)) {
    throw new AppError('SCHEMA_MISMATCH', 'our schema versions do not overlap', {
      supported: { ...SUPPORTED_SCHEMA_VERSIONS },
    });
  }
  const token = toBase64Url(crypto.getRandomValues(new Uint8Array(32)));
  const tokenHash = await hashToken(token);
  const server = {
    origin: subscriber.origin,
    publicKey: subscriber.publicKey,
    schemaMin: subscriber.schemaVersions.min,
    schemaMax: subscriber.schemaVersions.max,
  };
  const [, used] = await db.batch([
    db
      .insert(servers)
      .values({ id: subscriber.serverId, ...server })
      .onConflictDoUpdate({ target: servers.id, set: { ...server, updatedAt: now } }),
    db
      .update(invites)
      .set({ redeemedAt: now, redeemedBy: subscriber.serverId, updatedAt: now })
      .where(sql`${invites.id} = ${claims.jti} and ${invites.redeemedAt} is null`)
      .returning({ id: invites.id }),
    // Only when the statement before used the invite up (changes() counts its rows).
    db
      .insert(shareSubscribers)
      .select(
        db
          .select({
            id: sql`${crypto.randomUUID()}`.as('id'),
            shareId: invites.shareId,
            serverId: sql`${subscriber.serverId}`.as('server_id'),
            tokenHash: sql`${tokenHash}`.as('token_hash'),
            ackedSeq: sql`0`.as('acked_seq'),
            schemaRefusals: sql`0`.as('schema_refusals'),
            lastPullAt: sql`null`.as('last_pull_at'),
            lastError: sql`null`.as('last_error'),
            createdAt: sql`${now.getTime()}`.as('created_at'),
            updatedAt: sql`${now.getTime()}`.as('updated_at'),
          })
          .from(invites)
          .where(sql`${invites.id} = ${claims.jti} and changes() = 1`),
      )
      .onConflictDoUpdate({
        target: [shareSubscribers.shareId, shareSubscribers.serverId],
        set: { tokenHash, updatedAt: now },
      }),
  ]);
  if (used.length !== 1) throw new AppError('INVITE_USED', 'this invite was already redeemed');
  return {
    shareId: claims.share,
    token,
    publisher: identityDocument(key, origin),
    schemaVersion: SCHEMA_VERSION,
  };
}
