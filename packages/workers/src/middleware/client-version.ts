import { createMiddleware } from 'hono/factory';
import { CLIENT_VERSION_HEADER, parseSemver, satisfiesMinimum } from '@corates/shared';
import { AppError } from '../lib/app-error.ts';
import { readRuntimeConfig } from '../domain/runtime-config.ts';
import type { AppEnv } from '../env.ts';

/** Routes a too-old client must still reach: the version check itself, and signing in/out. */
export function isVersionExempt(path: string): boolean {
  return path === '/api/metadata' || path.startsWith('/api/auth/');
}

/** A WebSocket upgrade of a project's document. */
export function isDocSocketUpgrade(path: string, upgrade: string | undefined): boolean {
  return upgrade?.toLowerCase() === 'websocket' && /^\/api\/projects\/[^/]+\/doc$/.test(path);
}

/**
 * 426 CLIENT_TOO_OLD when `X-Client-Version` is below `minSupportedClient`. A request without the
 * header (curl, scripts, server-to-server) is let through; a malformed one is a 400.
 */
export const clientVersionGate = createMiddleware<AppEnv>(async (c, next) => {
  if (isVersionExempt(c.req.path)) return next();
  // The document socket checks the version itself (also from its query parameter) and refuses
  // with a close code a stock client does not retry (routes/doc.ts): an HTTP 426 it retries.
  if (isDocSocketUpgrade(c.req.path, c.req.header('Upgrade'))) return next();
  const version = c.req.header(CLIENT_VERSION_HEADER);
  if (version === undefined) return next();
  if (!parseSemver(version)) {
    throw new AppError(
      'CLIENT_VERSION_INVALID',
      `${CLIENT_VERSION_HEADER} must be a semver version`,
    );
  }
  const { minSupportedClient } = await readRuntimeConfig(c.var.db, c.env);
  if (!satisfiesMinimum(version, minSupportedClient)) {
    throw new AppError(
      'CLIENT_TOO_OLD',
      `this app version (${version}) is no longer supported; please update`,
      {
        clientVersion: version,
        minSupportedClient,
      },
    );
  }
  await next();
});
