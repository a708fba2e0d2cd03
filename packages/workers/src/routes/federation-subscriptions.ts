import { createRoute, z } from '@hono/zod-openapi';
import {
  subscribeSchema,
  subscriptionDeletedSchema,
  subscriptionListSchema,
  subscriptionPulledSchema,
  subscriptionRecordsSchema,
  subscriptionSchema,
} from '@corates/shared';
import { createRouter } from '../lib/router.ts';
import { COMMON_ERRORS, errorResponses, jsonContent } from '../openapi/responses.ts';
import { inventory } from '../openapi/inventory.ts';
import { requireAdmin, requireSession } from '../auth/session.ts';
import { allowLocalPeers, serverKey } from '../federation/identity.ts';
import { listSubscriptions, subscribe } from '../federation/subscribe.ts';
import { loadSubscription, subscriptionRecords } from '../federation/pull.ts';
import { unsubscribe } from '../federation/unsubscribe.ts';
import { ensureMirrorProject } from '../federation/mirror-project.ts';
import { subscriptionPuller } from '../durable/subscription-puller-stub.ts';

const ADMIN_ERRORS = [...COMMON_ERRORS, 'FORBIDDEN'] as const;

const create = createRoute({
  method: 'post',
  path: '/federation/subscriptions',
  ...inventory({ primitive: 'federation', caller: 'platform-admin' }),
  tags: ['federation'],
  summary: "Subscribe to another server's share with the invite it gave",
  description:
    "Platform admins only. This server reads the invite's publisher origin — https and a public address only (400 PEER_ORIGIN_REFUSED; http and local addresses only with the local-development setting FEDERATION_ALLOW_LOCAL_PEERS) — fetches its `/.well-known/corates-federation`, checks the invite against it (400 INVITE_INVALID, 410 INVITE_EXPIRED, 409 SCHEMA_MISMATCH), then redeems it with a request signed with this server's key. The publisher's refusals an admin can act on (INVITE_INVALID, INVITE_EXPIRED, INVITE_USED, SHARE_REVOKED, SCHEMA_MISMATCH) are passed on; no answer, or any other, is 502 PEER_UNREACHABLE with `details.status` and `details.code`. Subscribing to the same share again replaces the token. The subscription then pulls by itself (docs/federation.md \"Scheduling\"): at once, every 2 s while changes keep coming, every 10 s when idle, backing off with jitter up to 5 min while the publisher cannot be reached; a refusal asking again cannot cure (401, 403, SHARE_REVOKED, SCHEMA_MISMATCH) pauses it until an admin acts (a new invite, or pull now).",
  request: {
    body: { required: true, content: { 'application/json': { schema: subscribeSchema } } },
  },
  responses: {
    201: jsonContent(subscriptionSchema.openapi('Subscription'), 'Subscribed'),
    ...errorResponses(
      ...ADMIN_ERRORS,
      'INVITE_INVALID',
      'INVITE_EXPIRED',
      'INVITE_USED',
      'SHARE_REVOKED',
      'SCHEMA_MISMATCH',
      'PEER_ORIGIN_REFUSED',
      'PEER_UNREACHABLE',
      'FEDERATION_NOT_CONFIGURED',
    ),
  },
});

const list = createRoute({
  method: 'get',
  path: '/federation/subscriptions',
  ...inventory({ primitive: 'rest', caller: 'platform-admin' }),
  tags: ['federation'],
  summary: "This server's subscriptions to other servers' shares",
  responses: {
    200: jsonContent(subscriptionListSchema.openapi('SubscriptionList'), 'The subscriptions'),
    ...errorResponses(...ADMIN_ERRORS),
  },
});

const subscriptionParams = z.object({ id: z.string().min(1).max(64) });

const pull = createRoute({
  method: 'post',
  path: '/federation/subscriptions/{id}/pull',
  ...inventory({ primitive: 'federation', caller: 'platform-admin' }),
  tags: ['federation'],
  summary: "Pull now: bring this server's copy of the share up to the publisher's",
  description:
    "Platform admins only. Reads the share's changes from the publisher page by page (signed, with the subscription's token) from the subscription's cursor until it has no more, applying each page and moving the cursor in one write. The publisher's 409 MUST_REFETCH starts over from 0, replacing the copy (`refetched`). Whatever stops the pull — the publisher unreachable, SHARE_REVOKED, a refusal of the signature or token — is answered 200 with the reason in `subscription.lastError` (a schema mismatch also pauses the subscription); a successful page clears it and sets `lastPullAt`, and resumes a paused subscription. Runs in the subscription's scheduler, after any pull under way there (never two at once), and starts its schedule afresh (no backoff held). 404 NOT_FOUND: no such subscription.",
  request: { params: subscriptionParams },
  responses: {
    200: jsonContent(subscriptionPulledSchema.openapi('SubscriptionPulled'), 'Pulled'),
    ...errorResponses(...ADMIN_ERRORS, 'NOT_FOUND', 'FEDERATION_NOT_CONFIGURED'),
  },
});

