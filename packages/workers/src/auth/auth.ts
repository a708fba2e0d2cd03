import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { APIError, createAuthMiddleware, getSessionFromCtx } from 'better-auth/api';
import {
  displayNameSchema,
  PASSWORD_MAX,
  PASSWORD_MIN,
  requestPasswordResetSchema,
  resetPasswordSchema,
} from '@corates/shared';
import type { z } from 'zod';
import type { Bindings } from '../env.ts';
import { createDatabase, schema } from '../db/client.ts';
import { zodIssues } from '../lib/error-handler.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { refusePassword } from './password-policy.ts';
import { d1RateLimitStorage } from './rate-limit-storage.ts';
import { passwordResetMail } from '../mail/password-reset-mail.ts';
import type { MailSettings } from '../mail/mail-transport.ts';
import { selectTransport } from '../mail/select-transport.ts';

export const AUTH_BASE_PATH = '/api/auth';

/**
 * better-auth answers a thrown APIError with its body as JSON; routes/auth.ts turns a body whose
 * code is one of ours into the error envelope.
 */
function refusal(code: 'VALIDATION_FAILED' | 'WEAK_PASSWORD', message: string, details?: unknown) {
  return new APIError('BAD_REQUEST', { code, message, details });
}

/** Every write of a user's name, whichever endpoint or server call makes it, goes through here. */
function checkedName(name: unknown): string {
  const parsed = displayNameSchema.safeParse(name);
  if (!parsed.success) throw refusal('VALIDATION_FAILED', 'invalid name', zodIssues(parsed.error));
  return parsed.data;
}

/** Endpoints that set a password, and the body field that carries it. */
const PASSWORD_FIELDS: Record<string, string> = {
  '/sign-up/email': 'password',
  '/change-password': 'newPassword',
  '/reset-password': 'newPassword',
};

/** better-auth endpoints whose body is one of our shared schemas (beside its own looser check). */
const BODY_SCHEMAS: Record<string, z.ZodType> = {
  '/request-password-reset': requestPasswordResetSchema,
  '/reset-password': resetPasswordSchema,
};

/** How long a password-reset link works. */
export const RESET_LINK_SECONDS = 60 * 60;

/**
 * The shared schemas of BODY_SCHEMAS, then the password policy (password-policy.ts) on every
 * endpoint that sets a password.
 */
const checkBody = createAuthMiddleware(async (ctx) => {
  const schema = BODY_SCHEMAS[ctx.path];
  if (schema) {
    const parsed = schema.safeParse(ctx.body);
    if (!parsed.success)
      throw refusal('VALIDATION_FAILED', 'invalid request body', zodIssues(parsed.error));
  }
  const field = PASSWORD_FIELDS[ctx.path];
  if (!field) return;
  const body = (ctx.body ?? {}) as Record<string, unknown>;
  const password = body[field];
  if (typeof password !== 'string') return; // better-auth's own validation answers this
  const account =
    ctx.path === '/sign-up/email'
      ? { email: String(body.email ?? ''), name: String(body.name ?? '') }
      : ((await getSessionFromCtx(ctx))?.user ?? {});
  const refused = await refusePassword(password, account);
  if (refused) {
    throw refusal(
      refused.code,
      refused.message,
      'error' in refused ? zodIssues(refused.error) : undefined,
    );
  }
});

/**
 * Mails a password-reset link through the invitations' transport (locally: logged, never shown,
 * since the answer must not tell whether the account exists). A failed send is logged only.
 */
async function sendResetMail(env: Bindings, origin: string, to: string, token: string) {
  try {
    const transport = selectTransport(env as unknown as MailSettings);
    const expiresAt = new Date(Date.now() + RESET_LINK_SECONDS * 1000);
    await transport.send(passwordResetMail({ origin, to, token, expiresAt }));
  } catch (e) {
    console.error('password reset mail not sent', e);
  }
}

function buildAuth(env: Bindings, baseURL: string) {
  const db = createDatabase(env.DB);
  const signInMax = Number(env.AUTH_RATE_LIMIT_MAX) || 30;
  return betterAuth({
    appName: 'CoRATES',
    baseURL,
    basePath: AUTH_BASE_PATH,
    secret: env.AUTH_SECRET,
    database: drizzleAdapter(db, {
      provider: 'sqlite',
      schema: {
        user: schema.user,
        session: schema.session,
        account: schema.account,
        verification: schema.verification,
        rateLimit: schema.rateLimit,
      },
    }),
    user: {
      // Read on every session; `input: false` keeps sign-up from choosing it.
      additionalFields: {
        platformRole: { type: 'string', required: false, input: false, defaultValue: 'member' },
      },
    },
    emailAndPassword: {
      enabled: true,
      autoSignIn: true,
      minPasswordLength: PASSWORD_MIN,
      maxPasswordLength: PASSWORD_MAX,
      password: {
        hash: hashPassword,
        verify: ({ hash, password }) => verifyPassword(password, hash),
      },
      // Single use: better-auth deletes the token with the password change.
      resetPasswordTokenExpiresIn: RESET_LINK_SECONDS,
      // Whoever knew the old password is signed out everywhere.
      revokeSessionsOnPasswordReset: true,
      // better-auth's own link goes through its redirect endpoint; ours opens the app's page.
      sendResetPassword: ({ user, token }) => sendResetMail(env, baseURL, user.email, token),
    },
    hooks: { before: checkBody },
    databaseHooks: {
      user: {
        create: { before: async (user) => ({ data: { ...user, name: checkedName(user.name) } }) },
        update: {
          before: async (user) =>
            user.name === undefined
              ? undefined
              : { data: { ...user, name: checkedName(user.name) } },
        },
      },
    },
    session: {
      expiresIn: 60 * 60 * 24 * 30,
      updateAge: 60 * 60 * 24,
    },
    rateLimit: {
      enabled: true,
      window: 60,
      max: 300,
      customRules: {
        '/sign-in/email': { window: 60, max: signInMax },
        '/sign-up/email': { window: 60, max: signInMax },
        // Each one sends a mail: few per address and minute (better-auth's default is 3).
        '/request-password-reset': { window: 60, max: 5 },
      },
      customStorage: d1RateLimitStorage(env.DB),
    },
    // Cloudflare sets CF-Connecting-IP itself and overwrites any client-sent value.
    advanced: { ipAddress: { ipAddressHeaders: ['cf-connecting-ip'] } },
    telemetry: { enabled: false },
    // Failed sign-ins are expected traffic, not warnings worth a log line each.
    logger: { level: 'error' },
  });
}

export type Auth = ReturnType<typeof buildAuth>;

// One instance per isolate and origin: building better-auth per request is measurable work.
const cache = new Map<string, { env: Bindings; auth: Auth }>();

export function getAuth(env: Bindings, origin: string): Auth {
  const hit = cache.get(origin);
  if (hit && hit.env === env) return hit.auth;
  const auth = buildAuth(env, origin);
  cache.set(origin, { env, auth });
  return auth;
}
