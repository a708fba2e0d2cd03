import { and, asc, eq, sql } from 'drizzle-orm';
import {
  federatedShareSchema,
  federationIdentitySchema,
  inviteClaimsSchema,
  inviteRedeemedSchema,
  parseErrorEnvelope,
  schemaRangesOverlap,
  subscriptionLag,
  SUPPORTED_SCHEMA_VERSIONS,
  type ErrorCode,
  type RedeemInvite,
  type Subscription,
} from '@corates/shared';
import type { Database } from '../db/client.ts';
import { projects, servers, subscriptions } from '../db/schema.ts';
import { AppError } from '../lib/app-error.ts';
import { readCompactClaims, verifyCompact } from './compact-token.ts';
import { signRequest } from './http-signature.ts';
import { checkPeerOrigin } from './peer-origin.ts';
import { peerFetch } from './peer-fetch.ts';
import { importPublicKey, serverIdOf, type ServerKey } from './server-key.ts';

export const WELL_KNOWN_PATH = '/.well-known/corates-federation';
export const REDEEM_PATH = '/api/federation/v1/invites/redeem';

/**
 * The publisher's refusals of a redeem that the admin pasting the invite can act on; they are
 * passed on as they came. Anything else it answers (a signature it refused, a 500) is ours to
 * report as 502 PEER_UNREACHABLE with its status and code.
 */
const PASSED_ON: ReadonlySet<ErrorCode> = new Set([
  'INVITE_INVALID',
  'INVITE_EXPIRED',
  'INVITE_USED',
  'SHARE_REVOKED',
  'SCHEMA_MISMATCH',
]);

export type SubscriptionRow = typeof subscriptions.$inferSelect;

/** `mirrorProjectId`: the subscription's mirror project (mirror-project.ts), when it has one. */
export function toSubscription(
  row: SubscriptionRow,
  origin: string,
  mirrorProjectId: string | null = null,
): Subscription {
  return {
    id: row.id,
    publisher: { serverId: row.publisherId, origin },
    shareId: row.shareId,
    state: row.state,
    schemaVersion: row.schemaVersion,
    lastError: row.lastError,
    cursor: row.cursor,
    lastPullAt: row.lastPullAt?.toISOString() ?? null,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    mirrorProjectId,
    // From the held copy's cursor, also while a read from 0 builds beside it (refetch_cursor,
    // pull.ts applyPage): what this server shows and mirrors is the held copy until the swap, so
    // that is what lags; the swap moves `cursor` to the read's end and the lag drops at once.
    lag: subscriptionLag(row.publisherSeq, row.cursor),
  };
}

export interface SubscribeContext {
  db: Database;
  /** This server's key and the origin it is reached at (the request's). */
  key: ServerKey;
  origin: string;
  /** The local-development setting (identity.ts `allowLocalPeers`). */
  allowLocal: boolean;
  now: Date;
}

/**
 * Redeems another server's invite (docs/federation.md "Subscribing"): reads the claims, admits the
 * publisher's origin (SSRF rule), fetches its well-known document and checks the invite against
 * it (id, key, signature, expiry, schema versions), then redeems with a request signed with our key
 * and records the publisher and the subscription, and reads the share once with the credentials it
 * got (`firstContact`). Nothing is stored unless the publisher accepted the redeem.
 */
