import { z } from '@hono/zod-openapi';
import {
  ErrorCode,
  requestPasswordResetSchema,
  resetPasswordSchema,
  signInSchema,
  signUpSchema,
  userSchema,
} from '@corates/shared';
import { createRouter } from '../lib/router.ts';
import { getAuth } from '../auth/auth.ts';
import { accountThrottle } from '../auth/account-throttle.ts';
import { authErrorEnvelope } from '../auth/auth-error-envelope.ts';
import { AppError } from '../lib/app-error.ts';
import { errorResponses, jsonContent } from '../openapi/responses.ts';
import { inventory } from '../openapi/inventory.ts';

/** The email a sign-in request names, or undefined when the body has none (better-auth answers). */
async function signInEmail(request: Request): Promise<string | undefined> {
  try {
    const body = (await request.clone().json()) as { email?: unknown };
    return typeof body.email === 'string' ? body.email : undefined;
  } catch {
    return undefined;
  }
}

function rateLimited(retryAfter: number): Response {
  const envelope = new AppError('RATE_LIMITED', 'too many attempts; try again later').toEnvelope();
  return Response.json(envelope, {
    status: 429,
    headers: { 'Retry-After': String(retryAfter), 'Cache-Control': 'no-store' },
  });
}

const OUR_CODES = new Set<string>(Object.values(ErrorCode));

/**
 * better-auth's answers, with its 429 (a bare `{message}` and `X-Retry-After`) and the refusals
 * our hooks throw (auth.ts: `{code, message, details}` with one of our codes) in the envelope.
 * Its other errors get one of our codes too (auth-error-envelope.ts), better-auth's in details.
 */
async function inEnvelope(res: Response): Promise<Response> {
  if (res.status === 429) return rateLimited(Number(res.headers.get('X-Retry-After')) || 60);
  if (res.status < 400 || !res.headers.get('Content-Type')?.includes('application/json'))
    return res;
  const body = (await res.clone().json()) as {
    code?: unknown;
    message?: unknown;
    details?: unknown;
  };
  if (typeof body.code !== 'string' || !OUR_CODES.has(body.code)) {
    const mapped = authErrorEnvelope(res.status, body);
    return Response.json(mapped.envelope, {
      status: mapped.status,
      headers: { 'Cache-Control': 'no-store' },
    });
  }
  const envelope = {
    error: {
      code: body.code,
      message: typeof body.message === 'string' ? body.message : body.code,
      ...(body.details === undefined ? {} : { details: body.details }),
    },
  };
  return Response.json(envelope, { status: res.status, headers: { 'Cache-Control': 'no-store' } });
}

/**
 * better-auth serves everything under /api/auth. Sign-in is limited per account here (beside
 * better-auth's per-IP limit), since only this layer sees whether the attempt succeeded.
 */
export const authRoutes = createRouter();
authRoutes.on(['GET', 'POST'], '/*', async (c) => {
  const auth = getAuth(c.env, new URL(c.req.url).origin);
  const email =
    c.req.method === 'POST' && c.req.path.endsWith('/sign-in/email')
      ? await signInEmail(c.req.raw)
      : undefined;
  const throttle = email === undefined ? undefined : accountThrottle(c.env.DB);
  if (throttle && email !== undefined) {
    const verdict = await throttle.attempt(email);
    if (!verdict.allowed) return rateLimited(verdict.retryAfter ?? 60);
  }
  const res = await auth.handler(withJsonBody(c.req.raw));
  if (throttle && email !== undefined && res.ok) await throttle.succeeded(email);
  return inEnvelope(res);
});

