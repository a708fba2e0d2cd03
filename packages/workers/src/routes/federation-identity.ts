import { createRoute } from '@hono/zod-openapi';
import { federationIdentitySchema } from '@corates/shared';
import { createRouter } from '../lib/router.ts';
import { errorResponses, jsonContent } from '../openapi/responses.ts';
import { inventory } from '../openapi/inventory.ts';
import { identityDocument, serverKey } from '../federation/identity.ts';

const wellKnown = createRoute({
  method: 'get',
  path: '/.well-known/corates-federation',
  ...inventory({ primitive: 'federation', caller: 'anonymous' }),
  tags: ['federation'],
  summary: "This server's federation identity: origin, id, Ed25519 public key, schema versions",
  description:
    "No auth. Other servers verify this server's invites and signed requests with `publicKey` (raw Ed25519, base64url). 503 FEDERATION_NOT_CONFIGURED when the server has no key (FEDERATION_PRIVATE_KEY).",
  responses: {
    200: jsonContent(federationIdentitySchema.openapi('FederationIdentity'), 'The identity'),
    ...errorResponses('FEDERATION_NOT_CONFIGURED', 'INTERNAL'),
  },
});

/** `/.well-known/corates-federation`: outside /api, so none of the app's API middleware runs. */
export const federationIdentityRoutes = createRouter();
federationIdentityRoutes.openapi(wellKnown, async (c) => {
  const key = await serverKey(c.env);
  c.header('Cache-Control', 'public, max-age=300');
  return c.json(identityDocument(key, new URL(c.req.url).origin), 200);
});
