import { createMiddleware } from 'hono/factory';
import { platformRoleSchema, type PlatformRole } from '@corates/shared';
import { AppError } from '../lib/app-error.ts';
import type { AppEnv } from '../env.ts';
import { getAuth } from './auth.ts';

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  platformRole: PlatformRole;
  sessionExpiresAt: Date;
}

/** Resolves the better-auth session cookie; 401 UNAUTHENTICATED without one. */
export const requireSession = createMiddleware<AppEnv>(async (c, next) => {
  // Sub-apps mounted on one prefix each install this; resolve the session once per request.
  if (c.get('user')) return next();
  const auth = getAuth(c.env, new URL(c.req.url).origin);
  const result = await auth.api.getSession({ headers: c.req.raw.headers });
  if (!result) throw new AppError('UNAUTHENTICATED', 'sign in to continue');
  c.set('user', {
    id: result.user.id,
    email: result.user.email,
    name: result.user.name,
    // Anything unexpected in the column means no privileges, never more.
    platformRole: platformRoleSchema.catch('member').parse(result.user.platformRole),
    sessionExpiresAt: new Date(result.session.expiresAt),
  });
  await next();
});

/** After `requireSession`: 403 FORBIDDEN unless the user is a platform admin. */
export const requireAdmin = createMiddleware<AppEnv>(async (c, next) => {
  if (c.var.user.platformRole !== 'admin')
    throw new AppError('FORBIDDEN', 'only platform admins may see this');
  await next();
});
