import { Dexie } from 'dexie';
import { type Change, MAX_OPS_PER_BATCH, type OpType, opPayloadSchemas } from '@corates/shared';
import { type CacheDraft, cloneDraft, loadDraft, saveDraft } from './cache-draft.ts';
import { type CacheOwner, applyChanges, applyOp, baseForQueuedOps } from './cache-reducer.ts';
import { type QueuedOp, type SyncDb, entityKeyOf } from './db.ts';
import { backToPending, retried } from './op-state.ts';

// Every write to the cache goes through here, in one Dexie transaction each, so a live query
// (this tab's or another's) sees either all of a change or none of it.

/** The server's limit is 256 KiB a batch; leave room for the envelope and headers. */
const MAX_BATCH_BYTES = 200 * 1024;

export const SYNCED_TABLES = ['projects', 'memberships', 'settings'] as const;
export type SyncedTable = (typeof SYNCED_TABLES)[number];

export type LastSyncedAt = Partial<Record<SyncedTable, string>>;

export const STATE_KEYS = {
  cursor: 'cursor',
  lastSyncedAt: 'lastSyncedAt',
  loop: 'loop',
  /** Set while the cache may still show a guess the server never confirmed ([O4]). */
  rebuild: 'rebuild',
} as const;

/**
 * [O4] Why the cache waits to be rebuilt from the server: an op was refused or given up on (its
 * guess is still in the cache), or the cache version changed ([C2]). `requests` counts how often
 * it was asked for, so the leader can tell a new request (a discard in any tab) from an old one.
 */
export interface RebuildMarker {
  reason: 'op-failed' | 'cache-version';
  requests: number;
}

/** The pending rebuild, if any. */
export async function readRebuild(db: SyncDb): Promise<RebuildMarker | undefined> {
  const row = await db.syncState.get(STATE_KEYS.rebuild);
  return row?.value as RebuildMarker | undefined;
}

/** Must run inside a transaction over syncState. */
export async function requestRebuild(db: SyncDb, reason: RebuildMarker['reason']): Promise<void> {
  const current = await readRebuild(db);
  const value: RebuildMarker = {
    reason: current?.reason ?? reason,
    requests: (current?.requests ?? 0) + 1,
  };
  await db.syncState.put({ key: STATE_KEYS.rebuild, value });
}

/** Tables that only mirror the server: safe to drop and pull again (never `ops`). */
export const CACHE_TABLES = ['projects', 'memberships', 'settings', 'pdfMeta'] as const;

/** Ops whose optimistic effect the cache shows: everything not (yet) refused (SPEC.md [O1]). */
async function liveOps(db: SyncDb): Promise<QueuedOp[]> {
  const ops = await db.ops.orderBy('seq').toArray();
  return ops.filter((op) => op.status !== 'failed');
}

function reapply(draft: CacheDraft, ops: QueuedOp[], owner: CacheOwner): void {
  for (const op of ops) applyOp(draft, op, owner);
}

export interface NewOp<T extends OpType = OpType> {
  type: T;
  payload: unknown;
}

/**
 * Queues an op and shows its effect at once (SPEC.md [Q1], [O1]). The payload is validated here,
 * so a form error surfaces now rather than as a rejection later; throws the ZodError if invalid.
 */
export async function enqueueOp(
  db: SyncDb,
  owner: CacheOwner,
  op: NewOp,
  meta: { id: string; clientVersion: string; createdAt: string },
): Promise<QueuedOp> {
  const payload: unknown = opPayloadSchemas[op.type].parse(op.payload);
  const queued: QueuedOp = {
    id: meta.id,
    type: op.type,
    payload,
    clientVersion: meta.clientVersion,
    createdAt: meta.createdAt,
    status: 'pending',
    attempts: 0,
    entityKey: entityKeyOf(op.type, payload),
  };
  await db.transaction('rw', ['ops', ...CACHE_TABLES], async () => {
    queued.seq = await db.ops.add(queued);
    const before = await loadDraft(db);
    const after = cloneDraft(before);
    applyOp(after, queued, owner);
    await saveDraft(db, before, after);
  });
  return queued;
}

/** [Q2] The next batch in queue order, marked `syncing`: at most 100 ops and ~200 KiB. */
export async function takeBatch(db: SyncDb): Promise<QueuedOp[]> {
  return db.transaction('rw', db.ops, async () => {
    const pending = await db.ops
      .where('[status+seq]')
      .between(['pending', Dexie.minKey], ['pending', Dexie.maxKey])
      .limit(MAX_OPS_PER_BATCH)
      .toArray();
    const batch: QueuedOp[] = [];
    let bytes = 0;
    for (const op of pending) {
      bytes += JSON.stringify(op.payload).length + 256;
      if (batch.length > 0 && bytes > MAX_BATCH_BYTES) break;
      batch.push({ ...op, status: 'syncing' });
    }
    await db.ops.bulkPut(batch);
    return batch;
  });
}

/**
 * Writes ops back after a send: `null` removes one (it was applied). An op that fails here
 * leaves its guess in the cache, so the same transaction asks for a rebuild ([O4]): even a crash
 * right after cannot leave the guess on screen for good.
 */
export async function settleOps(db: SyncDb, updates: Array<[QueuedOp, QueuedOp | null]>) {
  await db.transaction('rw', db.ops, db.syncState, async () => {
    await db.ops.bulkDelete(updates.filter(([, next]) => next === null).map(([op]) => op.seq!));
    await db.ops.bulkPut(updates.map(([, next]) => next).filter((op) => op !== null));
    if (updates.some(([op, next]) => next?.status === 'failed' && op.status !== 'failed')) {
      await requestRebuild(db, 'op-failed');
    }
  });
}