const records = createRoute({
  method: 'get',
  path: '/federation/subscriptions/{id}/records',
  ...inventory({ primitive: 'rest', caller: 'platform-admin' }),
  tags: ['federation'],
  summary: "The share's records as this server holds them (read-only)",
  description:
    "Platform admins only. The studies and checklists the pulls applied (a checklist's content only when the publisher served it: its appraisal finalized). 404 NOT_FOUND: no such subscription.",
  request: { params: subscriptionParams },
  responses: {
    200: jsonContent(subscriptionRecordsSchema.openapi('SubscriptionRecords'), 'The records'),
    ...errorResponses(...ADMIN_ERRORS, 'NOT_FOUND'),
  },
});

const remove = createRoute({
  method: 'delete',
  path: '/federation/subscriptions/{id}',
  ...inventory({ primitive: 'federation', caller: 'platform-admin' }),
  tags: ['federation'],
  summary: 'Unsubscribe: stop pulling the share and delete what this server holds of it',
  description:
    "Platform admins only. Stops the subscription's scheduled pulls (after any pull under way), tells the publisher with a signed request carrying the subscription's token (`DELETE /api/federation/v1/shares/{shareId}/subscription`: it drops this server's subscriber row, so its lag no longer counts), then deletes the subscription and its received records in one write. A publisher that cannot be told (unreachable, or refusing, e.g. 410 SHARE_REVOKED) does not stop it: the answer's `publisher.notified` is false with the reason in `publisher.error`. 404 NOT_FOUND: no such subscription.",
  request: { params: subscriptionParams },
  responses: {
    200: jsonContent(subscriptionDeletedSchema.openapi('SubscriptionDeleted'), 'Unsubscribed'),
    ...errorResponses(...ADMIN_ERRORS, 'NOT_FOUND', 'FEDERATION_NOT_CONFIGURED'),
  },
});

/** The subscriber's side of federation: an admin subscribes with an invite (docs/federation.md). */
export const federationSubscriptionRoutes = createRouter();
federationSubscriptionRoutes.use('/federation/subscriptions', requireSession, requireAdmin);
federationSubscriptionRoutes.use('/federation/subscriptions/*', requireSession, requireAdmin);
federationSubscriptionRoutes.openapi(create, async (c) => {
  const ctx = {
    db: c.var.db,
    key: await serverKey(c.env),
    origin: new URL(c.req.url).origin,
    allowLocal: allowLocalPeers(c.env),
    now: new Date(),
  };
  const subscription = await subscribe(ctx, c.req.valid('json').invite, c.var.user.id);
  // What this server shows of the share: a read-only project its subscriber owns.
  const mirrorProjectId = await ensureMirrorProject(c.env, c.var.db, {
    subscriptionId: subscription.id,
    origin: subscription.publisher.origin,
    ownerId: c.var.user.id,
    now: ctx.now,
  });
  await subscriptionPuller(c.env, subscription.id).start(subscription.id);
  return c.json({ ...subscription, mirrorProjectId }, 201);
});
federationSubscriptionRoutes.openapi(list, async (c) => {
  return c.json({ subscriptions: await listSubscriptions(c.var.db) }, 200);
});
federationSubscriptionRoutes.openapi(pull, async (c) => {
  const { id } = c.req.valid('param');
  // Refused here rather than in the object: an error thrown there arrives without its code.
  await serverKey(c.env);
  await loadSubscription(c.var.db, id);
  return c.json(await subscriptionPuller(c.env, id).pullNow(id), 200);
});
federationSubscriptionRoutes.openapi(remove, async (c) => {
  const { id } = c.req.valid('param');
  const ctx = {
    db: c.var.db,
    d1: c.env.DB,
    key: await serverKey(c.env),
    allowLocal: allowLocalPeers(c.env),
    now: new Date(),
    env: c.env,
  };
  return c.json(await unsubscribe(ctx, id, () => subscriptionPuller(c.env, id).stop()), 200);
});
federationSubscriptionRoutes.openapi(records, async (c) => {
  const ctx = { db: c.var.db, d1: c.env.DB };
  return c.json(await subscriptionRecords(ctx, c.req.valid('param').id), 200);
});
