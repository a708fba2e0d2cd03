import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { applyCacheVersion } from './cache-version.ts';
import { openSyncDb } from './db.ts';
import { STATE_KEYS } from './metadata-store.ts';

const env = { indexedDB, IDBKeyRange };
let n = 0;

const PROJECT = {
  id: 'p1',
  name: 'Cached',
  description: '',
  role: 'owner' as const,
  memberCount: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  version: 1,
};

async function filledDb() {
  const db = openSyncDb(`cache-version-${Date.now()}-${n++}`, env);
  await db.projects.put(PROJECT);
  await db.ops.add({
    id: '00000000-0000-4000-8000-000000000001',
    type: 'project.update',
    payload: { id: 'p1', name: 'Queued' },
    clientVersion: '0.1.0',
    createdAt: '2026-01-01T00:00:00.000Z',
    status: 'pending',
    attempts: 0,
    entityKey: 'project:p1',
  });
  await db.syncState.put({ key: STATE_KEYS.cursor, value: '42' });
  return db;
}

describe('[C1] cache version', () => {
  it('a changed cacheVersion clears the mirrored tables and the cursor, never the queue', async () => {
    const db = await filledDb();
    expect(await applyCacheVersion(db, '1')).toBe(false);
    expect(await applyCacheVersion(db, '2')).toBe(true);
    expect(await db.projects.count()).toBe(0);
    expect(await db.syncState.get(STATE_KEYS.cursor)).toBeUndefined();
    expect(await db.ops.count()).toBe(1);
    // Once reset, the same version is current.
    await db.projects.put(PROJECT);
    expect(await applyCacheVersion(db, '2')).toBe(false);
    expect(await db.projects.count()).toBe(1);
    db.close();
  });

  it('an unknown version (offline boot) or the first recorded one changes nothing', async () => {
    const db = await filledDb();
    expect(await applyCacheVersion(db, undefined)).toBe(false);
    expect(await applyCacheVersion(db, '7')).toBe(false);
    expect(await db.projects.count()).toBe(1);
    expect((await db.syncState.get(STATE_KEYS.cursor))?.value).toBe('42');
    db.close();
  });
});
