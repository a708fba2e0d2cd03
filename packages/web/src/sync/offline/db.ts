import { Dexie, type EntityTable, type Table, type Transaction } from 'dexie';
import type { Member, OpType, Pdf, Project, UserSettings } from '@corates/shared';
import { opEntityKey } from './cache-reducer.ts';

/** A project as cached: the server's row (or the optimistic one until the server answers). */
export type CachedProject = Project;

/** A membership as cached; the key is `[projectId+userId]`. */
export interface CachedMember extends Member {
  projectId: string;
}

/** The signed-in user's settings; a single row under `key: 'user'`. */
export interface CachedSettings {
  key: 'user';
  value: UserSettings;
}

/** A PDF's metadata as the server sent it (never the bytes; those stay in R2). */
export type CachedPdfMeta = Pdf;

/** See SPEC.md [Q1]–[Q4] for the life of an op. `applied` ops leave the queue. */
export type OpQueueStatus = 'pending' | 'syncing' | 'failed';

export interface QueuedOp {
  /** Local order; the queue drains by it. Assigned by IndexedDB. */
  seq?: number;
  /** UUID: the server's idempotency key. */
  id: string;
  type: OpType;
  payload: unknown;
  clientVersion: string;
  createdAt: string;
  status: OpQueueStatus;
  /** Sends that got an answer that was not a result (5xx, 429, a malformed body). */
  attempts: number;
  /** What the server (or the last failed send) said, for the sync panel. */
  error?: { code: string; message: string };
  /** `entity:id` of the row the op changes, so the UI can mark that row pending. */
  entityKey: string;
}

/** Small named values: the pull cursor, per-table `lastSyncedAt`, the loop's phase. */
export interface SyncStateRow {
  key: string;
  value: unknown;
}

export type SyncDb = Dexie & {
  projects: EntityTable<CachedProject, 'id'>;
  memberships: Table<CachedMember, [string, string]>;
  settings: EntityTable<CachedSettings, 'key'>;
  pdfMeta: EntityTable<CachedPdfMeta, 'id'>;
  ops: EntityTable<QueuedOp, 'seq'>;
  syncState: EntityTable<SyncStateRow, 'key'>;
};

/**
 * The schema, one entry per version, forward only (SPEC.md [M1]). Never edit a shipped entry:
 * append a version with the new stores (and an upgrade function when rows must change).
 */
export const SCHEMA_VERSIONS: ReadonlyArray<{
  version: number;
  stores: Record<string, string | null>;
  upgrade?: (tx: Transaction) => Promise<void>;
}> = [
  {
    version: 1,
    stores: {
      projects: 'id',
      memberships: '[projectId+userId], projectId',
      ops: '++seq, &id, status',
      syncState: 'key',
    },
  },
  {
    // Settings and PDF metadata joined the cache; ops gained an index on the row they touch.
    version: 2,
    stores: {
      settings: 'key',
      pdfMeta: 'id, projectId',
      ops: '++seq, &id, status, entityKey',
    },
    async upgrade(tx) {
      await tx
        .table<QueuedOp>('ops')
        .toCollection()
        .modify((op) => {
          op.entityKey ??= entityKeyOf(op.type, op.payload);
        });
    },
  },
  {
    // The queue's next batch is read off this index: the first pending ops in order, without
    // loading the rest of a long offline queue.
    version: 3,
    stores: { ops: '++seq, &id, status, entityKey, [status+seq]' },
  },
];

export const LATEST_SCHEMA_VERSION = SCHEMA_VERSIONS.at(-1)?.version ?? 0;

export interface IndexedDbEnv {
  /** `globalThis.indexedDB` in a browser; `fake-indexeddb`'s in Node. */
  indexedDB: IDBFactory;
  IDBKeyRange: typeof IDBKeyRange;
}

/** Opens (creating or upgrading) a cache database. `upTo` is for migration tests only. */
export function openSyncDb(name: string, env: IndexedDbEnv, upTo = LATEST_SCHEMA_VERSION): SyncDb {
  const db = new Dexie(name, { indexedDB: env.indexedDB, IDBKeyRange: env.IDBKeyRange }) as SyncDb;
  for (const v of SCHEMA_VERSIONS) {
    if (v.version > upTo) break;
    const version = db.version(v.version).stores(v.stores);
    if (v.upgrade) version.upgrade(v.upgrade);
  }
  return db;
}

/** Deletes a cache database (sign-out: SPEC.md [S1]). */
export function deleteSyncDb(name: string, env: IndexedDbEnv): Promise<void> {
  return new Dexie(name, { indexedDB: env.indexedDB, IDBKeyRange: env.IDBKeyRange }).delete();
}

/** The cache database of one user: each user's data lives apart and is wiped as one. */
export function syncDbName(userId: string): string {
  return `corates-metadata-${userId}`;
}

/** `entity:id` of the row an op changes (each op type's `entityKey` in CLIENT_OPS). */
export function entityKeyOf(type: OpType, payload: unknown): string {
  return opEntityKey(type, payload);
}
