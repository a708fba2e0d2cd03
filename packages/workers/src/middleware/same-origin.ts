import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env.ts';
import { AppError } from '../lib/app-error.ts';
import { isCrossSiteRequest, parseAllowedOrigins } from '../security/request-site.ts';

/**
 * Refuses cross-site writes and WebSocket upgrades before anything reads the session cookie:
 * the cookie rides along on a hostile page's form post or socket, so the request's site is
 * the only thing that tells the victim's own tab from someone else's page.
 */
export const sameOrigin = createMiddleware<AppEnv>(async (c, next) => {
  const refused = isCrossSiteRequest({
    method: c.req.method,
    isUpgrade: c.req.header('Upgrade')?.toLowerCase() === 'websocket',
    origin: c.req.header('Origin'),
    fetchSite: c.req.header('Sec-Fetch-Site'),
    ownOrigin: new URL(c.req.url).origin,
    allowedOrigins: parseAllowedOrigins(c.env.ALLOWED_ORIGINS),
  });
  if (refused) {
    throw new AppError('FORBIDDEN_ORIGIN', 'requests from another site are not accepted');
  }
  await next();
});
