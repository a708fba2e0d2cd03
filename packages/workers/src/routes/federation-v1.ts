import { createRoute, z } from '@hono/zod-openapi';
import { createMiddleware } from 'hono/factory';
import { eq, sql } from 'drizzle-orm';
import {
  federatedShareSchema,
  schemaRangesOverlap,
  shareChangesQuerySchema,
  shareChangesSchema,
  SUPPORTED_SCHEMA_VERSIONS,
  inviteRedeemedSchema,
  redeemInviteSchema,
  SCHEMA_VERSION,
  shareIdSchema,
  sha256HexSchema,
} from '@corates/shared';
import type { AppEnv } from '../env.ts';
import type { Database } from '../db/client.ts';
import { createRouter } from '../lib/router.ts';
import { errorResponses, jsonContent } from '../openapi/responses.ts';
import { inventory } from '../openapi/inventory.ts';
import { serverKey } from '../federation/identity.ts';
import { redeemInvite, verifyInvite } from '../federation/redeem.ts';
import { importPublicKey, serverIdOf } from '../federation/server-key.ts';
import { requireSignedRequest } from '../federation/signed-request.ts';
import { requirePeer } from '../federation/peer-auth.ts';
import { attachDocUpdates } from '../federation/checklist-docs.ts';
import { readSharedBlob } from '../federation/pdf-blobs.ts';
import { studyIdsOf } from '../federation/shares.ts';
import { ensureShareFresh, readSharePage } from '../federation/share-changes.ts';
import { servers, shareSubscribers } from '../db/schema.ts';
import { AppError } from '../lib/app-error.ts';

const SIGNATURE_ERRORS = [
  'SIGNATURE_MISSING',
  'SIGNATURE_INVALID',
  'SIGNATURE_OUT_OF_WINDOW',
  'SIGNATURE_REPLAYED',
] as const;

const redeem = createRoute({
  method: 'post',
  path: '/invites/redeem',
  ...inventory({ primitive: 'federation', caller: 'peer-server' }),
  tags: ['federation'],
  summary: 'A subscriber server redeems an invite to a share (server to server)',
  description:
    "Signed (RFC 9421, Ed25519, over method, target URI, content-digest and date; keyid = the subscriber's server id) with the key the body names, which proves the subscriber holds it. The invite must be this server's, intact and unexpired (400 INVITE_INVALID, 410 INVITE_EXPIRED) and not yet used (409 INVITE_USED); the share active (410 SHARE_REVOKED); the schema versions overlapping (409 SCHEMA_MISMATCH with `details.supported`). Answers the bearer token for later requests and this server's identity.",
  request: {
    body: { required: true, content: { 'application/json': { schema: redeemInviteSchema } } },
  },
  responses: {
    200: jsonContent(inviteRedeemedSchema.openapi('InviteRedeemed'), 'Redeemed'),
    ...errorResponses(
      'VALIDATION_FAILED',
      ...SIGNATURE_ERRORS,
      'INVITE_INVALID',
      'INVITE_EXPIRED',
      'INVITE_USED',
      'SHARE_REVOKED',
      'SCHEMA_MISMATCH',
      'FEDERATION_NOT_CONFIGURED',
      'INTERNAL',
    ),
  },
});

/** What every subscriber request for a share can be refused with (`requirePeer`). */
const PEER_ERRORS = [
  ...SIGNATURE_ERRORS,
  'FEDERATION_TOKEN_INVALID',
  'FORBIDDEN',
  'SHARE_REVOKED',
  'SHARE_PAUSED',
] as const;

const shareInfo = createRoute({
  method: 'get',
  path: '/shares/{shareId}',
  ...inventory({ primitive: 'federation', caller: 'peer-server' }),
  tags: ['federation'],
  summary: 'A subscriber reads what its share is (server to server)',
  description:
    "Signed (RFC 9421) by a server that redeemed an invite, keyid = its server id, with `Authorization: Bearer <token>` given to that server at redeem. 401 SIGNATURE_* (unknown server: SIGNATURE_INVALID), 401 FEDERATION_TOKEN_INVALID (no token, an unknown one or another server's), 403 FORBIDDEN (the token is for another share), 410 SHARE_REVOKED, 409 SHARE_PAUSED (paused by its owner: ask again later). Every route under `/shares/{shareId}` is refused the same way.",
  request: { params: z.object({ shareId: shareIdSchema }) },
  responses: {
    200: jsonContent(federatedShareSchema.openapi('FederatedShare'), 'The share'),
    ...errorResponses(...PEER_ERRORS, 'INTERNAL'),
  },
});

