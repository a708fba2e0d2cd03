/**
 * Offline metadata sync: a Dexie cache of projects, memberships and settings, an op-queue that
 * replays to `POST /api/sync/ops`, and a pull from `GET /api/sync/pull` by server cursor.
 * The rules are numbered in SPEC.md beside this file.
 *
 * Entry point, the same in the browser and in Node (no DOM needed):
 *
 *   import { indexedDB, IDBKeyRange } from 'fake-indexeddb';   // or the browser's globals
 *   const db = openSyncDb(syncDbName(user.id), { indexedDB, IDBKeyRange });
 *   const engine = createSyncEngine({
 *     db, owner: user,                                   // { id, name, email }
 *     transport: { fetch, baseUrl: 'http://127.0.0.1:8787', clientVersion: '0.1.0',
 *                  headers: () => ({ cookie }) },         // Node: send the session cookie
 *     clock, random, newId,                               // optional: inject for determinism
 *   });
 *   engine.start();                                       // leader election, drain, pull, timers
 *   await engine.enqueue({ type: 'project.create', payload: { id, name } });
 *   await engine.flush();                                 // drain + pull now, ignoring backoff
 *   const status = await engine.status();                 // counts, failed ops, lastSyncedAt
 *   await engine.stop();
 *
 * Without `navigator.locks` an engine leads on its own (one engine per database); in a browser
 * Web Locks pick one tab per user to drain and pull while every tab reads the same Dexie tables.
 */
export { createSyncEngine, systemClock } from './engine.ts';
export type { Clock, SyncEngine, SyncEngineOptions } from './engine.ts';
export { deleteSyncDb, openSyncDb, syncDbName } from './db.ts';
export { applyCacheVersion } from './cache-version.ts';
export type {
  CachedMember,
  CachedPdfMeta,
  CachedProject,
  IndexedDbEnv,
  QueuedOp,
  SyncDb,
} from './db.ts';
export { singleInstanceLeader, webLocksLeader } from './leader.ts';
export type { LeaderLock } from './leader.ts';
export type { CacheOwner } from './cache-reducer.ts';
export type { FetchLike, TransportOptions } from './transport.ts';
export { STATE_KEYS, SYNCED_TABLES, applyServerChanges } from './metadata-store.ts';
export type { LastSyncedAt, NewOp, RebuildMarker, SyncedTable } from './metadata-store.ts';
export type { LoopPhase, LoopState, SyncStatus } from './sync-status.ts';
export { summarizeStatus } from './sync-status.ts';