export async function subscribe(
  ctx: SubscribeContext,
  invite: string,
  callerId: string,
): Promise<Subscription> {
  const parsed = inviteClaimsSchema.safeParse(readCompactClaims(invite));
  if (!parsed.success) throw new AppError('INVITE_INVALID', 'this is not a federation invite');
  const claims = parsed.data;
  if (claims.exp * 1000 <= ctx.now.getTime())
    throw new AppError('INVITE_EXPIRED', 'this invite has expired; ask for a new one');
  if (claims.sid === ctx.key.serverId)
    throw new AppError('INVITE_INVALID', 'this invite was issued by this server');
  const admitted = checkPeerOrigin(claims.iss, ctx.allowLocal);
  if (!admitted.ok)
    throw new AppError('PEER_ORIGIN_REFUSED', `not calling ${claims.iss}: ${admitted.reason}`);
  const publisherOrigin = admitted.origin;

  const identity = await publisherIdentity(publisherOrigin);
  if (
    identity.origin !== publisherOrigin ||
    identity.serverId !== claims.sid ||
    (await serverIdOf(identity.publicKey)) !== claims.sid
  )
    throw new AppError('INVITE_INVALID', `the invite does not match ${publisherOrigin}'s identity`);
  if (!(await verifyCompact(await importPublicKey(identity.publicKey), invite)))
    throw new AppError(
      'INVITE_INVALID',
      `the invite does not verify under ${publisherOrigin}'s key`,
    );
  if (!schemaRangesOverlap(SUPPORTED_SCHEMA_VERSIONS, identity.schemaVersions))
    throw new AppError('SCHEMA_MISMATCH', 'our schema versions do not overlap', {
      supported: { ...SUPPORTED_SCHEMA_VERSIONS },
    });

  const body: RedeemInvite = {
    invite,
    subscriber: {
      origin: ctx.origin,
      serverId: ctx.key.serverId,
      publicKey: ctx.key.publicKeyB64,
      schemaVersions: { ...SUPPORTED_SCHEMA_VERSIONS },
    },
  };
  const answer = await signedPeerCall(ctx, 'POST', `${publisherOrigin}${REDEEM_PATH}`, body);
  if (answer.status !== 200) throw refusal(publisherOrigin, answer);
  const redeemed = inviteRedeemedSchema.safeParse(answer.json);
  if (
    !redeemed.success ||
    redeemed.data.shareId !== claims.share ||
    redeemed.data.publisher.serverId !== claims.sid
  )
    throw new AppError('PEER_UNREACHABLE', `${publisherOrigin} answered an unexpected redeem`, {
      status: answer.status,
    });

  const publisher = {
    origin: publisherOrigin,
    publicKey: identity.publicKey,
    schemaMin: identity.schemaVersions.min,
    schemaMax: identity.schemaVersions.max,
  };
  const subscription = {
    token: redeemed.data.token,
    schemaVersion: redeemed.data.schemaVersion,
    state: 'active' as const,
    lastError: null,
  };
  const [, rows] = await ctx.db.batch([
    ctx.db
      .insert(servers)
      .values({ id: claims.sid, ...publisher })
      .onConflictDoUpdate({ target: servers.id, set: { ...publisher, updatedAt: ctx.now } }),
    // Subscribing to the same share again (a new invite) replaces the token; the cursor stays, as
    // the publisher keeps the subscriber's acknowledged watermark.
    ctx.db
      .insert(subscriptions)
      .values({
        id: crypto.randomUUID(),
        publisherId: claims.sid,
        shareId: claims.share,
        createdBy: callerId,
        ...subscription,
      })
      .onConflictDoUpdate({
        target: [subscriptions.publisherId, subscriptions.shareId],
        set: { ...subscription, updatedAt: ctx.now },
      })
      .returning(),
  ]);
  const row = rows[0] as SubscriptionRow;
  const lastError = await firstContact(ctx, publisherOrigin, claims.share, redeemed.data.token);
  if (lastError === null) return toSubscription(row, publisherOrigin);
  await ctx.db
    .update(subscriptions)
    .set({ lastError, updatedAt: ctx.now })
    .where(and(eq(subscriptions.id, row.id), eq(subscriptions.token, redeemed.data.token)));
  return toSubscription({ ...row, lastError }, publisherOrigin);
}

/**
 * Reads the share once with the new credentials (signed, with the bearer token), so a subscription
 * that cannot pull says so now, in `lastError`, rather than at its first pull. Null when it can.
 * The subscription stays either way: the publisher has made its subscriber, and the invite is used.
 */
