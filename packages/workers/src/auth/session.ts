import { createMiddleware } from 'hono/factory';
import { platformRoleSchema, type PlatformRole, type Session } from '@corates/shared';
import { AppError } from '../lib/app-error.ts';
import type { AppContext, AppEnv } from '../env.ts';
import { isDocSocketUpgrade } from '../middleware/client-version.ts';
import { getAuth } from './auth.ts';
import { UpgradeSessions } from './upgrade-sessions.ts';

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  platformRole: PlatformRole;
  sessionExpiresAt: Date;
}

/** Per isolate: sessions resolved for document socket upgrades, for seconds (upgrade-sessions.ts). */
const upgradeSessions = new UpgradeSessions<SessionUser>();

/** The signed-in user of this request, from the better-auth session cookie; null without one. */
export async function loadSessionUser(c: AppContext): Promise<SessionUser | null> {
  // Sub-apps mounted on one prefix each install `requireSession`: resolve it once per request.
  const known = c.get('user');
  if (known) return known;
  // Only a document socket upgrade uses the brief cache (see upgrade-sessions.ts).
  const credentials = isDocSocketUpgrade(c.req.path, c.req.header('Upgrade'))
    ? c.req.header('Cookie')
    : undefined;
  const cached =
    credentials === undefined ? undefined : upgradeSessions.get(credentials, Date.now());
  if (cached) {
    c.set('user', cached);
    return cached;
  }
  const auth = getAuth(c.env, new URL(c.req.url).origin);
  const result = await auth.api.getSession({ headers: c.req.raw.headers });
  if (!result) return null;
  const user: SessionUser = {
    id: result.user.id,
    email: result.user.email,
    name: result.user.name,
    // Anything unexpected in the column means no privileges, never more.
    platformRole: platformRoleSchema.catch('member').parse(result.user.platformRole),
    sessionExpiresAt: new Date(result.session.expiresAt),
  };
  c.set('user', user);
  if (credentials !== undefined) upgradeSessions.set(credentials, user, Date.now());
  return user;
}

/**
 * A write to the auth or account routes may end sessions (sign-out, password change or reset,
 * account deletion) or rename the user stamped on presence: this isolate's cached upgrade
 * sessions are dropped before it runs and after.
 */
export const forgetUpgradeSessionsOnAccountChange = createMiddleware<AppEnv>(async (c, next) => {
  const write = c.req.method !== 'GET' && c.req.method !== 'HEAD';
  const changes = write && /^\/api\/(auth|me)(\/|$)/.test(c.req.path);
  if (!changes) return next();
  upgradeSessions.forget();
  try {
    await next();
  } finally {
    // Again after: an upgrade that read the session while this ran may have cached it.
    upgradeSessions.forget();
  }
});

/** The session as the API answers it (GET /api/me, GET /api/session). */
export function sessionOf(user: SessionUser): Session {
  return {
    user: { id: user.id, email: user.email, name: user.name },
    expiresAt: user.sessionExpiresAt.toISOString(),
    platformRole: user.platformRole,
  };
}

/** Resolves the better-auth session cookie; 401 UNAUTHENTICATED without one. */
export const requireSession = createMiddleware<AppEnv>(async (c, next) => {
  if (!(await loadSessionUser(c))) throw new AppError('UNAUTHENTICATED', 'sign in to continue');
  await next();
});

/** After `requireSession`: 403 FORBIDDEN unless the user is a platform admin. */
export const requireAdmin = createMiddleware<AppEnv>(async (c, next) => {
  if (c.var.user.platformRole !== 'admin')
    throw new AppError('FORBIDDEN', 'only platform admins may see this');
  await next();
});
