/// <reference lib="dom" />
// (The engine under test is browser code: it needs the IndexedDB types.)
// Issue 4, chaos: the real sync engine (Node, fake-indexeddb) against the real app (wrangler dev,
// local D1) through a proxy that drops requests and answers, duplicates, delays and reorders,
// while the server is killed and restarted mid-replay. Thousands of random ops from several
// clients who share projects as owner/editor/viewer. Then:
//   (1) no op took effect twice, (2) the server's state equals a model that replays every op in
//   the server's order under the documented rules, (3) every client's cache equals the server,
//   (4) nothing queued was lost: every op is applied, or failed with the server's own code.
//
// The proxy forwards one ops batch at a time (a duplicated request and its copy race each other),
// so the order of applied_ops rows is the order the server ran the ops in: the model needs that
// order to be exact. Everything else (reorder, delay, drops) still happens before that point.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import {
  OP_TYPES,
  type OpResult,
  type OpType,
  ROLES,
  type Role,
  type UserSettings,
} from '@corates/shared';
import {
  createSyncEngine,
  openSyncDb,
  syncDbName,
  type SyncEngine,
} from '../src/sync/offline/index.ts';
import type { NewOp } from '../src/sync/offline/index.ts';
import {
  type FaultProxy,
  NO_FAULTS,
  seededRandom,
  startFaultProxy,
} from './support/fault-proxy.ts';
import {
  type ModelProject,
  type ModelUser,
  SyncModel,
  type UserView,
} from './support/sync-model.ts';
import { freePort } from '@corates/bench-kit/free-port';
import { type WorkerProcess, queryLocalD1, workerProcess } from './support/worker-process.ts';

const SEED = Number(process.env.CHAOS_SEED ?? 20261122);
const TOTAL_OPS = Number(process.env.CHAOS_OPS ?? 2000);
const RESTART_AT = [0.35, 0.7];
const RATES = { dropRequest: 0.25, dropResponse: 0.1, duplicate: 0.1, delay: 0.2, reorder: 0.1 };
const MAX_DELAY_MS = 2_000;
const CLIENT_VERSION = '0.1.0';
const USERS = ['ana', 'ben', 'cai', 'dee'] as const;
/** Two devices for the first user, one for each other: five engines. */
const DEVICES: Array<(typeof USERS)[number]> = ['ana', 'ana', 'ben', 'cai', 'dee'];

interface Account extends ModelUser {
  name: string;
  cookie: string;
}

interface Client {
  label: string;
  account: Account;
  engine: SyncEngine;
  random: () => number;
}

let persistDir: string;
let worker: WorkerProcess;
let proxy: FaultProxy | undefined;
const engines: SyncEngine[] = [];

before(async () => {
  persistDir = mkdtempSync(path.join(tmpdir(), 'corates-chaos-'));
  worker = await workerProcess(await freePort(), persistDir);
  await worker.start();
});

after(async () => {
  await Promise.all(engines.map((e) => e.stop()));
  await proxy?.close();
  await worker?.kill();
  rmSync(persistDir, { recursive: true, force: true });
});

function uuidFrom(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ((parseInt(hex[16]!, 16) & 3) | 8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

async function signUp(name: string): Promise<Account> {
  const email = `${name}-${SEED}@chaos.test`;
  const res = await fetch(`${worker.url}/api/auth/sign-up/email`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: worker.url },
    body: JSON.stringify({ name, email, password: `${name}-chaos-password` }),
  });
  assert.equal(res.status, 200, await res.clone().text());
  const body = (await res.json()) as { user: { id: string } };
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { id: body.user.id, email, name, cookie };
}

/**
 * Two projects per owner among the first two users, each shared with every other user in a
 * seeded role by invitation (invite over REST, accept with the invitee's session), read back as
 * the server has them.
 */
