import type { CacheOwner } from './cache-reducer.ts';
import type { SyncDb } from './db.ts';
import { CACHE_TABLES, resetMirroredCache } from './metadata-store.ts';

const CACHE_VERSION_KEY = 'cacheVersion';

/**
 * [C1][C2] When the server's `cacheVersion` differs from the one this cache was filled under, drop
 * what the tables mirroring the server hold and the pull cursor, so the next pull refills them
 * from scratch. Queued ops are never touched, and their effects show again in the same
 * transaction (on the rows they change, which stay). Returns whether the cache was reset. An
 * unknown version (offline boot) changes nothing.
 */
export async function applyCacheVersion(
  db: SyncDb,
  cacheVersion: string | undefined,
  owner: CacheOwner,
) {
  if (cacheVersion === undefined) return false;
  const tables = [...CACHE_TABLES.map((t) => db.table(t)), db.syncState, db.ops];
  return db.transaction('rw', tables, async () => {
    const stored = (await db.syncState.get(CACHE_VERSION_KEY))?.value;
    await db.syncState.put({ key: CACHE_VERSION_KEY, value: cacheVersion });
    // A cache filled before versions were recorded is treated as current: nothing to distrust.
    if (stored === undefined || stored === cacheVersion) return false;
    await resetMirroredCache(db, owner);
    return true;
  });
}
