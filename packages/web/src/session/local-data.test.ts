import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import {
  type ListableStorage,
  databaseOwner,
  deleteLocalData,
  onSessionEnd,
  storageKeyOwner,
  trashDismissedKey,
  unsyncedDocEdits,
  usersWithLocalData,
} from './local-data.ts';

function memoryListable(): ListableStorage {
  const map = new Map<string, string>();
  return {
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
    keys: () => [...map.keys()],
  };
}

function createDatabase(factory: IDBFactory, name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = factory.open(name, 1);
    request.onupgradeneeded = () => request.result.createObjectStore('rows');
    request.onsuccess = () => {
      request.result.close();
      resolve();
    };
    request.onerror = () => reject(request.error);
  });
}

const ADA = 'u-ada';
const BO = 'u-bo';

/** A device on which Ada and Bo both left data, plus a database that is not CoRATES's. */
async function sharedDevice() {
  const indexedDB = new IDBFactory();
  const storage = memoryListable();
  for (const name of [
    `corates-metadata-${ADA}`,
    `corates-pdf-files-${ADA}`,
    `corates-doc:${ADA}:p1`,
    `corates-doc:${ADA}:p2`,
    // Document model v2: a checklist's own document, named under its project.
    `corates-doc:${ADA}:p1:checklist:c1`,
    `corates-metadata-${BO}`,
    `corates-doc:${BO}:p1`,
    `corates-doc:${BO}:p1:checklist:c2`,
    'workbox-expiration',
  ]) {
    await createDatabase(indexedDB, name);
  }
  storage.setItem(`corates-doc-pending:${ADA}:p1`, '3');
  storage.setItem(`corates-doc-pending:${ADA}:p2`, '0');
  storage.setItem(`corates-doc-pending:${BO}:p1`, '1');
  storage.setItem(`corates-doc-pending:${ADA}:p1:checklist:c1`, '2');
  storage.setItem(`corates-doc-pending:${ADA}:p1:checklist:c1:unsent`, '[]');
  storage.setItem(`corates-trash-dismissed:${ADA}:p1`, '["t1"]');
  storage.setItem(`corates-trash-dismissed:${BO}:p1`, '["t2"]');
  storage.setItem('corates.session.lastUser', JSON.stringify({ id: ADA, name: 'Ada' }));
  storage.setItem('corates.telemetry.clientId', 'c-1');
  return { indexedDB, storage };
}

const names = async (factory: IDBFactory) =>
  (await factory.databases()).map((d) => d.name ?? '').sort();

describe('local data of a user', () => {
  it('names every CoRATES database and storage entry after its user', () => {
    expect(databaseOwner(`corates-metadata-${ADA}`)).toBe(ADA);
    expect(databaseOwner(`corates-pdf-files-${ADA}`)).toBe(ADA);
    expect(databaseOwner(`corates-doc:${ADA}:0192-project`)).toBe(ADA);
    expect(databaseOwner(`corates-doc:${ADA}:0192-project:checklist:0193-c`)).toBe(ADA);
    expect(databaseOwner('workbox-expiration')).toBeUndefined();
    expect(databaseOwner('corates-doc:')).toBeUndefined();
    expect(storageKeyOwner(`corates-doc-pending:${ADA}:p1`, '2')).toBe(ADA);
    expect(storageKeyOwner(trashDismissedKey(ADA, 'p1'), '[]')).toBe(ADA);
    expect(storageKeyOwner('corates.session.lastUser', JSON.stringify({ id: BO }))).toBe(BO);
    expect(storageKeyOwner('corates.session.lastUser', 'not json')).toBeUndefined();
    expect(storageKeyOwner('corates.telemetry.clientId', 'c-1')).toBeUndefined();
  });

  it('[S1] wiping a user deletes all their databases, documents included, and nothing else', async () => {
    const device = await sharedDevice();
    expect(await usersWithLocalData(device)).toEqual(new Set([ADA, BO]));
    const deleted = await deleteLocalData(device, (user) => user === ADA);
    expect(deleted.sort()).toEqual([
      `corates-doc:${ADA}:p1`,
      `corates-doc:${ADA}:p1:checklist:c1`,
      `corates-doc:${ADA}:p2`,
      `corates-metadata-${ADA}`,
      `corates-pdf-files-${ADA}`,
    ]);
    expect(await names(device.indexedDB)).toEqual([
      `corates-doc:${BO}:p1`,
      `corates-doc:${BO}:p1:checklist:c2`,
      `corates-metadata-${BO}`,
      'workbox-expiration',
    ]);
    expect(device.storage.keys().sort()).toEqual([
      `corates-doc-pending:${BO}:p1`,
      `corates-trash-dismissed:${BO}:p1`,
      'corates.telemetry.clientId',
    ]);
  });

  it('[S2] another user signing in deletes what every other user left', async () => {
    const device = await sharedDevice();
    await deleteLocalData(device, (user) => user !== BO);
    expect(await usersWithLocalData(device)).toEqual(new Set([BO]));
    expect(await names(device.indexedDB)).toContain('workbox-expiration');
  });

  it('[S1] counts a user’s document edits not yet on the server, checklist documents too', async () => {
    const device = await sharedDevice();
    expect(unsyncedDocEdits(device.storage, ADA)).toBe(5);
    expect(unsyncedDocEdits(device.storage, BO)).toBe(1);
    expect(unsyncedDocEdits(device.storage, 'u-nobody')).toBe(0);
  });

  it('[S1][S3] a deliberate sign-out wipes everything; an ended session keeps unsynced work', () => {
    expect(onSessionEnd({ deliberate: true, unsynced: 5 })).toBe('wipe');
    expect(onSessionEnd({ deliberate: true, unsynced: 0 })).toBe('wipe');
    expect(onSessionEnd({ deliberate: false, unsynced: 0 })).toBe('wipe');
    expect(onSessionEnd({ deliberate: false, unsynced: 1 })).toBe('keep');
  });
});
