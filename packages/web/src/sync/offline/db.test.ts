import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION, type QueuedOp, deleteSyncDb, openSyncDb } from './db.ts';
import { takeBatch } from './metadata-store.ts';

const env = { indexedDB, IDBKeyRange };
let n = 0;
const freshName = () => `db-test-${Date.now()}-${n++}`;

describe('Dexie schema', () => {
  it('[M1] a version-1 database with queued ops upgrades in place and keeps them', async () => {
    const name = freshName();
    const v1 = openSyncDb(name, env, 1);
    // A version-1 op had no entityKey.
    await v1.table('ops').add({
      id: '00000000-0000-4000-8000-000000000001',
      type: 'project.update',
      payload: { id: 'p1', name: 'Renamed offline' },
      clientVersion: '0.1.0',
      createdAt: '2026-01-01T00:00:00.000Z',
      status: 'pending',
      attempts: 0,
    });
    await v1.table('projects').put({ id: 'p1', name: 'Before' });
    v1.close();

    const latest = openSyncDb(name, env);
    await latest.open();
    expect(latest.verno).toBe(LATEST_SCHEMA_VERSION);
    const [op] = await latest.ops.toArray();
    expect(op).toMatchObject({ status: 'pending', entityKey: 'project:p1' });
    expect(await latest.ops.where('entityKey').equals('project:p1').count()).toBe(1);
    expect((await latest.projects.get('p1'))?.name).toBe('Before');
    // Tables added by version 2 exist and work.
    await latest.settings.put({
      key: 'user',
      value: { theme: 'dark', staleAfterMinutes: 1, showGuidance: true },
    });
    expect((await latest.settings.get('user'))?.value.theme).toBe('dark');
    latest.close();
  });

  it('[M1] version 2 → 3: the queue keeps its order and the next batch is its first pending ops', async () => {
    const name = freshName();
    const v2 = openSyncDb(name, env, 2);
    const op = (i: number, status: QueuedOp['status']): QueuedOp => ({
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      type: 'project.update',
      payload: { id: 'p1', name: `Name ${i}` },
      clientVersion: '0.1.0',
      createdAt: '2026-01-01T00:00:00.000Z',
      status,
      attempts: 0,
      entityKey: 'project:p1',
    });
    // 250 ops; a failed one and one in flight sit ahead of pending ones.
    const statuses = (i: number) => (i === 3 ? 'failed' : i === 5 ? 'syncing' : 'pending');
    await v2.table('ops').bulkAdd(Array.from({ length: 250 }, (_, i) => op(i, statuses(i))));
    v2.close();

    const latest = openSyncDb(name, env);
    const first = await takeBatch(latest);
    const names = (batch: QueuedOp[]) =>
      batch.map((o) => (o.payload as { name: string }).name.slice(5));
    expect(first).toHaveLength(100);
    expect(names(first).slice(0, 5)).toEqual(['0', '1', '2', '4', '6']);
    expect(first.every((o) => o.status === 'syncing')).toBe(true);
    // The batch is marked in flight, so the next one starts after it.
    const second = await takeBatch(latest);
    expect(names(second)[0]).toBe('102');
    expect(await latest.ops.where('status').equals('pending').count()).toBe(48);
    latest.close();
  });

  it('[S1] deleting a user database leaves nothing behind', async () => {
    const name = freshName();
    const db = openSyncDb(name, env);
    await db.projects.put({
      id: 'p1',
      name: 'x',
      description: '',
      role: 'owner',
      memberCount: 1,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
      version: 1,
    });
    db.close();
    await deleteSyncDb(name, env);
    const reopened = openSyncDb(name, env);
    expect(await reopened.projects.count()).toBe(0);
    reopened.close();
  });
});
