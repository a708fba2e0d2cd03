import { createRoute } from '@hono/zod-openapi';
import {
  changeEmailSchema,
  changeNameSchema,
  changePasswordSchema,
  userSchema,
} from '@corates/shared';
import { createRouter } from '../lib/router.ts';
import { COMMON_ERRORS, errorResponses, jsonContent } from '../openapi/responses.ts';
import { inventory } from '../openapi/inventory.ts';
import { getAuth } from '../auth/auth.ts';
import { changeEmail, changeName, changePassword } from '../auth/account.ts';
import { requireSession } from '../auth/session.ts';

const User = userSchema.openapi('User');

const patchAccount = createRoute({
  method: 'patch',
  path: '/account',
  ...inventory({ primitive: 'rest', caller: 'signed-in' }),
  tags: ['me'],
  summary: 'Change your name',
  request: {
    body: {
      required: true,
      content: { 'application/json': { schema: changeNameSchema.openapi('ChangeName') } },
    },
  },
  responses: {
    200: jsonContent(User, 'The account after the change'),
    ...errorResponses(...COMMON_ERRORS),
  },
});

const postPassword = createRoute({
  method: 'post',
  path: '/password',
  ...inventory({ primitive: 'rest', caller: 'signed-in' }),
  tags: ['me'],
  summary: 'Change your password',
  description:
    'Needs the current password (403 WRONG_PASSWORD otherwise). The new one follows the sign-up policy. Every other session of the account ends; this one goes on with a new session cookie.',
  request: {
    body: {
      required: true,
      content: { 'application/json': { schema: changePasswordSchema.openapi('ChangePassword') } },
    },
  },
  responses: {
    200: jsonContent(User, 'Changed'),
    ...errorResponses(...COMMON_ERRORS, 'WRONG_PASSWORD', 'WEAK_PASSWORD', 'RATE_LIMITED'),
  },
});

const postEmail = createRoute({
  method: 'post',
  path: '/email',
  ...inventory({ primitive: 'rest', caller: 'signed-in' }),
  tags: ['me'],
  summary: 'Change the email address you sign in with',
  description:
    'Needs the current password (403 WRONG_PASSWORD otherwise). An address another account has is 422 ACCOUNT_EXISTS.',
  request: {
    body: {
      required: true,
      content: { 'application/json': { schema: changeEmailSchema.openapi('ChangeEmail') } },
    },
  },
  responses: {
    200: jsonContent(User, 'The account after the change'),
    ...errorResponses(...COMMON_ERRORS, 'WRONG_PASSWORD', 'ACCOUNT_EXISTS', 'RATE_LIMITED'),
  },
});

/** The signed-in user's own account (mounted beside meRoutes under /api/me). */
export const accountRoutes = createRouter();
accountRoutes.use('*', requireSession);
accountRoutes
  .openapi(patchAccount, async (c) => {
    const { name } = c.req.valid('json');
    await changeName(getAuth(c.env, new URL(c.req.url).origin), c.req.raw.headers, name);
    const u = c.var.user;
    return c.json({ id: u.id, email: u.email, name }, 200);
  })
  .openapi(postPassword, async (c) => {
    const auth = getAuth(c.env, new URL(c.req.url).origin);
    const { user, setCookie } = await changePassword(
      auth,
      c.env.DB,
      c.var.user.id,
      c.req.raw.headers,
      c.req.valid('json'),
    );
    for (const cookie of setCookie) c.header('Set-Cookie', cookie, { append: true });
    return c.json(user, 200);
  })
  .openapi(postEmail, async (c) => {
    const auth = getAuth(c.env, new URL(c.req.url).origin);
    const u = c.var.user;
    const user = await changeEmail(
      auth,
      c.env.DB,
      { id: u.id, email: u.email, name: u.name },
      c.req.raw.headers,
      c.req.valid('json'),
    );
    return c.json(user, 200);
  });