const changes = createRoute({
  method: 'get',
  path: '/shares/{shareId}/changes',
  ...inventory({ primitive: 'federation', caller: 'peer-server' }),
  tags: ['federation'],
  summary: "A subscriber pulls a page of its share's changes (server to server)",
  description:
    "Refused as `GET /shares/{shareId}` is. The share's records — the closure of its roots: studies, outcomes, PDFs (metadata with the file's `sha256`) and checklists (headers; a checklist's document as `docUpdate`, a base64 Yjs update against the state this subscriber holds — the whole document from `since=0` — only once a blinded project viewer could read it, i.e. its appraisal is finalized; an upsert without it: withheld) — changed after `since`, in `seq` order, at most `limit`: an `upsert` carries the record, a `leave` (a record no longer covered) none; from `since=0` no leaves. `checkpoint` is the next `since`; `hasMore` says to ask again now (a page also ends after the document that brings its updates past 4 MiB). Asking since a seq acknowledges everything up to it (the subscriber's `acked_seq`, never lowered, and its last pull). The share's log is kept current by the project's writes (its document's export to D1, about 2 s after an edit, and PDF changes), so a page reads only the log. 409 MUST_REFETCH when `since` is older than the tombstone horizon (30 days) or newer than any change; with `refetch=1` (this `since` continues a read that began at `since=0`, the subscriber rebuilding its copy from that read alone) the horizon is not checked; 409 SCHEMA_MISMATCH (with `details.supported`) when the subscriber's recorded schema versions no longer overlap this server's.",
  request: {
    params: z.object({ shareId: shareIdSchema }),
    query: shareChangesQuerySchema,
  },
  responses: {
    200: jsonContent(shareChangesSchema.openapi('ShareChanges'), 'A page of changes'),
    ...errorResponses(
      ...PEER_ERRORS,
      'VALIDATION_FAILED',
      'MUST_REFETCH',
      'SCHEMA_MISMATCH',
      'INTERNAL',
    ),
  },
});

const blob = createRoute({
  method: 'get',
  path: '/shares/{shareId}/blobs/{sha256}',
  ...inventory({ primitive: 'federation', caller: 'peer-server' }),
  tags: ['federation'],
  summary: 'A subscriber copies a PDF file of its share by its SHA-256 (server to server)',
  description:
    'Refused as `GET /shares/{shareId}` is. The bytes of the file whose SHA-256 (lower-case hex) is `sha256`, when a PDF the share covers now has it (a `pdf` record of its changes); 404 NOT_FOUND otherwise, whatever else this server holds. The subscriber checks the bytes against the hash before keeping them.',
  request: {
    params: z.object({
      shareId: shareIdSchema,
      sha256: sha256HexSchema,
    }),
  },
  responses: {
    200: {
      description: 'The file',
      content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } },
    },
    ...errorResponses(...PEER_ERRORS, 'VALIDATION_FAILED', 'NOT_FOUND', 'INTERNAL'),
  },
});

const leave = createRoute({
  method: 'delete',
  path: '/shares/{shareId}/subscription',
  ...inventory({ primitive: 'federation', caller: 'peer-server' }),
  tags: ['federation'],
  summary: 'A subscriber unsubscribes from its share (server to server)',
  description:
    "Refused as `GET /shares/{shareId}` is (so a revoked share answers 410 SHARE_REVOKED: nothing more is served to anyone). Deletes the calling server's subscriber row for the share — its token stops working and its lag no longer counts. 204.",
  request: { params: z.object({ shareId: shareIdSchema }) },
  responses: {
    204: { description: 'Unsubscribed' },
    ...errorResponses(...PEER_ERRORS, 'INTERNAL'),
  },
});

/**
 * A subscriber asking for changes since a seq has applied everything up to it (it moves its cursor
 * only with a page applied): that is its acknowledgement, kept as one watermark per subscriber
 * (never lowered: a refetch from 0 does not un-deliver), with the time of its last pull.
 */
