import { createMiddleware } from 'hono/factory';
import { platformRoleSchema, type PlatformRole, type Session } from '@corates/shared';
import { AppError } from '../lib/app-error.ts';
import type { AppContext, AppEnv } from '../env.ts';
import { getAuth } from './auth.ts';

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  platformRole: PlatformRole;
  sessionExpiresAt: Date;
}

/** The signed-in user of this request, from the better-auth session cookie; null without one. */
export async function loadSessionUser(c: AppContext): Promise<SessionUser | null> {
  // Sub-apps mounted on one prefix each install `requireSession`: resolve it once per request.
  const known = c.get('user');
  if (known) return known;
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
  return user;
}

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
