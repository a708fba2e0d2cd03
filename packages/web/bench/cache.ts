/// <reference lib="dom" />
// (The Dexie cache is browser code: it needs the IndexedDB types.)
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { openSyncDb, syncDbName, type SyncDb } from '../src/sync/offline/index.ts';

/**
 * An empty cache database of the app's schema, in an IndexedDB of its own. fake-indexeddb (the
 * only IndexedDB Node has) is an in-memory JavaScript implementation and slower than a browser's.
 */
export function freshCache(userId: string): SyncDb {
  return openSyncDb(syncDbName(userId), { indexedDB: new IDBFactory(), IDBKeyRange });
}

/** Projects + memberships + the settings row + PDF metadata in a cache. */
export async function cachedRows(db: SyncDb): Promise<number> {
  const counts = await Promise.all([
    db.projects.count(),
    db.memberships.count(),
    db.settings.count(),
    db.pdfMeta.count(),
  ]);
  return counts.reduce((a, b) => a + b, 0);
}
