import { inArray } from 'drizzle-orm';
import { parseSemver } from '@corates/shared';
import type { Database } from '../db/client.ts';
import { appConfig } from '../db/schema.ts';
import type { Bindings } from '../env.ts';

/** Keys of the D1 `app_config` table a maintainer may set without redeploying. */
export const CONFIG_KEYS = ['minSupportedClient', 'cacheVersion'] as const;
export type ConfigKey = (typeof CONFIG_KEYS)[number];

export interface RuntimeConfig {
  apiVersion: string;
  minSupportedClient: string;
  cacheVersion: string;
}

/** D1 rows win over wrangler vars; a malformed row falls back to the var rather than locking everyone out. */
export async function readRuntimeConfig(db: Database, env: Bindings): Promise<RuntimeConfig> {
  const rows = await db
    .select()
    .from(appConfig)
    .where(inArray(appConfig.key, [...CONFIG_KEYS]));
  const byKey = new Map(rows.map((r) => [r.key, r.value]));
  const min = byKey.get('minSupportedClient');
  return {
    apiVersion: env.API_VERSION,
    minSupportedClient: min && parseSemver(min) ? min : env.MIN_SUPPORTED_CLIENT,
    cacheVersion: byKey.get('cacheVersion') || env.CACHE_VERSION,
  };
}