/** [Q6] After a restart or a pause nothing is in flight: `syncing` ops go back to `pending`. */
export async function resetInFlight(db: SyncDb): Promise<void> {
  await db.ops
    .where('status')
    .equals('syncing')
    .modify((op) => {
      Object.assign(op, backToPending(op));
    });
}

/**
 * [P1] Applies a page of server changes, then re-applies the ops the server has not answered
 * yet, so a pull never makes a pending change flicker away. Moves the cursor in the same
 * transaction, so a crash can neither skip nor double-apply a page.
 */
export async function applyPulledPage(
  db: SyncDb,
  owner: CacheOwner,
  changes: Change[],
  checkpoint: string,
): Promise<void> {
  await db.transaction('rw', ['ops', 'syncState', ...CACHE_TABLES], async () => {
    const before = await loadDraft(db);
    const after = cloneDraft(before);
    applyChanges(after, changes, owner);
    reapply(after, await liveOps(db), owner);
    await saveDraft(db, before, after);
    await db.syncState.put({ key: STATE_KEYS.cursor, value: checkpoint });
  });
}

/**
 * Server rows a REST call answered (a PDF upload: the bytes cannot go through the queue), applied
 * like pulled changes so they show at once; the cursor stays, so the pull still brings them.
 */
export async function applyServerChanges(
  db: SyncDb,
  owner: CacheOwner,
  changes: Change[],
): Promise<void> {
  await db.transaction('rw', ['ops', ...CACHE_TABLES], async () => {
    const before = await loadDraft(db);
    const after = cloneDraft(before);
    applyChanges(after, changes, owner);
    reapply(after, await liveOps(db), owner);
    await saveDraft(db, before, after);
  });
}

/**
 * [P5] Replaces the whole cache with a snapshot rebuilt from the start of the feed (plus the ops
 * still waiting). Used after the server refused an op: the refused op's guess must go, and only
 * the server knows what the row should be instead.
 */
export async function replaceCache(
  db: SyncDb,
  owner: CacheOwner,
  snapshot: CacheDraft,
  checkpoint: string,
): Promise<void> {
  await db.transaction('rw', ['ops', 'syncState', ...CACHE_TABLES], async () => {
    const before = await loadDraft(db);
    const after = cloneDraft(snapshot);
    // Unchanged rows keep their identity, so saveDraft writes only what differs.
    for (const [id, p] of after.projects) {
      const old = before.projects.get(id);
      if (old && JSON.stringify(old) === JSON.stringify(p)) after.projects.set(id, old);
    }
    for (const [key, m] of after.memberships) {
      const old = before.memberships.get(key);
      if (old && JSON.stringify(old) === JSON.stringify(m)) after.memberships.set(key, old);
    }
    if (JSON.stringify(before.settings) === JSON.stringify(after.settings)) {
      after.settings = before.settings;
    }
    reapply(after, await liveOps(db), owner);
    await saveDraft(db, before, after);
    await db.syncState.put({ key: STATE_KEYS.cursor, value: checkpoint });
    // [O4] The cache is the server's again, plus only the ops still waiting.
    await db.syncState.delete(STATE_KEYS.rebuild);
  });
}

/**
 * [C1][C2] Drops what the cache mirrors of the server, except the rows the queued ops change, and
 * shows the ops' effects again at once: a reset must never make a queued change vanish from view
 * until the first pull (which may be a long way off when the server is unreachable). Drops the
 * cursor and asks for a rebuild, so the first pull swaps in the server's whole copy ([P5]) and no
 * kept row outlives it. Must run inside a transaction over ops, syncState and the cache tables.
 */
export async function resetMirroredCache(db: SyncDb, owner: CacheOwner): Promise<void> {
  const before = await loadDraft(db);
  const ops = await liveOps(db);
  const after = baseForQueuedOps(before, ops);
  reapply(after, ops, owner);
  await saveDraft(db, before, after);
  await db.syncState.bulkDelete([STATE_KEYS.cursor, STATE_KEYS.lastSyncedAt]);
  await requestRebuild(db, 'cache-version');
}

export async function readCursor(db: SyncDb): Promise<string | undefined> {
  const row = await db.syncState.get(STATE_KEYS.cursor);
  return typeof row?.value === 'string' ? row.value : undefined;
}

/** [P3] A pull that reached the end of the feed brought every table up to date at `at`. */
export async function markSynced(db: SyncDb, at: string): Promise<void> {
  const value: LastSyncedAt = Object.fromEntries(SYNCED_TABLES.map((t) => [t, at]));
  await db.syncState.put({ key: STATE_KEYS.lastSyncedAt, value });
}

/** [Q7] Puts a failed op back in line and shows its effect again. */
export async function retryOp(db: SyncDb, owner: CacheOwner, id: string): Promise<void> {
  await db.transaction('rw', ['ops', ...CACHE_TABLES], async () => {
    const op = await db.ops.get({ id });
    if (!op || op.status !== 'failed') return;
    const next = retried(op);
    await db.ops.put(next);
    const before = await loadDraft(db);
    const after = cloneDraft(before);
    applyOp(after, next, owner);
    await saveDraft(db, before, after);
  });
}

/**
 * [Q8] Drops a failed op for good. Its effect left the cache when it failed, unless the rebuild
 * that removes it could not reach the server yet: then the discard asks for that rebuild again
 * ([O4]), which the leader runs at once.
 */
export async function discardOp(db: SyncDb, id: string): Promise<void> {
  await db.transaction('rw', db.ops, db.syncState, async () => {
    const op = await db.ops.get({ id });
    if (op?.status !== 'failed') return;
    await db.ops.delete(op.seq!);
    if (await readRebuild(db)) await requestRebuild(db, 'op-failed');
  });
}
