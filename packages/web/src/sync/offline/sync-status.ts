import type { QueuedOp } from './db.ts';
import {
  type LastSyncedAt,
  type RebuildMarker,
  SYNCED_TABLES,
  type SyncedTable,
} from './metadata-store.ts';

/** What the draining instance is doing; stored in Dexie so every tab shows the same. */
export type LoopPhase =
  | 'starting'
  | 'idle'
  | 'syncing'
  /** No answer from the server: waiting to try again. */
  | 'offline'
  /** The server answered with an error (5xx, 429…): backing off. */
  | 'retrying'
  /** 401: waiting for the user to sign in again. */
  | 'paused-auth'
  /** 426: this build is too old; the upgrade flow has taken over. */
  | 'paused-upgrade';

export interface LoopState {
  phase: LoopPhase;
  message?: string;
  /** ISO time of the next automatic attempt while backing off. */
  nextAttemptAt?: string;
}

export interface SyncStatus {
  pending: number;
  syncing: number;
  failed: number;
  /** The refused or given-up ops, oldest first, with what the server said. */
  failedOps: QueuedOp[];
  lastSyncedAt: LastSyncedAt;
  /** Tables never synced or not synced within the threshold: the UI says "may be stale". */
  stale: SyncedTable[];
  loop: LoopState | undefined;
  /**
   * [O4] The cache waits to be rebuilt from the server (a failed or discarded op's guess may
   * still show, or the cache version changed): the UI must not claim everything is synced.
   */
  awaitingServerCopy: boolean;
}

/** [P3] The pure summary the sync panel and `engine.status()` show. */
export function summarizeStatus(input: {
  ops: QueuedOp[];
  lastSyncedAt: LastSyncedAt | undefined;
  loop: LoopState | undefined;
  rebuild?: RebuildMarker | undefined;
  now: number;
  staleAfterMs: number;
}): SyncStatus {
  const count = (status: QueuedOp['status']) => input.ops.filter((o) => o.status === status).length;
  const lastSyncedAt = input.lastSyncedAt ?? {};
  const stale = SYNCED_TABLES.filter((table) => {
    const at = lastSyncedAt[table];
    return at === undefined || input.now - Date.parse(at) > input.staleAfterMs;
  });
  return {
    pending: count('pending'),
    syncing: count('syncing'),
    failed: count('failed'),
    failedOps: input.ops.filter((o) => o.status === 'failed'),
    lastSyncedAt,
    stale,
    loop: input.loop,
    awaitingServerCopy: input.rebuild !== undefined,
  };
}
