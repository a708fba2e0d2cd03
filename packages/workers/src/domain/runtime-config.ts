import { inArray } from 'drizzle-orm';
import { parseSemver } from '@corates/shared';
import type { Database } from '../db/client.ts';
import { appConfig } from '../db/schema.ts';
import type { Bindings } from '../env.ts';
import { RecentValue } from '../lib/recent-value.ts';

/** Keys of the D1 `app_config` table a maintainer may set without redeploying. */
export const CONFIG_KEYS = ['minSupportedClient', 'cacheVersion'] as const;
export type ConfigKey = (typeof CONFIG_KEYS)[number];

export interface RuntimeConfig {
  apiVersion: string;
  minSupportedClient: string;
  cacheVersion: string;
}

/**
 * How long a document socket's upgrade may use this isolate's last read of the config (issue 18:
 * that read was one of an upgrade's D1 queries, and one client opens many sockets at once). A
 * raised `minSupportedClient` (the maintainer command writes D1 directly; nothing tells the
 * isolates) refuses new sockets of a retired build within this time at most, and at once in an
 * isolate that reads the config meanwhile (every `/api/metadata` and every REST call carrying
 * `X-Client-Version`). Those REST calls are never answered from it: an old build's next API call
 * is refused at once, and its app then shows the upgrade flow and closes its sockets.
 */
export const RECENT_CONFIG_TTL_MS = 10_000;
const recent = new RecentValue<RuntimeConfig>(RECENT_CONFIG_TTL_MS);

/** D1 rows win over wrangler vars; a malformed row falls back to the var rather than locking everyone out. */
export async function readRuntimeConfig(db: Database, env: Bindings): Promise<RuntimeConfig> {
  const rows = await db
    .select()
    .from(appConfig)
    .where(inArray(appConfig.key, [...CONFIG_KEYS]));
  const byKey = new Map(rows.map((r) => [r.key, r.value]));
  const min = byKey.get('minSupportedClient');
  const config = {
    apiVersion: env.API_VERSION,
    minSupportedClient: min && parseSemver(min) ? min : env.MIN_SUPPORTED_CLIENT,
    cacheVersion: byKey.get('cacheVersion') || env.CACHE_VERSION,
  };
  recent.set(config, Date.now());
  return config;
}

/** The config as this isolate last read it, if within RECENT_CONFIG_TTL_MS; read afresh if not. */
export async function recentRuntimeConfig(db: Database, env: Bindings): Promise<RuntimeConfig> {
  return recent.get(Date.now()) ?? readRuntimeConfig(db, env);
}
