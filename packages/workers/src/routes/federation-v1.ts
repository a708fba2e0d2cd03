import { createRoute } from '@hono/zod-openapi';
import { createMiddleware } from 'hono/factory';
import { inviteRedeemedSchema, redeemInviteSchema } from '@corates/shared';
import type { AppEnv } from '../env.ts';
import { createRouter } from '../lib/router.ts';
import { errorResponses, jsonContent } from '../openapi/responses.ts';
import { inventory } from '../openapi/inventory.ts';
import { serverKey } from '../federation/identity.ts';
import { redeemInvite, verifyInvite } from '../federation/redeem.ts';
import { importPublicKey, serverIdOf } from '../federation/server-key.ts';
import { requireSignedRequest } from '../federation/signed-request.ts';

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
