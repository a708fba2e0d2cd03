import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { APIError, createAuthMiddleware, getSessionFromCtx } from 'better-auth/api';
import { displayNameSchema, PASSWORD_MAX, PASSWORD_MIN } from '@corates/shared';
import type { Bindings } from '../env.ts';
import { createDatabase, schema } from '../db/client.ts';
import { zodIssues } from '../lib/error-handler.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { refusePassword } from './password-policy.ts';
import { d1RateLimitStorage } from './rate-limit-storage.ts';

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

/** The password policy (password-policy.ts) on every endpoint that sets a password. */
const passwordPolicy = createAuthMiddleware(async (ctx) => {
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
    },
    hooks: { before: passwordPolicy },
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