async function setUpSharedProjects(accounts: Account[]): Promise<ModelProject[]> {
  const rnd = seededRandom(SEED ^ 0x5eed);
  const out: ModelProject[] = [];
  for (const owner of accounts.slice(0, 2)) {
    for (let k = 0; k < 2; k++) {
      const name = `Shared ${owner.name} ${k + 1}`;
      const created = await post<{ id: string }>(owner, '/api/projects', { name });
      const members = new Map<string, Role>([[owner.id, 'owner']]);
      for (const invitee of accounts) {
        if (invitee.id === owner.id) continue;
        const role = ROLES[Math.floor(rnd() * ROLES.length)]!;
        const sent = await post<{ link: string }>(owner, `/api/projects/${created.id}/members`, {
          email: invitee.email,
          role,
        });
        const token = new URL(sent.link).pathname.split('/').pop()!;
        await post(invitee, `/api/invitations/${token}/accept`, {});
        members.set(invitee.id, role);
      }
      const now = await api<{ version: number }>(owner, `/api/projects/${created.id}`);
      out.push({
        id: created.id,
        name,
        description: '',
        createdBy: owner.id,
        version: now.version,
        members,
      });
    }
  }
  return out;
}

async function post<T>(account: Account, path: string, body: unknown): Promise<T> {
  const res = await fetch(`${worker.url}${path}`, {
    method: 'POST',
    headers: {
      cookie: account.cookie,
      'Content-Type': 'application/json',
      'X-Client-Version': CLIENT_VERSION,
    },
    body: JSON.stringify(body),
  });
  assert.ok(res.ok, `POST ${path}: ${res.status} ${await res.clone().text()}`);
  return (await res.json()) as T;
}

async function api<T>(account: Account, path: string): Promise<T> {
  const res = await fetch(`${worker.url}${path}`, {
    headers: { Cookie: account.cookie, 'X-Client-Version': CLIENT_VERSION },
  });
  assert.equal(res.status, 200, `${path}: ${await res.clone().text()}`);
  return (await res.json()) as T;
}

/** What the server shows `account` through its REST API, in the model's shape. */
async function serverView(account: Account): Promise<UserView> {
  const { projects } = await api<{
    projects: Array<UserView['projects'][number]>;
  }>(account, '/api/projects');
  const out: UserView['projects'] = [];
  for (const p of projects) {
    const { members } = await api<{ members: Array<{ userId: string; role: Role }> }>(
      account,
      `/api/projects/${p.id}/members`,
    );
    out.push({
      id: p.id,
      name: p.name,
      description: p.description,
      role: p.role,
      memberCount: p.memberCount,
      version: p.version,
      members: members
        .map((m) => ({ userId: m.userId, role: m.role }))
        .sort((a, b) => a.userId.localeCompare(b.userId)),
    });
  }
  out.sort((a, b) => a.id.localeCompare(b.id));
  return { projects: out, settings: await api<UserSettings>(account, '/api/me/settings') };
}

/** What an engine's Dexie cache shows, in the same shape. */
async function cacheView(engine: SyncEngine): Promise<UserView> {
  const [projects, memberships, settings] = await Promise.all([
    engine.db.projects.toArray(),
    engine.db.memberships.toArray(),
    engine.db.settings.get('user'),
  ]);
  return {
    projects: projects
      .map((p) => ({
        id: p.id,
        name: p.name,
        description: p.description,
        role: p.role,
        memberCount: p.memberCount,
        version: p.version,
        members: memberships
          .filter((m) => m.projectId === p.id)
          .map((m) => ({ userId: m.userId, role: m.role }))
          .sort((a, b) => a.userId.localeCompare(b.userId)),
      }))
      .sort((a, b) => a.id.localeCompare(b.id)),
    settings: settings?.value as UserSettings,
  };
}

