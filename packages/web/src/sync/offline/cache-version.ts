import type { SyncDb } from './db.ts';
import { CACHE_TABLES, STATE_KEYS } from './metadata-store.ts';

const CACHE_VERSION_KEY = 'cacheVersion';

/**
 * [C1] When the server's `cacheVersion` differs from the one this cache was filled under, drop
 * every table that mirrors the server and the pull cursor, so the next pull refills them from
 * scratch. Queued ops are never touched; the next pull shows their effects again ([P1]).
 * Returns whether the cache was reset. An unknown version (offline boot) changes nothing.
 */
export async function applyCacheVersion(db: SyncDb, cacheVersion: string | undefined) {
  if (cacheVersion === undefined) return false;
  return db.transaction('rw', [...CACHE_TABLES.map((t) => db.table(t)), db.syncState], async () => {
    const stored = (await db.syncState.get(CACHE_VERSION_KEY))?.value;
    await db.syncState.put({ key: CACHE_VERSION_KEY, value: cacheVersion });
    // A cache filled before versions were recorded is treated as current: nothing to distrust.
    if (stored === undefined || stored === cacheVersion) return false;
    for (const table of CACHE_TABLES) await db.table(table).clear();
    await db.syncState.bulkDelete([STATE_KEYS.cursor, STATE_KEYS.lastSyncedAt]);
    return true;
  });
}
