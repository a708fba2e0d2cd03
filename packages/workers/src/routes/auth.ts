import { z } from '@hono/zod-openapi';
import { signInSchema, signUpSchema, userSchema } from '@corates/shared';
import { createRouter } from '../lib/router.ts';
import { getAuth } from '../auth/auth.ts';
import { jsonContent } from '../openapi/responses.ts';

/** better-auth serves everything under /api/auth; its own errors are `{ code, message }`. */
export const authRoutes = createRouter();
authRoutes.on(['GET', 'POST'], '/*', (c) =>
  getAuth(c.env, new URL(c.req.url).origin).handler(c.req.raw),
);

// better-auth's handler is not a zod-openapi route, so the endpoints the web app uses are
// documented here by hand, with the same shared schemas the app validates forms with.
const authUser = z.object({ user: userSchema.openapi('User') });
const authError = jsonContent(
  z.object({ code: z.string(), message: z.string() }).openapi('AuthError'),
  'better-auth error',
);

authRoutes.openAPIRegistry.registerPath({
  method: 'post',
  path: '/sign-up/email',
  tags: ['auth'],
  summary: 'Create an account and sign in (sets the session cookie)',
  request: {
    body: {
      required: true,
      content: { 'application/json': { schema: signUpSchema.openapi('SignUp') } },
    },
  },
  responses: {
    200: jsonContent(authUser, 'Signed up'),
    422: authError,
    429: { description: 'Rate limited' },
  },
});
authRoutes.openAPIRegistry.registerPath({
  method: 'post',
  path: '/sign-in/email',
  tags: ['auth'],
  summary: 'Sign in (sets the session cookie)',
  request: {
    body: {
      required: true,
      content: { 'application/json': { schema: signInSchema.openapi('SignIn') } },
    },
  },
  responses: {
    200: jsonContent(authUser, 'Signed in'),
    401: authError,
    429: { description: 'Rate limited' },
  },
});
authRoutes.openAPIRegistry.registerPath({
  method: 'post',
  path: '/sign-out',
  tags: ['auth'],
  summary: 'Sign out (clears the session cookie)',
  responses: { 200: { description: 'Signed out' } },
});
