import { createRoute } from '@hono/zod-openapi';
import { subscribeSchema, subscriptionListSchema, subscriptionSchema } from '@corates/shared';
import { createRouter } from '../lib/router.ts';
import { COMMON_ERRORS, errorResponses, jsonContent } from '../openapi/responses.ts';
import { inventory } from '../openapi/inventory.ts';
import { requireAdmin, requireSession } from '../auth/session.ts';
import { allowLocalPeers, serverKey } from '../federation/identity.ts';
import { listSubscriptions, subscribe } from '../federation/subscribe.ts';

const ADMIN_ERRORS = [...COMMON_ERRORS, 'FORBIDDEN'] as const;

const create = createRoute({
  method: 'post',
  path: '/federation/subscriptions',
  ...inventory({ primitive: 'federation', caller: 'platform-admin' }),
  tags: ['federation'],
  summary: "Subscribe to another server's share with the invite it gave",
  description:
    "Platform admins only. This server reads the invite's publisher origin — https and a public address only (400 PEER_ORIGIN_REFUSED; http and local addresses only with the local-development setting FEDERATION_ALLOW_LOCAL_PEERS) — fetches its `/.well-known/corates-federation`, checks the invite against it (400 INVITE_INVALID, 410 INVITE_EXPIRED, 409 SCHEMA_MISMATCH), then redeems it with a request signed with this server's key. The publisher's refusals an admin can act on (INVITE_INVALID, INVITE_EXPIRED, INVITE_USED, SHARE_REVOKED, SCHEMA_MISMATCH) are passed on; no answer, or any other, is 502 PEER_UNREACHABLE with `details.status` and `details.code`. Subscribing to the same share again replaces the token.",
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

/** The subscriber's side of federation: an admin subscribes with an invite (docs/federation.md). */
export const federationSubscriptionRoutes = createRouter();
federationSubscriptionRoutes.use('/federation/subscriptions', requireSession, requireAdmin);
federationSubscriptionRoutes.openapi(create, async (c) => {
  const ctx = {
    db: c.var.db,
    key: await serverKey(c.env),
    origin: new URL(c.req.url).origin,
    allowLocal: allowLocalPeers(c.env),
    now: new Date(),
  };
  return c.json(await subscribe(ctx, c.req.valid('json').invite, c.var.user.id), 201);
});
federationSubscriptionRoutes.openapi(list, async (c) => {
  return c.json({ subscriptions: await listSubscriptions(c.var.db) }, 200);
});
