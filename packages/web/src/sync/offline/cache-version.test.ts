import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { DEFAULT_USER_SETTINGS } from '@corates/shared';
import { applyCacheVersion } from './cache-version.ts';
import { type QueuedOp, openSyncDb } from './db.ts';
import { STATE_KEYS, readRebuild } from './metadata-store.ts';

const env = { indexedDB, IDBKeyRange };
let n = 0;

const PROJECT = {
  id: 'p1',
  name: 'Cached',
  description: '',
  role: 'owner' as const,
  memberCount: 2,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  version: 1,
};
const CREATED = '33333333-3333-4333-8333-333333333333';
const OTHER = { ...PROJECT, id: 'p2', name: 'Not queued' };
const me = { id: 'u-me', name: 'Me', email: 'me@example.org' };
const member = (projectId: string, userId: string) => ({
  projectId,
  userId,
  name: userId,
  email: `${userId}@example.org`,
  role: userId === me.id ? ('owner' as const) : ('editor' as const),
  joinedAt: '2026-01-01T00:00:00.000Z',
});

const queued = (n: number, type: QueuedOp['type'], payload: unknown): QueuedOp => ({
  id: `00000000-0000-4000-8000-00000000000${n}`,
  type,
  payload,
  clientVersion: '0.1.0',
  createdAt: '2026-01-02T00:00:00.000Z',
  status: 'pending',
  attempts: 0,
  entityKey: 'project:p1',
});

async function filledDb() {
  const db = openSyncDb(`cache-version-${Date.now()}-${n++}`, env);
  await db.projects.bulkPut([PROJECT, OTHER]);
  await db.memberships.bulkPut([member('p1', me.id), member('p1', 'u-ed'), member('p2', me.id)]);
  await db.ops.add(queued(1, 'project.update', { id: 'p1', name: 'Queued' }));
  await db.syncState.put({ key: STATE_KEYS.cursor, value: '42' });
  return db;
}

describe('[C1] cache version', () => {
  it('[C1] a changed cacheVersion clears the mirrored rows and the cursor, never the queue', async () => {
    const db = await filledDb();
    expect(await applyCacheVersion(db, '1', me)).toBe(false);
    expect(await applyCacheVersion(db, '2', me)).toBe(true);
    expect(await db.projects.get('p2')).toBeUndefined();
    expect(await db.memberships.where('projectId').equals('p2').count()).toBe(0);
    expect(await db.syncState.get(STATE_KEYS.cursor)).toBeUndefined();
    expect(await db.ops.count()).toBe(1);
    // Once reset, the same version is current.
    await db.projects.put(OTHER);
    expect(await applyCacheVersion(db, '2', me)).toBe(false);
    expect(await db.projects.count()).toBe(2);
    db.close();
  });

  it('an unknown version (offline boot) or the first recorded one changes nothing', async () => {
    const db = await filledDb();
    expect(await applyCacheVersion(db, undefined, me)).toBe(false);
    expect(await applyCacheVersion(db, '7', me)).toBe(false);
    expect(await db.projects.count()).toBe(2);
    expect((await db.syncState.get(STATE_KEYS.cursor))?.value).toBe('42');
    db.close();
  });

  it('[C2] the queued changes still show at once after a reset: their rows stay, with the effects on top', async () => {
    const db = await filledDb();
    await db.ops.add(queued(2, 'project.create', { id: CREATED, name: 'Created offline' }));
    await db.ops.add(queued(3, 'project.update', { id: 'p2', name: 'Refused' }));
    await db.ops
      .where('id')
      .equals(queued(3, 'project.update', {}).id)
      .modify({ status: 'failed' });
    await db.settings.put({
      key: 'user',
      value: { ...DEFAULT_USER_SETTINGS, staleAfterMinutes: 9 },
    });
    await db.ops.add(queued(4, 'settings.update', { changes: { theme: 'dark' } }));
    await applyCacheVersion(db, '1', me);
    expect(await applyCacheVersion(db, '2', me)).toBe(true);
    // The renamed project, with its members (so its member count still adds up).
    expect(await db.projects.get('p1')).toMatchObject({ name: 'Queued', memberCount: 2 });
    expect(await db.memberships.where('projectId').equals('p1').count()).toBe(2);
    // A project created offline, and the settings changed offline on their old base.
    expect((await db.projects.get(CREATED))?.name).toBe('Created offline');
    expect((await db.settings.get('user'))?.value).toMatchObject({
      theme: 'dark',
      staleAfterMinutes: 9,
    });
    // A failed op keeps nothing ([O1]); the first pull must swap the server's copy in ([P5]).
    expect(await db.projects.get('p2')).toBeUndefined();
    expect((await readRebuild(db))?.reason).toBe('cache-version');
    db.close();
  });

  it('[C2] a kept row that no longer parses is dropped: the new version may mean a new shape', async () => {
    const db = await filledDb();
    await db.projects.put({ ...PROJECT, memberCount: -1 });
    await applyCacheVersion(db, '1', me);
    await applyCacheVersion(db, '2', me);
    expect(await db.projects.get('p1')).toBeUndefined();
    expect(await db.ops.count()).toBe(1);
    db.close();
  });
});
