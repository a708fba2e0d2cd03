import type { KeyValueStorage } from './remembered-user.ts';

// Everything CoRATES keeps on this device is named after the user it belongs to, so one place can
// find and delete all of it (SPEC.md [S1]–[S3] in sync/offline):
//   corates-metadata-<user>            IndexedDB: the metadata cache and the op queue (Dexie)
//   corates-pdf-files-<user>           IndexedDB: the kept PDF files
//   corates-doc:<user>:<project>       IndexedDB: a project's document (y-indexeddb)
//   corates-doc-pending:<user>:<proj>  localStorage: document edits not yet on the server
//   corates-trash-dismissed:<user>:<proj>  localStorage: trash notices the user dismissed
//   corates.session.lastUser           localStorage: the last user the server confirmed
// This module is plain (no DOM, no Solid): Node tests run it over fake-indexeddb.

const OWNED_DATABASES: RegExp[] = [
  /^corates-metadata-(.+)$/,
  /^corates-pdf-files-(.+)$/,
  /^corates-doc:([^:]+):.+$/,
];
const DOC_PENDING_KEY = /^corates-doc-pending:([^:]+):.+$/;
const USER_KEYS: RegExp[] = [DOC_PENDING_KEY, /^corates-trash-dismissed:([^:]+):.+$/];
const REMEMBERED_USER_KEY = 'corates.session.lastUser';

/** The user a CoRATES IndexedDB database belongs to; undefined for any other database. */
export function databaseOwner(name: string): string | undefined {
  for (const pattern of OWNED_DATABASES) {
    const match = pattern.exec(name);
    if (match) return match[1];
  }
  return undefined;
}

/** The user a CoRATES localStorage entry belongs to; undefined for entries of no one user. */
export function storageKeyOwner(key: string, value: string | null): string | undefined {
  for (const pattern of USER_KEYS) {
    const match = pattern.exec(key);
    if (match) return match[1];
  }
  if (key === REMEMBERED_USER_KEY && value) {
    try {
      const id = (JSON.parse(value) as { id?: unknown } | null)?.id;
      return typeof id === 'string' ? id : undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** Where the trash notices a user dismissed in a project are remembered (issue 20). */
export const trashDismissedKey = (userId: string, projectId: string) =>
  `corates-trash-dismissed:${userId}:${projectId}`;

/** localStorage, or a twin in tests, with its keys listable. */
export interface ListableStorage extends KeyValueStorage {
  keys(): string[];
}

export function listable(storage: Storage): ListableStorage {
  return {
    getItem: (k) => storage.getItem(k),
    setItem: (k, v) => storage.setItem(k, v),
    removeItem: (k) => storage.removeItem(k),
    keys: () => Object.keys(storage),
  };
}

export interface LocalDataEnv {
  indexedDB: IDBFactory;
  storage: ListableStorage;
}

/** Users with anything on this device. */
export async function usersWithLocalData(env: LocalDataEnv): Promise<Set<string>> {
  const users = new Set<string>();
  for (const db of await env.indexedDB.databases()) {
    const owner = db.name ? databaseOwner(db.name) : undefined;
    if (owner) users.add(owner);
  }
  for (const key of env.storage.keys()) {
    const owner = storageKeyOwner(key, env.storage.getItem(key));
    if (owner) users.add(owner);
  }
  return users;
}

function deleteDatabase(factory: IDBFactory, name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = factory.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error ?? new Error(`could not delete ${name}`));
    // Blocked: a connection is still open somewhere. The deletion goes ahead once it closes
    // (Dexie closes on `versionchange`), and success fires then.
  });
}

/**
 * Deletes every database and storage entry of the users `whose` selects; returns the database
 * names deleted. Databases that are not CoRATES's, and other users' data, are never touched.
 */
export async function deleteLocalData(
  env: LocalDataEnv,
  whose: (userId: string) => boolean,
): Promise<string[]> {
  const names = (await env.indexedDB.databases())
    .map((db) => db.name ?? '')
    .filter((name) => {
      const owner = databaseOwner(name);
      return owner !== undefined && whose(owner);
    });
  await Promise.all(names.map((name) => deleteDatabase(env.indexedDB, name)));
  for (const key of env.storage.keys()) {
    const owner = storageKeyOwner(key, env.storage.getItem(key));
    if (owner !== undefined && whose(owner)) env.storage.removeItem(key);
  }
  return names;
}

/** Document edits of this user not yet known to be on the server, over all their projects. */
export function unsyncedDocEdits(storage: ListableStorage, userId: string): number {
  let total = 0;
  for (const key of storage.keys()) {
    if (DOC_PENDING_KEY.exec(key)?.[1] !== userId) continue;
    const n = Number(storage.getItem(key));
    if (Number.isFinite(n) && n > 0) total += n;
  }
  return total;
}

/**
 * What to do with a user's data when their session ends (SPEC.md [S1], [S3]): a deliberate
 * sign-out deletes everything; a session that ended on its own (it expired: the app cannot tell
 * that from a sign-out in another tab) keeps the data while any of it is unsynced, so the same
 * user gets it back on their next sign-in.
 */
export function onSessionEnd(input: { deliberate: boolean; unsynced: number }): 'wipe' | 'keep' {
  return input.deliberate || input.unsynced === 0 ? 'wipe' : 'keep';
}