/** A random op as a user of this client's UI could make it, from what its cache shows now. */
async function randomOp(client: Client, accounts: Account[], n: number): Promise<NewOp> {
  const { random: rnd, engine, account } = client;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const projects = await engine.db.projects.toArray();
  const owned = projects.filter((p) => p.role === 'owner');
  const label = `${client.label} #${n}`;
  if (projects.length === 0 || (owned.length < 2 && rnd() < 0.3) || rnd() < 0.03) {
    return {
      type: 'project.create',
      payload: { id: uuidFrom(rnd), name: `Project ${label}`, description: '' },
    };
  }
  const project = pick(projects);
  const members = await engine.db.memberships.where('projectId').equals(project.id).toArray();
  const others = accounts.filter((a) => a.id !== account.id);
  const r = rnd();
  if (r < 0.4) {
    const which = rnd();
    return {
      type: 'project.update',
      payload: {
        id: project.id,
        ...(which < 0.7 ? { name: `Name ${label}` } : {}),
        ...(which >= 0.5 ? { description: `Description ${label}` } : {}),
        // A write against the version this client saw: a conflict when someone got there first.
        ...(rnd() < 0.3 && project.version > 0 ? { ifVersion: project.version } : {}),
      },
    };
  }
  if (r < 0.52) {
    const patch: Partial<UserSettings> = {};
    if (rnd() < 0.6) patch.theme = pick(['system', 'light', 'dark'] as const);
    if (rnd() < 0.6) patch.staleAfterMinutes = 1 + Math.floor(rnd() * 120);
    if (rnd() < 0.4 || Object.keys(patch).length === 0) patch.showGuidance = rnd() < 0.5;
    return { type: 'settings.update', payload: { changes: patch } };
  }
  if (r < 0.66) {
    return {
      type: 'member.add',
      payload: { projectId: project.id, email: pick(others).email, role: pick(ROLES) },
    };
  }
  if (r < 0.8) {
    const target = members.length > 0 ? pick(members).userId : pick(accounts).id;
    return {
      type: 'member.setRole',
      payload: { projectId: project.id, userId: target, role: pick(ROLES) },
    };
  }
  if (r < 0.95) {
    // Sometimes leave, sometimes remove someone else.
    const target =
      rnd() < 0.1 ? account.id : members.length > 0 ? pick(members).userId : account.id;
    return { type: 'member.remove', payload: { projectId: project.id, userId: target } };
  }
  return { type: 'project.delete', payload: { id: project.id } };
}

