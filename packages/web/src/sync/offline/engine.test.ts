import { Dexie } from 'dexie';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import type { Change, OpEnvelope, OpResult, Project } from '@corates/shared';
import { applyCacheVersion } from './cache-version.ts';
import { openSyncDb } from './db.ts';
import { type Clock, type SyncEngine, createSyncEngine } from './engine.ts';
import { singleInstanceLeader } from './leader.ts';

// The engine against a scripted in-memory stand-in for the two sync routes. The real server's
// behaviour is covered by packages/workers/test/sync.worker.test.ts and the browser test.

const me = { id: 'u-me', name: 'Me', email: 'me@example.org' };
const AT = '2026-01-01T00:00:00.000Z';

class FakeServer {
  mode: 'up' | 'down' | number = 'up';
  /** The same, for one route only (the other keeps answering). */
  opsMode: 'up' | 'down' | number = 'up';
  pullMode: 'up' | 'down' | number = 'up';
  pulls = 0;
  projects = new Map<string, Project>();
  log: Change[] = [];
  seen = new Map<string, OpResult>();
  batches: string[][] = [];
  /** Op types to refuse, with the code. */
  refuse = new Map<string, string>();

  fetch = async (url: string, init?: RequestInit): Promise<Response> => {
    if (this.mode === 'down') throw new TypeError('fetch failed');
    if (typeof this.mode === 'number') {
      return Response.json({ error: { code: 'INTERNAL', message: 'no' } }, { status: this.mode });
    }
    const u = new URL(url);
    const routeMode = u.pathname === '/api/sync/ops' ? this.opsMode : this.pullMode;
    if (routeMode === 'down') throw new TypeError('fetch failed');
    if (typeof routeMode === 'number') {
      return Response.json({ error: { code: 'INTERNAL', message: 'no' } }, { status: routeMode });
    }
    if (u.pathname === '/api/sync/ops') {
      const { ops } = JSON.parse(String(init?.body)) as { ops: OpEnvelope[] };
      this.batches.push(ops.map((o) => o.id));
      const results = ops.map((op) => this.run(op));
      return Response.json({ results, checkpoint: String(this.log.length) });
    }
    this.pulls += 1;
    const since = Number(u.searchParams.get('since'));
    const limit = Number(u.searchParams.get('limit'));
    const page = this.log.slice(since, since + limit);
    return Response.json({
      changes: page,
      checkpoint: String(since + page.length),
      hasMore: since + page.length < this.log.length,
    });
  };

  private run(op: OpEnvelope): OpResult {
    const first = this.seen.get(op.id);
    if (first) return { ...first, status: 'duplicate' };
    const code = this.refuse.get(op.type);
    const result: OpResult = code
      ? {
          id: op.id,
          status: 'rejected',
          code: code as OpResult['code'],
          message: `refused: ${code}`,
        }
      : { id: op.id, status: 'applied' };
    if (!code) this.apply(op);
    this.seen.set(op.id, result);
    return result;
  }

  upsert(project: Project) {
    this.projects.set(project.id, project);
    this.log.push({
      entity: 'project',
      id: project.id,
      op: 'upsert',
      row: project,
      version: this.log.length + 1,
    });
  }

  private apply(op: OpEnvelope) {
    const p = op.payload as { id: string; name?: string };
    const current = this.projects.get(p.id);
    if (op.type === 'project.create') {
      this.upsert({
        id: p.id,
        name: p.name ?? '',
        description: '',
        role: 'owner',
        memberCount: 1,
        createdAt: AT,
        updatedAt: AT,
        version: 1,
      });
    } else if (op.type === 'project.update' && current) {
      this.upsert({ ...current, name: p.name ?? current.name, version: current.version + 1 });
    }
  }
}

/** Timers that only fire when the test says so. */
function manualClock(): Clock & { fire(): void; pending: number } {
  const timers = new Map<number, () => void>();
  let next = 0;
  return {
    now: () => Date.parse(AT),
    setTimeout(fn) {
      timers.set(++next, fn);
      return next;
    },
    clearTimeout(h) {
      timers.delete(h as number);
    },
    fire() {
      const fns = [...timers.values()];
      timers.clear();
      for (const fn of fns) fn();
    },
    get pending() {
      return timers.size;
    },
  };
}

