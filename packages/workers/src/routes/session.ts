import { createRoute, z } from '@hono/zod-openapi';
import { sessionSchema } from '@corates/shared';
import { createRouter } from '../lib/router.ts';
import { errorResponses, jsonContent } from '../openapi/responses.ts';
import { inventory } from '../openapi/inventory.ts';
import { loadSessionUser, sessionOf } from '../auth/session.ts';

const getSession = createRoute({
  method: 'get',
  path: '/session',
  ...inventory({ primitive: 'rest', caller: 'anonymous' }),
  tags: ['me'],
  summary: 'The session, or null when nobody is signed in',
  description:
    'What the app asks on every load. Being signed out is an answer here (200 with null), not an error: GET /api/me answers it 401, which a browser logs as a failed request on each signed-out page load.',
  responses: {
    200: jsonContent(
      z.object({ session: sessionSchema.nullable() }).openapi('MaybeSession'),
      'The session or null',
    ),
    ...errorResponses('FORBIDDEN_ORIGIN'),
  },
});

export const sessionRoutes = createRouter();
sessionRoutes.openapi(getSession, async (c) => {
  const user = await loadSessionUser(c);
  return c.json({ session: user && sessionOf(user) }, 200);
});