async function firstContact(
  ctx: SubscribeContext,
  origin: string,
  shareId: string,
  token: string,
): Promise<string | null> {
  const url = `${origin}/api/federation/v1/shares/${encodeURIComponent(shareId)}`;
  try {
    const answer = await signedPeerCall(ctx, 'GET', url, undefined, token);
    const share = federatedShareSchema.safeParse(answer.json);
    if (answer.status === 200 && share.success && share.data.shareId === shareId) return null;
    const code = parseErrorEnvelope(answer.json)?.error.code;
    return `reading the share: ${answer.status}${code ? ` ${code}` : ''}`;
  } catch (err) {
    return `reading the share: ${err instanceof Error ? err.message : String(err)}`;
  }
}

/** This server's subscriptions, oldest first. */
export async function listSubscriptions(db: Database): Promise<Subscription[]> {
  const rows = await db
    .select({ row: subscriptions, origin: servers.origin, mirrorProjectId: projects.id })
    .from(subscriptions)
    .innerJoin(servers, eq(servers.id, subscriptions.publisherId))
    .leftJoin(projects, eq(projects.mirrorOfSubscription, subscriptions.id))
    .orderBy(asc(subscriptions.createdAt), asc(sql`${subscriptions.id}`));
  return rows.map(({ row, origin, mirrorProjectId }) =>
    toSubscription(row, origin, mirrorProjectId),
  );
}

/** The publisher's well-known document; 502 PEER_UNREACHABLE when there is none to be had. */
async function publisherIdentity(origin: string) {
  const answer = await peerFetch(`${origin}${WELL_KNOWN_PATH}`, {
    headers: { accept: 'application/json' },
  });
  const identity = federationIdentitySchema.safeParse(answer.json);
  if (answer.status !== 200 || !identity.success)
    throw new AppError('PEER_UNREACHABLE', `${origin} has no CoRATES federation identity`, {
      status: answer.status,
    });
  return identity.data;
}

/** A request to another server signed with this server's key (RFC 9421; docs/federation.md). */
export async function signedPeerCall(
  ctx: Pick<SubscribeContext, 'key' | 'now'>,
  method: string,
  url: string,
  json?: unknown,
  bearer?: string,
  maxBytes?: number,
) {
  return peerFetch(url, await signedPeerInit(ctx, method, url, json, bearer), maxBytes);
}

/** The signed request's method, headers and body, for `peerFetch` or `peerFetchBytes`. */
export async function signedPeerInit(
  ctx: Pick<SubscribeContext, 'key' | 'now'>,
  method: string,
  url: string,
  json?: unknown,
  bearer?: string,
): Promise<RequestInit> {
  const body =
    json === undefined ? new Uint8Array() : new TextEncoder().encode(JSON.stringify(json));
  const headers = new Headers({ accept: 'application/json' });
  if (json !== undefined) headers.set('content-type', 'application/json');
  if (bearer !== undefined) headers.set('authorization', `Bearer ${bearer}`);
  await signRequest(
    { method, url, headers, body },
    { key: ctx.key.privateKey, keyid: ctx.key.serverId, now: ctx.now },
  );
  return { method, headers, ...(json === undefined ? {} : { body }) };
}

/** The publisher's refusal, passed on when the admin can act on it; otherwise PEER_UNREACHABLE. */
function refusal(origin: string, answer: { status: number; json: unknown }): AppError {
  const envelope = parseErrorEnvelope(answer.json);
  const code = envelope?.error.code;
  if (envelope && code && PASSED_ON.has(code))
    return new AppError(code, `${origin}: ${envelope.error.message}`, envelope.error.details);
  return new AppError('PEER_UNREACHABLE', `${origin} refused the redeem`, {
    status: answer.status,
    ...(code ? { code } : {}),
  });
}