// Live queries (how one tab hears another's writes) only run where Dexie sees an IndexedDB.
Dexie.dependencies.indexedDB = indexedDB;
Dexie.dependencies.IDBKeyRange = IDBKeyRange;

let engine: SyncEngine | undefined;
afterEach(async () => {
  await engine?.stop();
  engine?.db.close();
});

let n = 0;
let ids = 0;
function setup(server: FakeServer, extra: Partial<Parameters<typeof createSyncEngine>[0]> = {}) {
  const db = openSyncDb(`engine-test-${Date.now()}-${n++}`, { indexedDB, IDBKeyRange });
  engine = createSyncEngine({
    db,
    owner: me,
    transport: { fetch: server.fetch, baseUrl: 'http://sync.test', clientVersion: '0.1.0' },
    clock: manualClock(),
    random: () => 0.5,
    newId: () => `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`,
    leader: singleInstanceLeader,
    ...extra,
  });
  return engine;
}

const pid = (i: number) => `22222222-2222-4222-8222-${String(i).padStart(12, '0')}`;

describe('sync engine', () => {
  it('[Q1][Q4] offline: the change shows at once, stays pending, spends no attempt', async () => {
    const server = new FakeServer();
    server.mode = 'down';
    const e = setup(server);
    e.start();
    await e.enqueue({ type: 'project.create', payload: { id: pid(1), name: 'Offline project' } });
    await e.flush();
    expect((await e.db.projects.get(pid(1)))?.name).toBe('Offline project');
    const status = await e.status();
    expect(status).toMatchObject({ pending: 1, syncing: 0, failed: 0 });
    expect(status.loop?.phase).toBe('offline');
    expect((await e.db.ops.toArray())[0]?.attempts).toBe(0);
  });

  it('[Q2][P2] back online: the queue drains in order, in batches of 100, and the cache is the server', async () => {
    const server = new FakeServer();
    server.mode = 'down';
    const e = setup(server, { pullLimit: 40 });
    e.start();
    for (let i = 1; i <= 150; i++) {
      await e.enqueue({ type: 'project.create', payload: { id: pid(i), name: `P${i}` } });
    }
    await e.enqueue({ type: 'project.update', payload: { id: pid(1), name: 'Renamed' } });
    server.mode = 'up';
    await e.flush();
    expect(server.batches.map((b) => b.length)).toEqual([100, 51]);
    const sent = server.batches.flat();
    expect(sent).toEqual([...sent].sort());
    expect(server.projects.get(pid(1))?.name).toBe('Renamed');
    const status = await e.status();
    expect(status).toMatchObject({ pending: 0, syncing: 0, failed: 0, stale: [] });
    expect(await e.db.projects.count()).toBe(150);
    // The cache now holds the server's rows (version from the server, not the guess's 0).
    expect(await e.db.projects.get(pid(1))).toMatchObject({ name: 'Renamed', version: 2 });
    expect(await e.db.syncState.get('cursor')).toEqual({ key: 'cursor', value: '151' });
  });

  it('[Q3] resending an op the server already applied changes nothing', async () => {
    const server = new FakeServer();
    const e = setup(server);
    e.start();
    await e.enqueue({ type: 'project.create', payload: { id: pid(1), name: 'Once' } });
    await e.flush();
    // Simulate a lost answer: put the same op back in the queue.
    const [id] = server.batches.flat();
    await e.db.ops.add({
      id: id!,
      type: 'project.create',
      payload: { id: pid(1), name: 'Once' },
      clientVersion: '0.1.0',
      createdAt: AT,
      status: 'pending',
      attempts: 0,
      entityKey: `project:${pid(1)}`,
    });
    await e.flush();
    expect(server.log.filter((c) => c.id === pid(1))).toHaveLength(1);
    expect((await e.status()).pending).toBe(0);
  });

  it('[Q3][P5][Q8] a refused op fails with the reason, leaves the cache, and can be discarded', async () => {
    const server = new FakeServer();
    server.upsert({
      id: pid(1),
      name: 'Kept',
      description: '',
      role: 'owner',
      memberCount: 1,
      createdAt: AT,
      updatedAt: AT,
      version: 1,
    });
    const e = setup(server);
    e.start();
    await e.flush();
    server.refuse.set('project.delete', 'FORBIDDEN');
    await e.enqueue({ type: 'project.delete', payload: { id: pid(1) } });
    await e.flush();
    const status = await e.status();
    expect(status.failed).toBe(1);
    expect(status.failedOps[0]?.error).toEqual({
      code: 'FORBIDDEN',
      message: 'refused: FORBIDDEN',
    });
    expect((await e.db.projects.get(pid(1)))?.name).toBe('Kept');
    await e.discard(status.failedOps[0]!.id);
    expect((await e.status()).failed).toBe(0);
  });

  it('[Q7] retry re-applies the change and sends it again', async () => {
    const server = new FakeServer();
    server.upsert({
      id: pid(1),
      name: 'Old',
      description: '',
      role: 'owner',
      memberCount: 1,
      createdAt: AT,
      updatedAt: AT,
      version: 1,
    });
    const e = setup(server);
    e.start();
    await e.flush();
    server.refuse.set('project.update', 'INTERNAL');
    const op = await e.enqueue({ type: 'project.update', payload: { id: pid(1), name: 'New' } });
    await e.flush();
    expect((await e.db.projects.get(pid(1)))?.name).toBe('Old');
    server.refuse.clear();
    server.seen.clear();
    await e.retry(op.id);
    expect((await e.db.projects.get(pid(1)))?.name).toBe('New');
    await e.flush();
    expect(server.projects.get(pid(1))?.name).toBe('New');
    expect((await e.status()).failed).toBe(0);
  });

  it('[Q4][Q5] server errors spend attempts and back off; the cap fails the op', async () => {
    const server = new FakeServer();
    server.mode = 503;
    const clock = manualClock();
    const e = setup(server, { clock, maxAttempts: 3 });
    e.start();
    await e.enqueue({ type: 'settings.update', payload: { changes: { theme: 'dark' } } });
    await e.flush();
    let status = await e.status();
    expect(status.loop?.phase).toBe('retrying');
    expect(clock.pending).toBe(1); // the backoff timer
    await e.flush();
    await e.flush();
    status = await e.status();
    expect(status.failed).toBe(1);
    expect(status.failedOps[0]).toMatchObject({ attempts: 3, error: { code: 'INTERNAL' } });
  });

  it('[Q6] 401 pauses until resume; nothing is lost', async () => {
    const server = new FakeServer();
    server.mode = 401;
    let told = 0;
    const e = setup(server, { onUnauthenticated: () => told++ });
    e.start();
    await e.enqueue({ type: 'project.create', payload: { id: pid(1), name: 'Waits' } });
    await e.flush();
    expect(told).toBeGreaterThan(0);
    expect((await e.status()).loop?.phase).toBe('paused-auth');
    server.mode = 'up';
    await e.flush(); // still paused: nothing sent
    expect(server.batches).toHaveLength(0);
    e.resume();
    await e.flush();
    expect(server.projects.get(pid(1))?.name).toBe('Waits');
  });

  it('[Q6] 426 hands over to the upgrade flow and keeps the ops queued', async () => {
    const server = new FakeServer();
    const e = setup(server, {
      onUpgradeRequired: (min) => upgrades.push(min),
      transport: {
        baseUrl: 'http://sync.test',
        clientVersion: '0.1.0',
        fetch: async () =>
          Response.json(
            {
              error: {
                code: 'CLIENT_TOO_OLD',
                message: 'old',
                details: { minSupportedClient: '9.0.0' },
              },
            },
            { status: 426 },
          ),
      },
    });
    const upgrades: Array<string | undefined> = [];
    e.start();
    await e.enqueue({
      type: 'project.create',
      payload: { id: pid(1), name: 'Kept for the new build' },
    });
    await e.flush();
    expect(upgrades).toContain('9.0.0');
    expect(await e.status()).toMatchObject({ pending: 1, loop: { phase: 'paused-upgrade' } });
  });

  it('[Q6] a restart resends ops left in flight', async () => {
    const server = new FakeServer();
    const e = setup(server);
    await e.db.ops.add({
      id: '00000000-0000-4000-8000-00000000abcd',
      type: 'project.create',
      payload: { id: pid(7), name: 'Was in flight' },
      clientVersion: '0.1.0',
      createdAt: AT,
      status: 'syncing',
      attempts: 0,
      entityKey: `project:${pid(7)}`,
    });
    e.start();
    await e.flush();
    expect(server.projects.get(pid(7))?.name).toBe('Was in flight');
  });

  it('[P4] a tombstone for a project removes it from the cache', async () => {
    const server = new FakeServer();
    server.upsert({
      id: pid(1),
      name: 'Shared',
      description: '',
      role: 'editor',
      memberCount: 2,
      createdAt: AT,
      updatedAt: AT,
      version: 1,
    });
    const e = setup(server);
    e.start();
    await e.flush();
    await e.db.pdfMeta.put({
      id: 'f1',
      projectId: pid(1),
      studyId: 's1',
      fileName: 'a.pdf',
      size: 1,
      tag: 'primary',
      uploadedBy: 'u1',
      createdAt: AT,
      updatedAt: AT,
      version: 1,
    });
    server.log.push({ entity: 'project', id: pid(1), op: 'delete', version: 9 });
    await e.flush();
    expect(await e.db.projects.count()).toBe(0);
    expect(await e.db.pdfMeta.count()).toBe(0);
  });
});

