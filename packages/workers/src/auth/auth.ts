import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import type { Bindings } from '../env.ts';
import { createDatabase, schema } from '../db/client.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { d1RateLimitStorage } from './rate-limit-storage.ts';
import { passwordSchema } from '@corates/shared';

export const AUTH_BASE_PATH = '/api/auth';

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
      minPasswordLength: passwordSchema.minLength ?? 8,
      maxPasswordLength: passwordSchema.maxLength ?? 128,
      password: {
        hash: hashPassword,
        verify: ({ hash, password }) => verifyPassword(password, hash),
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