async function acknowledge(db: Database, subscriberId: string, since: number, now: Date) {
  await db
    .update(shareSubscribers)
    .set({
      ackedSeq: sql`max(${shareSubscribers.ackedSeq}, ${since})`,
      lastPullAt: now,
      lastError: null,
      updatedAt: now,
    })
    .where(eq(shareSubscribers.id, subscriberId));
}

/**
 * Reads the body as bytes before JSON validation: Hono caches the first form a body is read in
 * and derives the others from it, so the signature's content digest is checked against the bytes
 * as sent, not against JSON re-serialised from the parsed body.
 */
const bodyAsSent = createMiddleware<AppEnv>(async (c, next) => {
  await c.req.arrayBuffer();
  await next();
});

/** `/api/federation/v1`: what other servers call, signed (docs/federation.md). */
export const federationV1Routes = createRouter();
federationV1Routes.use('/invites/redeem', bodyAsSent);
// Once per request: in Hono `/shares/:shareId/*` also matches `/shares/:shareId` itself (a second
// pattern for it would verify, and so remember, the signature twice: a replay).
federationV1Routes.use('/shares/:shareId/*', requirePeer);
federationV1Routes.openapi(shareInfo, async (c) => {
  const { share } = c.var.peer;
  return c.json(
    {
      shareId: share.id,
      mode: share.mode,
      scope: share.scope,
      studyIds: await studyIdsOf(c.var.db, share.id),
      schemaVersion: SCHEMA_VERSION,
    },
    200,
  );
});
federationV1Routes.openapi(changes, async (c) => {
  const { share, serverId } = c.var.peer;
  const { since, limit, refetch } = c.req.valid('query');
  const peer = await c.var.db
    .select({ min: servers.schemaMin, max: servers.schemaMax })
    .from(servers)
    .where(eq(servers.id, serverId))
    .get();
  if (!peer || !schemaRangesOverlap(peer, SUPPORTED_SCHEMA_VERSIONS)) {
    // Counted for the owner's view of the share: a subscriber stuck on an old schema shows as such.
    await c.var.db
      .update(shareSubscribers)
      .set({ schemaRefusals: sql`${shareSubscribers.schemaRefusals} + 1`, updatedAt: new Date() })
      .where(eq(shareSubscribers.id, c.var.peer.subscriberId));
    throw new AppError('SCHEMA_MISMATCH', 'our schema versions no longer overlap', {
      supported: { ...SUPPORTED_SCHEMA_VERSIONS },
    });
  }
  const now = new Date();
  // The log is kept current where the project changes; this refreshes only a share owed one.
  await ensureShareFresh(c.env, share);
  const logged = await readSharePage(c.env.DB, share.id, since, limit, refetch);
  // Checklist documents go as Yjs updates against what this subscriber holds (checklist-docs.ts).
  const page = await attachDocUpdates(c.env, share, c.var.peer.subscriberId, since, logged);
  await acknowledge(c.var.db, c.var.peer.subscriberId, since, now);
  return c.json(page, 200);
});
federationV1Routes.openapi(blob, async (c) => {
  const { sha256 } = c.req.valid('param');
  const object = await readSharedBlob(c.env.DB, c.env.PDFS, c.var.peer.share.id, sha256);
  return c.body(object.body, 200, {
    'Content-Type': 'application/pdf',
    'Content-Length': String(object.size),
    'X-Content-Type-Options': 'nosniff',
  });
});
federationV1Routes.openapi(leave, async (c) => {
  await c.var.db.delete(shareSubscribers).where(eq(shareSubscribers.id, c.var.peer.subscriberId));
  return c.body(null, 204);
});
federationV1Routes.openapi(redeem, async (c) => {
  const now = new Date();
  const input = c.req.valid('json');
  const { subscriber } = input;
  await requireSignedRequest(
    c,
    async (keyid) =>
      keyid === subscriber.serverId && (await serverIdOf(subscriber.publicKey)) === keyid
        ? importPublicKey(subscriber.publicKey)
        : undefined,
    now,
  );
  const key = await serverKey(c.env);
  const origin = new URL(c.req.url).origin;
  const claims = await verifyInvite(key, origin, input.invite, now);
  return c.json(await redeemInvite(c.var.db, key, origin, claims, subscriber, now), 200);
});