const serverProject = (name: string): Project => ({
  id: pid(1),
  name,
  description: '',
  role: 'owner',
  memberCount: 1,
  createdAt: AT,
  updatedAt: AT,
  version: 1,
});

/** An engine whose rename of `Server name` the server keeps answering with 503 until given up. */
async function givenUp(
  server: FakeServer,
  clock: ReturnType<typeof manualClock>,
  feed: 'up' | 'down' = 'up',
) {
  server.upsert(serverProject('Server name'));
  const e = setup(server, { clock, maxAttempts: 3 });
  e.start();
  await e.flush();
  server.opsMode = 503;
  if (feed === 'down') server.pullMode = 503;
  const op = await e.enqueue({ type: 'project.update', payload: { id: pid(1), name: 'Guess' } });
  expect((await e.db.projects.get(pid(1)))?.name).toBe('Guess');
  for (let i = 0; i < 3; i++) await e.flush();
  expect((await e.status()).failed).toBe(1);
  return { e, op };
}

describe('[O4] a failed or discarded op leaves the cache at once', () => {
  it('[O4][Q5] giving an op up rebuilds the cache from the server before backing off', async () => {
    const server = new FakeServer();
    const clock = manualClock();
    const { e } = await givenUp(server, clock);
    // No timer has fired: the give-up itself brought the server's copy.
    expect((await e.db.projects.get(pid(1)))?.name).toBe('Server name');
    expect((await e.status()).awaitingServerCopy).toBe(false);
  });

  it('[O4][Q8] a discard rebuilds at once when the give-up could not, without resending anything', async () => {
    const server = new FakeServer();
    const clock = manualClock();
    const { e, op } = await givenUp(server, clock, 'down');
    // The server could not say what it has: the guess still shows, and the panel knows it.
    expect((await e.db.projects.get(pid(1)))?.name).toBe('Guess');
    expect((await e.status()).awaitingServerCopy).toBe(true);
    server.pullMode = 'up';
    const sent = server.batches.length;
    await e.discard(op.id);
    expect((await e.db.projects.get(pid(1)))?.name).toBe('Server name');
    const status = await e.status();
    expect(status).toMatchObject({ failed: 0, pending: 0, awaitingServerCopy: false });
    expect(server.batches).toHaveLength(sent);
    // The backoff the op route earned still stands, and its phase is shown again.
    expect(status.loop?.phase).toBe('retrying');
    expect(clock.pending).toBe(1);
  });

  it('[O4][Q8] a discard while the server is unreachable keeps saying so until its copy arrives', async () => {
    const server = new FakeServer();
    const clock = manualClock();
    const { e, op } = await givenUp(server, clock, 'down');
    await e.discard(op.id);
    expect(await e.status()).toMatchObject({ failed: 0, pending: 0, awaitingServerCopy: true });
    server.pullMode = 'up';
    server.opsMode = 'up';
    clock.fire(); // the backoff timer
    await e.flush();
    expect((await e.db.projects.get(pid(1)))?.name).toBe('Server name');
    expect((await e.status()).awaitingServerCopy).toBe(false);
  });

  it('[O4][Q8] a second give-up and discard in the same session corrects at once too', async () => {
    const server = new FakeServer();
    const clock = manualClock();
    const { e, op } = await givenUp(server, clock, 'down');
    server.pullMode = 'up';
    await e.discard(op.id);
    expect((await e.db.projects.get(pid(1)))?.name).toBe('Server name');
    server.pullMode = 503;
    const again = await e.enqueue({
      type: 'project.update',
      payload: { id: pid(1), name: 'Guess again' },
    });
    for (let i = 0; i < 3; i++) await e.flush();
    expect((await e.db.projects.get(pid(1)))?.name).toBe('Guess again');
    server.pullMode = 'up';
    await e.discard(again.id);
    expect((await e.db.projects.get(pid(1)))?.name).toBe('Server name');
  });

  it('[O4] a rebuild still owed survives a restart', async () => {
    const server = new FakeServer();
    const { e } = await givenUp(server, manualClock(), 'down');
    await e.stop();
    server.pullMode = 'up';
    const again = createSyncEngine({
      db: e.db,
      owner: me,
      transport: { fetch: server.fetch, baseUrl: 'http://sync.test', clientVersion: '0.1.0' },
      clock: manualClock(),
      random: () => 0.5,
      leader: singleInstanceLeader,
    });
    engine = again;
    again.start();
    await again.flush();
    expect((await again.db.projects.get(pid(1)))?.name).toBe('Server name');
    expect((await again.status()).awaitingServerCopy).toBe(false);
  });

  it('[O4][L1] a discard in a tab that does not lead wakes the leader’s rebuild', async () => {
    const server = new FakeServer();
    const clock = manualClock();
    const { e, op } = await givenUp(server, clock, 'down');
    server.pullMode = 'up';
    const follower = createSyncEngine({
      db: e.db,
      owner: me,
      transport: { fetch: server.fetch, baseUrl: 'http://sync.test', clientVersion: '0.1.0' },
      clock: manualClock(),
      leader: { acquire: () => () => undefined },
    });
    follower.start();
    const pulls = server.pulls;
    await follower.discard(op.id);
    for (let i = 0; i < 100 && (await e.db.projects.get(pid(1)))?.name !== 'Server name'; i++) {
      await new Promise((r) => setTimeout(r, 10));
    }
    expect((await e.db.projects.get(pid(1)))?.name).toBe('Server name');
    expect(server.pulls).toBeGreaterThan(pulls);
    expect(follower.isLeader()).toBe(false);
    await follower.stop();
  });

  it('[P5][O4] a refused op still leaves the cache in the same cycle', async () => {
    const server = new FakeServer();
    server.upsert(serverProject('Server name'));
    const e = setup(server);
    e.start();
    await e.flush();
    server.refuse.set('project.update', 'FORBIDDEN');
    await e.enqueue({ type: 'project.update', payload: { id: pid(1), name: 'Guess' } });
    await e.flush();
    expect((await e.db.projects.get(pid(1)))?.name).toBe('Server name');
    expect(await e.status()).toMatchObject({ failed: 1, awaitingServerCopy: false });
  });
});