/** The first differences between two views, readable in a failure message. */
function viewDiff(actual: UserView, expected: UserView): string[] {
  const out: string[] = [];
  const want = new Map(expected.projects.map((p) => [p.id, p]));
  const got = new Map(actual.projects.map((p) => [p.id, p]));
  for (const [id, p] of got) {
    const e = want.get(id);
    if (!e) out.push(`extra project ${id} ${JSON.stringify(p)}`);
    else if (JSON.stringify(p) !== JSON.stringify(e))
      out.push(`project ${id}: got ${JSON.stringify(p)}, want ${JSON.stringify(e)}`);
  }
  for (const id of want.keys()) if (!got.has(id)) out.push(`missing project ${id}`);
  if (JSON.stringify(actual.settings) !== JSON.stringify(expected.settings)) {
    out.push(
      `settings: got ${JSON.stringify(actual.settings)}, want ${JSON.stringify(expected.settings)}`,
    );
  }
  return out;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function queueCounts(engine: SyncEngine) {
  const ops = await engine.db.ops.toArray();
  return {
    unanswered: ops.filter((o) => o.status !== 'failed').length,
    failed: ops.filter((o) => o.status === 'failed'),
  };
}

test('sync survives drops, duplicates, delays, reordering and server restarts', async () => {
  const started = Date.now();
  const accounts: Account[] = [];
  for (const name of USERS) accounts.push(await signUp(name));
  const byName = new Map(accounts.map((a) => [a.name, a]));
  // People join projects only by accepting an invitation, which is not an op: the projects the
  // clients share are set up before the first op, and the model starts from them.
  const shared = await setUpSharedProjects(accounts);

  proxy = await startFaultProxy({
    target: worker.url,
    seed: SEED,
    rates: RATES,
    maxDelayMs: MAX_DELAY_MS,
    faulty: (_method, p) => p.startsWith('/api/sync/'),
    serialize: (method, p) => method === 'POST' && p.startsWith('/api/sync/ops'),
  });

  const root = seededRandom(SEED);
  const clients: Client[] = DEVICES.map((name, i) => {
    const account = byName.get(name)!;
    const random = seededRandom(Math.floor(root() * 2 ** 32));
    // Each device has its own IndexedDB, as two browsers would.
    const db = openSyncDb(syncDbName(account.id), { indexedDB: new IDBFactory(), IDBKeyRange });
    const engine = createSyncEngine({
      db,
      owner: { id: account.id, name: account.name, email: account.email },
      transport: {
        fetch: (input, init) => fetch(input, init),
        baseUrl: proxy!.url,
        clientVersion: CLIENT_VERSION,
        headers: () => ({ cookie: account.cookie }),
      },
      random,
      newId: () => uuidFrom(random),
      backoff: { baseMs: 100, maxMs: 2_000 },
      pullIntervalMs: 3_000,
    });
    engines.push(engine);
    return { label: `${name}${i}`, account, engine, random };
  });
  for (const c of clients) c.engine.start();

  // Every op any client enqueued: the model replays them, the checks account for each.
  const enqueued = new Map<
    string,
    { userId: string; type: OpType; payload: unknown; client: Client }
  >();
  let restarts = 0;
  let restartMs = 0;
  const perClient = Math.ceil(TOTAL_OPS / clients.length);

  const restarter = (async () => {
    for (const at of RESTART_AT) {
      while (enqueued.size < TOTAL_OPS * at) await sleep(50);
      const t = Date.now();
      await worker.kill();
      await sleep(300);
      await worker.start();
      restartMs += Date.now() - t;
      restarts += 1;
    }
  })();

  await Promise.all(
    clients.map(async (client) => {
      let n = 0;
      while (n < perClient) {
        const burst = 1 + Math.floor(client.random() * 20);
        for (let i = 0; i < burst && n < perClient; i++) {
          const op = await randomOp(client, accounts, n++);
          const queued = await client.engine.enqueue(op);
          enqueued.set(queued.id, {
            userId: client.account.id,
            type: queued.type,
            payload: queued.payload,
            client,
          });
        }
        await sleep(client.random() * 250);
      }
    }),
  );
  await restarter;
  const enqueuedAt = Date.now();

  // Drain with the faults still on: every op ends applied or failed.
  for (let round = 0; ; round++) {
    const counts = await Promise.all(clients.map((c) => queueCounts(c.engine)));
    if (counts.every((c) => c.unanswered === 0)) break;
    assert.ok(round < 200, `queues still not drained: ${counts.map((c) => c.unanswered)}`);
    await Promise.all(clients.map((c) => c.engine.flush()));
  }
  const drainedAt = Date.now();

  // A calm network for the final pull of every client.
  const faults = { ...proxy.counters };
  proxy.setRates(NO_FAULTS);
  for (const c of clients) await c.engine.flush();

  // The server's record of every op it ran, in the order it ran them.
  const rows = await queryLocalD1<{
    seq: number;
    id: string;
    user_id: string;
    type: string;
    status: string;
    result: string | null;
  }>(
    persistDir,
    'SELECT rowid AS seq, id, user_id, type, status, result FROM applied_ops ORDER BY rowid',
  );

  // (2) Replay in server order under the documented rules; each op's outcome must match too.
  const model = new SyncModel(accounts);
  for (const project of shared) model.seedProject(project);
  const outcomeMismatches: string[] = [];
  const serverOutcome = new Map<string, { status: string; code?: string }>();
  let unrecorded = 0;
  for (const row of rows) {
    const op = enqueued.get(row.id);
    assert.ok(op, `the server ran an op no client sent: ${row.id}`);
    assert.equal(row.user_id, op.userId);
    assert.equal(row.type, op.type);
    const expected = model.apply(op.userId, op.type, op.payload);
    if (!row.result) {
      // Its write committed but the Worker died before storing the result: it applied (the
      // server answers it as such). A claim still `pending` here would be an op never run.
      unrecorded += 1;
      serverOutcome.set(row.id, { status: row.status === 'committed' ? 'applied' : row.status });
      if (row.status !== 'committed' || expected.status !== 'applied') {
        outcomeMismatches.push(
          `#${row.seq} ${op.type}: left ${row.status}, model ${expected.status}`,
        );
      }
      continue;
    }
    const result = JSON.parse(row.result) as OpResult;
    serverOutcome.set(row.id, {
      status: result.status,
      ...(result.code ? { code: result.code } : {}),
    });
    if (result.status !== expected.status || result.code !== expected.code) {
      outcomeMismatches.push(
        `#${row.seq} ${op.type} ${JSON.stringify(op.payload)}: server ${result.status}/${result.code}, model ${expected.status}/${expected.code}`,
      );
    }
  }
  // The figures for the closing note.
  const byType = Object.fromEntries(OP_TYPES.map((t) => [t, 0]));
  for (const op of enqueued.values()) byType[op.type]! += 1;
  const outcomes: Record<string, number> = {};
  for (const o of serverOutcome.values()) {
    const key = o.code ? `${o.status}:${o.code}` : o.status;
    outcomes[key] = (outcomes[key] ?? 0) + 1;
  }
  const sharedProjects = new Set(
    accounts.flatMap((a) =>
      model
        .viewOf(a.id)
        .projects.filter((p) => p.memberCount > 1)
        .map((p) => p.id),
    ),
  ).size;
  console.log(
    JSON.stringify(
      {
        seed: SEED,
        ops: enqueued.size,
        users: accounts.length,
        clients: clients.length,
        opsByType: byType,
        outcomes,
        rates: RATES,
        maxDelayMs: MAX_DELAY_MS,
        faults,
        restarts,
        restartMs,
        resultsLostInACrash: unrecorded,
        sharedProjectsAtEnd: sharedProjects,
        enqueueSeconds: (enqueuedAt - started) / 1000,
        drainSeconds: (drainedAt - enqueuedAt) / 1000,
      },
      null,
      2,
    ),
  );
  assert.deepEqual(
    outcomeMismatches.slice(0, 10),
    [],
    `${outcomeMismatches.length} outcomes differ`,
  );

  // (4) Nothing lost: every op reached the server once; the client's verdict is the server's.
  const failedOnClient = new Map<string, string>();
  for (const c of clients) {
    const { unanswered, failed } = await queueCounts(c.engine);
    assert.equal(unanswered, 0);
    for (const op of failed) failedOnClient.set(op.id, op.error?.code ?? '?');
  }
  const lost: string[] = [];
  const verdictMismatches: string[] = [];
  for (const [id, op] of enqueued) {
    const server = serverOutcome.get(id);
    if (!server) {
      lost.push(`${op.type} ${id}`);
      continue;
    }
    const clientCode = failedOnClient.get(id);
    const serverFailed = server.status !== 'applied';
    if (serverFailed !== (clientCode !== undefined) || (clientCode && clientCode !== server.code)) {
      verdictMismatches.push(
        `${op.type} ${id}: server ${server.status}/${server.code}, client ${clientCode ?? 'done'}`,
      );
    }
  }
  assert.deepEqual(lost.slice(0, 10), [], `${lost.length} ops never reached the server`);
  assert.deepEqual(
    verdictMismatches.slice(0, 10),
    [],
    `${verdictMismatches.length} verdicts differ`,
  );

  // (1) + (2) The server's state is the model's: a twice-applied update or membership change
  // shows as a version one too high, a lost one as a missing name, member or setting.
  const views = new Map<string, UserView>();
  for (const account of accounts) {
    const view = await serverView(account);
    views.set(account.id, view);
    const diff = viewDiff(view, model.viewOf(account.id));
    assert.deepEqual(
      diff.slice(0, 5),
      [],
      `server state of ${account.name}: ${diff.length} differences`,
    );
  }

  // (3) Every device's cache, after a pull on a calm network, is what the server shows its user.
  for (const c of clients) {
    const diff = viewDiff(await cacheView(c.engine), views.get(c.account.id)!);
    assert.deepEqual(diff.slice(0, 5), [], `cache of ${c.label}: ${diff.length} differences`);
  }

  console.log(`chaos test took ${(Date.now() - started) / 1000} s`);
  assert.equal(restarts, RESTART_AT.length);
  assert.ok(enqueued.size >= 2_000);
});
