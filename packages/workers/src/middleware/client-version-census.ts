import { createMiddleware } from 'hono/factory';
import { CLIENT_VERSION_HEADER } from '@corates/shared';
import { recordClientVersion } from '../domain/telemetry.ts';
import type { AppEnv } from '../env.ts';

/**
 * Counts requests per `X-Client-Version` for the admin telemetry, including those the version
 * gate then refuses: old clients still out there are what a maintainer needs to see. The write
 * runs after the response; losing a count is acceptable, slowing a request is not.
 */
export const clientVersionCensus = createMiddleware<AppEnv>(async (c, next) => {
  const version = c.req.header(CLIENT_VERSION_HEADER);
  if (version !== undefined) {
    const write = recordClientVersion(c.var.db, version).catch((e: unknown) =>
      console.warn('client version census failed', e),
    );
    c.executionCtx.waitUntil(write);
  }
  await next();
});