describe('[C2] a cacheVersion reset', () => {
  it('[C1][C2] the queued rename shows at once while the server is unreachable; the first pull swaps in the server’s copy', async () => {
    const server = new FakeServer();
    server.upsert(serverProject('Server name'));
    const e = setup(server);
    e.start();
    await e.flush();
    await applyCacheVersion(e.db, '1', me);
    server.mode = 'down';
    await e.enqueue({ type: 'project.update', payload: { id: pid(1), name: 'Queued rename' } });
    // A row the server no longer has (and will send no tombstone for), with a queued change.
    await e.db.projects.put({ ...serverProject('Ghost'), id: pid(9) });
    await e.enqueue({ type: 'project.update', payload: { id: pid(9), name: 'Ghost renamed' } });

    expect(await applyCacheVersion(e.db, '2', me)).toBe(true);
    expect((await e.db.projects.get(pid(1)))?.name).toBe('Queued rename');
    await e.flush(); // still unreachable
    expect((await e.db.projects.get(pid(1)))?.name).toBe('Queued rename');
    expect(await e.status()).toMatchObject({ pending: 2, awaitingServerCopy: true });

    server.mode = 'up';
    await e.flush();
    expect(await e.db.projects.get(pid(1))).toMatchObject({ name: 'Queued rename', version: 2 });
    expect(await e.db.projects.get(pid(9))).toBeUndefined();
    expect(await e.status()).toMatchObject({ pending: 0, awaitingServerCopy: false });
  });
});