// better-auth's handler is not a zod-openapi route, so the endpoints the web app uses are
// documented here by hand, with the same shared schemas the app validates forms with.
const authUser = z.object({ user: userSchema.openapi('User') });
authRoutes.openAPIRegistry.registerPath({
  method: 'post',
  path: '/sign-up/email',
  ...inventory({ primitive: 'rest', caller: 'anonymous' }),
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
    ...errorResponses(
      'VALIDATION_FAILED',
      'WEAK_PASSWORD',
      'FORBIDDEN_ORIGIN',
      'UNSUPPORTED_MEDIA_TYPE',
      'ACCOUNT_EXISTS',
      'RATE_LIMITED',
    ),
  },
});
authRoutes.openAPIRegistry.registerPath({
  method: 'post',
  path: '/sign-in/email',
  ...inventory({ primitive: 'rest', caller: 'anonymous' }),
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
    ...errorResponses(
      'VALIDATION_FAILED',
      'INVALID_CREDENTIALS',
      'FORBIDDEN_ORIGIN',
      'UNSUPPORTED_MEDIA_TYPE',
      'RATE_LIMITED',
    ),
  },
});
authRoutes.openAPIRegistry.registerPath({
  method: 'post',
  path: '/sign-out',
  ...inventory({
    primitive: 'rest',
    caller: 'anonymous',
    idempotent: 'signing out twice leaves the caller signed out',
  }),
  tags: ['auth'],
  summary: 'Sign out (clears the session cookie)',
  description:
    'Takes no body. A browser request must come from the app (its Origin), as for every write.',
  responses: {
    200: { description: 'Signed out' },
    ...errorResponses('FORBIDDEN_ORIGIN', 'UNSUPPORTED_MEDIA_TYPE'),
  },
});
authRoutes.openAPIRegistry.registerPath({
  method: 'post',
  path: '/request-password-reset',
  ...inventory({
    primitive: 'rest',
    caller: 'anonymous',
    idempotent: 'each repeat mails another link; every link works until used or expired',
  }),
  tags: ['auth'],
  summary: 'Mail a password-reset link to the address, if an account has it',
  description:
    'Answers the same whether or not an account has the address. The link opens /reset-password?token=… and works once, for an hour. Locally the mail is not sent: the link is logged.',
  request: {
    body: {
      required: true,
      content: {
        'application/json': { schema: requestPasswordResetSchema.openapi('RequestPasswordReset') },
      },
    },
  },
  responses: {
    200: jsonContent(
      z.object({ status: z.literal(true), message: z.string() }),
      'Mailed if the account exists',
    ),
    ...errorResponses(
      'VALIDATION_FAILED',
      'FORBIDDEN_ORIGIN',
      'UNSUPPORTED_MEDIA_TYPE',
      'RATE_LIMITED',
    ),
  },
});
authRoutes.openAPIRegistry.registerPath({
  method: 'post',
  path: '/reset-password',
  ...inventory({ primitive: 'rest', caller: 'anonymous' }),
  tags: ['auth'],
  summary: "Set a new password with a reset link's token",
  description:
    'The token works once; an unknown, used or expired one is 410 RESET_LINK_INVALID. Every session of the account ends; sign in with the new password.',
  request: {
    body: {
      required: true,
      content: { 'application/json': { schema: resetPasswordSchema.openapi('ResetPassword') } },
    },
  },
  responses: {
    200: jsonContent(z.object({ status: z.literal(true) }), 'The password is changed'),
    ...errorResponses(
      'VALIDATION_FAILED',
      'WEAK_PASSWORD',
      'RESET_LINK_INVALID',
      'FORBIDDEN_ORIGIN',
      'UNSUPPORTED_MEDIA_TYPE',
      'RATE_LIMITED',
    ),
  },
});

/**
 * better-auth refuses a POST without a JSON body (415), though some of its endpoints take none
 * (sign-out, as the OpenAPI document says); a bodyless POST is handed over as `{}`.
 */
function withJsonBody(request: Request): Request {
  const bodyless =
    request.method === 'POST' &&
    !request.headers.has('Content-Type') &&
    (request.headers.get('Content-Length') ?? '0') === '0' &&
    !request.headers.has('Transfer-Encoding');
  if (!bodyless) return request;
  const headers = new Headers(request.headers);
  headers.set('Content-Type', 'application/json');
  headers.delete('Content-Length');
  return new Request(request, { headers, body: '{}' });
}
