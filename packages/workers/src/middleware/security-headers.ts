import { createMiddleware } from 'hono/factory';
import { SECURITY_HEADERS } from '@corates/shared';
import type { AppEnv } from '../env.ts';

/**
 * Every API answer carries the app's security headers (the HTML app gets the same ones from the
 * assets' `_headers` file). A header a route set itself wins: a PDF shown inline narrows the CSP
 * to a sandbox.
 */
export const securityHeaders = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  // A 101 upgrade's headers are immutable, and nothing renders a socket.
  if (c.res.status === 101) return;
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
    if (!c.res.headers.has(name)) c.res.headers.set(name, value);
  }
});
